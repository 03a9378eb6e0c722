"""The lines that findings point at, kept from the text that was linted, for code frames.

Reports never re-read an input: a file may have changed since, and standard input is gone.
So the engine keeps, per input, only the lines that some finding, whole-run anchor or
suppression mark points at, and a long line only around the column: a one-line JSON
manifest of many megabytes costs a few hundred characters per finding, not a copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sedex_lint.decoding import LINE_BREAK
from sedex_lint.model import Finding, Snippet

Spot = tuple[int, int]
"""(line, column), both 1-based."""
LONG_LINE = 400
"""Lines up to this many characters are kept whole."""
BEFORE, WIDTH = 80, 240
"""Of a longer line: from this many characters before the column, this many characters."""


def snippets_for(text: str, spots: Iterable[Spot]) -> dict[Spot, Snippet]:
    wanted = sorted(set(spots))
    if not wanted:
        return {}
    lines = _lines_at(text, {line for line, _ in wanted})
    found: dict[Spot, Snippet] = {}
    for line, column in wanted:
        if line in lines:
            found[(line, column)] = _window(lines[line], column)
    return found


def with_snippets(findings: Iterable[Finding], snippets: dict[Spot, Snippet]) -> list[Finding]:
    return [
        dataclasses.replace(finding, snippet=snippets.get((finding.line, finding.column)))
        for finding in findings
    ]


def _lines_at(text: str, numbers: set[int]) -> dict[int, str]:
    """The lines of `text` with these 1-based numbers, counted as libyaml counts them."""
    last = max(numbers)
    found: dict[int, str] = {}
    number, start = 1, 0
    for match in LINE_BREAK.finditer(text):
        if number in numbers:
            found[number] = text[start : match.start()]
        number, start = number + 1, match.end()
        if number > last:
            return found
    if number in numbers and start <= len(text):
        found[number] = text[start:]
    return found


def _window(line: str, column: int) -> Snippet:
    if len(line) <= LONG_LINE:
        return Snippet(line)
    start = max(0, min(column - 1 - BEFORE, len(line) - WIDTH))
    end = start + WIDTH
    return Snippet(line[start:end], start + 1, end < len(line))
