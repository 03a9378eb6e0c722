"""Rule declarations (built-in rules/, a team's rule directories, plugins) to one RuleSet.

Built-in declarations are validated by the test suite, so loading them at run time skips the
JSON Schema pass; declarations from users and plugins are validated, with positions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sedex_lint.checks import BUILTIN_CHECKS, CheckSpec
from sedex_lint.model import RuleMeta, Severity
from sedex_lint.resources import rules_dir
from sedex_lint.settings_file import SettingsDocument, SettingsError, read_yaml_settings, validate

DOCS_BASE_URL = "docs/rules/"
"""Where rule pages live, relative to the repository root; a configuration may point it at a
published copy so that SARIF viewers and terminals link to it."""
RESERVED_PREFIX = "SDX"
BUILT_IN = "built-in"


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    quote: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    check: str
    rationale: str = ""
    fix: str = ""
    bad_example: str = ""
    good_example: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    applies_to: tuple[str, ...] = ()
    origin: str = BUILT_IN
    parameters_schema: Mapping[str, Any] | None = None
    """The declaration's JSON Schema for the effective parameters (defaults and overrides)."""
    default_severity: Severity | None = None
    """The declared severity when a configuration changed `severity`."""

    def meta(self, docs_base_url: str = DOCS_BASE_URL) -> RuleMeta:
        return RuleMeta(
            code=self.code,
            name=self.name,
            severity=self.severity,
            default_severity=self.default_severity or self.severity,
            summary=self.summary,
            help_uri=f"{docs_base_url}{self.code}-{self.name}.md",
            description=self.rationale,
        )

    def configured(self, severity: Severity | None, parameters: Mapping[str, Any]) -> Rule:
        return dataclasses.replace(
            self,
            severity=severity or self.severity,
            default_severity=self.default_severity or self.severity,
            parameters={**self.parameters, **parameters},
        )


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    checks: Mapping[str, CheckSpec] = field(default_factory=lambda: dict(BUILTIN_CHECKS))

    def find(self, code_or_name: str) -> Rule | None:
        wanted = code_or_name.strip()
        return next((r for r in self.rules if wanted in (r.code, r.name)), None)

    def with_check(self, checks: Iterable[str]) -> tuple[Rule, ...]:
        wanted = set(checks)
        return tuple(rule for rule in self.rules if rule.check in wanted)


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
        origin=origin,
        parameters_schema=data.get("parameters_schema"),
    )


def builtin_rules() -> RuleSet:
    files = sorted(rules_dir().glob("*.yaml"))
    return RuleSet(tuple(rule_from_mapping(read_yaml_settings(p).data, BUILT_IN) for p in files))


def load_user_rules(directory: Path, checks: Mapping[str, CheckSpec]) -> list[Rule]:
    """A team's rule directory: every *.yaml / *.yml file is one validated rule declaration."""
    if not directory.is_dir():
        raise SettingsError(str(directory), 1, 1, "rule directory does not exist")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    return [declared_rule(read_yaml_settings(path), checks, str(directory)) for path in files]


def declared_rule(document: SettingsDocument, checks: Mapping[str, CheckSpec], origin: str) -> Rule:
    """A user's or plugin's declaration, validated against rule.schema.json and its check."""
    validate(document, "rule.schema.json")
    data = document.data
    if str(data["code"]).startswith(RESERVED_PREFIX):
        raise document.error(
            ("code",), f"codes starting with {RESERVED_PREFIX} are reserved for built-in rules"
        )
    spec = checks.get(str(data["check"]))
    if spec is None or spec.scope == "document":
        known = ", ".join(sorted(name for name, s in checks.items() if s.scope != "document"))
        raise document.error(("check",), f"unknown check {data['check']!r} (known: {known})")
    own_schema = data.get("parameters_schema")
    if own_schema is not None:
        schema_problem = _schema_problem(own_schema)
        if schema_problem is not None:
            path, reason = schema_problem
            raise document.error(("parameters_schema", *path), reason)
    problem = parameter_problem(spec, data.get("parameters") or {}, own_schema)
    if problem is not None:
        raise document.error(("parameters", *problem.path), problem.reason, problem.at_key)
    return rule_from_mapping(data, origin)


@dataclass(frozen=True)
class ParameterProblem:
    path: tuple[str | int, ...]
    """Inside the parameters."""
    reason: str
    at_key: bool = False
    """Whether the key itself is wrong (one not allowed), rather than its value."""


def parameter_problem(
    spec: CheckSpec, parameters: Mapping[str, Any], own_schema: Mapping[str, Any] | None = None
) -> ParameterProblem | None:
    """The first invalid parameter, or None.

    Both the check's schema and the declaration's `parameters_schema` apply, with the formats
    of `format_checker()` asserted, so that a value a check cannot use stops the run at load
    time instead of crashing the check on every workload.
    """
    import jsonschema  # deferred: only runs that configure or declare rules pay for it

    # the declaration's schema first: it is the more specific one, with formats that explain
    # what is wrong ("did you mean 'Gi'?") where the check's pattern only says "does not match"
    for schema in (own_schema, spec.params_schema):
        if not schema:
            continue
        validator = jsonschema.Draft202012Validator(schema, format_checker=format_checker())
        error = jsonschema.exceptions.best_match(validator.iter_errors(dict(parameters)))
        if error is None:
            continue
        # a format's own reason ("has more than one decimal point") beats "is not a 'x'"
        reason = f"invalid parameter: {error.cause or error.message}"
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            extra = next((key for key in error.instance if key not in allowed), None)
            if extra is not None:
                return ParameterProblem((*path, extra), reason, at_key=True)
        return ParameterProblem(path, reason)
    return None


@cache
def format_checker() -> Any:
    """JSON Schema formats for parameters, beyond the standard ones.

    `k8s-quantity`: a value Kubernetes accepts as a resource quantity (`1Gi`, `500M`, `1e9`).
    `k8s-positive-quantity`: such a value above zero, for sizes and floors; `.` and `0` are
    valid quantities, but a memory minimum of zero would silently check nothing.
    """
    import jsonschema

    from sedex_lint.quantity import QuantityError, parse_quantity

    checker = jsonschema.FormatChecker()

    @checker.checks("k8s-quantity", raises=QuantityError)
    def _quantity(value: object) -> bool:
        if isinstance(value, str):  # other types are the `type` keyword's business
            parse_quantity(value)
        return True

    @checker.checks("k8s-positive-quantity", raises=QuantityError)
    def _positive_quantity(value: object) -> bool:
        amount = parse_quantity(value) if isinstance(value, str) else 1
        if amount <= 0:
            raise QuantityError(
                f"{value!r} is {amount} as a Kubernetes quantity; it must be above zero"
            )
        return True

    return checker


def _schema_problem(schema: Mapping[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    """A declaration's `parameters_schema` that is not itself a valid JSON Schema."""
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        return tuple(error.absolute_path), f"not a valid JSON Schema: {error.message}"
    return None


def merge_rules(base: RuleSet, extra: Sequence[Rule], checks: Mapping[str, CheckSpec]) -> RuleSet:
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
