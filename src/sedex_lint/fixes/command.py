"""`sedex-lint --fix`, `--diff` and `--unsafe-fixes`: lint, fix, then report what remains.

The fix step runs after the findings of the whole run are known (an autoscaler's finding
needs its workload, maybe in another file) and before anything is reported. A file with an
input error is never touched; a fixed text that does not verify is not written.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sedex_lint.api import Selection, lint
from sedex_lint.cli_support import fail
from sedex_lint.decoding import DecodeFailure
from sedex_lint.fixes.files import Source, unified_diff, write_atomically
from sedex_lint.fixes.plan import FileFix, fix_text
from sedex_lint.inputs import Input
from sedex_lint.model import Finding, Report
from sedex_lint.outputs import Output, OutputError, write_outputs
from sedex_lint.runner import InputRefused, read_input
from sedex_lint.terminal import wants_color

if TYPE_CHECKING:
    from sedex_lint.baseline import Baseline
    from sedex_lint.policy import Policy


@dataclass(frozen=True)
class FixRequest:
    fix: bool
    diff: bool
    unsafe: bool
    write_baseline: Path | None = None


@dataclass(frozen=True)
class Presentation:
    outputs: list[Output]
    no_color: bool = False
    quiet: bool = False
    show_suppressed: bool = False


@dataclass
class _Outcome:
    item: Input
    source: Source
    fixes: FileFix


def run(
    request: FixRequest,
    selection: Selection,
    policy: Policy,
    baseline: Baseline | None,
    jobs: int,
    presentation: Presentation,
) -> NoReturn:
    if request.write_baseline is not None:
        fail("--write-baseline records findings; it cannot be combined with --fix or --diff")
    if not (request.fix or request.diff):
        fail("--unsafe-fixes only widens --fix or --diff; add one of them")
    stdin: dict[str, bytes] = {}
    max_bytes = policy.limits.max_file_bytes

    def reader(item: Input) -> bytes:
        data = read_input(item, max_bytes)
        if item.is_stdin:
            stdin[item.name] = data  # read once: kept for the fix and the second lint
        return data

    from sedex_lint.progress import progress_bar

    with progress_bar() as progress:
        report = lint(selection, policy=policy, baseline=baseline, jobs=jobs, reader=reader,
                      progress=progress)  # fmt: skip
    outcomes, problems = _fix_all(request, selection, policy, report, stdin)
    if request.diff:
        _show_diffs(outcomes, problems, report, presentation.quiet)
    _apply(outcomes, problems)
    for problem in problems:
        sys.stderr.write(f"sedex-lint: error: {problem}\n")

    def fixed_reader(item: Input) -> bytes:
        if item.is_stdin:
            return _stdin_after(outcomes, stdin)
        return read_input(item, max_bytes)

    remaining = lint(selection, policy=policy, baseline=baseline, jobs=jobs, reader=fixed_reader)
    uses_stdin = any(item.is_stdin for item in selection.inputs)
    if uses_stdin:  # the fixed stream is the output; reports go to standard error
        sys.stdout.buffer.write(_stdin_after(outcomes, stdin))
        sys.stdout.flush()
    if not presentation.quiet:
        sys.stderr.write(_summary(outcomes, "fixed"))
    screen = sys.stderr if uses_stdin else sys.stdout
    redirect = contextlib.redirect_stdout(sys.stderr) if uses_stdin else contextlib.nullcontext()
    try:
        with redirect:
            write_outputs(
                presentation.outputs, remaining, policy.fail_on,
                color=wants_color(screen, refused=presentation.no_color),
                quiet=presentation.quiet, show_suppressed=presentation.show_suppressed,
            )  # fmt: skip
    except OutputError as error:
        fail(str(error))
    raise SystemExit(max(remaining.exit_code(policy.fail_on), 2 if problems else 0))


def _fix_all(
    request: FixRequest,
    selection: Selection,
    policy: Policy,
    report: Report,
    stdin: dict[str, bytes],
) -> tuple[list[_Outcome], list[str]]:
    unreadable = {error.file for error in report.errors}
    findings: dict[str, list[Finding]] = {}
    for finding in report.findings:
        findings.setdefault(finding.file, []).append(finding)
    parameters = {rule.code: rule.parameters for rule in policy.rules.rules}
    outcomes, problems = [], []
    max_bytes = policy.limits.max_file_bytes
    for item in selection.inputs:
        if item.name in unreadable or (item.is_stdin and item.name not in stdin):
            continue  # never touch a file with an input error
        try:
            data = stdin[item.name] if item.is_stdin else read_input(item, max_bytes)
            source = Source.read(data)
        except (OSError, InputRefused, DecodeFailure) as error:
            problems.append(f"{item.name}: not fixed: cannot read it again: {error}")
            continue
        fixes = fix_text(item.name, source.text, findings.get(item.name, ()), parameters,
                         policy.recognition, request.unsafe)  # fmt: skip
        if fixes.error is not None:
            problems.append(f"{item.name}: not fixed, left as it was: {fixes.error}")
        outcomes.append(_Outcome(item, source, fixes))
    return outcomes, problems


def _show_diffs(
    outcomes: list[_Outcome], problems: list[str], report: Report, quiet: bool
) -> NoReturn:
    for outcome in outcomes:
        if outcome.fixes.changed:
            text = unified_diff(outcome.item.name, outcome.source, outcome.fixes.fixed)
            sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()
    for problem in problems:
        sys.stderr.write(f"sedex-lint: error: {problem}\n")
    if not quiet:
        sys.stderr.write(_summary(outcomes, "would fix"))
    if report.internal_errors:
        raise SystemExit(3)
    if report.errors or problems:
        raise SystemExit(2)
    raise SystemExit(1 if any(o.fixes.changed for o in outcomes) else 0)


def _apply(outcomes: list[_Outcome], problems: list[str]) -> None:
    for outcome in outcomes:
        if not outcome.fixes.changed or outcome.item.is_stdin:
            continue
        try:
            write_atomically(outcome.item.name, outcome.source.encode(outcome.fixes.fixed))
        except OSError as error:
            problems.append(f"{outcome.item.name}: not fixed: cannot write it: "
                            f"{error.strerror or error}")  # fmt: skip
            outcome.fixes.fixed = outcome.fixes.text
            outcome.fixes.applied.clear()


def _stdin_after(outcomes: list[_Outcome], stdin: dict[str, bytes]) -> bytes:
    for outcome in outcomes:
        if outcome.item.is_stdin:
            return outcome.source.encode(outcome.fixes.fixed)
    return next(iter(stdin.values()), b"")


def _summary(outcomes: list[_Outcome], verb: str) -> str:
    changed = [o for o in outcomes if o.fixes.changed]
    count = sum(len(o.fixes.applied) for o in changed)
    unsafe = sum(o.fixes.unsafe_left for o in outcomes)
    files = f"{len(changed)} file{'' if len(changed) == 1 else 's'}"
    line = f"sedex-lint: {verb} {count} finding{'' if count == 1 else 's'} in {files}"
    if unsafe:
        line += f"; {unsafe} more with --unsafe-fixes"
    return line + "\n"
