"""Text edits at exact spans, as ruff makes them: a fix never re-dumps a document.

Offsets count characters of the decoded text (what libyaml's marks count), so an edit keeps
every other character as it was: comments, quoting, flow or block style, line ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `new`; an insertion when `start == end`."""

    start: int
    end: int
    new: str
    depth: int = 0
    """Nesting of the mapping an insertion goes into. Insertions at the same offset are applied
    deepest first: a key added to a container comes before one added to its pod spec, whose
    block ends at the same line."""

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.start, self.end, -self.depth)

    def overlaps(self, other: Edit) -> bool:
        """Two edits that touch the same characters, or an insertion inside a replaced span.
        Insertions at the same offset, and an edit that ends where the next starts, do not."""
        if self.start == self.end or other.start == other.end:
            point, span = (self, other) if self.start == self.end else (other, self)
            return span.start < point.start < span.end
        return self.start < other.end and other.start < self.end


class Conflict(Exception):
    """Two edits change the same characters differently."""


def merge(accepted: Sequence[Edit], new: Iterable[Edit]) -> list[Edit] | None:
    """The edits of `new` that `accepted` does not already hold, or None when one of them
    conflicts with an accepted edit (then the whole fix is left out)."""
    added: list[Edit] = []
    for edit in new:
        if any(_same(edit, old) for old in (*accepted, *added)):
            continue
        if any(edit.overlaps(old) for old in (*accepted, *added)):
            return None
        added.append(edit)
    return added


def _same(a: Edit, b: Edit) -> bool:
    return (a.start, a.end, a.new) == (b.start, b.end, b.new)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with every edit applied; insertions at one offset keep their given order
    within the same depth (Python's sort is stable)."""
    ordered = sorted(edits, key=lambda e: e.key)
    parts: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise Conflict(f"edits overlap at character {edit.start}")
        parts.append(text[position : edit.start])
        parts.append(edit.new)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
