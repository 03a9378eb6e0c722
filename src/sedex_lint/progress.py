"""A progress bar on standard error for long runs in a terminal; never in pipes or CI logs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sedex_lint.terminal import interactive

MIN_FILES = 200


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    if not interactive(sys.stderr):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("linting"), BarColumn(), MofNCompleteColumn(), transient=True, console=None
    )
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < MIN_FILES:
            return
        if task is None:
            bar.start()
            task = bar.add_task("files", total=total)
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if task is not None:
            bar.stop()
