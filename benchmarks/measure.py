"""Running and measuring: one process at a time (Meter), tools interleaved round by round.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    target: str
    files: int
    documents: int
    objects: int
    size_bytes: int
    is_file: bool


@dataclass(frozen=True)
class Tool:
    name: str
    path: str
    version: str
    build: Callable[[str, Case], list[str]]
    """(executable, case) -> argv."""
    ok_codes: frozenset[int]
    cwd: str | None = None
    """Directory to run in (the pre-commit case runs inside its git repository)."""
    env: Mapping[str, str] | None = None
    """Whole environment of the process; None: this runner's."""

    def argv(self, case: Case) -> list[str]:
        return self.build(self.path, case)


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    """User plus system CPU time of the tool and every process it waited for."""
    peak_rss_kib: int
    exit_code: int
    stderr_tail: str


@dataclass
class Measurement:
    """One tool on one case: its successful runs in round order (runs[i] is round i).

    A tool stops at its first failure or when the budget is spent, so its runs never skip a
    round: runs[i] of two tools measured in the same plan ran side by side in round i.
    """

    tool: str
    case: Case
    runs_wanted: int
    runs: list[Run] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    session: str = ""
    """Which invocation of run.py measured it (set by --combine; not saved)."""

    @property
    def walls(self) -> list[float]:
        return [run.wall_s for run in self.runs]

    @property
    def median_wall(self) -> float | None:
        return statistics.median(self.walls) if self.runs else None

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(run.cpu_s for run in self.runs) if self.runs else None

    @property
    def docs_per_s(self) -> float | None:
        median = self.median_wall
        return self.case.documents / median if median else None

    @property
    def peak_rss_mib(self) -> float | None:
        return max(run.peak_rss_kib for run in self.runs) / 1024 if self.runs else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "case": asdict(self.case),
            "runs_wanted": self.runs_wanted,
            "runs": [asdict(run) for run in self.runs],
            "failures": self.failures,
            "notes": self.notes,
            "median_wall_s": self.median_wall,
            "median_cpu_s": self.median_cpu,
            "documents_per_s": self.docs_per_s,
            "peak_rss_mib": self.peak_rss_mib,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], session: str = "") -> Measurement:
        return cls(
            tool=str(data["tool"]),
            case=Case(**data["case"]),
            runs_wanted=int(data["runs_wanted"]),
            runs=[Run(**run) for run in data["runs"]],
            failures=[str(failure) for failure in data["failures"]],
            notes=[str(note) for note in data["notes"]],
            session=session,
        )


GNU_TIME = "/usr/bin/time"


@dataclass(frozen=True)
class Meter:
    """Runs a command once and measures it.

    Wall time: around the whole process, from just before the fork until it is reaped.
    CPU time: user + system from os.wait4, which counts the tool and the processes it waited
    for. Peak RSS: with GNU time (`/usr/bin/time -f %M`) when present, else the ru_maxrss
    that os.wait4 reports. Linux starts a child's ru_maxrss at the resident size of the
    process it was forked (or vforked) from, so without GNU time no value can be told apart
    from this runner's own peak: such values are marked as a floor. GNU time is a small C
    program, so the tool it forks inherits only a few MiB, below any tool's own peak.
    """

    timeout: float
    gnu_time: str | None

    @classmethod
    def create(cls, timeout: float, use_gnu_time: bool = True) -> Meter:
        gnu_time = GNU_TIME if use_gnu_time and _gnu_time_works(GNU_TIME) else None
        return cls(timeout, gnu_time)

    @property
    def method(self) -> str:
        if self.gnu_time:
            return f"peak RSS from `{self.gnu_time} -f %M`, CPU time from os.wait4"
        return (
            "peak RSS and CPU time from os.wait4 (no GNU time: RSS at or below this runner's "
            "own peak is only a floor)"
        )

    def run(
        self,
        argv: Sequence[str],
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Run:
        with tempfile.TemporaryFile() as stderr, tempfile.NamedTemporaryFile() as rss_out:
            command = list(argv)
            if self.gnu_time:
                command = [self.gnu_time, "-f", "%M", "-o", rss_out.name, *command]
            start = time.perf_counter()
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                cwd=cwd,
                env=env,
                start_new_session=True,  # so a timeout can end the tool's workers too
            )
            timer = threading.Timer(self.timeout, _kill_group, (process.pid,))
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode("utf-8", "replace")
            rss = usage.ru_maxrss
            if self.gnu_time:
                # "Command exited with non-zero status 1" may come first: the number is last
                lines = rss_out.read().decode("ascii", "replace").split()
                rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        cpu = usage.ru_utime + usage.ru_stime
        return Run(wall, cpu, rss, process.returncode, tail)

    def run_tool(self, tool: Tool, case: Case) -> Run:
        return self.run(tool.argv(case), tool.cwd, tool.env)


def _gnu_time_works(path: str) -> bool:
    if not os.access(path, os.X_OK):
        return False
    with tempfile.NamedTemporaryFile() as out:
        try:
            done = subprocess.run(
                [path, "-f", "%M", "-o", out.name, "true"], capture_output=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return done.returncode == 0 and out.read().strip().isdigit()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def measure_interleaved(
    plan: Sequence[tuple[Tool, Case, int]], budget: float, meter: Meter
) -> list[Measurement]:
    """Run each (tool, case, runs) of the plan, interleaved round by round.

    Interleaving spreads a change in the machine's other load over every entry alike, so the
    ratios between them stay fair on a shared machine, and runs[i] of two entries form a
    pair. An entry stops early when it fails or when its next run would take its total past
    the budget.
    """
    results = [Measurement(tool.name, case, runs) for tool, case, runs in plan]
    spent = [0.0] * len(plan)
    done = [False] * len(plan)
    for index in range(max((runs for _, _, runs in plan), default=0)):
        for slot, (tool, case, runs) in enumerate(plan):
            if done[slot] or index >= runs:
                continue
            result = results[slot]
            progress(f"  {tool.name} on ({case.key}) run {index + 1}/{runs}")
            run = meter.run_tool(tool, case)
            spent[slot] += run.wall_s
            if run.exit_code not in tool.ok_codes:
                result.failures.append(failure_text(run, meter))
                done[slot] = True
                continue
            result.runs.append(run)
            if index + 1 < runs and spent[slot] + run.wall_s > budget:
                result.notes.append(
                    f"cut to {index + 1} of {runs} runs: the next would pass the "
                    f"--budget of {budget:.0f} s"
                )
                done[slot] = True
    return results


def failure_text(run: Run, meter: Meter) -> str:
    reason = f"exit code {run.exit_code}"
    if run.exit_code < 0:
        reason = f"killed by signal {-run.exit_code}"
        if run.wall_s >= meter.timeout:
            reason += f" after the --timeout of {meter.timeout:g} s"
    last_line = run.stderr_tail.strip().splitlines()[-1:] or [""]
    return f"{reason}: {last_line[0][:200]}"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
