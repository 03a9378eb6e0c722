#!/usr/bin/env python3
"""Time sedex-lint and its peers on generated corpora; print Markdown tables and the targets.

Cases (select with --cases):
  a  100 files                    (generate_corpus --files 100)
  b  2,000 files                  (generate_corpus --files 2000, about 6,200 documents)
  c  one 10,000-document file     (generate_corpus --single-file-docs 10000)
  d  one small file               (generate_corpus --small: one compliant sedex Deployment)
  l  linear growth, sedex-lint only: single files of 1,250, 2,500, 5,000 and 10,000 documents

sedex-lint runs with its default rules, the Kubernetes schema rules (SDX090-SDX092) among
them; --schema-off adds a row of sedex-lint without them, to show what they cost.

Each tool runs --runs times per case (Checkov --checkov-runs times, on --checkov-cases
only), interleaved round by round (sedex-lint, then each peer, then sedex-lint again...),
after one untimed warm-up run on the small file, so every tool starts with its bytecode
compiled and its files in the page cache. Wall time is measured around the whole process,
from just before the fork until it has been reaped; CPU time (user + system, the tool and
the processes it waited for) comes from os.wait4 and is less disturbed by other load on the
machine. Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it is installed, else
from os.wait4 (see Meter for why the latter is only a floor). documents/s is the case's
document count divided by the median wall time, whatever share of the files a tool reads
(yamllint skips *.json). The sedex-lint speed ÷ tool's column is that tool's median wall
divided by sedex-lint's on the same case in the same run.

Each run of this script should stay short on a shared machine: run the cases in separate
invocations with --json, then print one report with --combine.

    /work/venv/bin/python benchmarks/run.py \\
        --yamllint /work/bench-venv/bin/yamllint --checkov /work/bench-venv/bin/checkov

Exit code 0 when every run of every tool succeeded (sedex-lint, yamllint, kubeconform and
Checkov exit 1 when they find problems, which counts as success), 1 otherwise.
Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import generate_corpus as corpus

CASE_KEYS = "abcdl"
LINEAR_SIZES = (1250, 2500, 5000, 10000)
KUBECONFORM_VS_YAMLLINT = 20.0
"""On the reference corpus of issue 6, kubeconform ran about 20 times faster than yamllint..."""
KUBECONFORM_VS_CHECKOV = 55.0
"""...and about 55 times faster than Checkov."""
SMALL_FILE_TARGET_MS = 150.0
MEMORY_TARGET_MIB = 100.0
LINEARITY_TOLERANCE = 1.25
"""Linear growth: the slowest time per document at most this many times the fastest."""


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
    tool: str
    case: Case
    runs_wanted: int
    runs: list[Run] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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
    def from_dict(cls, data: dict[str, Any]) -> Measurement:
        return cls(
            tool=str(data["tool"]),
            case=Case(**data["case"]),
            runs_wanted=int(data["runs_wanted"]),
            runs=[Run(**run) for run in data["runs"]],
            failures=[str(failure) for failure in data["failures"]],
            notes=[str(note) for note in data["notes"]],
        )


# --- running and measuring one process ---


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

    def run(self, argv: Sequence[str]) -> Run:
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


def measure_case(
    plan: Sequence[tuple[Tool, int]], case: Case, budget: float, meter: Meter
) -> list[Measurement]:
    """Run each (tool, runs) of the plan on the case, interleaved round by round.

    Interleaving spreads a change in the machine's other load over every tool alike, so the
    ratios between tools stay fair on a shared machine. A tool stops early when it fails or
    when its next run would take its total past the budget.
    """
    results = [Measurement(tool.name, case, runs) for tool, runs in plan]
    spent = [0.0] * len(plan)
    done = [False] * len(plan)
    for index in range(max((runs for _, runs in plan), default=0)):
        for slot, (tool, runs) in enumerate(plan):
            if done[slot] or index >= runs:
                continue
            result = results[slot]
            _progress(f"  {tool.name} on ({case.key}) run {index + 1}/{runs}")
            run = meter.run(tool.argv(case))
            spent[slot] += run.wall_s
            if run.exit_code not in tool.ok_codes:
                result.failures.append(_failure(run, meter))
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


def _failure(run: Run, meter: Meter) -> str:
    reason = f"exit code {run.exit_code}"
    if run.exit_code < 0:
        reason = f"killed by signal {-run.exit_code}"
        if run.wall_s >= meter.timeout:
            reason += f" after the --timeout of {meter.timeout:g} s"
    last_line = run.stderr_tail.strip().splitlines()[-1:] or [""]
    return f"{reason}: {last_line[0][:200]}"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- tools ---


def _sedex_lint_argv(path: str, case: Case) -> list[str]:
    return [path, "-q", case.target]


SCHEMA_RULES = "SDX090,SDX091,SDX092"


def _sedex_lint_schema_off_argv(path: str, case: Case) -> list[str]:
    return [path, "-q", "--ignore", SCHEMA_RULES, case.target]


def _yamllint_argv(path: str, case: Case) -> list[str]:
    return [path, "-d", "relaxed", case.target]


def _checkov_argv(download: bool) -> Callable[[str, Case], list[str]]:
    def build(path: str, case: Case) -> list[str]:
        where = ["-f" if case.is_file else "-d", case.target]
        argv = [path, *where, "--framework", "kubernetes", "--quiet", "--compact"]
        return argv if download else [*argv, "--skip-download"]

    return build


def _kubeconform_argv(schema_locations: Sequence[str]) -> Callable[[str, Case], list[str]]:
    def build(path: str, case: Case) -> list[str]:
        locations = [arg for location in schema_locations for arg in ("-schema-location", location)]
        return [path, "-summary", *locations, case.target]

    return build


def tool_version(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def _resolve(explicit: str | None, name: str) -> str | None:
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise SystemExit(f"run.py: {explicit} is not an executable file")
        return os.path.abspath(explicit)
    found = shutil.which(name)
    if found is None:
        sibling = os.path.join(os.path.dirname(sys.executable), name)
        if os.path.isfile(sibling) and os.access(sibling, os.X_OK):
            found = sibling
    return found


def discover_tools(args: argparse.Namespace) -> tuple[list[Tool], list[tuple[str, str]]]:
    tools: list[Tool] = []
    absent: list[tuple[str, str]] = []
    sedex_lint = _resolve(args.sedex_lint, "sedex-lint")
    if sedex_lint is None:
        raise SystemExit("run.py: sedex-lint not found; give --sedex-lint PATH")
    tools.append(
        Tool(
            "sedex-lint",
            sedex_lint,
            tool_version([sedex_lint, "--version"]),
            _sedex_lint_argv,
            frozenset({0, 1}),
        )
    )
    if args.schema_off:
        tools.append(
            Tool(
                "sedex-lint, schema rules off",
                sedex_lint,
                tools[0].version,
                _sedex_lint_schema_off_argv,
                frozenset({0, 1}),
            )
        )
    peers: list[tuple[str, str | None, list[str], Callable[[str, Case], list[str]]]] = [
        ("yamllint", args.yamllint, ["--version"], _yamllint_argv),
        ("kubeconform", args.kubeconform, ["-v"], _kubeconform_argv(args.schema_location)),
        ("checkov", args.checkov, ["--version"], _checkov_argv(args.checkov_download)),
    ]
    for name, explicit, version_flag, build in peers:
        if name in args.skip:
            absent.append((name, "skipped (--skip)"))
            continue
        path = _resolve(explicit, name)
        if path is None:
            absent.append((name, f"not installed (give --{name} PATH)"))
            continue
        version = tool_version([path, *version_flag])
        if name == "checkov":
            version = f"checkov {version}"
        if name == "kubeconform":
            version = f"kubeconform {version}"
        tools.append(Tool(name, path, version, build, frozenset({0, 1})))
    return tools, absent


# --- cases ---


def build_cases(keys: str, work: str, seed: int) -> list[Case]:
    cases: list[Case] = []

    def add(key: str, title: str, target: str, stats: corpus.Stats, is_file: bool) -> None:
        cases.append(
            Case(
                key,
                title,
                target,
                stats.files,
                stats.documents,
                stats.objects,
                stats.bytes,
                is_file,
            )
        )

    for key in keys:
        _progress(f"generating case ({key})")
        out = os.path.join(work, f"case-{key}")
        if key == "a":
            add(key, "100 files", out, corpus.write_corpus(out, 100, seed), False)
        elif key == "b":
            add(key, "2,000 files", out, corpus.write_corpus(out, 2000, seed), False)
        elif key == "c":
            path, stats = corpus.write_single_file(out, 10000, seed)
            add(key, "one 10,000-document file", path, stats, True)
        elif key == "d":
            path, stats = corpus.write_small_file(out, seed)
            add(key, "one small file (pre-commit hook)", path, stats, True)
        elif key == "l":
            for size in LINEAR_SIZES:
                path, stats = corpus.write_single_file(f"{out}-{size}", size, seed)
                add(f"l{size}", f"one {size:,}-document file", path, stats, True)
    return cases


def check_document_count(tool: Tool, case: Case, timeout: float) -> str | None:
    """One untimed run with the JSON report: did sedex-lint see the documents we wrote?"""
    try:
        done = subprocess.run(
            [tool.path, "-f", "json", case.target],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        seen = json.loads(done.stdout)["summary"]["documents"]
    except (OSError, subprocess.TimeoutExpired, ValueError, KeyError, TypeError) as error:
        return f"could not read sedex-lint's JSON summary on ({case.key}): {error}"
    if seen != case.documents:
        return (
            f"sedex-lint counted {seen} documents on ({case.key}), "
            f"the generator wrote {case.documents}"
        )
    return None


# --- the machine ---


def machine_info(tools: Sequence[Tool], absent: Sequence[tuple[str, str]]) -> dict[str, str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    sedex_lint = next(tool for tool in tools if tool.name == "sedex-lint")
    info = {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} logical, {usable} usable by this process",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "python (benchmark runner)": platform.python_version(),
        "python (sedex-lint)": _interpreter_version(sedex_lint.path),
        "sedex-lint code": source_fingerprint(sedex_lint.path),
        "load average at start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    for tool in tools:
        info[tool.name] = f"{tool.version} ({tool.path})"
    info.update(absent)
    return info


def _interpreter(script: str) -> list[str] | None:
    """The Python that a console script runs, from its `#!` line."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    return first[2:].split() if first.startswith("#!") else None


def _interpreter_version(script: str) -> str:
    interpreter = _interpreter(script)
    if interpreter is None:
        return "unknown (not a Python script)"
    version = tool_version([*interpreter, "-c", "import sys; print(sys.version.split()[0])"])
    return f"{version} ({' '.join(interpreter)})"


def source_fingerprint(script: str) -> str:
    """Where the sedex_lint package that `script` imports lives, and a digest of its files.

    Others may change an editable install while the benchmark runs: comparing the digest at
    the start and at the end shows whether every run measured the same code.
    """
    interpreter = _interpreter(script)
    if interpreter is None:
        return "unknown"
    code = "import os, sedex_lint; print(os.path.dirname(os.path.abspath(sedex_lint.__file__)))"
    package = tool_version([*interpreter, "-c", code])
    if not os.path.isdir(package):
        return f"unknown ({package})"
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json")):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, package).encode() + b"\0")
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    described = f"{package}, files sha256 {digest.hexdigest()[:12]}"
    try:
        head = subprocess.run(
            ["git", "-C", package, "log", "-1", "--format=%h %cI"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        changed = subprocess.run(
            ["git", "-C", package, "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return described
    if head.returncode == 0 and head.stdout.strip():
        dirty = ", with uncommitted changes" if changed.stdout.strip() else ""
        described += f", git commit {head.stdout.strip()}{dirty}"
    return described


# --- reporting ---


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
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


def _find(results: Sequence[Measurement], tool: str, case: str) -> Measurement | None:
    for row in results:
        if row.tool == tool and row.case.key == case and row.runs:
            return row
    return None


def targets_table(results: Sequence[Measurement]) -> str:
    lines = [
        "| target | measured | threshold | verdict |",
        "|---|---:|---:|---|",
    ]

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**missed**")

    def throughput(peer: str, case: str, factor: float, label: str) -> None:
        mine, other = _find(results, "sedex-lint", case), _find(results, peer, case)
        if mine is None or other is None or not mine.docs_per_s or not other.docs_per_s:
            lines.append(f"| {label} | — | ≥ {factor:g}x | {verdict(None)} |")
            return
        ratio = mine.docs_per_s / other.docs_per_s
        lines.append(
            f"| {label} | {ratio:,.2f}x ({mine.docs_per_s:,.0f} vs {other.docs_per_s:,.0f} "
            f"documents/s; kubeconform ≈ {other.docs_per_s * factor:,.0f}) "
            f"| ≥ {factor:g}x | {verdict(ratio >= factor)} |"
        )

    direct_mine, direct = _find(results, "sedex-lint", "b"), _find(results, "kubeconform", "b")
    if direct_mine and direct and direct_mine.docs_per_s and direct.docs_per_s:
        ratio = direct_mine.docs_per_s / direct.docs_per_s
        lines.append(
            f"| throughput on (b) ≥ kubeconform's, measured | {ratio:,.2f}x | ≥ 1x "
            f"| {verdict(ratio >= 1)} |"
        )
    throughput(
        "yamllint", "b", KUBECONFORM_VS_YAMLLINT, "throughput on (b) ≥ kubeconform's: ÷ yamllint"
    )
    checkov_case = "b" if _find(results, "checkov", "b") else "a"
    throughput(
        "checkov",
        checkov_case,
        KUBECONFORM_VS_CHECKOV,
        f"throughput on ({checkov_case}) ≥ kubeconform's: ÷ Checkov",
    )
    small = _find(results, "sedex-lint", "d")
    small_ms = (small.median_wall or 0.0) * 1000 if small else None
    lines.append(
        f"| one small file (d), wall | {_ms(small.median_wall if small else None)} "
        f"| ≤ {SMALL_FILE_TARGET_MS:.0f} ms "
        f"| {verdict(None if small_ms is None else small_ms <= SMALL_FILE_TARGET_MS)} |"
    )
    big = _find(results, "sedex-lint", "c")
    lines.append(
        f"| peak memory on one 10,000-document file (c) | "
        f"{f'{big.peak_rss_mib:,.1f} MiB' if big and big.peak_rss_mib else '—'} "
        f"| ≤ {MEMORY_TARGET_MIB:.0f} MiB "
        f"| {verdict(None if big is None else (big.peak_rss_mib or 0) <= MEMORY_TARGET_MIB)} |"
    )
    lines.append(linearity_row(results))
    return "\n".join(lines)


def linearity_row(results: Sequence[Measurement]) -> str:
    """Time per document after start-up (the small file's wall) across growing inputs."""
    start = _find(results, "sedex-lint", "d")
    series = [f"l{size}" for size in LINEAR_SIZES]
    rows = [row for key in series if (row := _find(results, "sedex-lint", key))]
    label = "linear growth: ms per document, single files of " + ", ".join(
        f"{size:,}" for size in LINEAR_SIZES
    )
    if len(rows) < 2:
        rows = [row for key in "abc" if (row := _find(results, "sedex-lint", key))]
        label = "linear growth: ms per document on (a), (b), (c)"
    if start is None or len(rows) < 2:
        return f"| linear growth | — | ≤ {LINEARITY_TOLERANCE}x spread | not measured |"
    base = start.median_wall or 0.0
    per_doc = [((row.median_wall or 0.0) - base) / max(row.case.documents - 1, 1) for row in rows]
    spread = max(per_doc) / min(per_doc) if min(per_doc) > 0 else float("inf")
    shown = " / ".join(f"{value * 1000:.3f}" for value in per_doc)
    ok = spread <= LINEARITY_TOLERANCE
    return (
        f"| {label} | {shown} (max ÷ min {spread:.2f}x) | ≤ {LINEARITY_TOLERANCE}x "
        f"| {'**met**' if ok else '**missed**'} |"
    )


def render(
    info: dict[str, str],
    cases: Sequence[Case],
    results: Sequence[Measurement],
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
    out.extend(["", "## Targets of issue 6", "", targets_table(results), ""])
    return "\n".join(out)


# --- main ---


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time sedex-lint and its peers on generated corpora.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    parser.add_argument("--cases", default="abcd", help="cases to run, from 'abcdl' (abcd)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and case (5)")
    parser.add_argument("--checkov-runs", type=int, default=3, help="runs for Checkov (3)")
    parser.add_argument(
        "--checkov-cases", default="a", help="cases Checkov runs on; it is slow (a)"
    )
    parser.add_argument(
        "--checkov-download",
        action="store_true",
        help="let Checkov download its guidelines (by default --skip-download is passed: "
        "offline, the download only fails and adds its timeout to every run)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=180.0,
        help="seconds per tool and case; runs are cut when the next would pass it (180)",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run (600)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus seed (42)")
    parser.add_argument("--work", help="directory for the corpora (new or empty; kept)")
    parser.add_argument("--sedex-lint", help="sedex-lint executable (default: from PATH)")
    parser.add_argument("--yamllint", help="yamllint executable (default: from PATH)")
    parser.add_argument("--kubeconform", help="kubeconform executable (default: from PATH)")
    parser.add_argument("--checkov", help="checkov executable (default: from PATH)")
    parser.add_argument(
        "--schema-location",
        action="append",
        default=[],
        help="passed to kubeconform as -schema-location (repeatable): local schemas offline",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("yamllint", "kubeconform", "checkov"),
        help="do not run this peer (repeatable)",
    )
    parser.add_argument(
        "--schema-off",
        action="store_true",
        help="also time sedex-lint without its Kubernetes schema rules (SDX090-SDX092), "
        "to show what schema validation costs",
    )
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="skip the untimed check that sedex-lint counts the documents the generator wrote",
    )
    parser.add_argument(
        "--no-gnu-time",
        action="store_true",
        help="read peak RSS from os.wait4 even when /usr/bin/time is there",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the raw results as JSON")
    parser.add_argument(
        "--combine",
        nargs="+",
        metavar="JSON",
        help="run nothing: print one report from the --json files of earlier runs",
    )
    args = parser.parse_args(argv)
    for option in ("cases", "checkov_cases"):
        value = getattr(args, option)
        if not value or any(key not in CASE_KEYS for key in value):
            parser.error(f"--{option.replace('_', '-')} takes letters from '{CASE_KEYS}'")
        setattr(args, option, "".join(dict.fromkeys(value)))
    if args.runs < 1 or args.checkov_runs < 1:
        parser.error("--runs and --checkov-runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.combine:
        print(combine(args.combine))
        return 0
    tools, absent = discover_tools(args)
    info = machine_info(tools, absent)
    with tempfile.TemporaryDirectory(prefix="sedex-lint-bench-") as scratch:
        work = args.work or scratch
        if args.work and os.path.isdir(work) and os.listdir(work):
            raise SystemExit(f"run.py: --work {work} is not empty")
        keys = args.cases
        if "d" not in keys:  # the small file is the warm-up input and the start-up baseline
            keys += "d"
        cases = build_cases(keys, work, args.seed)
        results, warnings, method = run_cases(args, tools, cases)
    info["load average at end"] = " ".join(f"{load:.2f}" for load in os.getloadavg())
    info["measured"] = method
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info["this runner's own peak RSS"] = f"{own_peak:.1f} MiB"
    code_at_end = source_fingerprint(tools[0].path)
    if code_at_end != info["sedex-lint code"]:
        warnings.append(f"sedex-lint's code changed during the run; at the end: {code_at_end}")
    shown = [case for case in cases if case.key != "d" or "d" in args.cases]
    report = render(info, shown, results)
    if warnings:
        report += "\n" + "\n".join(f"WARNING: {warning}" for warning in warnings) + "\n"
    print(report)
    if args.json:
        saved = {
            "machine": info,
            "cases": [case.key for case in shown],
            "warnings": warnings,
            "results": [row.as_dict() for row in results],
        }
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(saved, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    failed = any(row.failures for row in results) or bool(warnings)
    return 1 if failed else 0


def run_cases(
    args: argparse.Namespace, tools: Sequence[Tool], cases: Sequence[Case]
) -> tuple[list[Measurement], list[str], str]:
    meter = Meter.create(args.timeout, use_gnu_time=not args.no_gnu_time)
    small = next(case for case in cases if case.key == "d")
    for tool in tools:
        _progress(f"warming up {tool.name}")
        meter.run(tool.argv(small))
    results: list[Measurement] = []
    warnings: list[str] = []
    sedex_lint = tools[0]
    for case in cases:
        if case.key == "d" and "d" not in args.cases:  # only the start-up baseline
            results.extend(measure_case([(sedex_lint, args.runs)], case, args.budget, meter))
            continue
        if not args.no_verify and case.key != "d":
            _progress(f"checking sedex-lint's document count on ({case.key})")
            problem = check_document_count(sedex_lint, case, args.timeout)
            if problem:
                warnings.append(problem)
        plan: list[tuple[Tool, int]] = []
        for tool in tools:
            if case.key.startswith("l") and tool.name != "sedex-lint":
                continue
            if tool.name == "checkov" and case.key not in args.checkov_cases:
                continue
            plan.append((tool, args.checkov_runs if tool.name == "checkov" else args.runs))
        results.extend(measure_case(plan, case, args.budget, meter))
    return results, warnings, meter.method


def combine(paths: Sequence[str]) -> str:
    """One report from the --json files of several runs: for when each run must stay short.

    A case's rows come from the run that selected it, the first such file for each tool; a
    small-file baseline measured only for the linear-growth figure fills in when no run
    selected (d).
    """
    loaded: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            loaded.append(json.load(handle))
    info = {
        key: str(value)
        for key, value in loaded[0]["machine"].items()
        if not key.startswith(("load average", "date"))
    }
    sessions: list[str] = []
    cases: list[Case] = []
    results: list[Measurement] = []
    fallbacks: list[Measurement] = []
    for path, data in zip(paths, loaded, strict=True):
        machine = data["machine"]
        shown = list(data["cases"])
        sessions.append(
            f"{os.path.basename(path)}: cases {', '.join(shown)}, {machine.get('date')}, "
            f"load average {machine.get('load average at start')} at start, "
            f"{machine.get('load average at end')} at end"
        )
        sessions.extend(f"{os.path.basename(path)}: WARNING {w}" for w in data["warnings"])
        for row in (Measurement.from_dict(item) for item in data["results"]):
            if any(r.tool == row.tool and r.case.key == row.case.key for r in results):
                continue  # the first file that measured a tool on a case wins
            if row.case.key in shown:
                results.append(row)
                if all(case.key != row.case.key for case in cases):
                    cases.append(row.case)
            else:
                fallbacks.append(row)
    have = {(row.tool, row.case.key) for row in results}
    results.extend(row for row in fallbacks if (row.tool, row.case.key) not in have)
    order = {key: index for index, key in enumerate(CASE_KEYS)}
    cases.sort(key=lambda case: (order[case.key[0]], case.documents))
    return render(info, cases, results, sessions)


if __name__ == "__main__":
    sys.exit(main())
