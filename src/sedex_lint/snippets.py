"""The lines that findings point at, kept from the text that was linted, for code frames.

Reports never re-read an input: a file may have changed since, and standard input is gone.
So the engine keeps, per input, only the lines that some finding, whole-run anchor or
suppression mark points at, and a long line only around the column: a one-line JSON
manifest of many megabytes costs a few hundred characters per finding, not a copy. (A file
read in chunks is read once more for those lines, right after its documents, through the
handle it was linted from.)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from sedex_lint.decoding import cut_at_breaks
from sedex_lint.model import Finding, Snippet
from sedex_lint.textsource import count_breaks

Spot = tuple[int, int]
"""(line, column), both 1-based."""
LONG_LINE = 400
"""Lines up to this many characters are kept whole."""
BEFORE, WIDTH = 80, 240
"""Of a longer line: from this many characters before the column, this many characters."""


def snippets_for(text: str | Iterable[str], spots: Iterable[Spot]) -> dict[Spot, Snippet]:
    """`text` whole, or in blocks that end at a line break (`textsource`)."""
    wanted = sorted(set(spots))
    if not wanted:
        return {}
    lines = _lines_at([text] if isinstance(text, str) else text, {line for line, _ in wanted})
    found: dict[Spot, Snippet] = {}
    for line, column in wanted:
        if line in lines:
            found[(line, column)] = _window(lines[line], column)
    return found


def with_snippets(findings: Iterable[Finding], snippets: dict[Spot, Snippet]) -> list[Finding]:
    return [
        finding._replace(snippet=snippets.get((finding.line, finding.column)))
        for finding in findings
    ]


def _lines_at(blocks: Iterable[str], numbers: set[int]) -> dict[int, str]:
    """The lines with these 1-based numbers, counted as libyaml counts them; a block that
    holds none of them is only counted, and one that does is cut only up to the last."""
    wanted = sorted(numbers)
    found: dict[int, str] = {}
    number = 1
    for block in blocks:
        first = bisect_left(wanted, number)
        if first == len(wanted):
            break
        breaks = count_breaks(block)
        end = bisect_right(wanted, number + breaks)
        if first < end:
            # lines up to the last one wanted, and the rest of the block after them (the
            # last line has no break when a text is given whole)
            cuts = wanted[end - 1] - number + 1
            lines = cut_at_breaks(block, cuts)
            for wanted_number in wanted[first:end]:
                found[wanted_number] = lines[wanted_number - number]
        number += breaks
    return found


def _window(line: str, column: int) -> Snippet:
    if len(line) <= LONG_LINE:
        return Snippet(line)
    start = max(0, min(column - 1 - BEFORE, len(line) - WIDTH))
    end = start + WIDTH
    return Snippet(line[start:end], start + 1, end < len(line))
