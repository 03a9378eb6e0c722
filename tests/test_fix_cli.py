"""`sedex-lint --fix`, `--diff` and `--unsafe-fixes` as a user runs them."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BROKEN, CLEAN, REPO, sedex_lint

CORPUS = REPO / "tests" / "data" / "fix-corpus"
NO_PROBES = CLEAN.replace(
    "          livenessProbe: {exec: {command: [/opt/sedex-client/scripts/check-health.sh]}}\n", ""
)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "manifests")
    return tmp_path


def test_fix_writes_the_safe_fixes_and_exits_from_what_remains(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    result = sedex_lint("--fix", "broken.yaml", cwd=tmp_path)
    assert (tmp_path / "broken.yaml").read_text() == CLEAN
    assert result.returncode == 0
    assert result.stderr == "sedex-lint: fixed 1 finding in 1 file\n"
    assert result.stdout.endswith("passed (fail on error and above)\n")


def test_unsafe_fixes_are_only_counted_without_the_option(tmp_path: Path) -> None:
    (tmp_path / "probes.yaml").write_text(NO_PROBES)
    result = sedex_lint("--fix", "probes.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "probes.yaml").read_text() == NO_PROBES
    assert "0 findings in 0 files; 1 more with --unsafe-fixes" in result.stderr
    result = sedex_lint("--fix", "--unsafe-fixes", "probes.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert "check-health.sh" in (tmp_path / "probes.yaml").read_text()


def test_diff_writes_nothing_and_exits_1_when_there_is_something_to_fix(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    result = sedex_lint("--diff", "broken.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "broken.yaml").read_text() == BROKEN
    assert result.stdout == (
        "--- a/broken.yaml\n+++ b/broken.yaml\n@@ -3,7 +3,7 @@\n metadata:\n"
        "   name: sedex-client\n spec:\n-  replicas: 2\n+  replicas: 1\n   strategy:\n"
        "     type: Recreate\n   template:\n"
    )
    clean = sedex_lint("--diff", "-", stdin=CLEAN)
    assert (clean.returncode, clean.stdout) == (0, "")


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch binary")
def test_patch_of_diff_gives_the_same_files_as_fix(corpus: Path) -> None:
    fixed = corpus.parent / "fixed"
    shutil.copytree(corpus / "manifests", fixed / "manifests")
    diff = subprocess.run(  # bytes: CRLF ends travel inside the diff's lines
        [sys.executable, "-m", "sedex_lint", "--diff", "manifests"],
        cwd=corpus, capture_output=True, timeout=60,
    )  # fmt: skip
    assert diff.returncode == 2  # the syntax error: an input error outranks
    assert b"\r\n" in diff.stdout
    patched = subprocess.run(
        ["patch", "-p1", "--quiet", "--no-backup-if-mismatch"],
        input=diff.stdout, cwd=corpus, capture_output=True, timeout=30,
    )  # fmt: skip
    assert patched.returncode == 0, patched.stdout + patched.stderr
    result = sedex_lint("--fix", "manifests", cwd=fixed)
    assert result.returncode == 2
    assert _tree(corpus / "manifests") == _tree(fixed / "manifests")
    assert _tree(fixed / "manifests") != _tree(CORPUS)
    before = _tree(fixed / "manifests")
    again = sedex_lint("--fix", "manifests", cwd=fixed)
    assert _tree(fixed / "manifests") == before, "a second --fix changed something"
    assert again.returncode == result.returncode
    assert (fixed / "manifests" / "syntax-error.yaml").read_bytes() == (
        CORPUS / "syntax-error.yaml"
    ).read_bytes()


def test_stdin_fix_prints_the_fixed_stream_and_reports_on_stderr() -> None:
    result = sedex_lint("--fix", "-", stdin=BROKEN)
    assert result.stdout == CLEAN
    assert result.returncode == 0
    assert "passed" in result.stderr
    unchanged = sedex_lint("--fix", "-", stdin="a: [\n")
    assert unchanged.stdout == "a: [\n"  # an input error: the stream passes through as it was
    assert unchanged.returncode == 2


def test_fix_keeps_the_mode_and_the_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(BROKEN)
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert sedex_lint("--fix", "link.yaml", cwd=tmp_path).returncode == 0
    assert link.is_symlink()
    assert real.read_text() == CLEAN
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_options_that_do_not_go_together(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    alone = sedex_lint("--unsafe-fixes", "broken.yaml", cwd=tmp_path)
    assert alone.returncode == 2
    assert "--unsafe-fixes only widens --fix or --diff" in alone.stderr
    baseline = sedex_lint("--fix", "--write-baseline", "b.json", "broken.yaml", cwd=tmp_path)
    assert baseline.returncode == 2
    assert (tmp_path / "broken.yaml").read_text() == BROKEN


def test_a_suppressed_finding_is_not_fixed(tmp_path: Path) -> None:
    text = BROKEN.replace("replicas: 2", "replicas: 2  # sedex-lint: ignore SDX001 -- a test")
    (tmp_path / "kept.yaml").write_text(text)
    assert sedex_lint("--fix", "kept.yaml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "kept.yaml").read_text() == text


def test_only_selected_rules_are_fixed(tmp_path: Path) -> None:
    text = BROKEN.replace("      terminationGracePeriodSeconds: 65\n", "")
    (tmp_path / "two.yaml").write_text(text)
    sedex_lint("--fix", "--select", "SDX009", "two.yaml", cwd=tmp_path)
    fixed = (tmp_path / "two.yaml").read_text()
    assert "replicas: 2" in fixed
    assert "terminationGracePeriodSeconds: 65" in fixed
