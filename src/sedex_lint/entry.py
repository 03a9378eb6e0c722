"""The `sedex-lint` program: sends a command line to the lint command, a catalog command
(`rules`, `explain`, `config`, `completion`), `init`, or the shell completion, and turns
anything unexpected into one line on stderr with exit 3, never a traceback."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # Start-up allocates a great many objects (modules, classes, functions) and frees almost
    # none, so the collector's passes over them are wasted: about 5 ms of a small run (issue
    # 16). run_lint freezes what start-up made (the collector skips it from then on) and turns
    # collection back on where the work that grows with the input begins.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _main(sys.argv[1:])
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str]) -> None:
    from sedex_lint.cli_help import COMPLETE_VAR, SUBCOMMANDS  # here: with the collector paused
    from sedex_lint.cli_support import refuse_mistyped_command

    for stream in (sys.stdout, sys.stderr):
        # names and values come from untrusted files: one that cannot be encoded (a lone
        # surrogate from a JSON escape, a file name that is not UTF-8) must not end the run
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        if COMPLETE_VAR in os.environ:
            from sedex_lint.completion import respond

            respond(os.environ[COMPLETE_VAR])
        elif argv and argv[0] == "init":
            from sedex_lint.init_command import init_app

            init_app(args=argv[1:], prog_name="sedex-lint init")
        elif argv and argv[0] in SUBCOMMANDS:
            from sedex_lint.catalog import catalog_app

            catalog_app(args=argv, prog_name="sedex-lint")
        else:
            refuse_mistyped_command(argv, SUBCOMMANDS)
            # the common lint command line without typer's import (fast_cli.py says why and
            # why it reads argv as typer does); anything it is not sure of goes to typer
            from sedex_lint import fast_cli

            options = fast_cli.parse(argv)
            if options is not None:
                fast_cli.run(options)
            from sedex_lint.cli import app

            app(args=argv, prog_name="sedex-lint")
    except KeyboardInterrupt:
        sys.stderr.write("sedex-lint: interrupted\n")
        sys.exit(130)
    except Exception as error:  # last line of defence: one line, never a traceback
        if os.environ.get("SEDEX_LINT_DEBUG"):
            raise
        sys.stderr.write(f"sedex-lint: internal error: {type(error).__name__}: {error}\n")
        sys.exit(3)
