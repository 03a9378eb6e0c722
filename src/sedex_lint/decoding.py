"""Bytes to text, the way Kubernetes tooling reads manifests: UTF-8 by default, BOMs honoured."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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


def split_lines(text: str) -> list[str]:
    """The lines of `text` as libyaml numbers them (unlike str.splitlines, which also breaks
    at form feeds and other separators that YAML treats as ordinary characters)."""
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def position_of(text: str, offset: int, breaks: re.Pattern[str] = LINE_BREAK) -> tuple[int, int]:
    """1-based line and column of the character at `offset`."""
    line, line_start = 1, 0
    for match in breaks.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


@dataclass(frozen=True)
class DecodeFailure(Exception):
    line: int
    column: int
    reason: str


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
