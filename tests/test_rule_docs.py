from __future__ import annotations

from sedex_lint.registry import builtin_rules
from sedex_lint.rule_docs import pages
from tests.conftest import REPO


def test_rule_pages_are_current() -> None:
    """Regenerate with: python -m sedex_lint.rule_docs docs/rules"""
    docs = REPO / "docs" / "rules"
    for name, text in pages(builtin_rules()).items():
        page = docs / name
        assert page.is_file(), f"{page} is missing"
        assert page.read_text(encoding="utf-8") == text, f"{page} is stale"
    expected = set(pages(builtin_rules()))
    assert {p.name for p in docs.glob("*.md")} == expected
