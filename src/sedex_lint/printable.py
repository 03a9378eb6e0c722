"""Text from manifests made safe for a terminal or a CI log: control characters as escapes.

Object names, values and house rules' messages come from files sedex-lint does not trust.
Written raw, `ESC [ 8 m` hides the rest of a line, `ESC ] 0 ; ... BEL` retitles the user's
terminal, a carriage return overwrites the finding before it, and a line break starts a line
that a CI runner may take for a command. So every C0 and C1 control character, DEL, the
Unicode line and paragraph separators and the bidirectional overrides (which reorder what a
reader sees, "Trojan Source") are written as Python escapes: `\\x1b`, `\\r`, `\\u202e`.
"""

from __future__ import annotations

import re
from functools import cache

UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
"""Every one is unprintable to Python (`str.isprintable`), which a test makes sure of."""
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def printable(text: str, keep: str = "") -> str:
    """`text` with unsafe characters escaped; those in `keep` (e.g. "\\n") are left alone."""
    if text.isprintable():  # the common case, decided without compiling the pattern
        return text
    return _unsafe().sub(lambda match: _escape(match.group(), keep), text)


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(UNSAFE)


def _escape(char: str, keep: str) -> str:
    if char in keep:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def width(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata  # a shared library: loaded only for text that needs it

    cells = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return cells
