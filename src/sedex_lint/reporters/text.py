"""The human report: findings grouped by file, each at file:line:col, then a summary.

Rendered with rich; colour only on a terminal and never when NO_COLOR is set or --no-color
is given, and no wrapping, so that piped output stays one finding per line for grep.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape

from sedex_lint.model import Finding, InputError, Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(
    report: Report,
    fail_on: Severity,
    stream: IO[str],
    color: bool,
    quiet: bool,
    show_suppressed: bool = False,
) -> None:
    console = Console(
        file=stream,
        no_color=not color,
        force_terminal=color or None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    by_file: dict[str, list[Finding | InputError]] = {}
    for error in report.errors:
        by_file.setdefault(error.file, []).append(error)
    order = {name: index for index, name in enumerate(report.files)}
    shown = [*report.findings, *(report.suppressed if show_suppressed else ())]
    for finding in sorted(shown, key=lambda f: (order.get(f.file, -1), *f.sort_key())):
        by_file.setdefault(finding.file, []).append(finding)
    for file, entries in by_file.items():
        console.print(escape(file), style="bold underline")
        for entry in entries:
            _entry(console, entry)
        console.print()
    for internal in report.internal_errors:
        console.print(
            f"{escape(internal.file)}: [bold magenta]internal error[/] in rule "
            f"{escape(internal.rule)}: {escape(internal.message)}"
        )
    for stale in report.stale_baseline:
        console.print(
            f"{escape(stale.file)}: [yellow]baseline entry no longer occurs[/]: {stale.rule} "
            f"{escape(stale.object)} {escape(stale.path)}"
        )
    if not quiet:
        console.print(_summary(report, fail_on))


def _entry(console: Console, entry: Finding | InputError) -> None:
    where = f"{entry.file}:{entry.line}:{entry.column}"
    if isinstance(entry, InputError):
        console.print(f"  {escape(where)}  [bold red]input error[/]  {escape(entry.message)}")
        return
    if entry.suppression is not None:
        console.print(
            f"  {escape(where)}  [dim]suppressed ({entry.suppression.kind}: "
            f"{escape(entry.suppression.reason)})  {entry.rule} {entry.name}[/]"
        )
        return
    style = _STYLE[entry.severity]
    subject = f"  [dim]{escape(entry.object.describe())}[/]" if entry.object else ""
    if entry.source:
        subject += f"  [dim](from {escape(entry.source)})[/]"
    console.print(
        f"  {escape(where)}  [{style}]{entry.severity.label}[/]  "
        f"[bold]{entry.rule}[/] {entry.name}{subject}"
    )
    console.print(f"    {escape(entry.message)}")


def _summary(report: Report, fail_on: Severity) -> str:
    counts = report.counts
    totals = report.by_severity()
    parts = [
        f"{totals[s]} info" if s is Severity.INFO else _plural(totals[s], s.label)
        for s in reversed(Severity)
    ]
    text = (
        f"{_plural(counts.files, 'file')}, {_plural(counts.objects, 'object')}, "
        f"{_plural(counts.sedex_workloads, 'sedex workload')}: {', '.join(parts)}"
    )
    if report.suppressed:
        text += f"; {len(report.suppressed)} suppressed"
    if report.errors:
        text += f"; [bold red]{_plural(len(report.errors), 'input error')}[/]"
    if report.internal_errors:
        text += f"; [bold magenta]{_plural(len(report.internal_errors), 'internal error')}[/]"
    code = report.exit_code(fail_on)
    verdict = "[bold red]failed[/]" if code else "[bold green]passed[/]"
    return f"{text} — {verdict} (fail on {fail_on.label} and above)"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
