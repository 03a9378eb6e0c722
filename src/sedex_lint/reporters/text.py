"""The human report: findings grouped by file, each at file:line:col with the line it points
at and a caret under the column (a code frame), then a summary.

The report is built as lines of styled segments. On a terminal rich renders them in colour;
otherwise (a pipe, a CI log, a pre-commit hook, NO_COLOR, --no-color) they are written as
plain text, which also spares those runs the import of rich. Lines are never wrapped, so
piped output keeps one finding per line for grep. Every segment passes through `printable`:
names, values and messages from a manifest cannot move the cursor, hide text or break lines.
Paths are as the inputs were named (relative to the working directory), for a person there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from sedex_lint.code_frame import code_frame
from sedex_lint.model import Finding, InputError, Report, Severity
from sedex_lint.printable import printable

Segment = tuple[str, str | None]
Line = list[Segment]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(
    report: Report,
    fail_on: Severity,
    stream: IO[str],
    color: bool,
    quiet: bool,
    show_suppressed: bool = False,
    show_source: bool = True,
) -> None:
    produced = report_lines(report, fail_on, quiet, show_suppressed, show_source and not quiet)
    # line by line: the text of a large run's report is never held whole (the stream buffers)
    lines = ([(printable(text), style) for text, style in line] for line in produced)
    if not color:
        for line in lines:
            stream.write("".join(text for text, _ in line) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream, force_terminal=True, highlight=False, soft_wrap=True, emoji=False
    )
    for line in lines:
        console.print(Text.assemble(*((text, style or "") for text, style in line)))


def report_lines(
    report: Report, fail_on: Severity, quiet: bool, show_suppressed: bool,
    show_source: bool = False,
) -> Iterator[Line]:  # fmt: skip
    by_file: dict[str, list[Finding | InputError]] = {}
    for error in report.errors:
        by_file.setdefault(error.file, []).append(error)
    order = {name: index for index, name in enumerate(report.files)}
    shown = [*report.findings, *(report.suppressed if show_suppressed else ())]
    for finding in sorted(shown, key=lambda f: (order.get(f.file, -1), *f.sort_key())):
        by_file.setdefault(finding.file, []).append(finding)
    for file, entries in by_file.items():
        yield [(file, "bold underline")]
        for entry in entries:
            yield from _entry(entry, show_source)
        yield []
    for internal in report.internal_errors:
        yield [
            (f"{internal.file}: ", None), ("internal error", "bold magenta"),
            (f" in {internal.culprit}: {internal.message}", None),
        ]  # fmt: skip
    for stale in report.stale_baseline:
        yield [
            (f"{stale.file}: ", None), ("baseline entry no longer occurs", "yellow"),
            (f": {stale.code} {stale.object} {stale.path}", None),
        ]  # fmt: skip
    if not quiet:
        yield _summary(report, fail_on)


def _entry(entry: Finding | InputError, show_source: bool) -> list[Line]:
    where = f"  {entry.file}:{entry.line}:{entry.column}  "
    if isinstance(entry, InputError):
        return [[(where, None), ("input error", "bold red"), (f"  {entry.message}", None)]]
    if entry.suppression is not None:
        suppression = entry.suppression
        text = f"suppressed ({suppression.kind}: {suppression.reason})  {entry.code} {entry.name}"
        return [[(where, None), (text, "dim")]]
    heading: Line = [
        (where, None),
        (entry.severity.label, _STYLE[entry.severity]),
        ("  ", None),
        (entry.code, "bold"),
        (f" {entry.name}", None),
    ]
    if entry.object is not None:
        heading.append((f"  {entry.object.describe()}", "dim"))
    if entry.source is not None:
        source = entry.source
        heading.append((f"  (from {source.file}:{source.line}:{source.column})", "dim"))
    elif entry.origin is not None:
        heading.append((f"  (from {entry.origin.where})", "dim"))
    lines: list[Line] = [heading, [(f"    {entry.message}", None)]]
    if show_source:
        lines += code_frame(entry, _STYLE[entry.severity])
    return lines


def _not_checked(entries: tuple[tuple[str, str, int], ...]) -> list[tuple[str, int, str]]:
    """Per rule: objects it could not check, and what it lacked (the first three named)."""
    by_rule: dict[str, list[tuple[str, int]]] = {}
    for rule, what, count in entries:
        by_rule.setdefault(rule, []).append((what, count))
    lines = []
    for rule, items in by_rule.items():
        items.sort(key=lambda item: (-item[1], item[0]))
        named = ", ".join(what for what, _ in items[:3])
        more = f" and {len(items) - 3} more" if len(items) > 3 else ""
        lines.append((rule, sum(count for _, count in items), f"no schema for {named}{more}"))
    return lines


def _summary(report: Report, fail_on: Severity) -> Line:
    counts = report.counts
    totals = report.by_severity()
    parts = [
        f"{totals[s]} info" if s is Severity.INFO else _plural(totals[s], s.label)
        for s in reversed(Severity)
    ]
    line: Line = [
        (
            f"{_plural(counts.files, 'file')}, {_plural(counts.objects, 'object')}, "
            f"{_plural(counts.sedex_workloads, 'sedex workload')}: {', '.join(parts)}",
            None,
        )
    ]
    if report.suppressed:
        line.append((f"; {len(report.suppressed)} suppressed", None))
    for rule, objects, missing in _not_checked(counts.not_checked):
        line.append((f"; {rule} could not check {_plural(objects, 'object')} ({missing})", None))
    if report.errors:
        line += [("; ", None), (_plural(len(report.errors), "input error"), "bold red")]
    if report.internal_errors:
        count = _plural(len(report.internal_errors), "internal error")
        line += [("; ", None), (count, "bold magenta")]
    failed = report.exit_code(fail_on) != 0
    line += [
        (" — ", None),
        ("failed" if failed else "passed", "bold red" if failed else "bold green"),
        (f" (fail on {fail_on.label} and above)", None),
    ]
    return line


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
