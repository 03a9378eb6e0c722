"""Rule tests in the style of yamllint's RuleTestCase: one rule runs alone on inline YAML, and
the test compares the complete list of its (code, line, column), so another rule firing on
the same manifest can never break it."""

from __future__ import annotations

import textwrap
from typing import Any

from sedex_lint.api import lint_text
from sedex_lint.model import Report
from sedex_lint.registry import RuleSet, builtin_rules

Triple = tuple[str, int, int]


def run_rule(text: str, code: str, **parameters: Any) -> Report:
    """Lint `text` (dedented) with the built-in rule `code` alone, parameters overridden."""
    available = builtin_rules()
    rule = available.find(code)
    assert rule is not None, f"no built-in rule {code}"
    if parameters:
        rule = rule._replace(parameters={**rule.parameters, **parameters})
    alone = RuleSet((rule,), available.checks)
    return lint_text(textwrap.dedent(text).lstrip("\n"), "test.yaml", alone)


def lint_rule(text: str, code: str, **parameters: Any) -> list[Triple]:
    """Every (code, line, column) that rule `code` alone reports on `text`."""
    report = run_rule(text, code, **parameters)
    assert report.errors == (), report.errors
    return [(f.code, f.line, f.column) for f in report.findings]


def rule_messages(text: str, code: str, **parameters: Any) -> list[str]:
    return [f.message for f in run_rule(text, code, **parameters).findings]
