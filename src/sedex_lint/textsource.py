"""An input's text, read within the byte limit, in blocks that end at a line break.

The engine reads a text twice: once to learn what must be known before any document is
composed (`scan`: suppression comments, Helm sources, whether libyaml could crash), once to
compose it. A regular file larger than one chunk is read both times in chunks through an
incremental decoder, so that memory is bounded by a chunk and the longest line, not by the
file; anything smaller, and standard input, is decoded whole, once, and kept.

Every block ends right after a line break (a CR at a block's end is never the first half of a
CR LF), so that lines are never cut: counting lines is counting breaks block by block. The
last block always ends with a break, one being added when the text lacks it (kubectl's line
reader ends every line with a break, the last one too; without it a block scalar at the end of
a file would lose the final line break of its value).
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, NamedTuple, Protocol

from sedex_lint.decoding import LINE_BREAK, decode_chunks, decode_manifest
from sedex_lint.inputs import Input
from sedex_lint.limits import DEFAULT_LIMITS, MiB

CHUNK = 256 * 1024
"""Bytes read from a file at a time; a file of at most this size is read whole."""
LINE_ENDS = ("\n", "\r", "\x85", "\u2028", "\u2029")
"""The characters that end a line for libyaml (YAML 1.1), as `decoding.LINE_BREAK`."""


class InputRefused(Exception):
    """An input sedex-lint will not read: not a regular file, or larger than the limit."""


class TextSource(Protocol):
    def blocks(self) -> Iterator[str]:
        """The text from its start, in blocks that end after a line break (see above)."""
        ...


class MemoryText:
    """Text decoded whole, from bytes (decoded on first use, once) or given as a string."""

    def __init__(self, data: bytes | str) -> None:
        self._data = data

    def blocks(self) -> Iterator[str]:
        if isinstance(self._data, bytes):
            self._data = decode_manifest(self._data)  # raises DecodeFailure, and again later
        text = self._data
        if text:
            yield text if text.endswith(LINE_ENDS) else text + "\n"


class FileText:
    """A regular file, read from its start each time its blocks are asked for."""

    def __init__(self, handle: BinaryIO, max_bytes: int, chunk: int = CHUNK) -> None:
        self._handle, self._max_bytes, self._chunk = handle, max_bytes, chunk
        self._whole: MemoryText | None = None

    def blocks(self) -> Iterator[str]:
        if self._whole is not None:
            return self._whole.blocks()
        self._handle.seek(0)
        first = self._first_chunk()
        if len(first) < self._chunk:  # the whole file: decode it as standard input is
            self._refuse_above(len(first))
            self._whole = MemoryText(first)
            return self._whole.blocks()
        return line_blocks(decode_chunks(self._chunks(first)))

    def _first_chunk(self) -> bytes:
        """What `read(chunk)` returns, without its chunk-sized buffer for a file that is far
        smaller (allocating and shrinking that costs more than reading a small manifest)."""
        size = os.fstat(self._handle.fileno()).st_size
        if size >= self._chunk:
            return self._handle.read(self._chunk)
        first = self._handle.read(size + 1)
        if len(first) <= size:  # the end of the file
            return first
        return first + self._handle.read(self._chunk - len(first))  # it grew since

    def _chunks(self, first: bytes) -> Iterator[bytes]:
        read, chunk = len(first), first
        while chunk:
            self._refuse_above(read)
            yield chunk
            chunk = self._handle.read(self._chunk)
            read += len(chunk)

    def _refuse_above(self, read: int) -> None:
        if read > self._max_bytes:  # it grew since `read_input` looked at its size
            raise InputRefused(too_big(read, self._max_bytes, at_least=True))

    def close(self) -> None:
        self._handle.close()


def open_input(item: Input, max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> bytes | FileText:
    """Standard input read whole (a pipe); a regular file opened, to be read in chunks and
    closed by the caller."""
    if item.is_stdin:
        return read_input(item, max_bytes)
    _check_regular(item.name, max_bytes)
    return FileText(open(item.name, "rb"), max_bytes)


def read_input(item: Input, max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> bytes:
    """An input's bytes, read whole."""
    if item.is_stdin:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        _check_regular(item.name, max_bytes)
        with open(item.name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputRefused(too_big(len(data), max_bytes, at_least=True))
    return data


def _check_regular(name: str, max_bytes: int) -> None:
    status = os.stat(name)
    if not stat.S_ISREG(status.st_mode):
        # opening a FIFO would block forever, a device could stream without end
        raise InputRefused("not a regular file (a FIFO, socket or device?)")
    if status.st_size > max_bytes:
        raise InputRefused(too_big(status.st_size, max_bytes))


def too_big(size: int, limit: int, at_least: bool = False) -> str:
    # reading stops one byte past the limit, so all that is known then is "more than it"
    amount = f"more than {_size(limit)}" if at_least else _size(size)
    return f"input is {amount}, above the {_size(limit)} limit (limits.max_file_bytes)"


def _size(count: int) -> str:
    """Bytes below one MiB, so that a small configured limit is not shown as '0 MiB'."""
    if count < MiB:
        return f"{count:,} bytes"
    return f"{count / MiB:,.1f} MiB".replace(".0 MiB", " MiB")


def line_blocks(pieces: Iterable[str]) -> Iterator[str]:
    """Text that arrives in pieces, cut after the last line break of each (see above)."""
    pending: list[str] = []  # a line longer than a piece is joined once, when it ends
    for piece in pieces:
        cut = _after_last_break(piece)
        if cut:
            pending.append(piece[:cut])
            yield "".join(pending)
            pending.clear()
        if cut < len(piece):
            pending.append(piece[cut:])
    if pending:
        rest = "".join(pending)
        yield rest if rest.endswith(LINE_ENDS) else rest + "\n"


def _after_last_break(text: str) -> int:
    """Index just past the last line break of `text` that is surely whole (0: none)."""
    end = len(text) - 1 if text.endswith("\r") else len(text)
    newline = text.rfind("\n", 0, end)
    return max(newline, *(text.rfind(c, newline + 1, end) for c in LINE_ENDS[1:])) + 1


def count_breaks(block: str) -> int:
    """Line breaks in a block, which never splits a CR LF."""
    breaks = block.count("\n")
    if "\r" in block:
        breaks += block.count("\r") - block.count("\r\n")
    if not block.isascii():
        breaks += block.count("\x85") + block.count("\u2028") + block.count("\u2029")
    return breaks


class Scanner(Protocol):
    def feed(self, block: str, line: int) -> None:
        """Look at the next block, whose first line has the 0-based number `line`."""
        ...


class Extent(NamedTuple):
    """How many lines a text has as libyaml counts them (one for an empty text), and the
    length of the last, where libyaml's end-of-input mark is moved to."""

    lines: int
    last_line: int


def scan(source: TextSource, scanners: Sequence[Scanner]) -> Extent:
    """One pass over the text, each block given to every scanner in turn."""
    line, last = 0, ""
    for block in source.blocks():
        for scanner in scanners:
            scanner.feed(block, line)
        line += count_breaks(block)
        last = block
    return Extent(max(line, 1), _last_line_length(last) if last else 0)


def _last_line_length(block: str) -> int:
    end = len(block) - (2 if block.endswith("\r\n") else 1)  # before the final break
    newline = block.rfind("\n", 0, end)
    return end - max(newline, *(block.rfind(c, newline + 1, end) for c in LINE_ENDS[1:])) - 1


def lines_of(block: str) -> Iterator[str]:
    """The lines of a block one at a time, for a caller that looks at only its first few."""
    start = 0
    for match in LINE_BREAK.finditer(block):
        yield block[start : match.start()]
        start = match.end()


def holds_yaml(line: str) -> bool:
    """Neither blank nor only a comment: a line that suppressions and Helm sources look for."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


class TextStream:
    """A source as the file-like object ruamel.yaml's pure-Python parser reads."""

    name = "<unicode string>"  # what it calls a string given whole

    def __init__(self, source: TextSource) -> None:
        self._blocks = source.blocks()
        self._block, self._at = "", 0

    def read(self, size: int = -1) -> str:
        while self._at >= len(self._block):
            block = next(self._blocks, None)
            if block is None:
                return ""
            self._block, self._at = block, 0
        if size < 0:
            size = len(self._block)
        piece = self._block[self._at : self._at + size]
        self._at += len(piece)
        return piece


class Utf8Stream:
    """A source as the file-like object libyaml reads: `read(size)` returns exactly `size`
    bytes of its UTF-8 text (fewer only at its end), as libyaml reads a string given whole.
    That matters: libyaml checks characters as it takes them in, so how much each read
    returns decides whether a character YAML refuses or a syntax error is found first."""

    name = "<unicode string>"  # what it calls a string given whole

    def __init__(self, source: TextSource) -> None:
        self._blocks = source.blocks()
        self._buffer, self._at = b"", 0

    def read(self, size: int) -> bytes:
        if len(self._buffer) - self._at < size:
            pieces = [self._buffer[self._at :]] if self._at < len(self._buffer) else []
            available = len(self._buffer) - self._at
            for block in self._blocks:
                pieces.append(block.encode("utf-8"))
                available += len(pieces[-1])
                if available >= size:
                    break
            # no copy of a text read whole, which is one block
            self._buffer = pieces[0] if len(pieces) == 1 else b"".join(pieces)
            self._at = 0
        piece = self._buffer[self._at : self._at + size]
        self._at += len(piece)
        return piece
