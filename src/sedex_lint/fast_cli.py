"""The fast path: `sedex-lint [OPTION]... PATH...` without importing typer.

Why: importing typer costs about 90 ms, as much as 94% of yamllint's whole run on one small
file (issue 16), and the common command line needs none of it. typer stays the command line:
it declares the lint command (cli.py), and prints help, usage errors, completion and the
other commands.

Why it cannot drift: the options are not declared here. `parse` reads the table that
`python -m sedex_lint.lint_options_gen` writes from typer's click command (lint_options.py),
with click's grammar for the simple cases only; tests/test_fast_cli.py checks that the table
is what typer declares now and that `parse` returns exactly the values typer would pass to
`lint_command` for many command lines. Anything else, that is anything uncertain (an unknown
option, help, --version, `-fjson`, a missing value, a value that starts with '-', --jobs that
is not digits), returns None and the command line goes to typer as before, so the worst a
gap here can cost is the time typer takes.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from sedex_lint.lint_options import PARAMETERS
from sedex_lint.lint_run import LintOptions, run_lint

# option string -> (destination, kind, multiple)
_OPTIONS = {opt: (dest, kind, many) for dest, opts, kind, many, _ in PARAMETERS for opt in opts}
_ARGUMENT = next(dest for dest, _, kind, _, _ in PARAMETERS if kind == "argument")


def _value(kind: str, text: str) -> object | None:
    """An option's value as typer passes it, or None when only click can say."""
    if not text or text.startswith("-"):
        return None  # click's rules for these differ between releases: leave them to it
    if kind == "str":
        return text
    if kind == "path":
        # click refuses a path that exists but cannot be read ("... is not readable")
        if os.path.exists(text) and not os.access(text, os.R_OK):
            return None
        return Path(text)
    if kind == "int>=0" and text.isascii() and text.isdigit():
        return int(text)
    return None


def parse(argv: Sequence[str]) -> LintOptions | None:
    """What typer would pass to `lint_command` for `argv`, or None: let typer read it."""
    values: dict[str, Any] = {
        dest: default for dest, _, kind, _, default in PARAMETERS if kind != "typer"
    }
    paths: list[str] = []
    only_paths = False
    tokens = iter(argv)
    for token in tokens:
        # click: '-' and words not starting with '-' are arguments, anywhere (interspersed)
        if only_paths or token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        if token == "--":
            only_paths = True
            continue
        # `--opt=value` for long options only; `-f=json`, `-fjson`, `-qj2` are not found
        name, equals, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        found = _OPTIONS.get(name)
        if found is None:
            return None  # unknown option (click's error or a form read only by click)
        dest, kind, multiple = found
        if kind == "typer":
            return None
        if kind == "flag":
            if equals:
                return None  # click: "option does not take a value"
            values[dest] = True
            continue
        text = attached if equals else next(tokens, "")  # "": the value is missing
        value = _value(kind, text)
        if value is None:
            return None
        # a repeated `multiple` option accumulates; any other keeps the last value, as click
        values[dest] = [*(values[dest] or []), value] if multiple else value
    values[_ARGUMENT] = paths or None  # typer passes None, not [], for no PATH
    return LintOptions(**values)


class _QuietFlush:
    """A stream whose flush ignores a closed pipe, as click's PacifyFlushWrapper: the reader
    (`| head`) went away, and the interpreter's last flush must not print a traceback."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def run(options: LintOptions) -> NoReturn:
    """`run_lint`, ending as typer's standalone main ends a command (typer.core._main), so
    that both paths exit alike on ^C, end of input and a closed pipe."""
    try:
        run_lint(options)
    except EOFError:
        sys.stderr.write("\nAborted!\n")
        sys.stderr.flush()
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        raise SystemExit(1) from None
