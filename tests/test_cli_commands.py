"""The command line around the lint command: mistyped commands, help on every command,
-V, and shell completion (which must cost the lint command's start-up nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sedex_lint import __version__
from sedex_lint.cli_help import SUBCOMMANDS
from sedex_lint.completion import FILES, candidates
from sedex_lint.completion_scripts import SCRIPTS
from tests.conftest import REPO, sedex_lint


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("rule", "rules"),
        ("explian", "explain"),
        ("confg", "config"),
        ("completon", "completion"),
        ("inti", "init"),
    ],
)
def test_a_mistyped_command_is_suggested_not_linted(tmp_path: Path, typed: str, meant: str) -> None:
    result = sedex_lint(typed, "SDX001", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: no such file or directory: {typed!r}; "
        f"did you mean the command `sedex-lint {meant}`?\n"
    )


def test_an_existing_file_or_an_unlike_name_is_linted_as_a_path(tmp_path: Path) -> None:
    (tmp_path / "rule").write_text("kind: ConfigMap\napiVersion: v1\n")
    assert sedex_lint("rule", cwd=tmp_path).returncode == 0
    missing = sedex_lint("deployment.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and "did you mean" not in missing.stderr + missing.stdout


def test_help_lists_the_commands_and_every_command_takes_h(tmp_path: Path) -> None:
    help_text = sedex_lint("--help", cwd=tmp_path).stdout
    for command in SUBCOMMANDS:
        assert f"  sedex-lint {command}" in help_text
    assert sedex_lint("-h", cwd=tmp_path).stdout == help_text
    for command in SUBCOMMANDS:
        short, long = sedex_lint(command, "-h", cwd=tmp_path), sedex_lint(command, "--help")
        assert (short.returncode, short.stderr) == (0, ""), command
        assert short.stdout == long.stdout and f"sedex-lint {command}" in short.stdout


def test_short_version_option() -> None:
    assert (
        sedex_lint("-V").stdout == sedex_lint("--version").stdout == (f"sedex-lint {__version__}\n")
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_of_each_shell(shell: str) -> None:
    result = sedex_lint("completion", shell)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == SCRIPTS[shell]
    assert "_SEDEX_LINT_COMPLETE=" + shell in result.stdout


def test_completion_refuses_an_unknown_shell() -> None:
    result = sedex_lint("completion", "tcsh")
    assert result.returncode == 2
    assert result.stderr == (
        "sedex-lint: error: no completion for 'tcsh'; choose from bash, zsh, fish\n"
    )


def test_completion_candidates() -> None:
    assert candidates([], "r") == ["rules", FILES]
    assert candidates([], "") == [*SUBCOMMANDS, FILES]
    assert candidates(["manifests/"], "") == [FILES]  # a command only comes first
    assert {"--format", "--stdin-filename", "--root", "--no-source", "-V"} <= set(
        candidates([], "-")
    )
    assert candidates(["-f"], "s") == ["sarif"]
    assert candidates(["--fail-on"], "") == ["error", "warning", "info"]
    assert candidates(["--stdin-filename"], "") == [FILES]
    assert "SDX004" in candidates(["--select"], "SDX00")
    assert "SDX004" in candidates(["explain"], "SDX")
    assert candidates(["explain", "SDX004"], "") == []
    assert "--json" in candidates(["rules"], "--")
    assert candidates(["completion"], "") == ["bash", "zsh", "fish"]
    assert {"--sedex-id", "--case", "--kustomize"} <= set(candidates(["init"], "--"))


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_through_the_script(tmp_path: Path) -> None:
    """The script as bash runs it: the function calls sedex-lint back with the words typed."""
    program = tmp_path / "sedex-lint"
    program.write_text(f'#!/bin/sh\nexec {sys.executable} -m sedex_lint "$@"\n')
    program.chmod(0o755)
    (tmp_path / "rendered.yaml").write_text("")
    script = sedex_lint("completion", "bash").stdout
    ask = '_sedex_lint_complete; echo "${COMPREPLY[*]}"\n'
    probe = (
        f"{script}\n"
        f"COMP_WORDS=(sedex-lint ru); COMP_CWORD=1; {ask}"
        f"COMP_WORDS=(sedex-lint -f ju); COMP_CWORD=2; {ask}"
        f"COMP_WORDS=(sedex-lint x rend); COMP_CWORD=2; {ask}"
    )
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    assert result.stdout.splitlines() == ["rules", "junit", "rendered.yaml"], result.stderr
