"""The lines that findings point at, kept from the text that was linted, for code frames.

Reports never re-read an input: a file may have changed since, and standard input is gone.
So the engine keeps, per input, only the lines that some finding, whole-run anchor or
suppression mark points at, and a long line only around the column: a one-line JSON
manifest of many megabytes costs a few hundred characters per finding, not a copy. (A file
read in chunks is read once more for those lines, right after its documents, through the
handle it was linted from.)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sedex_lint.decoding import cut_at_breaks
from sedex_lint.model import Snippet
from sedex_lint.packed import Packed
from sedex_lint.textsource import count_breaks

FEW_ANCHORS = 2048
"""Up to this many anchors in a file, their line numbers are sorted in one list."""
Spot = tuple[int, int]
"""(line, column), both 1-based."""
LONG_LINE = 400
"""Lines up to this many characters are kept whole."""
BEFORE, WIDTH = 80, 240
"""Of a longer line: from this many characters before the column, this many characters."""


def snippets_for(text: str | Iterable[str], spots: Iterable[Spot]) -> dict[Spot, Snippet]:
    """The lines at `spots` of `text`, whole or in blocks that end at a line break
    (`textsource`): `read_snippets` without anchors."""
    return read_snippets([text] if isinstance(text, str) else text, spots, array("q"), {})[0]


def encode(line: int, column: int) -> int:
    """A spot as one integer, for the compact list of a file's whole-run anchors; integers
    sort as their spots do."""
    return line << 32 | column


def read_snippets(
    blocks: Iterable[str], spots: Iterable[Spot], anchors: array[int], shared: dict[Any, Any]
) -> tuple[dict[Spot, Snippet], Packed[tuple[Spot, Snippet]]]:
    """In one reading, the lines of a file's findings and marks (kept, equal ones once
    through `shared`), and of its whole-run anchors (`encode`d; packed: there is one for
    every fact of the file, and few of them become findings)."""
    wanted = sorted(set(spots))
    if any(a > b for a, b in zip(anchors, islice(anchors, 1, None), strict=False)):
        anchors = array("q", sorted(anchors))  # the engine sorts them document by document
    lines = _line_numbers(sorted({line for line, _ in wanted}), anchors)
    kept: dict[Spot, Snippet] = {}
    packed: Packed[tuple[Spot, Snippet]] = Packed()
    at_spot, at_anchor = 0, 0
    for number, text in _lines_at(blocks, lines):
        while at_spot < len(wanted) and wanted[at_spot][0] <= number:
            line, column = wanted[at_spot]
            if line == number:
                snippet = _window(text, column)
                kept[(line, column)] = shared.setdefault(snippet, snippet)
            at_spot += 1
        end = encode(number + 1, 0)  # every line before this one was read already
        while at_anchor < len(anchors) and anchors[at_anchor] < end:
            code = anchors[at_anchor]
            if at_anchor == 0 or anchors[at_anchor - 1] != code:
                column = code & 0xFFFFFFFF
                packed.append(((number, column), _window(text, column)))
            at_anchor += 1
    return kept, packed


def _line_numbers(lines: list[int], anchors: array[int]) -> Iterator[int]:
    """The lines of `lines` and of `anchors` (both sorted), in order: once each, in one
    sorted list, for a usual file; merged as they come, repeats and all, for a file with
    thousands of anchors (a list of them all would add to the run's peak memory)."""
    if len(anchors) <= FEW_ANCHORS:
        return iter(sorted({*lines}.union(code >> 32 for code in anchors)))
    import heapq  # only here: a large file only

    return heapq.merge(lines, (code >> 32 for code in anchors))


def _lines_at(blocks: Iterable[str], wanted: Iterator[int]) -> Iterator[tuple[int, str]]:
    """The lines with these sorted 1-based numbers, counted as libyaml counts them, in order;
    a block that holds none of them is only counted, and one that does is cut only up to the
    last. Blocks end after a line break (the last one may not, when a text is given whole),
    so a block holds its lines whole, and the text's last line is what follows the last
    block's last break."""
    pending = next(wanted, None)
    number, last = 1, None
    for block in blocks:
        last = block
        if pending is None:
            return
        breaks = count_breaks(block)
        if pending < number + breaks:
            numbers = []
            while pending is not None and pending < number + breaks:
                numbers.append(pending)
                pending = next(wanted, None)
            lines = cut_at_breaks(block, numbers[-1] - number + 1)
            for wanted_number in numbers:
                yield wanted_number, lines[wanted_number - number]
        number += breaks
    if last is not None and pending == number:
        yield number, cut_at_breaks(last)[-1]


def _window(line: str, column: int) -> Snippet:
    if len(line) <= LONG_LINE:
        return Snippet(line)
    start = max(0, min(column - 1 - BEFORE, len(line) - WIDTH))
    end = start + WIDTH
    return Snippet(line[start:end], start + 1, end < len(line))
