"""Bytes to text, the way Kubernetes tooling reads manifests: UTF-8 by default, BOMs honoured."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as libyaml counts them (YAML 1.1): positions everywhere must agree with its marks."""
EDITOR_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
"""Line breaks of text that never became YAML (it could not be decoded), as editors count them."""
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
"""The line breaks of LINE_BREAK besides CR and LF."""


def split_lines(text: str) -> list[str]:
    """The lines of `text` as libyaml numbers them (unlike str.splitlines, which also breaks
    at form feeds and other separators that YAML treats as ordinary characters)."""
    lines = cut_at_breaks(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def cut_at_breaks(text: str, cuts: int = -1) -> list[str]:
    """`LINE_BREAK.split(text)`, at the first `cuts` breaks only unless it is -1; as fast as
    str.split for the usual text, whose only breaks are LFs."""
    if "\r" in text or (not text.isascii() and _OTHER_BREAKS.search(text)):
        if cuts == 0:
            return [text]
        return LINE_BREAK.split(text, max(cuts, 0))  # a maxsplit of 0 is no limit there
    return text.split("\n", cuts)


def position_of(text: str, offset: int, breaks: re.Pattern[str] = LINE_BREAK) -> tuple[int, int]:
    """1-based line and column of the character at `offset`."""
    line, line_start = 1, 0
    for match in breaks.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


class DecodeFailure(Exception):
    line: int
    column: int
    reason: str

    def __init__(self, line: int, column: int, reason: str) -> None:
        self.line, self.column, self.reason = line, column, reason


def byte_order_mark(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark a manifest starts with (b"" for none) and the encoding it names."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


def decode_manifest(data: bytes) -> str:
    """Return the text of a manifest, or raise DecodeFailure pointing at the first bad byte."""
    bom, encoding = byte_order_mark(data)
    data = data[len(bom) :]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode(encoding, errors="replace")
        line, column = position_of(prefix, len(prefix), EDITOR_LINE_BREAK)
        byte = data[error.start : error.start + 1].hex()
        raise DecodeFailure(line, column, f"not valid {encoding.upper()}: byte 0x{byte}") from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = position_of(text, nul, EDITOR_LINE_BREAK)
        raise DecodeFailure(line, column, "contains a NUL character: not a text manifest")
    return text


def decode_chunks(chunks: Iterable[bytes]) -> Iterator[str]:
    """`decode_manifest` for bytes that arrive in chunks: the same text, piece by piece, and the
    same DecodeFailure at the same position. As there, a NUL is reported only once the whole
    input decoded: an undecodable byte after it is what the user hears about."""
    chunks = iter(chunks)
    head = b""
    for chunk in chunks:  # enough bytes to tell the longest byte order mark
        head += chunk
        if len(head) >= len(codecs.BOM_UTF32_LE):
            break
    bom, encoding = byte_order_mark(head)
    head = head[len(bom) :]
    decoder = codecs.getincrementaldecoder(encoding)()
    cursor = _Cursor()
    nul: tuple[int, int] | None = None
    for chunk, final in _with_last(head, chunks):
        try:
            piece = decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            # the bytes before error.start decoded fine and were not returned yet
            cursor.advance(error.object[: error.start].decode(encoding, errors="replace"))
            byte = error.object[error.start : error.start + 1].hex()
            reason = f"not valid {encoding.upper()}: byte 0x{byte}"
            raise DecodeFailure(cursor.line, cursor.column, reason) from None
        if nul is None and "\x00" in piece:
            nul = cursor.after(piece[: piece.index("\x00")])
        cursor.advance(piece)
        if piece:
            yield piece
    if nul is not None:
        raise DecodeFailure(*nul, "contains a NUL character: not a text manifest")


def _with_last(head: bytes, chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Each chunk, and whether it is the last one."""
    previous = head
    for chunk in chunks:
        yield previous, False
        previous = chunk
    yield previous, True


class _Cursor:
    """Line and column (1-based, as `position_of` with EDITOR_LINE_BREAK) just past the text
    given to `advance` so far, which arrives in pieces that may split a CR LF."""

    def __init__(self) -> None:
        self.line, self.column = 1, 1
        self._after_cr = False

    def after(self, text: str) -> tuple[int, int]:
        if not text:
            return self.line, self.column
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        if self._after_cr and text[0] == "\n":
            breaks -= 1  # the second half of a CR LF whose CR was counted
        last = max(text.rfind("\n"), text.rfind("\r"))
        if last < 0:
            return self.line, self.column + len(text)
        return self.line + breaks, len(text) - last

    def advance(self, text: str) -> None:
        if text:
            self.line, self.column = self.after(text)
            self._after_cr = text[-1] == "\r"
