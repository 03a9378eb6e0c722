"""The schema compiler on its own: each keyword it covers, on values as the loader builds
them, compared with what the schema says."""

from __future__ import annotations

from typing import Any

import pytest

from sedex_lint.model import Key
from sedex_lint.schema_compile import Compiler, Problem


def problems(schema: Any, value: Any, definitions: dict[str, Any] | None = None) -> list[Problem]:
    compiler = Compiler(lambda name: (definitions or {})[name])
    found: list[Problem] = []
    compiler.compile(schema)(value, None, found)
    return found


def paths(
    schema: Any, value: Any, definitions: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    return [problem.path for problem in problems(schema, value, definitions)]


@pytest.mark.parametrize(
    ("types", "value", "ok"),
    [
        ("integer", 2, True),
        ("integer", 2.0, True),  # JSON: an integral number is an integer
        ("integer", 2.5, False),
        ("integer", True, False),  # a bool is no integer, although Python says so
        ("number", 2, True),
        ("number", False, False),
        ("boolean", 0, False),
        ("string", "x", True),
        ("string", None, False),
        (["string", "null"], None, True),
        ("object", [], False),
        ("array", {}, False),
    ],
)
def test_types(types: Any, value: Any, ok: bool) -> None:
    assert (problems({"type": types}, value) == []) is ok


def test_nullable_and_int_or_string_as_crd_schemas_write_them() -> None:
    assert problems({"type": "string", "nullable": True}, None) == []
    schema = {"x-kubernetes-int-or-string": True}
    assert paths(schema, "80%") == paths(schema, 80) == []
    assert problems(schema, 1.5)[0].message == (
        "the object: expected an integer or a string, got the number 1.5"
    )


def test_unknown_fields_are_reported_at_the_key_and_extra_fields_are_validated() -> None:
    schema = {"properties": {"a": {"type": "string"}}, "additionalProperties": False}
    [problem] = problems(schema, {"a": "x", "b": 1})
    assert problem.path == ("b",) and isinstance(problem.path[-1], Key)
    typed_map = {"type": "object", "additionalProperties": {"type": "string"}}
    assert paths(typed_map, {"x": "1", "y": 2}) == [("y",)]
    assert paths({"properties": {}}, {"anything": 1}) == []  # additionalProperties absent


def test_preserve_unknown_fields_and_pattern_properties() -> None:
    preserving = {
        "properties": {"a": {"type": "integer"}},
        "additionalProperties": False,
        "x-kubernetes-preserve-unknown-fields": True,
    }
    assert paths(preserving, {"a": "no", "z": 1}) == [("a",)]
    patterned = {"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": False}
    assert paths(patterned, {"x-a": 1, "x-b": "2", "y": 3}) == [("x-b",), ("y",)]


def test_required_names_the_missing_field_inside_its_object() -> None:
    schema = {"properties": {"spec": {"required": ["a", "b"], "properties": {"a": {}}}}}
    assert paths(schema, {"spec": {"a": 1}}) == [("spec", "b")]
    assert paths(schema, {"spec": None}) == []  # null is no object: nothing is required of it


def test_refs_compile_once_on_first_use_and_may_recurse() -> None:
    definitions = {
        "Node": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"value": {"type": "integer"}, "next": {"$ref": "Node"}},
        }
    }
    value = {"value": 1, "next": {"value": 2, "next": {"value": "3", "nxt": None}}}
    found = problems({"$ref": "Node"}, value, definitions)
    assert [p.path for p in found] == [("next", "next", "value"), ("next", "next", "nxt")]
    assert found[1].message == (
        'unknown field "next.next.nxt": not in the schema (Node); did you mean "next"?'
    )
    items = {"type": "array", "items": {"$ref": "Node"}}
    assert paths(items, [{"value": 1}, {"value": True}], definitions) == [(1, "value")]


def test_formats_bound_integers_and_other_formats_are_annotations() -> None:
    assert paths({"type": "integer", "format": "int32"}, 2**31) == [()]
    assert paths({"type": "integer", "format": "int32"}, 2**31 - 1) == []
    assert paths({"type": "integer", "format": "int64"}, 2**63) == [()]
    assert paths({"type": "string", "format": "date-time"}, "yesterday") == []


def test_enum_const_and_bounds() -> None:
    assert paths({"enum": ["A", "B"]}, "a") == [()]
    assert paths({"enum": [1, 2]}, True) == [()]  # True == 1 in Python, not in JSON
    assert paths({"const": "x"}, "x") == []
    assert paths({"minimum": 1, "maximum": 3}, 0) == [()]
    assert paths({"minimum": 1, "exclusiveMinimum": True}, 1) == [()]
    assert paths({"exclusiveMaximum": 3}, 3) == [()]
    assert paths({"minLength": 2, "pattern": "^a"}, "b") == [(), ()]
    assert paths({"maxItems": 1}, [1, 2]) == [()]
    assert paths({"minProperties": 1}, {}) == [()]
    assert paths({"pattern": "(?<!x"}, "anything") == []  # not a Python regex: not checked


@pytest.mark.parametrize(
    ("word", "value", "failing"),
    [
        ("oneOf", 5, False),
        ("oneOf", "5", False),
        ("oneOf", 5.5, True),
        ("anyOf", 5, False),
        ("anyOf", [], True),
        ("allOf", 5, True),
    ],
)
def test_combinators(word: str, value: Any, failing: bool) -> None:
    branches = [{"type": "integer"}, {"type": "string", "minLength": 1}]
    assert bool(problems({word: branches}, value)) is failing
    assert bool(problems({"not": {"type": "integer"}}, value)) is (type(value) is int)


def test_a_oneof_matching_twice_fails() -> None:
    assert paths({"oneOf": [{"minimum": 1}, {"maximum": 10}]}, 5) == [()]
