"""Whole-run rule tests: one built-in rule runs alone over several named inputs ("-" is
standard input), and the test compares every (code, file, line, column) it reports."""

from __future__ import annotations

import textwrap

from sedex_lint.engine import Engine
from sedex_lint.inputs import Input
from sedex_lint.model import Report
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.runner import lint_inputs

Place = tuple[str, str, int, int]


def run_report(files: dict[str, str], code: str, jobs: int = 1) -> Report:
    available = builtin_rules()
    rule = available.find(code)
    assert rule is not None, f"no built-in rule {code}"
    engine = Engine(RuleSet((rule,), available.checks))
    data = {name: textwrap.dedent(text).lstrip("\n").encode() for name, text in files.items()}
    inputs = [Input(name) for name in files]
    report = lint_inputs(engine, inputs, reader=lambda item: data[item.name], jobs=jobs)
    assert report.internal_errors == (), report.internal_errors
    assert report.errors == (), report.errors
    return report


def lint_run(files: dict[str, str], code: str, jobs: int = 1) -> list[Place]:
    """Every (code, file, line, column) that rule `code` alone reports on the run."""
    report = run_report(files, code, jobs)
    return [(f.code, f.file, f.line, f.column) for f in report.findings]


def run_messages(files: dict[str, str], code: str) -> list[str]:
    return [f.message for f in run_report(files, code).findings]
