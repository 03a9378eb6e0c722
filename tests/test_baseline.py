"""Adopting sedex-lint: record today's findings, then fail only on new ones."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import BROKEN, CLEAN, sedex_lint


def test_write_then_use_a_baseline(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    written = sedex_lint("--write-baseline", "baseline.json", "d.yaml", cwd=tmp_path)
    assert (written.returncode, written.stdout) == (
        0,
        "sedex-lint: recorded 1 findings in baseline.json\n",
    )
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert [(e["code"], e["file"], e["object"], e["path"]) for e in recorded["findings"]] == [
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
    assert [(f["code"], f["line"]) for f in report["findings"]] == [("SDX002", 7)]
    assert [(f["code"], f["line"], f["suppression"]["kind"]) for f in report["suppressed"]] == [
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
            "code": "SDX001",
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


def baseline_findings(report_stdout: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(rules of new findings, (rule, file, suppression kind) of the known ones)."""
    report = json.loads(report_stdout)
    new = [f["code"] for f in report["findings"]]
    known = [(f["code"], f["file"], f["suppression"]["kind"]) for f in report["suppressed"]]
    return new, known


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """A baseline written as documented: from the root, for `manifests/`."""
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "d.yaml").write_text(BROKEN)
    written = sedex_lint(
        "--write-baseline", ".sedex-lint-baseline.json", "manifests/", cwd=tmp_path
    )
    assert written.returncode == 0
    return tmp_path


def test_paths_are_recorded_relative_to_the_baseline_file(recorded: Path) -> None:
    entries = json.loads((recorded / ".sedex-lint-baseline.json").read_text())
    assert entries["version"] == 2
    assert [e["file"] for e in entries["findings"]] == ["manifests/d.yaml"]
    elsewhere = sedex_lint("--write-baseline", "ci/baseline.json", "manifests", cwd=recorded)
    assert elsewhere.returncode == 0
    entries = json.loads((recorded / "ci" / "baseline.json").read_text())
    assert [e["file"] for e in entries["findings"]] == ["../manifests/d.yaml"]


@pytest.mark.parametrize(
    ("cwd", "baseline", "path", "shown"),
    [
        (".", ".sedex-lint-baseline.json", "manifests/", "manifests/d.yaml"),
        (".", ".sedex-lint-baseline.json", "./manifests", "./manifests/d.yaml"),
        (".", "./.sedex-lint-baseline.json", "manifests/../manifests/d.yaml", None),
        (".", "{tmp}/.sedex-lint-baseline.json", "{tmp}/manifests", "{tmp}/manifests/d.yaml"),
        ("manifests", "../.sedex-lint-baseline.json", "d.yaml", "d.yaml"),
        ("manifests", "{tmp}/.sedex-lint-baseline.json", ".", "./d.yaml"),
    ],
)
def test_the_baseline_matches_however_the_path_is_spelled(
    recorded: Path, cwd: str, baseline: str, path: str, shown: str | None
) -> None:
    arguments = [a.format(tmp=recorded) for a in (baseline, path)]
    result = sedex_lint("-f", "json", "--baseline", *arguments, cwd=recorded / cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert baseline_findings(result.stdout) == (
        [],
        [("SDX001", (shown or arguments[1]).format(tmp=recorded), "baseline")],
    )
    assert json.loads(result.stdout)["stale_baseline"] == []


def test_stale_entries_are_named_from_the_current_directory(recorded: Path) -> None:
    (recorded / "manifests" / "d.yaml").write_text(CLEAN)
    result = sedex_lint("--baseline", "../.sedex-lint-baseline.json", "d.yaml",
                        cwd=recorded / "manifests")  # fmt: skip
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "d.yaml: baseline entry no longer occurs: SDX001 Deployment//sedex-client spec.replicas"
    )


def test_standard_input_is_recorded_as_a_dash(tmp_path: Path) -> None:
    written = sedex_lint("--write-baseline", "b/base.json", "-", stdin=BROKEN, cwd=tmp_path)
    assert written.returncode == 0
    entries = json.loads((tmp_path / "b" / "base.json").read_text())
    assert [e["file"] for e in entries["findings"]] == ["-"]
    result = sedex_lint("-f", "json", "--baseline", "b/base.json", "-", stdin=BROKEN, cwd=tmp_path)
    assert (result.returncode, baseline_findings(result.stdout)) == (
        0,
        ([], [("SDX001", "-", "baseline")]),
    )


def test_a_version_1_baseline_is_still_read(tmp_path: Path) -> None:
    """Version 1 recorded files as spelled, relative to the directory the run was in."""
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "d.yaml").write_text(BROKEN)
    identity = "\x1f".join(
        ("SDX001", "manifests/d.yaml", "Deployment//sedex-client", "spec.replicas")
    )
    entry = {
        "fingerprint": hashlib.sha256(identity.encode()).hexdigest(),
        "rule": "SDX001",
        "file": "manifests/d.yaml",
        "object": "Deployment//sedex-client",
        "path": "spec.replicas",
        "message": "recorded by version 0.1.0",
    }
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "old.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    result = sedex_lint("-f", "json", "--baseline", "ci/old.json", "./manifests", cwd=tmp_path)
    assert (result.returncode, baseline_findings(result.stdout)) == (
        0,
        ([], [("SDX001", "./manifests/d.yaml", "baseline")]),
    )


def test_an_unknown_baseline_version_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    (tmp_path / "b.json").write_text('{"version": 3, "findings": []}\n')
    result = sedex_lint("--baseline", "b.json", "d.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "sedex-lint: error: b.json:1:1: not a sedex-lint baseline (version 1 or 2)\n"
    )


def test_an_unwritable_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    (tmp_path / "ci").mkdir()
    result = sedex_lint("--write-baseline", "ci", "d.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "sedex-lint: error: --write-baseline: cannot write ci: Is a directory\n"
