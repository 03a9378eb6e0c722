"""Rule declarations (built-in rules/, a team's rule directories, plugins) to one RuleSet.

Built-in declarations are validated by the test suite, so loading them at run time skips the
JSON Schema pass; declarations from users and plugins are validated, with positions.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from sedex_lint.checks import BUILTIN_CHECKS, PARAMETER_SCHEMAS
from sedex_lint.model import RuleMeta, Severity
from sedex_lint.parameters import parameter_problem, schema_problem
from sedex_lint.resources import rules_dir
from sedex_lint.rule_index import read_index
from sedex_lint.scopes import CheckScope, ObjectScope, RunScope, WorkloadScope
from sedex_lint.settings_file import SettingsDocument, SettingsError, read_yaml_settings, validate

DOCS_BASE_URL = "docs/rules/"
"""Where rule pages live, relative to the repository root; a configuration may point it at a
published copy so that SARIF viewers and terminals link to it."""
RESERVED_PREFIX = "SDX"
BUILT_IN = "built-in"


class Source(NamedTuple):
    title: str
    url: str
    quote: str | None = None


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    check: str
    rationale: str = ""
    fix: str = ""
    bad_example: str = ""
    good_example: str = ""
    parameters: Mapping[str, Any] = {}  # one shared empty default: parameters are read-only
    sources: tuple[Source, ...] = ()
    applies_to: tuple[str, ...] = ()
    topic: str = "other"
    """The group `sedex-lint rules` lists the rule under."""
    origin: str = BUILT_IN
    parameters_schema: Mapping[str, Any] | None = None
    """The declaration's JSON Schema for the effective parameters (defaults and overrides)."""
    default_severity: Severity | None = None
    """The declared severity when a configuration changed `severity`."""

    def meta(
        self, docs_base_url: str = DOCS_BASE_URL, page: Callable[[], str] | None = None
    ) -> RuleMeta:
        """The rule as reports describe it; `page` renders its whole page when one is shown."""
        return RuleMeta(
            code=self.code,
            name=self.name,
            severity=self.severity,
            default_severity=self.default_severity or self.severity,
            summary=self.summary,
            help_uri=f"{docs_base_url}{self.code}-{self.name}.md",
            description=self.rationale,
            page=page,
        )

    def configured(self, severity: Severity | None, parameters: Mapping[str, Any]) -> "Rule":
        return self._replace(
            severity=severity or self.severity,
            default_severity=self.default_severity or self.severity,
            parameters={**self.parameters, **parameters},
        )


class RuleSet:
    """Rules and the checks they may name (by default the built-in ones). Immutable by
    convention: a changed set is a new RuleSet."""

    __slots__ = ("checks", "rules")

    rules: tuple[Rule, ...]
    checks: Mapping[str, CheckScope]

    def __init__(
        self, rules: tuple[Rule, ...], checks: Mapping[str, CheckScope] | None = None
    ) -> None:
        self.rules = rules
        self.checks = dict(BUILTIN_CHECKS) if checks is None else checks

    def find(self, code_or_name: str) -> Rule | None:
        wanted = code_or_name.strip()
        return next((r for r in self.rules if wanted in (r.code, r.name)), None)


def rule_from_mapping(data: Mapping[str, Any], origin: str) -> Rule:
    examples = data.get("examples") or {}
    return Rule(
        code=str(data["code"]),
        name=str(data["name"]),
        severity=Severity.parse(str(data["severity"])),
        summary=str(data["summary"]).strip(),
        check=str(data["check"]),
        rationale=str(data.get("rationale", "")).strip(),
        fix=str(data.get("fix", "")).strip(),
        bad_example=str(examples.get("bad", "")),
        good_example=str(examples.get("good", "")),
        parameters=dict(data.get("parameters") or {}),
        sources=tuple(Source(**source) for source in data.get("sources") or ()),
        applies_to=tuple(data.get("applies_to") or ()),
        topic=str(data.get("topic") or "other"),
        origin=origin,
        parameters_schema=data.get("parameters_schema"),
    )


@cache
def builtin_rules() -> RuleSet:
    directory = rules_dir()
    files = sorted(directory.glob("*.yaml"))
    declarations = read_index(directory, files)
    if declarations is None:
        declarations = [data for _, data in read_declarations(files)]
    return RuleSet(tuple(rule_from_mapping(data, BUILT_IN) for data in declarations))


def read_declarations(files: Sequence[Path]) -> list[tuple[Path, Mapping[str, Any]]]:
    """The built-in declarations read from their YAML (what `index.json` caches)."""
    return [(path, read_yaml_settings(path).data) for path in files]


def load_user_rules(directory: Path, checks: Mapping[str, CheckScope]) -> list[Rule]:
    """A team's rule directory: every *.yaml / *.yml file is one validated rule declaration."""
    if not directory.is_dir():
        raise SettingsError(str(directory), 1, 1, "rule directory does not exist")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    return [declared_rule(read_yaml_settings(path), checks, str(directory)) for path in files]


def declared_rule(
    document: SettingsDocument, checks: Mapping[str, CheckScope], origin: str
) -> Rule:
    """A user's or plugin's declaration, validated against rule.schema.json and its check."""
    validate(document, "rule.schema.json")
    data = document.data
    if str(data["code"]).startswith(RESERVED_PREFIX):
        raise document.error(
            ("code",), f"codes starting with {RESERVED_PREFIX} are reserved for built-in rules"
        )
    usable = sorted(name for name, scope in checks.items() if _declarable(scope))
    if str(data["check"]) not in usable:
        known = ", ".join(usable)
        raise document.error(("check",), f"unknown check {data['check']!r} (known: {known})")
    own_schema = data.get("parameters_schema")
    if own_schema is not None:
        invalid = schema_problem(own_schema)
        if invalid is not None:
            path, reason = invalid
            raise document.error(("parameters_schema", *path), reason)
    rule = rule_from_mapping(data, origin)
    problem = parameter_problem(schema_of(rule, builtin_rules()), rule.parameters)
    if problem is not None:
        raise document.error(("parameters", *problem.path), problem.reason, problem.at_key)
    return rule


def schema_of(rule: Rule, builtin: RuleSet) -> Mapping[str, Any] | None:
    """The schema a rule's parameters must satisfy: its own declaration's; for a team's rule
    that reuses a check without declaring one, the built-in rule's that runs the same check,
    or the schema of a check made for teams' rules (json_schema)."""
    if rule.parameters_schema is not None:
        return rule.parameters_schema
    twin = next((r for r in builtin.rules if r.check == rule.check), None)
    if twin is not None and twin.parameters_schema is not None:
        return twin.parameters_schema
    return PARAMETER_SCHEMAS.get(rule.check)


def _declarable(scope: CheckScope) -> bool:
    """Checks a team's rule may name: those that look at objects, not at the loader's work."""
    return isinstance(scope, WorkloadScope | ObjectScope | RunScope)


def merge_rules(base: RuleSet, extra: Sequence[Rule], checks: Mapping[str, CheckScope]) -> RuleSet:
    """Add rules from directories and plugins; a code or name used twice is an error."""
    rules = list(base.rules)
    seen = {rule.code: rule.origin for rule in rules} | {rule.name: rule.origin for rule in rules}
    for rule in extra:
        for key in (rule.code, rule.name):
            if key in seen:
                raise SettingsError(
                    rule.origin, 1, 1, f"rule {key} is declared twice ({seen[key]} and here)"
                )
            seen[key] = rule.origin
        rules.append(rule)
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)), {**base.checks, **checks})
