"""`sedex-lint rules` and `sedex-lint explain`: the policy, readable in a terminal."""

from __future__ import annotations

from pathlib import Path

from sedex_lint.registry import builtin_rules
from sedex_lint.rule_docs import render_rule
from tests.conftest import REPO, sedex_lint


def test_rules_table_lists_every_rule_with_effective_severity(tmp_path: Path) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text(
        "ignore: [SDX005]\nrules:\n  SDX004:\n    severity: warning\n"
    )
    result = sedex_lint("rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines[0] == ["code", "name", "default", "severity", "enabled", "origin", "topic"]
    rows = {line[0]: line[1:] for line in lines[1:]}
    assert rows["SDX004"] == [
        "memory-allocation",
        "error",
        "warning",
        "yes",
        "built-in",
        "resources",
    ]
    assert rows["SDX005"][:5] == ["health-probes", "error", "error", "no", "built-in"]
    assert rows["SDX005"][5:] == ["probes", "and", "shutdown"]
    # grouped by topic: the instance rules first, SDX006 before SDX003
    codes = [line[0] for line in lines[1:]]
    assert codes.index("SDX006") < codes.index("SDX003")
    declared = sorted(path.name.split("-")[0] for path in (REPO / "rules").glob("*.yaml"))
    assert sorted(rows) == declared


def test_explain_renders_the_rule_page(tmp_path: Path) -> None:
    result = sedex_lint("explain", "memory-allocation", cwd=tmp_path)
    assert result.returncode == 0
    # piped: the page's Markdown as it is, no line padded to a terminal's width
    rule = builtin_rules().find("SDX004")
    assert rule is not None
    assert result.stdout == render_rule(rule).rstrip("\n") + "\n"
    assert "at least 1GB memory" in result.stdout
    assert "## Example that fails" in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_explain_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    result = sedex_lint("explain", "SDX999", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "sedex-lint: error: no rule 'SDX999'; `sedex-lint rules` lists them\n",
    )
