"""The Markdown report: the machine, one table per case, the targets and the verdict.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence

import targets
from measure import Case, Measurement
from precommit_case import HOOK_BARE, PRE_COMMIT


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def case_table(case: Case, rows: Sequence[Measurement]) -> str:
    mine = next((row for row in rows if row.tool == "sedex-lint"), None)
    lines = [
        f"### ({case.key}) {case.title}: {_count(case.files, 'file')}, "
        f"{_count(case.documents, 'document')}, {_count(case.objects, 'object')}, "
        f"{case.size_bytes / 2**20:.2f} MiB",
        "",
        "| tool | runs | median wall | min-max wall | median CPU | documents/s "
        "| peak RSS MiB | sedex-lint speed ÷ tool's |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes: list[str] = []
    for row in rows:
        ratio = "—"
        if row.tool != "sedex-lint" and mine and mine.docs_per_s and row.docs_per_s:
            ratio = f"{mine.docs_per_s / row.docs_per_s:,.2f}x"
        spread = f"{_ms(min(row.walls))} - {_ms(max(row.walls))}" if row.runs else "—"
        lines.append(
            f"| {row.tool} | {len(row.runs)} | {_ms(row.median_wall)} | {spread} "
            f"| {_ms(row.median_cpu)} | {_num(row.docs_per_s)} | {_num(row.peak_rss_mib, 1)} "
            f"| {ratio} |"
        )
        notes.extend(f"{row.tool}: {note}" for note in row.notes)
        notes.extend(f"{row.tool} FAILED: {failure}" for failure in row.failures)
    if case.key == "p":
        overhead = targets.pre_commit_overhead(rows)
        if overhead:
            values = [value * 1000 for value in overhead.values]
            notes.append(
                f"pre-commit's own overhead ({PRE_COMMIT} - {HOOK_BARE}, round by round): "
                f"median {overhead.median * 1000:,.0f} ms "
                f"({min(values):,.0f} to {max(values):,.0f} ms, {len(values)} rounds)"
            )
        notes.append(
            "the bare rows run `sedex-lint FILE` in the hook's repository, as pre-commit "
            "calls it (without -q)"
        )
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


def render(
    info: dict[str, str],
    cases: Sequence[Case],
    results: Sequence[Measurement],
    verdicts: Sequence[targets.Verdict],
    problems: Sequence[str],
    sessions: Sequence[str] = (),
) -> str:
    out = ["## Machine", ""]
    out.extend(f"- {key}: {value}" for key, value in info.items())
    if sessions:
        out.extend(["", "Combined from these runs of run.py:", ""])
        out.extend(f"- {session}" for session in sessions)
    out.append("")
    out.append("## Results")
    for case in cases:
        out.append("")
        out.append(case_table(case, [row for row in results if row.case.key == case.key]))
    out.extend(
        [
            "",
            "## Targets of issue 16",
            "",
            "Ratios are medians of per-pair ratios (runs side by side in one invocation); "
            "these verdicts decide the exit code.",
            "",
            targets.table([v for v in verdicts if v.issue == 16]),
            "",
            "Issue 6's other targets (shown; they do not decide the exit code):",
            "",
            targets.table([v for v in verdicts if v.issue != 16]),
            "",
            "## Verdict",
            "",
        ]
    )
    if problems:
        out.append(f"FAILED ({len(problems)}): exit code 1")
        out.append("")
        out.extend(f"- {problem}" for problem in problems)
    else:
        unmeasured = sum(1 for v in verdicts if v.decides and v.ok is None)
        out.append(
            "OK: no run failed and no target was missed"
            + (f" ({unmeasured} of issue 16's targets not measured)" if unmeasured else "")
        )
    out.append("")
    return "\n".join(out)


def problems_of(
    results: Sequence[Measurement],
    verdicts: Sequence[targets.Verdict],
    warnings: Sequence[str],
) -> list[str]:
    """Everything that makes the exit code 1: failed runs, warnings, missed targets."""
    found = [
        f"run failed: {row.tool} on ({row.case.key}): {failure}"
        for row in results
        for failure in row.failures
    ]
    found.extend(f"warning: {warning}" for warning in warnings)
    found.extend(
        f"target missed: {v.label}: {v.measured} (wanted {v.threshold})"
        for v in verdicts
        if v.decides and v.ok is False
    )
    return found
