"""The lines that findings point at are found as libyaml numbers them, in a text given whole
or in blocks, whatever its line breaks."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sedex_lint import snippets
from sedex_lint.decoding import LINE_BREAK, cut_at_breaks, split_lines
from sedex_lint.model import Snippet
from sedex_lint.snippets import FEW_ANCHORS, Spot, encode, read_snippets, snippets_for
from sedex_lint.textsource import line_blocks

TEXT = st.text(alphabet=st.sampled_from(["a", "b", " ", "é", "\n", "\r", "\x85", "\u2028", "\x0c"]))
LF_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "é", "\n", "\x0c", "\x1c"]))


def expected(text: str, numbers: set[int]) -> dict[Spot, Snippet]:
    lines = LINE_BREAK.split(text)
    return {(n, 1): Snippet(lines[n - 1]) for n in numbers if n <= len(lines)}


@settings(max_examples=500, deadline=None)
@given(
    text=TEXT,
    cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=5),
    numbers=st.sets(st.integers(min_value=1, max_value=30), max_size=6),
)
def test_the_lines_wanted_whatever_the_blocks(
    text: str, cuts: list[int], numbers: set[int]
) -> None:
    spots = [(number, 1) for number in numbers]
    assert snippets_for(text, spots) == expected(text, numbers)
    ends = sorted(cuts)
    pieces = [text[start:end] for start, end in zip([0, *ends], [*ends, None], strict=True)]
    blocks = list(line_blocks(pieces))  # each ends at a break, the last one too
    assert snippets_for(blocks, spots) == (expected("".join(blocks), numbers) if blocks else {})


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXT, LF_TEXT), cuts=st.integers(min_value=-1, max_value=6))
def test_cutting_at_line_breaks_is_splitting_at_them(text: str, cuts: int) -> None:
    if cuts < 0:
        assert cut_at_breaks(text) == cut_at_breaks(text, cuts) == LINE_BREAK.split(text)
        lines = LINE_BREAK.split(text)
        assert split_lines(text) == (lines[:-1] if len(lines) > 1 and not lines[-1] else lines)
    else:
        assert cut_at_breaks(text, cuts) == (LINE_BREAK.split(text, cuts) if cuts else [text])


@settings(max_examples=300, deadline=None)
@given(
    text=TEXT,
    cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=5),
    spots=st.sets(st.tuples(st.integers(1, 30), st.integers(1, 3)), max_size=6),
    anchors=st.lists(st.tuples(st.integers(1, 30), st.integers(1, 3)), max_size=8),
)
@pytest.mark.parametrize("few", [snippets.FEW_ANCHORS, 0])
def test_anchor_lines_are_read_with_the_findings_lines(
    few: int, text: str, cuts: list[int], spots: set[Spot], anchors: list[Spot]
) -> None:
    """One reading gives the findings' lines as `snippets_for` does, and the anchors' lines
    (in any order, repeated or not) packed, in order, once each; whether the line numbers
    are sorted in one list or merged as they come."""
    ends = sorted(cuts)
    pieces = [text[start:end] for start, end in zip([0, *ends], [*ends, None], strict=True)]
    blocks = list(line_blocks(pieces))
    codes = array("q", (encode(line, column) for line, column in anchors))
    snippets.FEW_ANCHORS = few
    try:
        kept, packed = read_snippets(blocks, spots, codes, {})
    finally:
        snippets.FEW_ANCHORS = FEW_ANCHORS
    assert kept == snippets_for(blocks, spots)
    assert list(packed) == sorted(snippets_for(blocks, anchors).items())


def test_equal_lines_of_findings_are_kept_once() -> None:
    shared: dict[object, object] = {}
    kept, _ = read_snippets(["  a: 1\n  a: 1\n"], [(1, 3), (2, 3)], array("q"), shared)
    assert kept[(1, 3)] == Snippet("  a: 1") and kept[(1, 3)] is kept[(2, 3)]
