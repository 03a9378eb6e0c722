"""The keyword closures of `schema_compile` beyond objects and types: list items, enums,
bounds and formats, and the combinators (oneOf, anyOf, allOf, not)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from sedex_lint.schema_values import (
    RANGES,
    Problem,
    Trail,
    Validator,
    describe_value,
    field_text,
    path_of,
)


def _problem(trail: Trail, text: str) -> Problem:
    path = path_of(trail)
    return Problem(path, f"{field_text(path)}: {text}")


def items(validate: Validator) -> Validator:
    def check_items(value: Any, trail: Trail, out: list[Problem]) -> None:
        if type(value) is list:
            for index, item in enumerate(value):
                validate(item, (trail, index), out)

    return check_items


def items_of(resolve: Callable[[], Validator]) -> Validator:
    """Items whose schema is a `$ref`, compiled when a first list reaches it."""
    found: list[Validator] = []

    def check_items(value: Any, trail: Trail, out: list[Problem]) -> None:
        if type(value) is list:
            if not found:
                found.append(resolve())
            validate = found[0]
            for index, item in enumerate(value):
                validate(item, (trail, index), out)

    return check_items


def enum(schema: Mapping[str, Any]) -> Validator | None:
    if "enum" not in schema and "const" not in schema:
        return None
    allowed = list(schema["enum"]) if "enum" in schema else [schema["const"]]
    shown = ", ".join(json.dumps(value) for value in allowed if value != "")
    if "" in allowed:
        shown += " (or empty, for the default)"
    hashable = all(isinstance(value, (str, int, float, bool, type(None))) for value in allowed)
    lookup = {(type(value), value) for value in allowed} if hashable else None

    def check_enum(value: Any, trail: Trail, out: list[Problem]) -> None:
        if value is None:
            return  # null passed the type check: a nullable field left unset
        if lookup is not None:
            hit = isinstance(value, (str, int, float, bool)) and (type(value), value) in lookup
        else:
            hit = value in allowed
        if not hit:
            out.append(_problem(trail, f"{describe_value(value)} is not one of {shown}"))

    return check_enum


_Test = tuple[Any, Callable[[Any], bool], str]
"""(the Python types it applies to, a test that passes, what a failing value does)."""


def scalar_bounds(schema: Mapping[str, Any]) -> Validator | None:
    """Ranges of numbers (bounds and the int32/int64 formats), lengths, patterns, sizes."""
    tests = _number_tests(schema) + _size_tests(schema)
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        try:
            compiled = re.compile(pattern)
        except re.error:
            compiled = None  # an ECMA-only pattern: not checked rather than wrongly checked
        if compiled is not None:
            search = compiled.search
            tests.append((str, lambda v: search(v) is not None, f"does not match {pattern!r}"))
    if not tests:
        return None

    def check_bounds(value: Any, trail: Trail, out: list[Problem]) -> None:
        if isinstance(value, bool):
            return
        for kind, test, text in tests:
            if isinstance(value, kind) and not test(value):
                out.append(_problem(trail, f"{describe_value(value)} {text}"))

    return check_bounds


def _number(bound: Any) -> bool:
    return isinstance(bound, (int, float)) and not isinstance(bound, bool)


def _number_tests(schema: Mapping[str, Any]) -> list[_Test]:
    number = (int, float)
    tests: list[_Test] = []
    fmt = str(schema.get("format"))
    if fmt in RANGES:
        low, high = RANGES[fmt]
        text = f"is out of range for {fmt} ({low} to {high})"
        tests.append((number, lambda v: low <= v <= high, text))
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    # draft 4 writes exclusiveMinimum: true beside minimum; later drafts give the bound itself
    if _number(minimum):
        if schema.get("exclusiveMinimum") is True:
            tests.append((number, lambda v: v > minimum, f"must be above {minimum}"))
        else:
            tests.append((number, lambda v: v >= minimum, f"is below the minimum {minimum}"))
    if _number(maximum):
        if schema.get("exclusiveMaximum") is True:
            tests.append((number, lambda v: v < maximum, f"must be below {maximum}"))
        else:
            tests.append((number, lambda v: v <= maximum, f"is above the maximum {maximum}"))
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if _number(above):
        tests.append((number, lambda v: v > above, f"must be above {above}"))
    if _number(below):
        tests.append((number, lambda v: v < below, f"must be below {below}"))
    return tests


def _size_tests(schema: Mapping[str, Any]) -> list[_Test]:
    tests: list[_Test] = []
    for word, kind, noun in (
        ("Length", str, "characters"),
        ("Items", list, "items"),
        ("Properties", dict, "fields"),
    ):
        low, high = schema.get("min" + word), schema.get("max" + word)
        if isinstance(low, int) and not isinstance(low, bool):
            tests.append((kind, _at_least(low), f"has fewer than {low} {noun}"))
        if isinstance(high, int) and not isinstance(high, bool):
            tests.append((kind, _at_most(high), f"has more than {high} {noun}"))
    return tests


def _at_least(bound: int) -> Callable[[Any], bool]:
    return lambda value: len(value) >= bound


def _at_most(bound: int) -> Callable[[Any], bool]:
    return lambda value: len(value) <= bound


def combine(word: str, branches: list[Validator]) -> Validator:
    def check_combination(value: Any, trail: Trail, out: list[Problem]) -> None:
        results = []
        for branch in branches:
            found: list[Problem] = []
            branch(value, trail, found)
            results.append(found)
        passed = sum(1 for found in results if not found)
        if word == "allOf":
            for found in results:
                out.extend(found)
        elif word == "not" and passed:
            out.append(_problem(trail, f"{describe_value(value)} matches a schema it must not"))
        elif passed == 0 and word in ("anyOf", "oneOf"):
            first = min(results, key=len)
            detail = f" (e.g. {first[0].message})" if first else ""
            out.append(_problem(trail, f"matches none of the allowed alternatives{detail}"))
        elif word == "oneOf" and passed > 1:
            out.append(_problem(trail, f"matches {passed} alternatives where only one may"))

    return check_combination
