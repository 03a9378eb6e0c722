"""The lint command's parameters as the fast path (fast_cli.py) reads them. Generated from
typer's declaration of `lint_command` (cli.py) by `python -m sedex_lint.lint_options_gen`;
do not edit: tests/test_fast_cli.py fails while it differs from what the generator writes.

One row per parameter: (destination, option strings, kind, multiple, default). Kinds:
"argument" (the PATH... words), "flag" (True when given), "str", "path" (a pathlib.Path,
refused by click when it exists but cannot be read), "int>=0" (digits only), and "typer":
a command line that uses it is left to typer (help, --version, any type not listed here).
"""

from __future__ import annotations

Row = tuple[str, tuple[str, ...], str, bool, bool | int | None]

PARAMETERS: tuple[Row, ...] = (
    ("paths", (), "argument", True, None),
    ("output_format", ("--format", "-f"), "str", True, None),
    ("fail_on", ("--fail-on",), "str", False, None),
    ("config", ("--config", "-c"), "path", False, None),
    ("select", ("--select",), "str", True, None),
    ("ignore", ("--ignore",), "str", True, None),
    ("baseline", ("--baseline",), "path", False, None),
    ("write_baseline", ("--write-baseline",), "path", False, None),
    ("fix", ("--fix",), "flag", False, False),
    ("diff", ("--diff",), "flag", False, False),
    ("unsafe_fixes", ("--unsafe-fixes",), "flag", False, False),
    ("allow_empty", ("--allow-empty",), "flag", False, False),
    ("jobs", ("--jobs", "-j"), "int>=0", False, 0),
    ("show_suppressed", ("--show-suppressed",), "flag", False, False),
    ("stdin_filename", ("--stdin-filename",), "str", False, None),
    ("root", ("--root",), "path", False, None),
    ("no_source", ("--no-source",), "flag", False, False),
    ("no_color", ("--no-color",), "flag", False, False),
    ("quiet", ("--quiet", "-q"), "flag", False, False),
    ("kubernetes_version", ("--kubernetes-version",), "str", False, None),
    ("version", ("--version", "-V"), "typer", False, None),
    ("help", ("--help", "-h"), "typer", False, None),
)
