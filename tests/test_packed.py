"""Raw findings, whole-run facts and anchor lines are kept packed while files are linted: what
is read back is what was put in, in order, whether it went through a packed batch or not, in
this process or from a `--jobs` worker."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sedex_lint import packed
from sedex_lint.api import lint, select
from sedex_lint.checks import exposure
from sedex_lint.config import Config
from sedex_lint.model import Report
from sedex_lint.packed import Packed, RunFacts
from sedex_lint.policy import build_policy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def filled(count: int) -> Packed[tuple[int, str]]:
    log: Packed[tuple[int, str]] = Packed()
    for number in range(count):
        log.append((number, f"item {number}"))
    return log


@pytest.mark.parametrize("count", [0, 1, packed.BATCH - 1, packed.BATCH, 3 * packed.BATCH + 7])
def test_items_come_back_in_order_across_batches(count: int) -> None:
    log = filled(count)
    expected = [(number, f"item {number}") for number in range(count)]
    assert len(log) == count
    assert list(log) == expected
    assert list(log) == expected  # read again: unpacked again
    assert list(pickle.loads(pickle.dumps(log))) == expected  # as a worker sends it back


def test_a_full_batch_is_packed_and_the_open_one_is_not() -> None:
    log = filled(packed.BATCH + 3)
    batches, open_items, count = log.__getstate__()
    assert (len(batches), len(open_items), count) == (1, 3, packed.BATCH)
    assert all(isinstance(batch, bytes) for batch in batches)


def test_extend_packs_what_fills_a_batch() -> None:
    log: Packed[int] = Packed()
    log.extend(range(packed.BATCH + 5))
    log.extend([-1])
    assert list(log) == [*range(packed.BATCH + 5), -1]
    assert len(log.__getstate__()[0]) == 1


def test_an_item_added_while_reading_is_not_read() -> None:
    log = filled(2)
    seen = []
    for item in log:
        seen.append(item)
        log.append((99, "late"))
    assert seen == [(0, "item 0"), (1, "item 1")]
    assert len(log) == 4


@pytest.mark.parametrize("first_size", [3, packed.BATCH + 1])  # at hand, or one packed
def test_run_facts_reads_every_file_in_order_and_indexes(first_size: int) -> None:
    first, second = filled(first_size), filled(2)
    facts = RunFacts([first, second])
    expected = [*first, *second]
    assert len(facts) == len(expected) == first_size + 2
    assert list(facts) == expected
    assert list(facts) == expected
    assert facts[0] == (0, "item 0") and facts[-1] == (1, "item 1")
    assert facts[1:3] == expected[1:3]
    assert facts.logs == (first, second) and facts.memo == {}


def findings(report: Report) -> list[tuple[object, ...]]:
    return [
        (f.code, f.file, f.line, f.column, f.message, f.snippet, f.suppression)
        for f in (*report.findings, *report.suppressed)
    ]


def examples_report(jobs: int = 1) -> Report:
    policy = build_policy(Config(base_dir=EXAMPLES))
    return lint(select([str(EXAMPLES)], policy, None), policy=policy, jobs=jobs)


def test_packing_every_item_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every finding of examples/ (whole-run ones, suppressed ones and their code frames
    included) is the same when each raw finding, fact and anchor line goes through a batch
    of its own, in this process and from workers."""
    unpacked = examples_report()
    whole_run = [f for f in unpacked.findings if f.code in {"SDX006", "SDX007", "SDX050", "SDX070"}]
    assert {f.code for f in whole_run} == {"SDX006", "SDX007", "SDX050", "SDX070"}
    assert all(f.snippet is not None and f.snippet.text.strip() for f in whole_run)
    monkeypatch.setattr(packed, "BATCH", 1)
    assert findings(examples_report()) == findings(unpacked)
    assert findings(examples_report(jobs=2)) == findings(unpacked)


def test_the_exposure_rules_match_services_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = exposure._match

    def counted(facts: Sequence[Any]) -> Any:
        calls.append(len(facts))
        return original(facts)

    monkeypatch.setattr(exposure, "_match", counted)
    report = examples_report()
    assert {"SDX050", "SDX051", "SDX052"} <= {f.code for f in report.findings}
    assert len(calls) == 1


def test_what_cannot_be_pickled_is_kept_as_it_is() -> None:
    """A plugin's fact may hold anything; a batch that pickle refuses stays a list."""
    functions = [lambda number=number: number for number in range(packed.BATCH + 2)]
    log: Packed[object] = Packed()
    log.extend(functions)
    assert log.packed and len(log) == len(functions)
    assert list(log) == functions
