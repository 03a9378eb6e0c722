"""The fast path (fast_cli.py) reads a lint command line exactly as typer does, or not at all.

Three guarantees: the options table is what typer declares now; for every command line the
fast parser reads, it returns exactly what typer passes to `lint_command`, and every one it
leaves to typer is one it was meant to; and a plain run imports no typer yet prints and
exits exactly as the typer path does.
"""

from __future__ import annotations

import gc
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from sedex_lint import api, cli, entry, lint_run
from sedex_lint.fast_cli import parse
from sedex_lint.lint_options import PARAMETERS
from sedex_lint.lint_options_gen import TARGET, render
from sedex_lint.lint_run import LintOptions
from tests.conftest import REPO


def test_the_table_is_what_the_generator_writes_from_typer_now() -> None:
    committed = (REPO / TARGET).read_text(encoding="utf-8")
    assert committed == render(), "run `python -m sedex_lint.lint_options_gen`"


def test_the_options_record_has_the_lint_commands_parameters() -> None:
    """LintOptions holds every parameter of `lint_command` but --version, whose eager
    callback exits before the command runs; the table's "typer" rows are the same one and
    help, which the fast path never reads."""
    declared = list(inspect.signature(cli.lint_command).parameters)
    fields = list(LintOptions._fields)
    assert fields == [name for name in declared if name != "version"]
    read = [dest for dest, _, kind, _, _ in PARAMETERS if kind != "typer"]
    assert read == fields


class _Ran(Exception):
    def __init__(self, options: LintOptions) -> None:
        self.options = options


def typer_reads(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> LintOptions | None:
    """The options typer's click command passes on for `argv`, or None when it stops first
    (usage error, help, version)."""

    def capture(options: LintOptions) -> None:
        raise _Ran(options)

    monkeypatch.setattr(cli, "run_lint", capture)
    try:
        get_command(cli.app).main(args=argv, prog_name="sedex-lint", standalone_mode=False)
    except _Ran as ran:
        return ran.options
    except Exception:  # click's usage error (ClickException of typer's click or click's)
        return None
    return None


def typed(options: LintOptions | None) -> dict[str, tuple[str, Any]] | None:
    """Values with their types: equal values of another type (a str for a Path, a tuple for
    a list, 1 for True) would slip through the record's own ==."""
    if options is None:
        return None
    values = options._asdict()
    return {name: (type(value).__name__, value) for name, value in values.items()}


EVERYTHING = [
    "--format", "json", "--select", "SDX001", "--ignore", "SDX002", "--fail-on", "warning",
    "-c", "c.yaml", "--baseline", "b.json", "-j", "2", "--show-suppressed", "--root", "r",
    "--no-source", "--no-color", "-q", "--kubernetes-version", "1.33", "--allow-empty",
    "--stdin-filename", "s.yaml", "--write-baseline", "w.json", "--fix", "--diff",
    "--unsafe-fixes", "-", "x.yaml",
]  # fmt: skip

AGREED = [
    [],
    ["a.yaml"],
    ["-"],
    ["a.yaml", "b.yml", "dir/", "-"],
    ["--format", "json", "a.yaml"],
    ["-f", "json", "a.yaml"],
    ["--format=json", "a.yaml"],
    ["-f", "text", "-f", "sarif:out.sarif", "--format=junit:j.xml", "a.yaml"],
    ["--format", "json:report file.json", "a.yaml"],
    ["--format", "=json", "a.yaml"],
    ["--fail-on", "warning", "a.yaml"],
    ["--fail-on=info", "--fail-on", "error", "a.yaml"],
    ["--config", "cfg.yaml", "a.yaml"],
    ["-c", "cfg.yaml", "a.yaml"],
    ["--config=sub/cfg.yaml", "-c", "other.yaml", "a.yaml"],
    ["--select", "SDX001,SDX002", "--select", "SDX4", "a.yaml"],
    ["--ignore=SDX001", "--ignore", "single-replica", "a.yaml"],
    ["--baseline", "base.json", "a.yaml"],
    ["--write-baseline", "new.json", "a.yaml"],
    ["--write-baseline=new.json", "--baseline=old.json", "a.yaml"],
    ["--fix", "a.yaml"],
    ["--diff", "--unsafe-fixes", "a.yaml"],
    ["--fix", "--fix", "a.yaml"],
    ["--allow-empty", "empty/"],
    ["--jobs", "4", "a.yaml"],
    ["-j", "0", "a.yaml"],
    ["--jobs=007", "a.yaml"],
    ["-j", "1", "--jobs", "3", "a.yaml"],
    ["--show-suppressed", "a.yaml"],
    ["--stdin-filename", "chart/rendered.yaml", "-"],
    ["--stdin-filename=x.yaml"],
    ["--root", "repo", "a.yaml"],
    ["--root=.", "a.yaml"],
    ["--no-source", "--no-color", "a.yaml"],
    ["-q", "a.yaml"],
    ["--quiet", "a.yaml"],
    ["--kubernetes-version", "1.34", "a.yaml"],
    ["--kubernetes-version=1.30", "a.yaml"],
    ["a.yaml", "-q", "b.yaml", "--format", "json", "c.yaml"],
    ["--", "-q", "--format", "a.yaml"],
    ["-q", "--", "-", "--help", "-V"],
    ["--", "--"],
    ["a=b.yaml", "./rules", "dé.yaml"],
    EVERYTHING,
]

FALLBACKS = [
    ["-h"],
    ["--help"],
    ["a.yaml", "--help"],
    ["-V"],
    ["--version"],
    ["a.yaml", "-q", "-V"],
    ["--nope", "a.yaml"],
    ["-x"],
    ["-1"],
    ["---format", "json", "a.yaml"],
    ["--form", "json", "a.yaml"],  # click does not complete abbreviations: an error
    ["-fjson", "a.yaml"],  # attached and combined short options: left to click
    ["-qj2", "a.yaml"],
    ["-qq", "a.yaml"],
    ["-f=json", "a.yaml"],
    ["--format"],  # a missing value
    ["a.yaml", "-f"],
    ["--jobs"],
    ["--jobs", "-1", "a.yaml"],
    ["--jobs", "x", "a.yaml"],
    ["--jobs=x", "a.yaml"],
    ["--jobs", "+3", "a.yaml"],
    ["--jobs", "1.5", "a.yaml"],
    ["--jobs", " 3", "a.yaml"],
    ["-j", "\u0663", "a.yaml"],  # ARABIC-INDIC DIGIT THREE: click's int() takes it
    ["--format", "-q", "a.yaml"],  # a value that starts with '-'
    ["--stdin-filename", "-", "-"],
    ["--format=-", "a.yaml"],
    ["--format=", "a.yaml"],  # an empty value
    ["--format", "", "a.yaml"],
    ["--config", "", "a.yaml"],
    ["--fix=yes", "a.yaml"],  # a value on a flag
    ["--quiet=1", "a.yaml"],
    [*EVERYTHING, "--version"],
]


@pytest.mark.parametrize("argv", AGREED, ids=" ".join)
def test_the_fast_parser_returns_what_typer_passes(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = typer_reads(argv, monkeypatch)
    assert expected is not None
    assert typed(parse(argv)) == typed(expected)


@pytest.mark.parametrize("argv", FALLBACKS, ids=" ".join)
def test_what_the_fast_parser_is_unsure_of_goes_to_typer(argv: list[str]) -> None:
    assert parse(argv) is None


def test_every_option_and_spelling_is_exercised() -> None:
    used = {token.partition("=")[0] for argv in AGREED for token in argv}
    for _, opts, kind, _, _ in PARAMETERS:
        if kind not in ("typer", "argument"):
            assert set(opts) <= used


def test_an_unreadable_path_is_left_to_click(tmp_path: Path) -> None:
    """click refuses a --config that exists but cannot be read; so does the fast path."""
    locked = tmp_path / "locked.yaml"
    locked.write_text("")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: every file is readable")
        assert parse(["--config", str(locked), "a.yaml"]) is None
    finally:
        locked.chmod(0o600)


# `sedex-lint ARGV` run through the console script's code, reporting at exit whether typer
# was imported; TYPER_ONLY makes the fast parser decline, so the same run goes through typer.
PROBE = """\
import atexit, os, runpy, sys
def report():
    with open(os.environ["PROBE_OUT"], "w") as out:
        out.write(str("typer" in sys.modules))
atexit.register(report)
if os.environ.get("TYPER_ONLY"):
    import sedex_lint.fast_cli
    sedex_lint.fast_cli.parse = lambda argv: None
sys.argv = ["sedex-lint", *sys.argv[1:]]
runpy.run_module("sedex_lint", run_name="__main__")
"""


def run_probe(
    argv: list[str], tmp_path: Path, typer_only: bool, stdin: str | None = None
) -> tuple[int, str, str, bool]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env["PROBE_OUT"] = str(tmp_path / "typer-imported")
    if typer_only:
        env["TYPER_ONLY"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], input=stdin, capture_output=True, text=True,
        env=env, cwd=REPO, timeout=60,
    )  # fmt: skip
    imported = (tmp_path / "typer-imported").read_text() == "True"
    return result.returncode, result.stdout, result.stderr, imported


SINGLE_REPLICA = "examples/broken/single-replica.yaml"
RUNS = [
    (["examples/compliant/sedex-client.yaml"], 0),
    ([SINGLE_REPLICA], 1),
    (["no-such-file.yaml"], 2),
    (["--format", "json", SINGLE_REPLICA], 1),
    (["examples/broken/image-tags.yaml", "--fail-on", "warning"], 1),
    (["-q", "--no-source", "-j", "1", "-"], 1),
    ([], 2),
]


@pytest.mark.parametrize(("argv", "code"), RUNS, ids=[" ".join(argv) for argv, _ in RUNS])
def test_a_plain_run_imports_no_typer_and_ends_as_typers_would(
    argv: list[str], code: int, tmp_path: Path
) -> None:
    stdin = (REPO / SINGLE_REPLICA).read_text()
    fast = run_probe(argv, tmp_path, typer_only=False, stdin=stdin)
    slow = run_probe(argv, tmp_path, typer_only=True, stdin=stdin)
    assert fast[0] == code
    assert fast[:3] == slow[:3]
    assert (fast[3], slow[3]) == (False, True)


def test_a_usage_error_is_still_typers(tmp_path: Path) -> None:
    code, stdout, stderr, imported = run_probe(["--jobs", "x", "a.yaml"], tmp_path, False)
    assert (code, stdout, imported) == (2, "", True)
    assert "Invalid value for '--jobs' / '-j'" in stderr
    assert run_probe(["--jobs", "x", "a.yaml"], tmp_path, typer_only=True)[:3] == (
        code, stdout, stderr,
    )  # fmt: skip


def test_start_up_runs_without_the_collector_and_linting_with_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """entry.py pauses the garbage collector for start-up; run_lint turns it back on before
    the work that grows with the input, or a large run's reference cycles would stay."""
    collecting: list[tuple[str, bool]] = []

    def spy(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            collecting.append((name, gc.isenabled()))
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(
        lint_run, "policy_and_baseline", spy("policy", lint_run.policy_and_baseline)
    )
    monkeypatch.setattr(api, "lint", spy("lint", api.lint))
    monkeypatch.setattr(
        sys, "argv", ["sedex-lint", str(REPO / "examples/compliant/sedex-client.yaml")]
    )
    try:
        with pytest.raises(SystemExit) as exited:
            entry.main()
    finally:
        gc.unfreeze()  # run_lint froze this test process's objects
    assert exited.value.code == 0
    assert collecting == [("policy", False), ("lint", True)]
    assert gc.isenabled()
    assert "passed" in capsys.readouterr().out
