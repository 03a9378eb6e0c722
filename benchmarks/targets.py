"""The targets: issue 16's decide the exit code; issue 6's other rows are shown beside them.

Every ratio between two tools (or two cases) is taken pair by pair: runs[i] of two rows
measured in the same invocation ran side by side in round i (measure.measure_interleaved),
and the verdict uses the median of the per-pair ratios. Rows from different invocations are
never paired: such a target is "not measured".

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cases import BIG_DOCS, HUGE_DOCS, LINEAR_SIZES
from measure import Measurement, Run
from precommit_case import BARE, HOOK_BARE, PRE_COMMIT

COLD_START_RATIO = 1.0
"""(d): sedex-lint's wall time at most yamllint's, in the same paired run."""
YAMLLINT_FACTOR = 20.0
"""(b): sedex-lint's documents/s at least this many times yamllint's: kubeconform's rate on
this kind of machine (issue 6's reference corpus)."""
CHECKOV_FACTOR = 55.0
"""Issue 6: ...and kubeconform ran about 55 times faster than Checkov."""
GROWTH_RATIO = 1.0
"""(e) ÷ (c): documents/s on one 50,000-document file at least this share of (c)'s."""
MEMORY_MIB = 100.0
"""Peak RSS on (c) and on (e)."""
FLAT_TOLERANCE_MIB = 10.0
"""Flat memory: (e)'s peak at most (c)'s plus this, for five times the documents."""
SMALL_FILE_MS = 150.0
"""Issue 6: one small file within this wall time."""
LINEARITY_TOLERANCE = 1.25
"""Issue 6: the slowest time per document at most this many times the fastest."""
NO_THRESHOLD = "—"


@dataclass(frozen=True)
class Verdict:
    label: str
    measured: str
    threshold: str
    ok: bool | None
    """None: not measured (case not selected, peer missing, rows not from one run)."""
    issue: int
    """Issue 16's targets decide the exit code; issue 6's are shown beside them."""

    @property
    def decides(self) -> bool:
        return self.issue == 16 and self.threshold != NO_THRESHOLD

    @property
    def text(self) -> str:
        if self.threshold == NO_THRESHOLD:
            return "shown (no target)"
        if self.ok is None:
            return "not measured"
        return "**met**" if self.ok else "**missed**"


@dataclass(frozen=True)
class Paired:
    a: Measurement
    b: Measurement
    values: list[float]
    """From wall times, which the verdicts use."""
    cpu_values: list[float]
    """The same from CPU times: less disturbed by other load on a shared machine."""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self, digits: int = 2) -> str:
        """The wall range, the number of pairs and the CPU median: `0.80 - 0.92, 5 pairs, ...`."""
        count = len(self.values)
        pairs = f"{count} pair{'' if count == 1 else 's'}"
        cpu = f"CPU {statistics.median(self.cpu_values):,.{digits}f}"
        if count == 1:
            return f"{pairs}, {cpu}"
        low, high = min(self.values), max(self.values)
        return f"{low:,.{digits}f} - {high:,.{digits}f}, {pairs}, {cpu}"


def find(results: Sequence[Measurement], tool: str, case: str) -> Measurement | None:
    for row in results:
        if row.tool == tool and row.case.key == case and row.runs:
            return row
    return None


def paired(
    pool: Sequence[Measurement],
    a: tuple[str, str],
    b: tuple[str, str],
    value: Callable[[Run, Run], float],
) -> Paired | None:
    """value(a's run, b's run) for each round of the first invocation that measured both."""
    for first in pool:
        if (first.tool, first.case.key) != a or not first.runs:
            continue
        for second in pool:
            key = (second.tool, second.case.key)
            if key == b and second.runs and second.session == first.session:
                pairs = list(zip(first.runs, second.runs, strict=False))
                cpu = [value(_on_cpu(x), _on_cpu(y)) for x, y in pairs]
                return Paired(first, second, [value(x, y) for x, y in pairs], cpu)
    return None


def _on_cpu(run: Run) -> Run:
    return replace(run, wall_s=run.cpu_s)


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _mib(row: Measurement | None) -> str:
    return f"{row.peak_rss_mib:,.1f} MiB" if row and row.peak_rss_mib is not None else "—"


def issue_16(results: Sequence[Measurement], pool: Sequence[Measurement]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    cold = paired(pool, ("sedex-lint", "d"), ("yamllint", "d"), lambda x, y: x.wall_s / y.wall_s)
    label = "(d) cold start, one small file: wall sedex-lint ÷ yamllint, every default rule on"
    threshold = f"≤ {COLD_START_RATIO:.1f}"
    if cold is None:
        verdicts.append(Verdict(label, "—", threshold, None, 16))
    else:
        measured = (
            f"{cold.median:.2f} ({cold.spread()}; medians {_ms(cold.a.median_wall)} vs "
            f"{_ms(cold.b.median_wall)})"
        )
        verdicts.append(Verdict(label, measured, threshold, cold.median <= COLD_START_RATIO, 16))

    speed = paired(pool, ("sedex-lint", "b"), ("yamllint", "b"), lambda x, y: y.wall_s / x.wall_s)
    label = "(b) throughput, 2,000 files: documents/s sedex-lint ÷ yamllint, all rules on"
    threshold = f"≥ {YAMLLINT_FACTOR:g}x"
    if speed is None:
        verdicts.append(Verdict(label, "—", threshold, None, 16))
    else:
        mine, other = speed.a.docs_per_s or 0.0, speed.b.docs_per_s or 0.0
        measured = (
            f"{speed.median:,.2f}x ({speed.spread()}; {mine:,.0f} vs {other:,.0f} documents/s; "
            f"kubeconform ≈ {other * YAMLLINT_FACTOR:,.0f})"
        )
        verdicts.append(Verdict(label, measured, threshold, speed.median >= YAMLLINT_FACTOR, 16))

    def growth(x: Run, y: Run) -> float:  # documents/s on (e) ÷ documents/s on (c)
        return (HUGE_DOCS / x.wall_s) / (BIG_DOCS / y.wall_s)

    rate = paired(pool, ("sedex-lint", "e"), ("sedex-lint", "c"), growth)
    label = f"(e) documents/s on one {HUGE_DOCS:,}-document file ÷ on (c), {BIG_DOCS:,}"
    threshold = f"≥ {GROWTH_RATIO:.1f}x"
    if rate is None:
        verdicts.append(Verdict(label, "—", threshold, None, 16))
    else:
        measured = (
            f"{rate.median:.2f}x ({rate.spread()}; {rate.a.docs_per_s or 0:,.0f} vs "
            f"{rate.b.docs_per_s or 0:,.0f} documents/s)"
        )
        verdicts.append(Verdict(label, measured, threshold, rate.median >= GROWTH_RATIO, 16))

    big, huge = find(results, "sedex-lint", "c"), find(results, "sedex-lint", "e")
    for key, documents, row in (("c", BIG_DOCS, big), ("e", HUGE_DOCS, huge)):
        peak = row.peak_rss_mib if row else None
        label = f"({key}) peak memory, one file of {documents:,} documents"
        ok = None if peak is None else peak <= MEMORY_MIB
        verdicts.append(Verdict(label, _mib(row), f"≤ {MEMORY_MIB:.0f} MiB", ok, 16))
    label = "flat memory in the documents of one file: (e)'s peak - (c)'s"
    threshold = f"≤ +{FLAT_TOLERANCE_MIB:.0f} MiB (tolerance)"
    if big and huge and big.peak_rss_mib is not None and huge.peak_rss_mib is not None:
        grown = huge.peak_rss_mib - big.peak_rss_mib
        measured = f"{grown:+,.1f} MiB ({_mib(huge)} vs {_mib(big)})"
        verdicts.append(Verdict(label, measured, threshold, grown <= FLAT_TOLERANCE_MIB, 16))
    else:
        verdicts.append(Verdict(label, "—", threshold, None, 16))

    hook = find(results, PRE_COMMIT, "p")
    label = "(p) `pre-commit run sedex-lint --files FILE`, total wall"
    if hook is None:
        verdicts.append(Verdict(label, "—", NO_THRESHOLD, None, 16))
    else:
        parts = [f"{_ms(hook.median_wall)}"]
        bare = find(results, BARE, "p")
        if bare:
            parts.append(f"bare `sedex-lint FILE` {_ms(bare.median_wall)}")
        overhead = pre_commit_overhead(pool)
        if overhead:
            parts.append(f"the hook's own sedex-lint {_ms(overhead.b.median_wall)}")
            parts.append(f"pre-commit's overhead {overhead.median * 1000:,.0f} ms")
        verdicts.append(Verdict(label, "; ".join(parts), NO_THRESHOLD, None, 16))
    return verdicts


def pre_commit_overhead(pool: Sequence[Measurement]) -> Paired | None:
    """pre-commit's wall minus the bare run of the same installation, round by round."""
    return paired(pool, (PRE_COMMIT, "p"), (HOOK_BARE, "p"), lambda x, y: x.wall_s - y.wall_s)


def issue_6(results: Sequence[Measurement], pool: Sequence[Measurement]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    direct = paired(
        pool, ("sedex-lint", "b"), ("kubeconform", "b"), lambda x, y: y.wall_s / x.wall_s
    )
    if direct:
        verdicts.append(
            Verdict(
                "(b) throughput ≥ kubeconform's, measured",
                f"{direct.median:,.2f}x ({direct.spread()})",
                "≥ 1x",
                direct.median >= 1,
                6,
            )
        )
    checkov = None
    for key in "ba":
        checkov = checkov or paired(
            pool, ("sedex-lint", key), ("checkov", key), lambda x, y: y.wall_s / x.wall_s
        )
    label = "throughput ≥ kubeconform's: sedex-lint ÷ Checkov"
    threshold = f"≥ {CHECKOV_FACTOR:g}x"
    if checkov is None:
        verdicts.append(Verdict(label, "—", threshold, None, 6))
    else:
        measured = f"{checkov.median:,.2f}x on ({checkov.a.case.key}) ({checkov.spread()})"
        verdicts.append(Verdict(label, measured, threshold, checkov.median >= CHECKOV_FACTOR, 6))
    small = find(results, "sedex-lint", "d")
    wall = small.median_wall if small else None
    verdicts.append(
        Verdict(
            "(d) one small file, wall",
            _ms(wall),
            f"≤ {SMALL_FILE_MS:.0f} ms",
            None if wall is None else wall * 1000 <= SMALL_FILE_MS,
            6,
        )
    )
    verdicts.append(linearity(results))
    return verdicts


def linearity(results: Sequence[Measurement]) -> Verdict:
    """Time per document after start-up (the small file's wall) across growing inputs."""
    start = find(results, "sedex-lint", "d")
    series = [f"l{size}" for size in LINEAR_SIZES]
    rows = [row for key in series if (row := find(results, "sedex-lint", key))]
    label = "linear growth: ms per document, single files of " + ", ".join(
        f"{size:,}" for size in LINEAR_SIZES
    )
    if len(rows) < 2:
        # single files only: a directory's files are linted by one worker per core
        rows = [row for key in "ce" if (row := find(results, "sedex-lint", key))]
        label = "linear growth: ms per document on " + ", ".join(
            f"({row.case.key})" for row in rows
        )
    threshold = f"≤ {LINEARITY_TOLERANCE}x spread"
    if start is None or len(rows) < 2:
        return Verdict("linear growth", "—", threshold, None, 6)
    base = start.median_wall or 0.0
    per_doc = [((row.median_wall or 0.0) - base) / max(row.case.documents - 1, 1) for row in rows]
    spread = max(per_doc) / min(per_doc) if min(per_doc) > 0 else float("inf")
    shown = " / ".join(f"{value * 1000:.3f}" for value in per_doc)
    measured = f"{shown} (max ÷ min {spread:.2f}x)"
    return Verdict(label, measured, threshold, spread <= LINEARITY_TOLERANCE, 6)


def evaluate(results: Sequence[Measurement], pool: Sequence[Measurement]) -> list[Verdict]:
    """Issue 16's verdicts, then issue 6's; `pool` may hold rows not shown (for pairing)."""
    return issue_16(results, pool) + issue_6(results, pool)


def table(verdicts: Sequence[Verdict]) -> str:
    lines = ["| target | measured | threshold | verdict |", "|---|---:|---:|---|"]
    lines.extend(f"| {v.label} | {v.measured} | {v.threshold} | {v.text} |" for v in verdicts)
    return "\n".join(lines)
