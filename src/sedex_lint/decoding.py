"""Bytes to text, the way Kubernetes tooling reads manifests: UTF-8 by default, BOMs honoured."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class DecodeFailure(Exception):
    line: int
    column: int
    reason: str


def decode_manifest(data: bytes) -> str:
    """Return the text of a manifest, or raise DecodeFailure pointing at the first bad byte."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        byte = data[error.start : error.start + 1].hex()
        raise DecodeFailure(line, column, f"not valid {encoding.upper()}: byte 0x{byte}") from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_and_column(text, nul)
        raise DecodeFailure(line, column, "contains a NUL character: not a text manifest")
    return text


def _line_and_column(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    before = data[:offset]
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]
    return line, column
