"""A team's own rules in YAML only, validated with positions, reported like built-in ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import BROKEN, REPO, sedex_lint

HOUSE_RULE = REPO / "examples" / "house-rules" / "ACME001-must-run-as-non-root.yaml"
NO_CONTEXT = BROKEN.replace(
    "          securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}\n", ""
)
NON_ROOT = NO_CONTEXT.replace(
    "          image: sedexch/sedex-client:8.0.1_container-1.2.0\n",
    "          image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
    "          securityContext:\n            runAsNonRoot: false\n",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    shutil.copy(HOUSE_RULE, tmp_path / "rules")
    (tmp_path / ".sedex-lint.yaml").write_text("rule_dirs: [rules]\nignore: [SDX001]\n")
    (tmp_path / "missing.yaml").write_text(NO_CONTEXT)
    (tmp_path / "false.yaml").write_text(NON_ROOT)
    return tmp_path


def test_yaml_only_rule_reports_with_exact_positions(project: Path) -> None:
    result = sedex_lint("-f", "json", "missing.yaml", "false.yaml", cwd=project)
    report = json.loads(result.stdout)
    assert [
        (f["code"], f["severity"], f["file"], f["line"], f["column"])
        for f in report["findings"]
        if f["code"] == "ACME001"
    ] == [
        ("ACME001", "warning", "missing.yaml", 12, 11),
        ("ACME001", "warning", "false.yaml", 15, 27),
    ]
    assert [f["message"] for f in report["findings"] if f["code"] == "ACME001"][1] == (
        "container sedex-client must set securityContext.runAsNonRoot: true (True was expected)"
    )
    assert report["findings"][0]["path"] == "spec.template.spec.containers[0].securityContext"


@pytest.mark.parametrize(
    ("output", "needle"),
    [
        ("text", "false.yaml:15:27  warning  ACME001 must-run-as-non-root"),
        ("sarif", '"startLine": 15,\n                  "startColumn": 27'),
        ("junit", 'message="false.yaml:15:27: container sedex-client must set securityContext'),
        ("github", "line=15,col=27,endLine=15,endColumn=32,title=ACME001 must-run-as-non-root"),
        ("gitlab", '"check_name": "ACME001"'),
    ],
)
def test_yaml_only_rule_appears_in_every_format(project: Path, output: str, needle: str) -> None:
    result = sedex_lint("-f", output, "--fail-on", "info", "false.yaml", cwd=project)
    assert needle in result.stdout


def test_rules_command_lists_the_house_rule(project: Path) -> None:
    rows = json.loads(sedex_lint("rules", "--json", cwd=project).stdout)
    acme = [row for row in rows if row["code"] == "ACME001"]
    assert acme == [
        {
            "code": "ACME001",
            "name": "must-run-as-non-root",
            "default_severity": "warning",
            "severity": "warning",
            "enabled": True,
            "origin": str(project / "rules"),
            "topic": "other",
            "summary": "Every sedex Client container sets securityContext.runAsNonRoot to true.",
        }
    ]


@pytest.mark.parametrize(
    ("edit", "line", "column", "reason"),
    [
        (("code: ACME001", "code: SDX901"), 3, 7, "reserved for built-in rules"),
        (("check: json_schema", "check: no_such_check"), 7, 8, "unknown check 'no_such_check'"),
        (("  target: sedex-container", "  target: pod-spec"), 9, 11, "'pod-spec' is not one of"),
        (("severity: warning", "severity: loud"), 5, 11, "'loud' is not one of"),
    ],
)
def test_invalid_rule_file_is_an_error_with_position(
    project: Path, edit: tuple[str, str], line: int, column: int, reason: str
) -> None:
    rule = project / "rules" / HOUSE_RULE.name
    rule.write_text(rule.read_text().replace(*edit))
    result = sedex_lint("false.yaml", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"sedex-lint: error: {rule}:{line}:{column}: "), result.stderr
    assert reason in result.stderr
