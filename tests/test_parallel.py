"""Linting on several processes gives exactly the report of one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedex_lint import parallel
from sedex_lint.api import lint
from sedex_lint.config import Config
from sedex_lint.policy import build_policy
from tests.conftest import NO_SHARED_CORPUS, REPO, SHARED_CORPUS

# tests/ holds the vendored corpus (tests/data/corpus); the shared one adds 689 files.
RUNS = [
    pytest.param([REPO / "examples", REPO / "tests"], 350, id="vendored"),
    pytest.param(
        [REPO / "examples", SHARED_CORPUS, REPO / "tests"],
        1000,
        id="shared",
        marks=pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED_CORPUS),
    ),
]


@pytest.mark.parametrize(("roots", "minimum"), RUNS)
def test_parallel_report_equals_serial_report(
    tmp_path: Path, roots: list[Path], minimum: int
) -> None:
    paths = [str(root) for root in roots]
    policy = build_policy(Config(base_dir=tmp_path))
    serial = lint(paths, policy=policy, jobs=1)
    seen: list[tuple[int, int]] = []
    parallel_run = lint(paths, policy=policy, jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert parallel_run == serial
    assert len(serial.findings) > 10 and serial.counts.files > minimum
    assert seen[-1] == (serial.counts.files, serial.counts.files)
    assert [done for done, _ in seen] == list(range(1, serial.counts.files + 1))


def test_parallel_workers_really_start(monkeypatch: pytest.MonkeyPatch) -> None:
    pids = list(parallel.ordered_map(_pid, list(range(64)), 2))
    assert len(set(pids)) == 2  # two worker processes, neither of them this one


@pytest.mark.parametrize(("items", "workers"), [(2000, 2), (64, 2), (17, 2), (1000, 8), (9, 1)])
def test_batches_cover_the_items_in_order_large_first(items: int, workers: int) -> None:
    batches = list(parallel._batches(list(range(items)), workers))
    assert [item for batch in batches for item in batch] == list(range(items))
    sizes = [len(batch) for batch in batches]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= parallel.MIN_BATCH and all(size > 0 for size in sizes)
    assert sizes[0] == max(parallel.MIN_BATCH, items // (workers * parallel.BATCH_SHARE))


def test_small_runs_stay_in_this_process() -> None:
    import os

    assert set(parallel.ordered_map(_pid, list(range(10)), 4)) == {os.getpid()}


def _pid(_item: int) -> int:
    import os
    import time

    time.sleep(0.01)  # long enough that both workers get items
    return os.getpid()


def test_no_progress_bar_in_pipes_or_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from sedex_lint.progress import progress_bar

    with progress_bar() as advance:  # stderr is captured by pytest: not a terminal
        assert advance is None

    class Terminal:
        def __init__(self) -> None:
            self.written: list[str] = []

        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            self.written.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("CI", "true")
    with progress_bar() as advance:
        assert advance is None
    monkeypatch.delenv("CI")
    monkeypatch.delenv("NO_COLOR", raising=False)
    with progress_bar() as advance:
        assert advance is not None
        advance(1, 10)  # below the threshold: nothing is drawn, nothing started
    assert terminal.written == []
