"""The good examples of the image, settings, hardening and interface rules are complete,
compliant manifests: every built-in rule passes them, not only their own rule, so that a
reader can copy one as a starting point."""

from __future__ import annotations

import pytest

from sedex_lint.api import lint_text
from sedex_lint.registry import builtin_rules

COMPLETE = (
    "SDX030",
    "SDX031",
    "SDX032",
    "SDX033",
    "SDX040",
    "SDX041",
    "SDX053",
    "SDX054",
    "SDX055",
    "SDX056",
    "SDX057",
    "SDX060",
    "SDX071",
    "SDX072",
    "SDX073",
    "SDX080",
)


@pytest.mark.parametrize("code", COMPLETE)
def test_good_example_passes_every_rule(code: str) -> None:
    rule = builtin_rules().find(code)
    assert rule is not None
    report = lint_text(rule.good_example, f"{code}-good.yaml")
    assert (report.findings, report.errors) == ((), ())
    assert report.counts.sedex_workloads == 1
