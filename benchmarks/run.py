#!/usr/bin/env python3
"""Time sedex-lint and its peers on generated corpora; print Markdown tables and the targets.

Cases (select with --cases):
  a  100 files                    (generate_corpus --files 100)
  b  2,000 files                  (generate_corpus --files 2000, about 6,200 documents)
  c  one 10,000-document file     (generate_corpus --single-file-docs 10000)
  d  one small file, cold start   (generate_corpus --small: one compliant sedex Deployment)
  e  one 50,000-document file     (generate_corpus --single-file-docs 50000), sedex-lint only;
     measured in the same rounds as (c), which is added (sedex-lint only) when not selected
  l  linear growth, sedex-lint only: single files of 1,250, 2,500, 5,000 and 10,000 documents
  p  the pre-commit hook as users run it: `pre-commit run sedex-lint --files FILE` in a
     throwaway git repository whose .pre-commit-config.yaml points at --repo (default: this
     checkout) at its HEAD commit, beside the bare `sedex-lint FILE`; PRE_COMMIT_HOME is in
     the work directory; an untimed warm-up builds the hook's environment (needs PyPI)

sedex-lint runs with its default rules, the Kubernetes schema rules (SDX090-SDX092) among
them; --schema-off adds a row of sedex-lint without them, to show what they cost.

Each tool runs --runs times per case (Checkov --checkov-runs times, on --checkov-cases
only), interleaved round by round (sedex-lint, then each peer, then sedex-lint again...),
after one untimed warm-up run on the small file, so every tool starts with its bytecode
compiled and its files in the page cache. Wall time is measured around the whole process,
from just before the fork until it has been reaped; CPU time (user + system, the tool and
the processes it waited for) comes from os.wait4 and is less disturbed by other load on the
machine. Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it is installed, else
from os.wait4 (see measure.Meter for why the latter is only a floor). documents/s is the
case's document count divided by the median wall time, whatever share of the files a tool
reads (yamllint skips *.json). The sedex-lint speed ÷ tool's column is that tool's median
wall divided by sedex-lint's on the same case in the same run.

Targets of issue 16 (they decide the exit code; see targets.py): (d) sedex-lint's wall ÷
yamllint's ≤ 1.0 and (b) sedex-lint's documents/s ≥ 20 x yamllint's, both the median of
per-pair ratios of the same run; (e)'s documents/s ≥ 1.0 x (c)'s, paired the same way; peak
RSS ≤ 100 MiB on (c) and on (e), and (e)'s peak ≤ (c)'s + 10 MiB (flat memory). (p) is
shown, not judged. Issue 6's other rows (Checkov, 150 ms, linear growth) are shown beside.

Each run of this script should stay short on a shared machine: run the cases in separate
invocations with --json, then print one report with --combine (see benchmarks/README.md).

    python3 benchmarks/run.py --cases bd --sedex-lint /tmp/bv/bin/sedex-lint \\
        --yamllint /tmp/ylv/bin/yamllint --skip checkov --json /tmp/bench/bd.json

Exit code 0 when every run of every tool succeeded (sedex-lint, yamllint, kubeconform,
Checkov and pre-commit exit 1 when they find problems, which counts as success) and no
target of issue 16 was missed; 1 otherwise, with the reasons listed under "Verdict". A
target that was not measured (case not selected, peer missing) does not fail. --combine
exits the same way on the combined results. Standard library only; the parts live beside
this file: measure.py, peers.py, cases.py, precommit_case.py, machine.py, targets.py,
report.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

import generate_corpus as corpus
import precommit_case
import targets
from cases import CASE_KEYS, build_cases, check_document_count, peers_run_on
from machine import code_digest, machine_info, source_fingerprint
from measure import Case, Measurement, Meter, Tool, measure_interleaved, progress
from peers import PEERS, discover_tools, resolve
from report import problems_of, render

PAIRED_CASES = "ce"
"""Measured in the same rounds, so that (e)'s rate can be set against (c)'s pair by pair."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time sedex-lint and its peers on generated corpora.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    add = parser.add_argument
    add("--cases", default="abcd", help=f"cases to run, from '{CASE_KEYS}' (abcd)")
    add("--runs", type=int, default=5, help="runs per tool and case (5)")
    add("--checkov-runs", type=int, default=3, help="runs for Checkov (3)")
    add("--checkov-cases", default="a", help="cases Checkov runs on; it is slow (a)")
    add(
        "--checkov-download",
        action="store_true",
        help="let Checkov download its guidelines (by default --skip-download is passed: "
        "offline, the download only fails and adds its timeout to every run)",
    )
    add(
        "--budget",
        type=float,
        default=180.0,
        help="seconds per tool and case; runs are cut when the next would pass it (180)",
    )
    add("--timeout", type=float, default=600.0, help="seconds per run, and for the hook's "
        "environment to build (600)")  # fmt: skip
    add("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus seed (42)")
    add("--work", help="directory for the corpora (new or empty; kept)")
    add("--sedex-lint", help="sedex-lint executable (default: from PATH)")
    add("--yamllint", help="yamllint executable (default: from PATH)")
    add("--kubeconform", help="kubeconform executable (default: from PATH)")
    add("--checkov", help="checkov executable (default: from PATH)")
    add("--pre-commit", help="pre-commit executable for case (p) (default: from PATH)")
    add(
        "--repo",
        help="sedex-lint checkout that case (p)'s hook installs, at its HEAD commit "
        "(default: the repository this script lives in)",
    )
    add(
        "--schema-location",
        action="append",
        default=[],
        help="passed to kubeconform as -schema-location (repeatable): local schemas offline",
    )
    add("--skip", action="append", default=[], choices=PEERS, help="do not run this peer "
        "(repeatable)")  # fmt: skip
    add(
        "--schema-off",
        action="store_true",
        help="also time sedex-lint without its Kubernetes schema rules (SDX090-SDX092), "
        "to show what schema validation costs",
    )
    add(
        "--no-verify",
        action="store_true",
        help="skip the untimed check that sedex-lint counts the documents the generator wrote",
    )
    add(
        "--no-gnu-time",
        action="store_true",
        help="read peak RSS from os.wait4 even when /usr/bin/time is there",
    )
    add("--json", metavar="PATH", help="also write the raw results as JSON")
    add(
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
        report, problems = combine(args.combine)
        print(report)
        return 1 if problems else 0
    tools, absent = discover_tools(args)
    pre_commit = None
    if "p" in args.cases:
        pre_commit = resolve(args.pre_commit, "pre-commit")
        if pre_commit is None:
            raise SystemExit("run.py: pre-commit not found; give --pre-commit PATH")
    info = machine_info(tools, absent)
    with tempfile.TemporaryDirectory(prefix="sedex-lint-bench-") as scratch:
        work = args.work or scratch
        if args.work and os.path.isdir(work) and os.listdir(work):
            raise SystemExit(f"run.py: --work {work} is not empty")
        keys = args.cases
        if "d" not in keys:  # the small file: warm-up input, start-up baseline, (p)'s file
            keys += "d"
        if "e" in keys and "c" not in keys:  # (e)'s rate is judged against (c)'s
            keys += "c"
        cases = build_cases(keys, work, args.seed)
        if pre_commit:
            small = next(case for case in cases if case.key == "d")
            repo = os.path.abspath(args.repo or precommit_case.default_repo())
            hook = precommit_case.prepare(pre_commit, repo, small, tools[0], work, args.timeout)
            info.update(hook.info)
            cases.append(hook.case)
        else:
            hook = None
        results, warnings, method = run_cases(args, tools, cases, hook)
    info["load average at end"] = " ".join(f"{load:.2f}" for load in os.getloadavg())
    info["measured"] = method
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info["this runner's own peak RSS"] = f"{own_peak:.1f} MiB"
    code_at_end = source_fingerprint(tools[0].path)
    if code_at_end != info["sedex-lint code"]:
        warnings.append(f"sedex-lint's code changed during the run; at the end: {code_at_end}")
    shown = [case for case in cases if case.key[0] in args.cases]
    verdicts = targets.evaluate(results, results)
    problems = problems_of(results, verdicts, warnings)
    report = render(info, shown, results, verdicts, problems)
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
    return 1 if problems else 0


def run_cases(
    args: argparse.Namespace,
    tools: Sequence[Tool],
    cases: Sequence[Case],
    hook: precommit_case.HookCase | None,
) -> tuple[list[Measurement], list[str], str]:
    meter = Meter.create(args.timeout, use_gnu_time=not args.no_gnu_time)
    small = next(case for case in cases if case.key == "d")
    hook_tools = hook.tools if hook else []
    for tool in tools:
        progress(f"warming up {tool.name}")
        meter.run_tool(tool, small)
    if hook:
        for tool in hook.tools:
            progress(f"warming up {tool.name}")
            meter.run_tool(tool, hook.case)
    results: list[Measurement] = []
    warnings: list[str] = []
    sedex_lint = tools[0]
    plans: dict[str, list[tuple[Tool, Case, int]]] = {}
    for case in cases:
        group = "ce" if case.key in PAIRED_CASES else case.key
        plan = plans.setdefault(group, [])
        if case.key == "p":
            if hook and hook.problem:
                results.append(
                    Measurement(precommit_case.PRE_COMMIT, case, args.runs, failures=[hook.problem])
                )
            plan.extend((tool, case, args.runs) for tool in hook_tools)
            continue
        if case.key[0] not in args.cases:  # a baseline for another case: sedex-lint only
            plan.append((sedex_lint, case, args.runs))
            continue
        if not args.no_verify and case.key != "d":
            progress(f"checking sedex-lint's document count on ({case.key})")
            problem = check_document_count(sedex_lint, case, args.timeout)
            if problem:
                warnings.append(problem)
        for tool in tools:
            if not peers_run_on(case.key) and tool.name != "sedex-lint":
                continue
            if tool.name == "checkov" and case.key not in args.checkov_cases:
                continue
            plan.append((tool, case, args.checkov_runs if tool.name == "checkov" else args.runs))
    for plan in plans.values():
        results.extend(measure_interleaved(plan, args.budget, meter))
    return results, warnings, meter.method


def combine(paths: Sequence[str]) -> tuple[str, list[str]]:
    """One report from the --json files of several runs: for when each run must stay short.

    A case's rows come from the run that selected it, the first such file for each tool; a
    baseline measured for another case (the small file, or (c) beside (e)) fills in when no
    run selected its case. Ratios are only taken between rows of one file (targets.paired).
    Returns the report and what makes the exit code 1.
    """
    loaded: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            loaded.append(json.load(handle))
    info: dict[str, str] = {}
    for data in loaded:
        for key, value in data["machine"].items():
            if not key.startswith(("load average", "date")):
                info.setdefault(key, str(value))
    sessions: list[str] = []
    warnings: list[str] = []
    cases: list[Case] = []
    results: list[Measurement] = []
    fallbacks: list[Measurement] = []
    pool: list[Measurement] = []
    digests = {code_digest(str(data["machine"].get("sedex-lint code", ""))) for data in loaded}
    if len(digests) > 1:
        warnings.append(
            "the files measured different sedex-lint code (digests "
            f"{', '.join(sorted(str(digest) for digest in digests))})"
        )
    for path, data in zip(paths, loaded, strict=True):
        machine = data["machine"]
        shown = list(data["cases"])
        name = os.path.basename(path)
        sessions.append(
            f"{name}: cases {', '.join(shown)}, {machine.get('date')}, "
            f"load average {machine.get('load average at start')} at start, "
            f"{machine.get('load average at end')} at end"
        )
        sessions.extend(f"{name}: WARNING {w}" for w in data["warnings"])
        warnings.extend(f"{name}: {w}" for w in data["warnings"])
        for row in (Measurement.from_dict(item, session=path) for item in data["results"]):
            pool.append(row)
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
    taken = {id(row) for row in results}
    verdicts = targets.evaluate(results, results + [row for row in pool if id(row) not in taken])
    problems = problems_of(results, verdicts, warnings)
    return render(info, cases, results, verdicts, problems, sessions), problems


if __name__ == "__main__":
    sys.exit(main())
