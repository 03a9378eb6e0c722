"""Writes lint_options.py, the lint command's options as the fast path reads them, from the
click command typer builds out of `lint_command` (cli.py).

Run `python -m sedex_lint.lint_options_gen` from the repository root after changing an option
of the lint command; tests/test_fast_cli.py fails while the table is stale. Whatever the fast
path cannot read exactly as click does is either marked "typer" (the fast path hands any
command line that uses it to typer) or, when it would act even on a command line that does
not name it (an environment variable, a prompt, a required option), refused here, so that
the fast path is extended on purpose rather than quietly wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TARGET = Path("src") / "sedex_lint" / "lint_options.py"

HEADER = '''\
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

'''


def _refuse(name: str, why: str) -> ValueError:
    return ValueError(f"lint option {name!r}: {why}; the fast path (fast_cli.py) cannot read it")


def _value_kind(param: Any) -> str:
    # by class name, not isinstance: typer 0.26+ bundles its own click (typer._click), older
    # releases use click's classes, and the table must come out the same from both
    kind = param.type
    names = {cls.__name__ for cls in type(kind).__mro__}
    if "StringParamType" in names:
        return "str"
    if names & {"Path", "TyperPath"}:
        plain = (False, True, True, True, False, False, None)
        settings = (kind.exists, kind.file_okay, kind.dir_okay, kind.readable, kind.writable,
                    kind.resolve_path, kind.type)  # fmt: skip
        return "path" if settings == plain else "typer"
    if "IntRange" in names:
        bounds = (kind.min, kind.max, kind.min_open, kind.max_open, kind.clamp)
        return "int>=0" if bounds == (0, None, False, False, False) else "typer"
    return "typer"


def _row(param: Any) -> tuple[str, tuple[str, ...], str, bool, Any]:
    name = param.name
    if param.envvar or getattr(param, "prompt", None) or param.required:
        raise _refuse(name, "it takes part even when not given (envvar, prompt or required)")
    if param.param_type_name == "argument":
        if param.nargs != -1 or _value_kind(param) != "str":
            raise _refuse(name, "only one argument of any number of strings is read")
        return (name, (), "argument", True, param.default)
    if param.secondary_opts or param.count:
        raise _refuse(name, "no --x/--no-x pairs or counters")
    if param.is_eager or param.callback is not None:
        if not (param.is_eager and param.is_flag and param.default is None):
            raise _refuse(name, "a callback is only read on an eager flag, left to typer")
        return (name, tuple(param.opts), "typer", False, None)
    if param.is_flag:
        # a boolean flag without a --no- form is True when given, in every click and typer
        if not param.is_bool_flag or param.default is not False:
            raise _refuse(name, "a flag must be boolean and False unless given")
        return (name, tuple(param.opts), "flag", False, False)
    if param.nargs != 1:
        raise _refuse(name, "an option takes one value")
    return (name, tuple(param.opts), _value_kind(param), param.multiple, param.default)


def rows() -> list[tuple[str, tuple[str, ...], str, bool, Any]]:
    """The table, from the click command typer builds now (not from a copy of it)."""
    from typer.main import get_command

    from sedex_lint.cli import app

    command = get_command(app)
    context = command.make_context("sedex-lint", [], resilient_parsing=True)
    unusual = (not context.allow_interspersed_args, context.ignore_unknown_options,
               context.allow_extra_args, context.token_normalize_func is not None)  # fmt: skip
    if any(unusual):
        raise ValueError("the lint command's parsing settings differ from what fast_cli reads")
    table = [_row(param) for param in command.params]
    help_option = command.get_help_option(context)
    if help_option is not None:
        # click gathers the help names in a set: sorted, or the file changes from run to run
        table.append(("help", tuple(sorted(help_option.opts)), "typer", False, None))
    return table


def _literal(value: Any) -> str:
    """Python source for a row, as ruff format writes it (double quotes), so that the
    generated file passes the format check unchanged."""
    if isinstance(value, tuple):
        items = [_literal(item) for item in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a Python string literal too
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    raise ValueError(f"no literal for {value!r} in the lint options table")


def render() -> str:
    lines = [HEADER + "PARAMETERS: tuple[Row, ...] = ("]
    lines += [f"    {_literal(row)}," for row in rows()]
    lines.append(")")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path()
    (root / TARGET).write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
