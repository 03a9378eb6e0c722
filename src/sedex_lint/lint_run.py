"""A lint run from its options: what `sedex-lint PATH...` does once the command line is read.

Both readers of the command line call `run_lint`: typer's `lint_command` (cli.py) and the
fast path (fast_cli.py), which reads the common command lines without importing typer. So
nothing here imports typer: an error is `SystemExit(code)`, which click lets through
unchanged in standalone mode.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import gc
import os
import sys
from pathlib import Path
from typing import NamedTuple, NoReturn

from sedex_lint.cli_guards import for_kubernetes_version, refuse_clobbering, refuse_nothing_to_lint
from sedex_lint.cli_support import fail, paths_to_lint, policy_and_baseline
from sedex_lint.terminal import wants_color


class LintOptions(NamedTuple):
    """The lint command's parameters, as typer passes them to `lint_command` (lists, Paths,
    None for an option not given). `--version` is not here: its eager callback exits before
    the command runs. No defaults: they come from typer's declaration (cli.py), through
    typer or through the table generated from it (lint_options.py), never from a copy."""

    paths: list[str] | None
    output_format: list[str] | None
    fail_on: str | None
    config: Path | None
    select: list[str] | None
    ignore: list[str] | None
    baseline: Path | None
    write_baseline: Path | None
    fix: bool
    diff: bool
    unsafe_fixes: bool
    allow_empty: bool
    jobs: int
    show_suppressed: bool
    stdin_filename: str | None
    root: Path | None
    no_source: bool
    no_color: bool
    quiet: bool
    kubernetes_version: str | None


def run_lint(options: LintOptions) -> NoReturn:
    """Lint, report, and exit with the code a CI gate reads (never returns)."""
    o = options
    paths = paths_to_lint(o.paths, o.stdin_filename, o.root)
    from sedex_lint.model import Severity
    from sedex_lint.outputs import OutputError, parse_outputs, write_outputs

    try:
        threshold = Severity.parse(o.fail_on) if o.fail_on else None
    except ValueError as error:
        fail(f"--fail-on: {error}")
    try:
        outputs = parse_outputs(o.output_format or [], os.environ.get("GITHUB_ACTIONS") == "true")
    except OutputError as error:
        fail(f"--format: {error}")
    policy, known = policy_and_baseline(o.config, o.select, o.ignore, threshold, o.baseline)
    if o.kubernetes_version is not None:
        policy = for_kubernetes_version(policy, o.kubernetes_version)
    from sedex_lint.api import lint
    from sedex_lint.api import select as select_inputs
    from sedex_lint.parallel import default_jobs
    from sedex_lint.progress import progress_bar

    if not gc.isenabled():  # start-up is over: entry.py paused the collector for it
        gc.freeze()  # what start-up made lives as long as the process: never look at it again
        gc.enable()
    selection = select_inputs(paths, policy, o.stdin_filename)
    refuse_clobbering(selection, outputs, o.write_baseline)
    refuse_nothing_to_lint(selection, o.allow_empty, o.quiet)
    if o.fix or o.diff or o.unsafe_fixes:
        from sedex_lint.fixes.command import FixRequest, Presentation, run

        request = FixRequest(o.fix, o.diff, o.unsafe_fixes, o.write_baseline)
        shown = Presentation(outputs, o.no_color, o.quiet, o.show_suppressed)
        run(request, selection, policy, known, o.jobs or default_jobs(), shown)
    with progress_bar() as progress:
        report = lint(
            selection, policy=policy, baseline=known, jobs=o.jobs or default_jobs(),
            progress=progress,
        )  # fmt: skip
    if o.write_baseline is not None:
        from sedex_lint.baseline import write_baseline as record

        try:
            record(o.write_baseline, [*report.findings])
        except OSError as error:
            fail(f"--write-baseline: cannot write {o.write_baseline}: {error.strerror or error}")
        sys.stdout.write(
            f"sedex-lint: recorded {len(report.findings)} findings in {o.write_baseline}\n"
        )
        sys.stdout.flush()  # as click.echo did: the line is out before the process ends
        raise SystemExit(2 if report.errors else 0)
    color = wants_color(sys.stdout, refused=o.no_color)
    from sedex_lint.locations import repository_root

    try:
        write_outputs(
            outputs, report, policy.fail_on, color=color, quiet=o.quiet,
            show_suppressed=o.show_suppressed, show_source=not o.no_source,
            root=o.root or repository_root(Path.cwd()),
        )  # fmt: skip
    except OutputError as error:
        fail(str(error))
    raise SystemExit(report.exit_code(policy.fail_on))
