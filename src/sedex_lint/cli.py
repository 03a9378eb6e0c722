"""The `sedex-lint` command: lint paths, print reports, exit with a code a CI gate can trust.

`sedex-lint PATH...` lints; `sedex-lint rules`, `explain CODE` and `config` inspect the policy
(see catalog.py). A file literally named like a subcommand can be linted as `./rules`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sedex_lint import __version__
from sedex_lint.cli_help import EXAMPLES
from sedex_lint.lint_run import LintOptions, run_lint

app = typer.Typer(add_completion=False, rich_markup_mode=None)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sedex-lint {__version__}")
        raise typer.Exit(0)


@app.command(
    help="Lint Kubernetes manifests for the sedex Client's operating rules.",
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def lint_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            show_default=False,
            help="Files, directories (searched recursively) or '-' for standard input.",
        ),
    ] = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="NAME[:FILE]",
            help="Report format: text, json, sarif, junit, github or gitlab; "
            "':FILE' writes it to a file. Repeat for several reports.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="error|warning|info",
            help="Lowest severity that makes the run fail (exit 1). "
            "Default: error, or the config's fail_on.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            metavar="FILE",
            help="Configuration file (default: search .sedex-lint.yaml/.yml or "
            "pyproject.toml up to the repository root).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Only these rules: codes, code prefixes or names; comma-separated or repeated.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="RULES", help="Skip these rules (codes, prefixes or names)."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings not recorded in this baseline file.",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record the current findings in this file and exit 0.",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the safe fixes in place (stdin: print the fixed stream), then report "
            "what remains; the exit code follows what remains. See docs/fixes.md.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Print the fixes as a unified diff (patch -p1) and write nothing; "
            "exit 1 when there is something to fix, else 0.",
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="With --fix or --diff, also the fixes that change more than the rule's field.",
        ),
    ] = False,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty",
            help="Pass (exit 0) when the paths hold no manifest; by default that is exit 2, "
            "so that a gate pointed at the wrong path fails.",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=0,
            help="Processes to lint files with (default 0: one per core). Output is the same.",
        ),
    ] = 0,
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed",
            help="List suppressed findings with their reasons (in SARIF: results with "
            "suppressions, which GitHub code scanning shows as open alerts).",
        ),
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            help="The name standard input gets in every report. Name it in the chart's or "
            "kustomization's directory (chart/rendered.yaml): Helm templates and Kustomize "
            "sources are looked up there. Alone, it implies '-'.",
        ),
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="DIR",
            help="What SARIF, GitLab and JUnit paths are relative to "
            "(default: the repository's top level, or the working directory outside one).",
        ),
    ] = None,
    no_source: Annotated[
        bool, typer.Option("--no-source", help="Do not show the source line under findings.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal (or set NO_COLOR).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems, no summary.")
    ] = False,
    kubernetes_version: Annotated[
        str | None,
        typer.Option(
            "--kubernetes-version",
            metavar="VERSION",
            help="Kubernetes version the schema and API rules check against, e.g. 1.34 "
            "(default: the newest bundled).",
        ),
    ] = None,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = None,
) -> None:
    # `version` is not passed on: its eager callback has already exited when it was given
    run_lint(
        LintOptions(
            paths=paths, output_format=output_format, fail_on=fail_on, config=config,
            select=select, ignore=ignore, baseline=baseline, write_baseline=write_baseline,
            fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, allow_empty=allow_empty, jobs=jobs,
            show_suppressed=show_suppressed, stdin_filename=stdin_filename, root=root,
            no_source=no_source, no_color=no_color, quiet=quiet,
            kubernetes_version=kubernetes_version,
        )
    )  # fmt: skip
