"""benchmarks/run.py's verdicts: paired ratios, "not measured", the exit code and --combine.

No timing here: the measurements are made up, so the suite stays fast and deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import run
import targets
from measure import Case, Measurement, Run
from report import problems_of


def case(key: str, documents: int) -> Case:
    return Case(key, f"case {key}", f"/corpus/{key}", 1, documents, documents, 1000, True)


def row(
    tool: str, key: str, documents: int, walls: list[float], rss_mib: float = 30.0
) -> Measurement:
    runs = [Run(wall, wall, int(rss_mib * 1024), 0, "") for wall in walls]
    return Measurement(tool, case(key, documents), len(walls), runs)


def verdict(verdicts: list[targets.Verdict], start: str) -> targets.Verdict:
    (found,) = [v for v in verdicts if v.label.startswith(start)]
    return found


def test_cold_start_ratio_is_the_median_of_per_pair_ratios() -> None:
    # medians alone would give 0.30 / 0.20 = 1.5; pair by pair: 0.5, 1.5, 1.5 -> 1.5; and
    # a slow round for both tools (the third) does not tilt the ratio
    results = [
        row("sedex-lint", "d", 1, [0.10, 0.30, 0.60]),
        row("yamllint", "d", 1, [0.20, 0.20, 0.40]),
    ]
    cold = verdict(targets.evaluate(results, results), "(d) cold start")
    assert cold.ok is False
    assert cold.measured.startswith("1.50 (0.50 - 1.50, 3 pairs")
    assert problems_of(results, targets.evaluate(results, results), []) == [
        f"target missed: {cold.label}: {cold.measured} (wanted ≤ 1.0)"
    ]


def test_rows_from_different_invocations_are_not_paired() -> None:
    mine, other = row("sedex-lint", "d", 1, [0.1]), row("yamllint", "d", 1, [0.2])
    mine.session, other.session = "one.json", "two.json"
    cold = verdict(targets.evaluate([mine, other], [mine, other]), "(d) cold start")
    assert cold.ok is None
    assert cold.text == "not measured"


def test_unmeasured_targets_do_not_fail() -> None:
    results = [row("sedex-lint", "d", 1, [0.1, 0.1])]
    verdicts = targets.evaluate(results, results)
    assert all(v.ok is None for v in verdicts if v.decides)
    assert problems_of(results, verdicts, []) == []


def test_growth_memory_and_flatness_of_one_large_file() -> None:
    results = [
        row("sedex-lint", "c", 10_000, [2.0, 2.2], rss_mib=70.0),
        row("sedex-lint", "e", 50_000, [9.0, 12.0], rss_mib=85.0),
    ]
    verdicts = targets.evaluate(results, results)
    # per pair: (50,000 / 9.0) / (10,000 / 2.0) = 1.11, (50,000 / 12.0) / (10,000 / 2.2) = 0.92
    assert verdict(verdicts, "(e) documents/s").measured.startswith("1.01x")
    assert verdict(verdicts, "(e) documents/s").ok is True
    assert verdict(verdicts, "(c) peak memory").ok is True
    assert verdict(verdicts, "(e) peak memory").ok is True
    flat = verdict(verdicts, "flat memory")
    assert (flat.ok, flat.measured.split()[0]) == (False, "+15.0")


def test_throughput_against_yamllint() -> None:
    results = [
        row("sedex-lint", "b", 6203, [1.0, 1.2]),
        row("yamllint", "b", 6203, [25.0, 24.0]),
    ]
    speed = verdict(targets.evaluate(results, results), "(b) throughput")
    assert speed.ok is True
    assert speed.measured.startswith("22.50x")


def test_failed_run_fails_the_exit_code() -> None:
    failed = row("sedex-lint", "b", 6203, [])
    failed.failures.append("exit code 2: boom")
    assert problems_of([failed], targets.evaluate([failed], [failed]), []) == [
        "run failed: sedex-lint on (b): exit code 2: boom"
    ]


def save(path: Path, cases: list[str], rows: list[Measurement]) -> str:
    data = {
        "machine": {"sedex-lint code": "/venv/sedex_lint, files sha256 abc", "date": "today"},
        "cases": cases,
        "warnings": [],
        "results": [item.as_dict() for item in rows],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_combine_judges_each_file_and_exits_1_on_a_miss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = save(
        tmp_path / "d.json",
        ["d"],
        [row("sedex-lint", "d", 1, [0.3, 0.3]), row("yamllint", "d", 1, [0.2, 0.2])],
    )
    big = save(
        tmp_path / "e.json",
        ["e"],
        [
            row("sedex-lint", "e", 50_000, [10.0], rss_mib=90.0),
            row("sedex-lint", "c", 10_000, [2.0], rss_mib=85.0),  # baseline beside (e)
        ],
    )
    assert run.main(["--combine", small, big]) == 1
    out = capsys.readouterr().out
    assert "## Targets of issue 16" in out
    assert "| (e) documents/s on one 50,000-document file ÷ on (c), 10,000 | 1.00x" in out
    assert "FAILED (1): exit code 1" in out
    assert "target missed: (d) cold start" in out


def test_new_cases_are_accepted() -> None:
    args = run.parse_args(["--cases", "cep", "--pre-commit", "/bin/true", "--repo", "/tmp"])
    assert (args.cases, args.pre_commit, args.repo) == ("cep", "/bin/true", "/tmp")
