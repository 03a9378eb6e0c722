"""Linting files on several cores, with results in input order whatever the scheduling.

Workers are forked after the engine is built, so they inherit it (rules, configuration,
plugins) instead of rebuilding or pickling it; only the files' results travel back, those of a
batch of files at a time (`_batches`). Runs that are too small to repay starting workers, runs
that read standard input, and platforms without `fork` stay in one process: the output is the
same either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES_PER_WORKER = 8
MIN_BATCH, BATCH_SHARE = 8, 2
"""Batches of files given to a worker (`_batches`): at least MIN_BATCH files, else the
remaining files divided by BATCH_SHARE times the workers."""
_work: Callable[[object], object] | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def ordered_map(work: Callable[[T], R], items: list[T], jobs: int) -> Iterator[R]:
    """`map(work, items)` on up to `jobs` processes, yielding results in the order of items."""
    workers = min(jobs, len(items) // MIN_FILES_PER_WORKER)
    if workers < 2:
        yield from map(work, items)
        return
    import multiprocessing  # only here: a hook linting one file must not pay for it

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, items)
        return
    global _work
    _work = work  # type: ignore[assignment]  # read by the forked workers
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for results in pool.imap(_call, _batches(items, workers)):
            yield from results
    _work = None


def _batches(items: list[T], workers: int) -> Iterator[list[T]]:
    """Consecutive items in batches, each a share of what is left (guided scheduling): the
    first ones large, so that few messages cross between processes (the parent unpickles and
    hands over each), the last ones small, so that no worker still has a long batch to do
    while the others have nothing left."""
    start = 0
    while start < len(items):
        size = max(MIN_BATCH, (len(items) - start) // (workers * BATCH_SHARE))
        yield items[start : start + size]
        start += size


def _call(batch: list[Any]) -> list[Any]:
    assert _work is not None
    return list(map(_work, batch))
