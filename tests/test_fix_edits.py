"""The edit model and the text layer of fixes: exact bytes in, exact bytes out."""

from __future__ import annotations

from typing import Any

import pytest

from sedex_lint.construct import construct_document
from sedex_lint.fixes.edits import Conflict, Edit, apply_edits, merge
from sedex_lint.fixes.layout import shared_nodes, style_of
from sedex_lint.fixes.render import Style, block_entry, flow, scalar
from sedex_lint.fixes.spans import Editor, Unfixable
from sedex_lint.model import Path
from sedex_lint.yamlparse import iter_documents


def test_edits_apply_in_offset_order_and_keep_every_other_character() -> None:
    text = "abcdef"
    edits = [Edit(4, 5, "E"), Edit(1, 2, ""), Edit(3, 3, "+")]
    assert apply_edits(text, edits) == "ac+dEf"


def test_insertions_at_one_offset_go_deepest_first() -> None:
    text = "x\n"
    edits = [Edit(2, 2, "outer\n", depth=1), Edit(2, 2, "inner\n", depth=5)]
    assert apply_edits(text, edits) == "x\ninner\nouter\n"


def test_overlapping_edits_conflict() -> None:
    with pytest.raises(Conflict):
        apply_edits("abcdef", [Edit(1, 4, "x"), Edit(2, 3, "y")])


def test_merge_drops_identical_edits_and_refuses_overlaps() -> None:
    accepted = [Edit(1, 3, "x")]
    assert merge(accepted, [Edit(1, 3, "x"), Edit(5, 5, "y")]) == [Edit(5, 5, "y")]
    assert merge(accepted, [Edit(2, 4, "z")]) is None
    assert merge(accepted, [Edit(2, 2, "inside")]) is None
    assert merge(accepted, [Edit(3, 3, "after"), Edit(1, 1, "before")]) is not None


@pytest.mark.parametrize(
    ("value", "quote", "json", "written"),
    [
        ("Recreate", None, False, "Recreate"),
        ("1G", None, False, "1G"),
        ("1G", "'", False, "'1G'"),
        ("1G", '"', False, '"1G"'),
        ("1G", None, True, '"1G"'),
        ("1e9", None, False, '"1e9"'),  # plain 1e9 is a number to kubectl
        ("010", None, False, '"010"'),
        ("yes", None, False, '"yes"'),
        ("it's", "'", False, "'it''s'"),
        (1, '"', False, "1"),  # a number is never quoted: `replicas: "3"` becomes 1
        (True, None, True, "true"),
    ],
)
def test_scalars_keep_the_quoting_they_replace(
    value: Any, quote: str | None, json: bool, written: str
) -> None:
    assert scalar(value, Style(json=json), quote) == written


def test_flow_and_block_values() -> None:
    probe = {"exec": {"command": ["/opt/x.sh"]}, "periodSeconds": 5}
    assert flow(probe, Style()) == "{exec: {command: [/opt/x.sh]}, periodSeconds: 5}"
    assert flow(probe, Style(json=True)) == (
        '{"exec": {"command": ["/opt/x.sh"]}, "periodSeconds": 5}'
    )
    assert block_entry("probe", probe, 2, Style(step=4, sequence_indent=0)) == [
        "  probe:",
        "      exec:",
        "          command:",
        "          - /opt/x.sh",
        "      periodSeconds: 5",
    ]
    assert block_entry("image", "repo/x:1.0", 0, Style()) == ["image: repo/x:1.0"]
    assert flow("repo/x:1.0", Style()) == '"repo/x:1.0"'  # libyaml refuses `:` in flow


def _set(text: str, path: Path, value: Any) -> str:
    root = next(iter_documents(text))
    data = construct_document(root).value
    editor = Editor(text, style_of(text, root), root, shared_nodes(root))
    return apply_edits(text, editor.set(root, data, path, value, 0))


def _remove(text: str, path: Path) -> str:
    root = next(iter_documents(text))
    editor = Editor(text, style_of(text, root), root, shared_nodes(root))
    return apply_edits(text, editor.remove(root, path))


def test_replace_keeps_comments_and_spacing() -> None:
    text = "spec:\n  replicas:   3   # three\n  x: 1\n"
    assert _set(text, ("spec", "replicas"), 1) == "spec:\n  replicas:   1   # three\n  x: 1\n"


def test_replace_a_quoted_number_with_a_plain_one() -> None:
    assert _set('a: "3"\n', ("a",), 1) == "a: 1\n"


def test_insert_after_the_last_content_not_after_trailing_comments() -> None:
    text = "spec:\n  a:\n    b: 1 # c\n  # trailing comment\n\nnext: 2\n"
    assert _set(text, ("spec", "z"), 3) == (
        "spec:\n  a:\n    b: 1 # c\n  z: 3\n  # trailing comment\n\nnext: 2\n"
    )


def test_insert_nested_keys_at_the_siblings_indentation() -> None:
    text = "c:\n    name: x\n    image: y\n"
    assert _set(text, ("c", "resources", "requests", "memory"), "1G") == (
        "c:\n    name: x\n    image: y\n    resources:\n        requests:\n            memory: 1G\n"
    )


def test_insert_into_a_list_item_mapping() -> None:
    text = "containers:\n- name: a\n  image: b\nother: 1\n"
    assert _set(text, ("containers", 0, "tty"), True) == (
        "containers:\n- name: a\n  image: b\n  tty: true\nother: 1\n"
    )


def test_insert_after_a_block_scalar_keeps_its_value() -> None:
    text = "a:\n  t: 1\n  s: |+\n    keep\n\nb: 2\n"
    fixed = _set(text, ("a", "u"), 5)
    assert fixed == "a:\n  t: 1\n  s: |+\n    keep\n\n  u: 5\nb: 2\n"
    assert construct_document(next(iter_documents(fixed))).value["a"]["s"] == "keep\n\n"


def test_insert_at_the_end_of_a_file_without_a_final_line_break() -> None:
    assert _set("a:\n  b: 1", ("a", "c"), 2) == "a:\n  b: 1\n  c: 2"


def test_insert_keeps_crlf() -> None:
    assert _set("a:\r\n  b: 1\r\n", ("a", "c"), 2) == "a:\r\n  b: 1\r\n  c: 2\r\n"


def test_insert_into_flow_mappings() -> None:
    assert _set("a: {b: 1}\n", ("a", "c"), {"d": [1]}) == "a: {b: 1, c: {d: [1]}}\n"
    assert _set("a: {}\n", ("a", "c"), 2) == "a: {c: 2}\n"


def test_insert_into_json_one_key_a_line() -> None:
    text = '{\n  "a": {\n    "b": 1\n  }\n}\n'
    assert _set(text, ("a", "c"), "1G") == '{\n  "a": {\n    "b": 1,\n    "c": "1G"\n  }\n}\n'


def test_keys_are_quoted_like_their_siblings() -> None:
    text = '"spec":\n  "replicas": 3\n'
    assert _set(text, ("spec", "strategy", "type"), "Recreate") == (
        '"spec":\n  "replicas": 3\n  "strategy":\n    "type": "Recreate"\n'
    )


def test_a_null_value_gets_the_block_below_its_key() -> None:
    assert _set("a:\n  s:\n  t: 1\n", ("a", "s", "type"), "R") == "a:\n  s:\n    type: R\n  t: 1\n"
    assert _set("s: null # c\n", ("s", "type"), "R") == "s:  # c\n  type: R\n"
    assert _set("a: {s: ~}\n", ("a", "s", "type"), "R") == "a: {s: {type: R}}\n"


def test_remove_a_block_entry_with_its_nested_lines() -> None:
    text = "s:\n  type: X\n  rollingUpdate:\n    maxSurge: 0 # no\n  z: 1\n"
    assert _remove(text, ("s", "rollingUpdate")) == "s:\n  type: X\n  z: 1\n"


def test_remove_flow_entries() -> None:
    assert _remove("s: {a: 1, b: {c: 2}}\n", ("s", "b")) == "s: {a: 1}\n"
    assert _remove("s: {b: 2, a: 1}\n", ("s", "b")) == "s: {a: 1}\n"
    assert _remove("s: {b: 2}\n", ("s", "b")) == "s: {}\n"


def test_remove_the_last_line_of_a_file_without_a_line_break() -> None:
    assert _remove("s:\n  a: 1\n  b: 2", ("s", "b")) == "s:\n  a: 1"


def test_values_shared_through_an_anchor_are_not_edited() -> None:
    text = "a: &x {m: 1}\nb: *x\n"
    with pytest.raises(Unfixable):
        _set(text, ("a", "m"), 2)
    with pytest.raises(Unfixable):
        _set(text, ("b", "m"), 2)


def test_a_key_from_a_merge_is_not_edited_in_its_source() -> None:
    text = "base: &b {m: 1}\nuse:\n  <<: *b\n  n: 2\n"
    with pytest.raises(Unfixable):
        _set(text, ("use", "m"), 5)


def test_a_key_after_a_merge_is_overridden_in_place() -> None:
    text = "base: &b {m: 1}\nuse:\n  <<: *b\n  m: 3\n"
    assert _set(text, ("use", "m"), 5) == "base: &b {m: 1}\nuse:\n  <<: *b\n  m: 5\n"


def test_a_block_scalar_is_not_replaced() -> None:
    with pytest.raises(Unfixable):
        _set("a: |\n  3\n", ("a",), 1)


def test_style_of_a_document() -> None:
    def style(text: str) -> Style:
        return style_of(text, next(iter_documents(text)))

    assert style("a:\n    b:\n        c: 1\n    l:\n    - 1\n") == Style("\n", 4, 0, False)
    assert style("a:\r\n  l:\r\n    - 1\r\n") == Style("\r\n", 2, 2, False)
    assert style('{"a": 1}') == Style("\n", 2, 2, True)
