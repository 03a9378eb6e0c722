"""Linting files on several cores, with results in input order whatever the scheduling.

Workers are forked after the engine is built, so they inherit it (rules, configuration,
plugins) instead of rebuilding or pickling it; only each file's result travels back. Runs that
are too small to repay starting workers, runs that read standard input, and platforms without
`fork` stay in one process: the output is the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES_PER_WORKER = 8
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
    chunk = max(1, min(32, len(items) // (workers * 8)))
    with context.Pool(workers) as pool:
        yield from pool.imap(_call, items, chunksize=chunk)
    _work = None


def _call(item: object) -> object:
    assert _work is not None
    return _work(item)
