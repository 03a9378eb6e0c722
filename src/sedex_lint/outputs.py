"""`--format NAME[:FILE]`: which reports to render and where each one goes."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import importlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, NamedTuple

from sedex_lint.model import Report, Severity
from sedex_lint.reporters.options import RenderOptions

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab")
_MODULES = {
    "json": "sedex_lint.reporters.json_report",
    "sarif": "sedex_lint.reporters.sarif",
    "junit": "sedex_lint.reporters.junit",
    "github": "sedex_lint.reporters.github",
    "gitlab": "sedex_lint.reporters.gitlab",
}


class OutputError(Exception):
    pass


class Output(NamedTuple):
    format: str
    file: str | None
    """None for standard output."""


def parse_outputs(specs: list[str], github_actions: bool) -> list[Output]:
    """`json`, `sarif:results.sarif`...; with no spec, text.

    GitHub annotations are workflow commands read from the job log, so they may share standard
    output with the text report; on GitHub Actions they are added whenever the text report
    goes to standard output and no `github` output was asked for.
    """
    outputs = []
    for spec in specs or ["text"]:
        name, _, file = spec.partition(":")
        if name not in FORMATS:
            raise OutputError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        outputs.append(Output(name, file or None))
    on_stdout = [o.format for o in outputs if o.file is None]
    if github_actions and "text" in on_stdout and all(o.format != "github" for o in outputs):
        outputs.append(Output("github", None))
    if len(on_stdout) > 1 and sorted(on_stdout) != ["github", "text"]:
        raise OutputError(
            f"formats {', '.join(on_stdout)} would all go to standard output; "
            "send all but one to files with NAME:FILE"
        )
    return outputs


def write_outputs(
    outputs: list[Output], report: Report, fail_on: Severity, *, color: bool, quiet: bool,
    show_suppressed: bool, show_source: bool = True, root: Path | None = None,
) -> None:  # fmt: skip
    options = RenderOptions(root, show_suppressed, show_source and not quiet)
    # text first, so that annotations sharing standard output follow the report
    for output in sorted(outputs, key=lambda o: o.format != "text"):
        try:
            _write(output, report, fail_on, color, quiet, options)
        except OSError as error:
            where = output.file or "standard output"
            raise OutputError(f"cannot write {where}: {error.strerror or error}") from None


def _write(
    output: Output, report: Report, fail_on: Severity, color: bool, quiet: bool,
    options: RenderOptions,
) -> None:  # fmt: skip
    if output.format == "text":
        from sedex_lint.reporters import text

        shown = (options.show_suppressed, options.show_source)
        if output.file is None:
            text.render(report, fail_on, sys.stdout, color, quiet, *shown)
            sys.stdout.flush()
            return
        with _open(output.file) as stream:
            text.render(report, fail_on, stream, False, quiet, *shown)
        return
    module = importlib.import_module(_MODULES[output.format])
    # json and SARIF are written as they are made (`render_pieces`), the others whole
    by_pieces = getattr(module, "render_pieces", None)
    rendered: Iterable[str] = (
        [module.render(report, fail_on, options)]
        if by_pieces is None
        else by_pieces(report, fail_on, options)
    )
    if output.file is None:
        _write_stdout(rendered)
    else:
        with _open(output.file) as handle:
            handle.writelines(rendered)


def _write_stdout(pieces: Iterable[str]) -> None:
    # File names are OS bytes: one that is not UTF-8 must not crash the report.
    out = sys.stdout.buffer
    for piece in pieces:
        out.write(piece.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()


def _open(path: str) -> IO[str]:
    try:
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
