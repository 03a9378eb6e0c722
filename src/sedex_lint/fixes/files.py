"""Bytes in and out of a fix: the text decoded as the linter reads it and encoded back with
the same byte-order mark and encoding, atomic writes, and unified diffs for `patch -p1`."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from sedex_lint.decoding import byte_order_mark, decode_manifest


@dataclass(frozen=True)
class Source:
    """A manifest's bytes as text, and how to turn the text back into the same bytes."""

    data: bytes
    text: str
    bom: bytes
    encoding: str

    @classmethod
    def read(cls, data: bytes) -> Source:
        """Raises DecodeFailure, as linting does, for bytes that are not text."""
        bom, encoding = byte_order_mark(data)
        return cls(data, decode_manifest(data), bom, encoding)

    def encode(self, text: str) -> bytes:
        if text == self.text:
            return self.data
        return self.bom + text.encode(self.encoding)


def write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary file in the same directory, renamed over the file, so that
    a reader never sees half a manifest; the mode (and owner, where allowed) are kept, and a
    symbolic link keeps pointing at the file it named."""
    target = os.path.realpath(path)
    status = os.stat(target)
    directory, base = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{base}.", suffix=".sedex-lint", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def diff_path(name: str) -> str:
    """The path a diff names: relative to the working directory when the file is below it,
    with forward slashes, so that `patch -p1` run there finds it."""
    path = os.path.normpath(name)
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(os.pardir):
            path = relative
    return path.replace(os.sep, "/")


def unified_diff(name: str, source: Source, fixed: str) -> str:
    """`--- a/PATH` / `+++ b/PATH` hunks over lines split at `\\n` only (what patch splits
    at), so that CRLF ends and other breaks travel inside the lines unchanged. A UTF-8
    byte-order mark stays at the start of the first line, where patch finds it in the file."""
    mark = "\ufeff" if source.bom and source.encoding == "utf-8" else ""
    path = diff_path(name)
    lines = difflib.unified_diff(
        _lines(mark + source.text), _lines(mark + fixed), f"a/{path}", f"b/{path}"
    )
    return "".join(_terminated(lines))


def _lines(text: str) -> list[str]:
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _terminated(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"
