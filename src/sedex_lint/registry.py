"""Rule declarations (rules/*.yaml) to the immutable set of rules that a run uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedex_lint.checks import DOCUMENT_CHECKS, WORKLOAD_CHECKS
from sedex_lint.construct import construct_document
from sedex_lint.decoding import decode_manifest
from sedex_lint.model import RuleMeta, Severity
from sedex_lint.resources import rules_dir
from sedex_lint.yamlparse import compose_documents

DOCS_BASE_URL = "docs/rules/"
"""Where rule pages live, relative to the repository root; a configuration may point it at a
published copy so that SARIF viewers and terminals link to it."""


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
    rationale: str
    fix: str
    bad_example: str
    good_example: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    applies_to: tuple[str, ...] = ()
    origin: str = "built-in"

    @property
    def doc_path(self) -> str:
        return f"docs/rules/{self.code}-{self.name}.md"

    def meta(self, docs_base_url: str = DOCS_BASE_URL) -> RuleMeta:
        return RuleMeta(
            code=self.code,
            name=self.name,
            severity=self.severity,
            default_severity=self.severity,
            summary=self.summary,
            help_uri=f"{docs_base_url}{self.code}-{self.name}.md",
        )

    @property
    def primary_url(self) -> str | None:
        return self.sources[0].url if self.sources else None


class RuleFileError(Exception):
    pass


def load_rule_file(path: Path, origin: str = "built-in") -> Rule:
    documents, failure = compose_documents(decode_manifest(path.read_bytes()))
    if failure is not None:
        raise RuleFileError(f"{path}:{failure.line}:{failure.column}: {failure.reason}")
    data = construct_document(documents[0]).value if documents else None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: a rule file must be one YAML mapping")
    return rule_from_mapping(data, origin)


def rule_from_mapping(data: dict[str, Any], origin: str) -> Rule:
    check = str(data["check"])
    if check not in WORKLOAD_CHECKS and check not in DOCUMENT_CHECKS:
        raise RuleFileError(f"rule {data['code']} names unknown check {check!r}")
    examples = data.get("examples") or {}
    return Rule(
        code=str(data["code"]),
        name=str(data["name"]),
        severity=Severity.parse(str(data["severity"])),
        summary=str(data["summary"]).strip(),
        check=check,
        rationale=str(data["rationale"]).strip(),
        fix=str(data["fix"]).strip(),
        bad_example=str(examples.get("bad", "")),
        good_example=str(examples.get("good", "")),
        parameters=dict(data.get("parameters") or {}),
        sources=tuple(Source(**source) for source in data.get("sources") or ()),
        applies_to=tuple(data.get("applies_to") or ()),
        origin=origin,
    )


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    def by_code(self, code: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.code == code), None)

    def with_check(self, checks: Iterable[str]) -> tuple[Rule, ...]:
        wanted = set(checks)
        return tuple(rule for rule in self.rules if rule.check in wanted)


def builtin_rules() -> RuleSet:
    files = sorted(rules_dir().glob("*.yaml"))
    return RuleSet(tuple(load_rule_file(path) for path in files))
