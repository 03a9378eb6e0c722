"""The cases: generated corpora, and a check that sedex-lint reads what was written.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import json
import os
import subprocess

import generate_corpus as corpus
from measure import Case, Tool, progress

CASE_KEYS = "abcdelp"
LINEAR_SIZES = (1250, 2500, 5000, 10000)
BIG_DOCS = 10_000
"""Case (c)."""
HUGE_DOCS = 50_000
"""Case (e): five times (c), to show whether the rate or the memory of one file degrades."""
SEDEX_LINT_ONLY = ("e", "l")
"""Cases (and prefixes of cases) that the peers do not run: yamllint needs about 40 s and
440 MiB for (c) alone, and the point of (e) and (l) is sedex-lint's own growth."""
TITLES = {
    "a": "100 files",
    "b": "2,000 files",
    "c": f"one {BIG_DOCS:,}-document file",
    "d": "one small file (cold start)",
    "e": f"one {HUGE_DOCS:,}-document file",
    "p": "the pre-commit hook on one small file",
}


def peers_run_on(key: str) -> bool:
    return not key.startswith(SEDEX_LINT_ONLY) and key != "p"


def build_cases(keys: str, work: str, seed: int) -> list[Case]:
    """Write the corpora of the cases `keys` below `work` (p is set up by precommit_case)."""
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
        if key == "p":
            continue
        progress(f"generating case ({key})")
        out = os.path.join(work, f"case-{key}")
        if key == "a":
            add(key, TITLES[key], out, corpus.write_corpus(out, 100, seed), False)
        elif key == "b":
            add(key, TITLES[key], out, corpus.write_corpus(out, 2000, seed), False)
        elif key == "c":
            path, stats = corpus.write_single_file(out, BIG_DOCS, seed)
            add(key, TITLES[key], path, stats, True)
        elif key == "d":
            path, stats = corpus.write_small_file(out, seed)
            add(key, TITLES[key], path, stats, True)
        elif key == "e":
            path, stats = corpus.write_single_file(out, HUGE_DOCS, seed)
            add(key, TITLES[key], path, stats, True)
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
