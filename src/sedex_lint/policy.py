"""Configuration + command line + plugins -> the rules, threshold and recognition of one run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sedex_lint.config import Config
from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.model import InternalError, Severity
from sedex_lint.parameters import parameter_problem
from sedex_lint.plugins import load_plugins
from sedex_lint.registry import (
    Rule,
    RuleSet,
    builtin_rules,
    load_user_rules,
    merge_rules,
    schema_of,
)
from sedex_lint.workload import Recognition


class OptionError(ValueError):
    """A command-line option that names nothing; it has no file position to report."""


class Policy:
    """What one run enforces. Immutable by convention: `with_parameter` makes a new one."""

    __slots__ = (
        "available",
        "base_dir",
        "config_file",
        "docs_url",
        "enabled",
        "exclude",
        "fail_on",
        "limits",
        "plugin_errors",
        "recognition",
    )

    available: RuleSet
    """Every known rule, configured (severity, parameters), enabled or not."""
    enabled: frozenset[str]
    fail_on: Severity
    recognition: Recognition
    exclude: tuple[str, ...]
    base_dir: Path
    docs_url: str
    plugin_errors: tuple[InternalError, ...]
    config_file: str | None
    limits: Limits

    def __init__(
        self,
        available: RuleSet,
        enabled: frozenset[str],
        fail_on: Severity = Severity.ERROR,
        recognition: Recognition | None = None,
        exclude: tuple[str, ...] = (),
        base_dir: Path | None = None,
        docs_url: str = "docs/rules/",
        plugin_errors: tuple[InternalError, ...] = (),
        config_file: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        """`base_dir` defaults to the working directory, `recognition` to the official image."""
        self.available = available
        self.enabled = enabled
        self.fail_on = fail_on
        self.recognition = Recognition() if recognition is None else recognition
        self.exclude = exclude
        self.base_dir = Path.cwd() if base_dir is None else base_dir
        self.docs_url = docs_url
        self.plugin_errors = plugin_errors
        self.config_file = config_file
        self.limits = limits

    @property
    def rules(self) -> RuleSet:
        chosen = tuple(rule for rule in self.available.rules if rule.code in self.enabled)
        return RuleSet(chosen, self.available.checks)

    @property
    def known_rules(self) -> frozenset[str]:
        return frozenset(key for r in self.available.rules for key in (r.code, r.name))


def selects(selector: str, rule: Rule) -> bool:
    """A code, a code prefix (`SDX`, `SDX00`) or a name; `ALL` selects every rule."""
    wanted = selector.strip()
    return wanted in ("ALL", rule.code, rule.name) or (
        wanted.isupper() and rule.code.startswith(wanted)
    )


def build_policy(
    config: Config,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: Severity | None = None,
    discover_plugins: Callable[[], Sequence[Any]] | None = None,
) -> Policy:
    """Raises SettingsError (pointing into the config file) for a setting that names nothing."""
    base = builtin_rules()
    plugins = load_plugins(base.checks, discover_plugins)
    checks = {**base.checks, **plugins.checks}
    extra = list(plugins.rules)
    for directory in config.rule_dirs:
        extra.extend(load_user_rules(directory, checks))
    available = merge_rules(base, extra, plugins.checks)
    available = _configure(available, config)
    enabled = _select(available, config, select, ignore)
    return Policy(
        available=available,
        enabled=frozenset(enabled),
        fail_on=fail_on or config.fail_on or Severity.ERROR,
        recognition=config.recognition,
        exclude=config.exclude,
        base_dir=config.base_dir,
        docs_url=config.docs_url,
        plugin_errors=tuple(plugins.errors),
        config_file=config.file,
        limits=config.limits,
    )


def with_parameter(policy: Policy, name: str, value: Any) -> Policy:
    """Every rule that has parameter `name` gets `value` (`--kubernetes-version`)."""
    rules = tuple(
        rule.configured(None, {name: value}) if name in rule.parameters else rule
        for rule in policy.available.rules
    )
    return Policy(
        available=RuleSet(rules, policy.available.checks),
        enabled=policy.enabled,
        fail_on=policy.fail_on,
        recognition=policy.recognition,
        exclude=policy.exclude,
        base_dir=policy.base_dir,
        docs_url=policy.docs_url,
        plugin_errors=policy.plugin_errors,
        config_file=policy.config_file,
        limits=policy.limits,
    )


def _configure(rules: RuleSet, config: Config) -> RuleSet:
    builtin = builtin_rules()
    configured = {rule.code: rule for rule in rules.rules}
    for key, setting in config.rules.items():
        rule = rules.find(key)
        if rule is None:
            raise config.error(("rules", key), f"unknown rule {key!r}")
        # the effective parameters: the declaration's defaults with the overrides on top
        problem = parameter_problem(
            schema_of(rule, builtin), {**rule.parameters, **setting.parameters}
        )
        if problem is not None:
            path = ("rules", key, "parameters", *problem.path)
            raise config.error(path, problem.reason, problem.at_key)
        configured[rule.code] = configured[rule.code].configured(
            setting.severity, setting.parameters
        )
    return RuleSet(tuple(configured[r.code] for r in rules.rules), rules.checks)


def _select(
    rules: RuleSet, config: Config, select: Sequence[str], ignore: Sequence[str]
) -> list[str]:
    chosen_select = list(select) or list(config.select)
    chosen_ignore = [*config.ignore, *ignore]
    for field_name, selectors, from_cli in (
        ("select", chosen_select, bool(select)),
        ("ignore", chosen_ignore, False),
    ):
        for index, selector in enumerate(selectors):
            if not any(selects(selector, rule) for rule in rules.rules):
                reason = f"{selector!r} matches no rule (use a code, a code prefix or a name)"
                if from_cli or index >= len(getattr(config, field_name)):
                    raise OptionError(f"--{field_name}: {reason}")
                raise config.error((field_name, index), reason)
    return [
        rule.code
        for rule in rules.rules
        if (not chosen_select or any(selects(s, rule) for s in chosen_select))
        and not any(selects(s, rule) for s in chosen_ignore)
    ]
