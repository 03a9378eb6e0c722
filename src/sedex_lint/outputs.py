"""`--format NAME[:FILE]`: which reports to render and where each one goes."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import IO

from sedex_lint.model import Report, Severity

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


@dataclass(frozen=True)
class Output:
    format: str
    file: str | None
    """None for standard output."""


def parse_outputs(specs: list[str], github_actions: bool) -> list[Output]:
    """`json`, `sarif:results.sarif`...; with no spec, text (plus annotations on GitHub)."""
    if not specs:
        return [Output("text", None), *([Output("github", None)] if github_actions else [])]
    outputs = []
    for spec in specs:
        name, _, file = spec.partition(":")
        if name not in FORMATS:
            raise OutputError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        outputs.append(Output(name, file or None))
    on_stdout = [o.format for o in outputs if o.file is None]
    if len(on_stdout) > 1:
        raise OutputError(
            f"formats {', '.join(on_stdout)} would all go to standard output; "
            "send all but one to files with NAME:FILE"
        )
    return outputs


def write_outputs(
    outputs: list[Output], report: Report, fail_on: Severity, *, color: bool, quiet: bool,
    show_suppressed: bool,
) -> None:  # fmt: skip
    for output in outputs:
        if output.format == "text":
            from sedex_lint.reporters import text

            stream = sys.stdout if output.file is None else _open(output.file)
            use_color = color and output.file is None
            text.render(report, fail_on, stream, use_color, quiet, show_suppressed)
            if output.file is not None:
                stream.close()
            continue
        rendered = importlib.import_module(_MODULES[output.format]).render(report, fail_on)
        if output.file is None:
            _write_stdout(rendered)
        else:
            with _open(output.file) as handle:
                handle.write(rendered)


def _write_stdout(text: str) -> None:
    # File names are OS bytes: one that is not UTF-8 must not crash the report.
    sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()


def _open(path: str) -> IO[str]:
    try:
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
