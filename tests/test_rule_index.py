"""rules/index.json: the built-in declarations read ahead of time, never trusted when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from sedex_lint.registry import BUILT_IN, builtin_rules, read_declarations, rule_from_mapping
from sedex_lint.rule_index import INDEX_FILE, read_index, render_index
from tests.conftest import REPO

RULES = REPO / "rules"


def _declarations(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def test_index_is_current() -> None:
    """Regenerate with: python -m sedex_lint.rule_docs"""
    expected = render_index(read_declarations(_declarations(RULES)))
    assert (RULES / INDEX_FILE).read_text(encoding="utf-8") == expected, "rules/index.json is stale"


def test_rules_from_the_index_equal_rules_from_the_yaml() -> None:
    from_yaml = tuple(
        rule_from_mapping(data, BUILT_IN) for _, data in read_declarations(_declarations(RULES))
    )
    assert read_index(RULES, _declarations(RULES)) is not None
    assert builtin_rules().rules == from_yaml


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    assert read_index(copy, _declarations(copy)) is not None
    return copy


def test_an_edited_declaration_makes_the_index_unusable(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    declaration = copy / "SDX009-termination-grace-period.yaml"
    text = declaration.read_text(encoding="utf-8")
    # same size, one byte different: the CRC catches what the size cannot
    declaration.write_text(text.replace("severity: warning", "severity: warnink"), "utf-8")
    assert read_index(copy, _declarations(copy)) is None


def test_an_added_or_removed_declaration_makes_the_index_unusable(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / "SDX009-termination-grace-period.yaml").unlink()
    assert read_index(copy, _declarations(copy)) is None
    copy = _copy(tmp_path / "again")
    shutil.copy(copy / "SDX001-single-replica.yaml", copy / "SDX999-extra.yaml")
    assert read_index(copy, _declarations(copy)) is None


def test_a_missing_or_broken_index_is_ignored(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    (copy / INDEX_FILE).write_text('{"format": 1, "declarations": {}}', encoding="utf-8")
    assert read_index(copy, _declarations(copy)) is None
    (copy / INDEX_FILE).write_text("{not json", encoding="utf-8")
    assert read_index(copy, _declarations(copy)) is None
    (copy / INDEX_FILE).unlink()
    assert read_index(copy, _declarations(copy)) is None
