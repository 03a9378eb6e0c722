"""Adopting sedex-lint: record today's findings, then fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import BROKEN, sedex_lint


def test_write_then_use_a_baseline(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    written = sedex_lint("--write-baseline", "baseline.json", "d.yaml", cwd=tmp_path)
    assert (written.returncode, written.stdout) == (
        0,
        "sedex-lint: recorded 1 findings in baseline.json\n",
    )
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert [(e["rule"], e["file"], e["object"], e["path"]) for e in recorded["findings"]] == [
        ("SDX001", "d.yaml", "Deployment//sedex-client", "spec.replicas")
    ]
    assert sedex_lint("--baseline", "baseline.json", "d.yaml", cwd=tmp_path).returncode == 0


def test_baseline_survives_lines_moving_and_catches_new_findings(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    sedex_lint("--write-baseline", "b.json", "d.yaml", cwd=tmp_path)
    moved = "# a comment\n# another\n" + BROKEN.replace("  strategy:\n    type: Recreate\n", "")
    (tmp_path / "d.yaml").write_text(moved)
    result = sedex_lint("-f", "json", "--baseline", "b.json", "d.yaml", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("SDX002", 7)]
    assert [(f["rule"], f["line"], f["suppression"]["kind"]) for f in report["suppressed"]] == [
        ("SDX001", 8, "baseline")
    ]
    assert result.returncode == 1


def test_fixed_findings_are_reported_as_stale_entries(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    sedex_lint("--write-baseline", "b.json", "d.yaml", cwd=tmp_path)
    (tmp_path / "d.yaml").write_text(BROKEN.replace("replicas: 2", "replicas: 1"))
    result = sedex_lint("--baseline", "b.json", "d.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert (
        "d.yaml: baseline entry no longer occurs: SDX001 Deployment//sedex-client spec.replicas"
        in result.stdout
    )
    report = json.loads(
        sedex_lint("-f", "json", "--baseline", "b.json", "d.yaml", cwd=tmp_path).stdout
    )
    assert report["stale_baseline"] == [
        {
            "rule": "SDX001",
            "file": "d.yaml",
            "object": "Deployment//sedex-client",
            "path": "spec.replicas",
        }
    ]


def test_broken_baseline_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    (tmp_path / "b.json").write_text('{"version": 1,\n "findings": [}\n')
    result = sedex_lint("--baseline", "b.json", "d.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("sedex-lint: error: b.json:2:15: not a baseline file:")
