from __future__ import annotations

from sedex_lint.registry import builtin_rules
from sedex_lint.rule_docs import pages, with_readme_table
from tests.conftest import REPO


def test_rule_pages_are_current() -> None:
    """Regenerate with: python -m sedex_lint.rule_docs"""
    docs = REPO / "docs" / "rules"
    for name, text in pages(builtin_rules()).items():
        page = docs / name
        assert page.is_file(), f"{page} is missing"
        assert page.read_text(encoding="utf-8") == text, f"{page} is stale"
    expected = set(pages(builtin_rules()))
    assert {p.name for p in docs.glob("*.md")} == expected


def test_readme_rule_table_is_current() -> None:
    """Regenerate with: python -m sedex_lint.rule_docs"""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme == with_readme_table(readme, builtin_rules()), "README.md's rule table is stale"
    for rule in builtin_rules().rules:
        assert f"[{rule.code}](docs/rules/{rule.code}-{rule.name}.md)" in readme


def test_architecture_lists_every_module() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = REPO / "src" / "sedex_lint"
    modules = [p.name for p in package.glob("*.py") if p.name != "__init__.py"]
    missing = [name for name in modules if f"`{name}`" not in text]
    missing += [
        f"{d.name}/"
        for d in package.iterdir()
        if d.is_dir() and (d / "__init__.py").exists()
        if f"`{d.name}/`" not in text
    ]
    assert missing == [], f"docs/architecture.md does not list {missing}"
