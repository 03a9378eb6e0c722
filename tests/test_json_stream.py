"""The json and SARIF reports are written as they are made: the pieces join to exactly what
`json.dumps(value, indent=2, ensure_ascii=False)` writes, lists made lazily or not."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sedex_lint.reporters.json_stream import Lazy, dumps, pieces

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.sampled_from(["a", "é", '"', "\\", "\n", "\x00", "\u2028", "😀"])),
)
VALUES = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=25,
)


def lazy(value: Any, pick: st.DataObject) -> Any:
    """`value` with some of its lists, at any depth, made `Lazy`."""
    if isinstance(value, dict):
        return {key: lazy(item, pick) for key, item in value.items()}
    if isinstance(value, list):
        items = [lazy(item, pick) for item in value]
        return Lazy(lambda: iter(items)) if pick.draw(st.booleans()) else items
    return value


@settings(max_examples=500, deadline=None)
@given(value=VALUES, pick=st.data())
def test_the_pieces_are_what_json_dumps_writes(value: Any, pick: st.DataObject) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert dumps(value) == expected
    assert "".join(pieces(lazy(value, pick))) == expected


def test_a_lazy_list_is_made_when_written_and_again_each_time() -> None:
    made: list[int] = []

    def items() -> list[dict[str, int]]:
        made.append(1)
        return [{"a": 1}, {"b": 2}]

    document = {"findings": Lazy(items), "empty": Lazy(list)}
    assert made == []
    expected = json.dumps({"findings": items(), "empty": []}, indent=2) + "\n"
    made.clear()
    assert dumps(document) == expected
    assert dumps(document) == expected
    assert made == [1, 1]
