"""A finding's line with a caret under its column, as ruff and rustc show it:

      15 |   replicas: 2
         |             ^

The line is the one that was linted (`Finding.snippet`), never re-read from disk. Control
characters are shown escaped (printable.py) and the caret is placed by terminal cells, so
that escapes and wide characters before the column do not shift it.
"""

from __future__ import annotations

from sedex_lint.model import Finding
from sedex_lint.printable import printable, width

Segment = tuple[str, str | None]
ELLIPSIS = "…"


def code_frame(finding: Finding, style: str | None = None) -> list[list[Segment]]:
    snippet = finding.snippet
    if snippet is None:
        return []
    text = snippet.text
    start = max(0, min(finding.column - snippet.first_column, len(text)))
    position = finding.position
    if position.end_line == position.line and position.end_column > position.column:
        end = max(start, min(position.end_column - snippet.first_column, len(text)))
    else:  # a range over several lines: the rest of this line
        end = len(text)
    head = ELLIPSIS if snippet.first_column > 1 else ""
    tail = ELLIPSIS if snippet.cut else ""
    number = str(finding.line)
    gutter = " " * len(number)
    offset = width(head) + width(printable(text[:start]))
    carets = max(1, width(printable(text[start:end])))
    return [
        [(f"    {number} | ", "dim"), (f"{head}{printable(text)}{tail}".rstrip(), None)],
        [(f"    {gutter} | ", "dim"), (" " * offset, None), ("^" * carets, style)],
    ]
