"""The `sedex-lint` command: lint paths, print a report, exit with a code a CI gate can trust."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from sedex_lint import __version__

# "\b" keeps click from re-wrapping the paragraph that follows it.
EXAMPLES = """\
\b
Examples:
  sedex-lint deploy.yaml                        lint one file
  sedex-lint manifests/                         every *.yaml, *.yml, *.json below
  helm template rel chart/ | sedex-lint -       rendered Helm output on stdin
  kustomize build overlay/ | sedex-lint -       rendered Kustomize output on stdin
  sedex-lint -f json manifests/ > report.json   machine-readable report
  sedex-lint --fail-on warning manifests/       fail on warnings too

\b
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or input that could not be read or parsed (the rest is still reported)
  3  internal error (a rule crashed; the other rules still ran)
"""


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class Threshold(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=False)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sedex-lint {__version__}")
        raise typer.Exit(0)


@app.command(
    help="Lint Kubernetes manifests for the sedex Client's operating rules.",
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files, directories (searched recursively) or '-' for standard input.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.text,
    fail_on: Annotated[
        Threshold,
        typer.Option("--fail-on", help="Lowest severity that makes the run fail (exit 1)."),
    ] = Threshold.error,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal (or set NO_COLOR).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems, no summary.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    if not paths:
        typer.echo(
            "sedex-lint: error: no PATH given; name files, directories or '-' for stdin "
            "(see sedex-lint --help)",
            err=True,
        )
        raise typer.Exit(2)
    from sedex_lint.api import lint
    from sedex_lint.model import Severity

    threshold = Severity.parse(fail_on.value)
    report = lint(paths)
    if output_format is OutputFormat.json:
        from sedex_lint.reporters import json_report

        sys.stdout.write(json_report.render(report, threshold))
    else:
        from sedex_lint.reporters import text

        color = not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
        text.render(report, threshold, sys.stdout, color=color, quiet=quiet)
    raise typer.Exit(report.exit_code(threshold))


def main() -> None:
    try:
        app(prog_name="sedex-lint")
    except KeyboardInterrupt:
        sys.stderr.write("sedex-lint: interrupted\n")
        sys.exit(130)
    except Exception as error:  # last line of defence: one line, never a traceback
        if os.environ.get("SEDEX_LINT_DEBUG"):
            raise
        sys.stderr.write(f"sedex-lint: internal error: {type(error).__name__}: {error}\n")
        sys.exit(3)
