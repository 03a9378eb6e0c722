"""Whole-run facts, and the lines their anchors point at, packed while a file is linted.

A run keeps every whole-run fact to its end, because a Service in the first document may
select a client in the last. As Python objects they were most of the memory of a
50,000-document file (about 600 bytes per fact, and it grew with the file). So full batches
are pickled and compressed (zlib level 1: Kubernetes facts shrink to a few percent), and
reading unpacks one batch at a time: what a run holds grows by tens of bytes per fact, and a
check holds only what it keeps. Small files never fill a batch and pay nothing.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

BATCH = 256
"""Items per packed batch: large enough to compress well, small enough that the open batch
of every rule stays a small, constant share of memory."""


class Packed(Generic[T]):
    """A list that can only grow and be read in order; picklable (a `--jobs` worker sends
    it back packed)."""

    __slots__ = ("_batches", "_count", "_open")

    def __init__(self) -> None:
        self._batches: list[bytes] = []
        self._open: list[T] = []
        self._count = 0

    def append(self, item: T) -> None:
        self._open.append(item)
        if len(self._open) >= BATCH:
            self._seal()

    def extend(self, items: Iterable[T]) -> None:
        self._open.extend(items)
        if len(self._open) >= BATCH:
            self._seal()

    def __len__(self) -> int:
        return self._count + len(self._open)

    def __iter__(self) -> Iterator[T]:
        for batch in self._batches:
            items: list[T] = pickle.loads(zlib.decompress(batch))
            yield from items
        yield from list(self._open)  # a copy: an append while reading must not be read

    def _seal(self) -> None:
        data = pickle.dumps(self._open, pickle.HIGHEST_PROTOCOL)
        self._batches.append(zlib.compress(data, 1))
        self._count += len(self._open)
        self._open = []

    def __getstate__(self) -> tuple[list[bytes], list[T], int]:
        return self._batches, self._open, self._count

    def __setstate__(self, state: tuple[list[bytes], list[T], int]) -> None:
        self._batches, self._open, self._count = state


class RunFacts(Sequence[Any]):
    """The facts one whole-run rule gets: every file's, in the order of the files, unpacked
    as they are read. Iterating again unpacks again; indexing (which no built-in check does)
    unpacks them all once and keeps them."""

    __slots__ = ("_all", "logs", "memo")

    def __init__(self, logs: Iterable[Packed[Any]]) -> None:
        self.logs = tuple(logs)
        """One per file that has facts for the rule."""
        self.memo: dict[str, Any] = {}
        """Work that the checks of rules sharing these facts (SDX050 to SDX052 get the very
        same view) do once; gone with the view when the whole-run checks end."""
        self._all: list[Any] | None = None

    def __len__(self) -> int:
        return sum(len(log) for log in self.logs)

    def __iter__(self) -> Iterator[Any]:
        for log in self.logs:
            yield from log

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if self._all is None:
            self._all = list(self)
        return self._all[index]
