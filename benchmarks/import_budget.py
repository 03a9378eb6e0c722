#!/usr/bin/env python3
"""Where a cold start's import time goes: `python -X importtime`, several runs, medians.

    python benchmarks/import_budget.py --python /path/to/venv/bin/python FILE

runs `PYTHON -X importtime -m sedex_lint -q FILE` --runs times and prints one Markdown table:
each sedex_lint module's own (self) import time, and the third-party packages and the
standard library as groups, each the median over the runs, with the budget of
docs/performance.md beside it. -X importtime adds its own overhead to every import, so the
figures are larger than a plain run's; compare them with each other, not with wall times.
Exit code 1 when a group is over its budget. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence

_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|( *)(\S+)")
THIRD_PARTY = ("typer", "click", "ruamel", "_ruamel_yaml", "rich", "jsonschema", "referencing")

STDLIB = "standard library and interpreter start-up"
BUDGET_MS = {
    "sedex_lint (all modules)": 55.0,
    "typer": 0.0,
    "ruamel": 20.0,
    "rich": 0.0,
    "jsonschema": 0.0,
    STDLIB: 20.0,
}
"""Budgets for a clean small file, in -X importtime milliseconds (docs/performance.md).
typer, rich and jsonschema have none: the common lint command line is read without typer
(fast_cli.py), and a run that only lints a file to a pipe needs neither rich nor jsonschema."""


def group_of(module: str) -> str:
    module = module.split(">")[0]
    top = module.split(".")[0]
    if top == "sedex_lint":
        return "sedex_lint (all modules)"
    for package in THIRD_PARTY:
        if top == package:
            return "ruamel" if package == "_ruamel_yaml" else package
    return STDLIB


def one_run(python: str, file: str) -> dict[str, int]:
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "sedex_lint", "-q", file],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"import_budget.py: sedex-lint exited {done.returncode}: {done.stderr}")
    rows = [
        (int(match[1]), len(match[2]), match[3])
        for match in map(_LINE.match, done.stderr.splitlines())
        if match
    ]
    # -X importtime prints a module after the modules it imported, indented one step less:
    # read backwards, the enclosing imports are those with a smaller indent seen last.
    times: dict[str, int] = {}
    enclosing: list[tuple[int, str]] = []
    for own, indent, name in reversed(rows):
        while enclosing and enclosing[-1][0] >= indent:
            enclosing.pop()
        owner = next(
            (n for _, n in reversed(enclosing) if group_of(n) != STDLIB), name
        )  # a standard module counts for the package that imported it
        key = name if group_of(name) != STDLIB or owner == name else f"{owner}>{name}"
        times[key] = times.get(key, 0) + own
        enclosing.append((indent, name))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="the manifest to lint (a small compliant one)")
    parser.add_argument("--python", default=sys.executable, help="python with sedex-lint")
    parser.add_argument("--runs", type=int, default=7, help="runs (7)")
    parser.add_argument("--top", type=int, default=15, help="sedex_lint modules listed (15)")
    args = parser.parse_args(argv)
    runs = [one_run(args.python, args.file) for _ in range(args.runs)]
    modules = sorted({name for run in runs for name in run})
    median = {name: statistics.median(run.get(name, 0) for run in runs) / 1000 for name in modules}
    groups: dict[str, float] = defaultdict(float)
    for name, value in median.items():
        groups[group_of(name)] += value
    print(f"{args.runs} runs of -X importtime, median ms of each module's own import time\n")
    print("| group | ms | budget | verdict |\n|---|---:|---:|---|")
    over = False
    for group, budget in BUDGET_MS.items():
        spent = groups.get(group, 0.0)
        ok = spent <= budget if budget else spent == 0.0
        over = over or not ok
        print(f"| {group} | {spent:.1f} | {budget:.0f} | {'within' if ok else '**over**'} |")
    print(f"| total | {sum(groups.values()):.1f} | | |")
    own = sorted(
        ((value, name) for name, value in median.items() if name.startswith("sedex_lint")),
        reverse=True,
    )
    print("\n| sedex_lint module | ms |\n|---|---:|")
    for value, name in own[: args.top]:
        print(f"| {name} | {value:.1f} |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
