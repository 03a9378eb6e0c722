"""A JSON Schema, compiled once into nested closures that validate values fast.

Generic validators re-read the schema for every value; Kubernetes schemas are large and the
same few are used again and again, so each keyword is turned into a Python closure once, and
validating an object is then only calls and dictionary look-ups.

Covered: what Kubernetes' OpenAPI definitions use (`type`, `properties`,
`additionalProperties`, `required`, `enum`, `items`, `format` int32/int64, `$ref`, `oneOf`)
and what CRD schemas commonly add (`nullable`, `x-kubernetes-int-or-string`,
`x-kubernetes-preserve-unknown-fields`, `anyOf`, `allOf`, `not`, `const`, `minimum`,
`maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`,
`minItems`, `maxItems`, `minProperties`, `maxProperties`, `patternProperties`). Any other
keyword is read as an annotation: it never fails a value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from sedex_lint.model import Key
from sedex_lint.schema_values import (
    PYTHON_TYPES,
    Problem,
    Trail,
    Validator,
    declared_types,
    describe_value,
    expectation,
    field_text,
    path_of,
    types_only,
)

Resolver = Callable[[str], Mapping[str, Any]]


class _Pending:
    """A property whose schema is a `$ref`: compiled the first time a value reaches it,
    then replaced by the compiled validator in its object's table."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Compiler:
    """Compiles the schemas of one document set; `resolve` reads a `$ref` target by name.

    Definitions compile on first use, so the many that an object never reaches cost
    nothing, and recursive schemas need no special case.
    """

    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve
        self._definitions: dict[str, Validator] = {}

    def definition(self, name: str) -> Validator:
        known = self._definitions.get(name)
        if known is None:
            known = self._definitions[name] = _trampoline(self, name)  # while compiling
            known = self._definitions[name] = self.compile(
                self.resolve(name), name.rsplit(".", 1)[-1]
            )
        return known

    def compile(self, schema: Any, title: str = "") -> Validator:
        return self._compile(schema, title)[0]

    def _compile(self, schema: Any, title: str = "") -> tuple[Validator, frozenset[type] | None]:
        """The validator, and the Python types of the value when a type is all the schema
        checks (objects then test those inline instead of calling the validator)."""
        if schema is True or schema == {}:
            return _anything, None
        if schema is False:
            return _nothing, None
        types = declared_types(schema)
        allowed = frozenset(t for name in types or () for t in PYTHON_TYPES[name])
        integral = types is not None and "integer" in types and "number" not in types
        expected = expectation(schema, types or [])

        def wrong(value: Any, trail: Trail, out: list[Problem]) -> bool:
            """For a value whose Python type is not allowed: False if it is fine after all
            (2.0 for an integer), else True with the problem added."""
            if integral and type(value) is float and value.is_integer():
                return False
            path = path_of(trail)
            message = f"{field_text(path)}: expected {expected}, got {describe_value(value)}"
            out.append(Problem(path, message))
            return True

        checks = [check for check in self._keyword_checks(schema) if check is not None]
        is_object = "properties" in schema or "additionalProperties" in schema
        if is_object or "required" in schema:
            if not checks and types is not None and allowed <= {dict, type(None)}:
                return self._object(schema, title, allowed, wrong), None
            checks.insert(0, self._object(schema, title, None, wrong))
        if types is None:
            return _all(checks), None
        if not checks:

            def leaf(value: Any, trail: Trail, out: list[Problem]) -> None:
                if type(value) not in allowed:
                    wrong(value, trail, out)

            return leaf, allowed
        rest = _all(checks)

        def typed(value: Any, trail: Trail, out: list[Problem]) -> None:
            if type(value) not in allowed and wrong(value, trail, out):
                return
            if value is not None:
                rest(value, trail, out)

        return typed, None

    def _keyword_checks(self, schema: Mapping[str, Any]) -> list[Validator | None]:
        from sedex_lint import schema_keywords as k

        checks: list[Validator | None] = []
        if "$ref" in schema:
            checks.append(self.definition(str(schema["$ref"])))
        items = schema.get("items")
        if isinstance(items, (dict, bool)):
            reference = _only_ref(items)
            if reference is not None:
                checks.append(k.items_of(lambda: self.definition(reference)))
            else:
                checks.append(k.items(self.compile(items)))
        checks.append(k.enum(schema))
        checks.append(k.scalar_bounds(schema))
        for word in ("oneOf", "anyOf", "allOf", "not"):
            if word in schema and not (word == "oneOf" and types_only(schema[word])):
                branches = schema[word] if word != "not" else [schema[word]]
                checks.append(k.combine(word, [self.compile(b) for b in branches]))
        return checks

    def _object(
        self,
        schema: Mapping[str, Any],
        title: str,
        allowed: frozenset[type] | None,
        wrong: Callable[[Any, Trail, list[Problem]], bool],
    ) -> Validator:
        """Fields, unknown fields and required fields; with `allowed`, the type check too."""
        # per field: a validator, the Python types of a value that needs only its type
        # (tested inline), or a pending `$ref`
        properties: dict[str, Any] = {}
        validators: dict[str, Validator] = {}
        for name, sub in (schema.get("properties") or {}).items():
            reference = _only_ref(sub)
            if reference is not None:
                properties[name] = _Pending(reference)
                continue
            validators[name], leaf_types = self._compile(sub)
            properties[name] = leaf_types if leaf_types is not None else validators[name]
        patterns = [
            (re.compile(pattern), self.compile(sub))
            for pattern, sub in (schema.get("patternProperties") or {}).items()
        ]
        extra_schema = schema.get("additionalProperties", True)
        if schema.get("x-kubernetes-preserve-unknown-fields") is True:
            extra_schema = True
        extra, extra_types = (None, None) if extra_schema is False else self._compile(extra_schema)
        if not properties and not patterns and not schema.get("required") and extra_types:
            return _map_of(extra_types, extra, allowed, wrong)  # labels, annotations, data
        required = tuple(schema.get("required") or ())
        owner = f" ({title})" if title else ""
        known = sorted(properties)
        definition = self.definition

        def check_object(value: Any, trail: Trail, out: list[Problem]) -> None:
            if type(value) is not dict:
                if allowed is not None and type(value) not in allowed:
                    wrong(value, trail, out)
                return
            for key, item in value.items():
                spec: Any = properties.get(key)
                kind = spec.__class__
                if kind is frozenset:
                    if type(item) in spec:
                        continue
                    spec = validators[key]
                elif kind is _Pending:
                    spec = properties[key] = definition(spec.name)
                elif spec is None:
                    if patterns:
                        matched = [v for pattern, v in patterns if pattern.search(str(key))]
                        for validate in matched:
                            validate(item, (trail, key), out)
                        if matched:
                            continue
                    if extra is None:
                        out.append(_unknown(trail, key, owner, known))
                        continue
                    spec = extra
                spec(item, (trail, key), out)
            for name in required:
                if name not in value:
                    path = (*path_of(trail), name)
                    message = f"missing required field {field_text(path)}{owner}"
                    out.append(Problem(path, message))

        return check_object


def _map_of(
    types: frozenset[type],
    validate: Validator | None,
    allowed: frozenset[type] | None,
    wrong: Callable[[Any, Trail, list[Problem]], bool],
) -> Validator:
    """An object that is a map of values of one simple type (labels, a ConfigMap's data)."""

    def check_map(value: Any, trail: Trail, out: list[Problem]) -> None:
        if type(value) is not dict:
            if allowed is not None and type(value) not in allowed:
                wrong(value, trail, out)
            return
        for key, item in value.items():
            if type(item) not in types and validate is not None:
                validate(item, (trail, key), out)

    return check_map


def _trampoline(compiler: Compiler, name: str) -> Validator:
    """Stands for a definition while it compiles: a schema that contains itself other than
    through a field (`allOf: [$ref: self]`) calls the finished validator through it."""

    def call(value: Any, trail: Trail, out: list[Problem]) -> None:
        compiler.definition(name)(value, trail, out)

    return call


def _only_ref(schema: Any) -> str | None:
    if isinstance(schema, dict) and len(schema) == 1 and "$ref" in schema:
        return str(schema["$ref"])
    return None


def _unknown(trail: Trail, key: str, owner: str, known: list[str]) -> Problem:
    import difflib

    path = (*path_of(trail), key)
    message = f"unknown field {json.dumps(field_text(path))}: not in the schema{owner}"
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
    if close:
        message += f"; did you mean {json.dumps(close[0])}?"
    return Problem((*path[:-1], Key(key)), message)


def _all(checks: list[Validator]) -> Validator:
    if not checks:
        return _anything
    if len(checks) == 1:
        return checks[0]

    def every(value: Any, trail: Trail, out: list[Problem]) -> None:
        for check in checks:
            check(value, trail, out)

    return every


def _anything(value: Any, trail: Trail, out: list[Problem]) -> None:
    return None


def _nothing(value: Any, trail: Trail, out: list[Problem]) -> None:
    out.append(Problem(path_of(trail), f"{field_text(path_of(trail))}: no value is allowed here"))
