"""The command as a user runs it: a real process, exact exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import BROKEN, CLEAN, REPO, sedex_lint


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    (tmp_path / "clean.yaml").write_text(CLEAN)
    return tmp_path


def test_clean_file_exits_0_with_a_summary(files: Path) -> None:
    result = sedex_lint("clean.yaml", cwd=files)
    assert result.returncode == 0
    assert result.stdout == (
        "1 file, 1 object, 1 sedex workload: 0 errors, 0 warnings, 0 info — passed "
        "(fail on error and above)\n"
    )
    assert result.stderr == ""


def test_finding_exits_1_and_prints_file_line_column(files: Path) -> None:
    result = sedex_lint("broken.yaml", cwd=files)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "broken.yaml"
    assert lines[1] == "  broken.yaml:6:13  error  SDX001 single-replica  Deployment sedex-client"
    assert lines[2].startswith("    Deployment runs 2 replicas of the sedex Client")
    assert lines[-1].endswith("failed (fail on error and above)")
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_directory_is_walked_and_hidden_directories_skipped(files: Path) -> None:
    (files / ".git").mkdir()
    (files / ".git" / "broken.yaml").write_text(BROKEN)
    (files / "sub").mkdir()
    (files / "sub" / "deploy.yml").write_text(BROKEN)
    (files / "notes.txt").write_text(BROKEN)
    result = sedex_lint("-f", "json", ".", cwd=files)
    report = json.loads(result.stdout)
    walked = {f["file"] for f in report["findings"] if f["code"] == "SDX001"}
    assert sorted(walked) == ["./broken.yaml", "./sub/deploy.yml"]
    assert report["summary"]["files"] == 3


def test_stdin_is_read_with_dash() -> None:
    result = sedex_lint("-f", "json", "-", stdin=BROKEN)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in report["findings"]] == [
        ("SDX001", "-", 6, 13)
    ]


def test_json_report_matches_its_schema_and_example_shape(files: Path) -> None:
    (files / "bad.yaml").write_text("kind: Pod\nspec: {a\n")
    result = sedex_lint("--format", "json", "broken.yaml", "bad.yaml", cwd=files)
    report = json.loads(result.stdout)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    assert result.returncode == 2
    assert report["findings"][0] == {
        "code": "SDX001",
        "name": "single-replica",
        "severity": "error",
        "message": report["findings"][0]["message"],
        "file": "broken.yaml",
        "line": 6,
        "column": 13,
        "end_line": 6,
        "end_column": 14,
        "path": "spec.replicas",
        "template": None,
        "origin": None,
        "source": None,
        "object": {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": "sedex-client",
            "namespace": None,
        },
    }
    assert report["errors"] == [
        {
            "file": "bad.yaml",
            "line": 2,
            "column": 9,
            "message": "invalid YAML: did not find expected ',' or '}' "
            "(while parsing a flow mapping started at 2:7)",
        }
    ]
    assert report["summary"]["exit_code"] == 2


def test_unparseable_input_exits_2_but_other_files_are_still_reported(files: Path) -> None:
    (files / "bad.yaml").write_text("kind: Pod\nspec: {a\n")
    result = sedex_lint("bad.yaml", "broken.yaml", cwd=files)
    assert result.returncode == 2
    assert "  bad.yaml:2:9  input error  invalid YAML:" in result.stdout
    assert "broken.yaml:6:13  error  SDX001" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_file_exits_2(files: Path) -> None:
    result = sedex_lint("nope.yaml", "clean.yaml", cwd=files)
    assert result.returncode == 2
    assert "  nope.yaml:1:1  input error  no such file or directory" in result.stdout


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 0), ("info", 0)])
def test_fail_on_threshold_with_no_findings(files: Path, fail_on: str, code: int) -> None:
    assert sedex_lint("--fail-on", fail_on, "clean.yaml", cwd=files).returncode == code


def test_invalid_option_is_a_usage_error_exit_2(files: Path) -> None:
    result = sedex_lint("--fail-on", "fatal", "clean.yaml", cwd=files)
    assert result.returncode == 2
    assert result.stderr == (
        "sedex-lint: error: --fail-on: unknown severity 'fatal' "
        "(choose from info, warning, error)\n"
    )
    unknown = sedex_lint("--no-such-option", "clean.yaml", cwd=files)
    assert unknown.returncode == 2
    # click's wording: "No such option: --x" (click < 8.4 and typer's own copy), "No such
    # option '--x'." (click 8.4+, used by typer < 0.26)
    assert "No such option" in unknown.stderr and "--no-such-option" in unknown.stderr


def test_no_path_is_a_usage_error_exit_2() -> None:
    result = sedex_lint()
    assert result.returncode == 2
    assert result.stderr.startswith("sedex-lint: error: no PATH given")


def test_quiet_prints_only_problems(files: Path) -> None:
    assert sedex_lint("-q", "clean.yaml", cwd=files).stdout == ""
    result = sedex_lint("--quiet", "broken.yaml", cwd=files)
    assert "SDX001" in result.stdout
    assert "passed" not in result.stdout and "failed" not in result.stdout


def test_version_and_help() -> None:
    from sedex_lint import __version__

    assert sedex_lint("--version").stdout == f"sedex-lint {__version__}\n"
    help_text = sedex_lint("--help").stdout
    for needle in ("--format", "--fail-on", "--no-color", "--quiet", "Examples:", "Exit codes:"):
        assert needle in help_text


def test_color_only_when_forced_and_never_with_no_color(files: Path) -> None:
    import io

    from sedex_lint.api import lint
    from sedex_lint.model import Severity
    from sedex_lint.reporters import text

    report = lint([str(files / "broken.yaml")])
    colored, plain = io.StringIO(), io.StringIO()
    text.render(report, Severity.ERROR, colored, color=True, quiet=False)
    text.render(report, Severity.ERROR, plain, color=False, quiet=False)
    assert "\x1b[" in colored.getvalue()
    assert "\x1b[" not in plain.getvalue()
    result = sedex_lint("broken.yaml", env={"NO_COLOR": "1"}, cwd=files)
    assert "\x1b[" not in result.stdout


def on_a_terminal(files: Path, *args: str) -> str:
    """`sedex-lint ARGS` with standard output on a pseudo-terminal, as a person runs it."""
    import pty
    import select

    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    environment["TERM"] = "xterm-256color"
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "sedex_lint", *args],
        stdout=follower, stderr=subprocess.DEVNULL, cwd=files, env=environment,
    ) as process:  # fmt: skip
        os.close(follower)
        chunks = []
        while select.select([leader], [], [], 60)[0]:  # never wait for ever on a stuck run
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            process.kill()
        process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_boolean_flags_are_off_unless_given(files: Path) -> None:
    """typer 0.12.4/0.12.5 with click 8.3+ turn every boolean flag on (issue 14). --quiet is
    pinned above, --show-suppressed in test_suppressions, --allow-empty in test_paths: this
    pins --no-color, whose effect only shows on a terminal."""
    coloured = on_a_terminal(files, "broken.yaml")
    assert "\x1b[" in coloured and "(fail on error and above)" in coloured
    assert "\x1b[" not in on_a_terminal(files, "--no-color", "broken.yaml")


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "sedex-lint"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0
