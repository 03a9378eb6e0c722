"""Whole-run facts, and the lines their anchors point at, packed while a file is linted.

A run keeps every whole-run fact to its end, because a Service in the first document may
select a client in the last. As Python objects they were most of the memory of a
50,000-document file (about 600 bytes per fact, and it grew with the file). So full batches
are pickled and compressed (zlib level 1: Kubernetes facts shrink to a few percent), and
reading unpacks one batch at a time: what a run holds grows by tens of bytes per fact, and a
check holds only what it keeps. Small files never fill a batch and pay nothing.
"""

from __future__ import annotations

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
        self._batches: list[bytes | list[T]] = []
        """Packed batches; a batch that cannot be pickled stays a list (see `_seal`)."""
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

    @property
    def packed(self) -> bool:
        """Whether some batch is packed (else every item is at hand, as it was added)."""
        return bool(self._batches)

    def __iter__(self) -> Iterator[T]:
        # a copy of the open batch: an item appended while reading is not read
        return iter(self._open.copy()) if not self._batches else self._unpacked()

    def _unpacked(self) -> Iterator[T]:
        import pickle  # only here: a file that fills no batch must not pay for it
        import zlib

        for batch in self._batches:
            items: list[T] = (
                batch if isinstance(batch, list) else pickle.loads(zlib.decompress(batch))
            )
            yield from items
        yield from self._open.copy()

    def _seal(self) -> None:
        import pickle
        import zlib

        try:
            self._batches.append(
                zlib.compress(pickle.dumps(self._open, pickle.HIGHEST_PROTOCOL), 1)
            )
        except Exception:  # a plugin's fact may hold anything: it is then kept as it is
            self._batches.append(self._open)
        self._count += len(self._open)
        self._open = []

    def __getstate__(self) -> tuple[list[bytes | list[T]], list[T], int]:
        return self._batches, self._open, self._count

    def __setstate__(self, state: tuple[list[bytes | list[T]], list[T], int]) -> None:
        self._batches, self._open, self._count = state


class RunFacts(Sequence[Any]):
    """The facts one whole-run rule gets: every file's, in the order of the files. When some
    are packed, they are unpacked as they are read, and iterating again unpacks again;
    indexing (which no built-in check does) then unpacks them all once and keeps them."""

    __slots__ = ("_all", "logs", "memo")

    def __init__(self, logs: Iterable[Packed[Any]]) -> None:
        self.logs = tuple(logs)
        """One per file that has facts for the rule."""
        self.memo: dict[str, Any] = {}
        """Work that the checks of rules sharing these facts (SDX050 to SDX052 get the very
        same view) do once; gone with the view when the whole-run checks end."""
        self._all: list[Any] | None = None
        if not any(log.packed for log in self.logs):  # a usual run: one list of what is there
            self._all = [item for log in self.logs for item in log]

    def __len__(self) -> int:
        return len(self._all) if self._all is not None else sum(map(len, self.logs))

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all) if self._all is not None else self._unpacked()

    def _unpacked(self) -> Iterator[Any]:
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
