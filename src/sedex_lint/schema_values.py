"""What the schema validators pass around and report: where a value is, the problems
found, and how a field and a value are named in messages."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from sedex_lint.model import Path

Trail = Any
"""Where a value is, as a linked list built while descending: None at the root, or
(parent trail, key or index). Turned into a Path only when a problem is found."""
Validator = Callable[[Any, Trail, list["Problem"]], None]


class Problem(NamedTuple):
    path: Path
    """The offending value, or (ending in a `Key`) the key of an unknown field, or the
    missing field inside the object that lacks it."""
    message: str


RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def path_of(trail: Trail) -> Path:
    parts: list[Any] = []
    while trail is not None:
        trail, segment = trail
        parts.append(segment)
    return tuple(reversed(parts))


def field_text(path: Path) -> str:
    """`spec.template.spec.containers[0].image`, as kubectl names fields."""
    text = ""
    for segment in path:
        text += f"[{segment}]" if isinstance(segment, int) else f".{segment}" if text else segment
    return text or "the object"


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {json.dumps(shown)}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return "a mapping" if isinstance(value, dict) else "a list"


PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
    "null": (type(None),),
    "integer": (int,),
    "number": (int, float),
}
TYPE_WORDS = {
    "string": "a string",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "null": "null",
    "integer": "an integer",
    "number": "a number",
}


def declared_types(schema: Mapping[str, Any]) -> list[str] | None:
    """The JSON types a value may have, or None when the schema does not say."""
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    if "oneOf" in schema and types_only(schema["oneOf"]):
        for branch in schema["oneOf"]:
            branch_type = branch["type"]
            types += [branch_type] if isinstance(branch_type, str) else branch_type
    if schema.get("x-kubernetes-int-or-string") is True:
        types += ["integer", "string"]
    types = [t for t in dict.fromkeys(types) if t in PYTHON_TYPES]
    if not types:
        return None
    if schema.get("nullable") is True:
        types.append("null")
    return types


def types_only(branches: Any) -> bool:
    """A oneOf of plain types (Kubernetes' IntOrString and Quantity): a type union."""
    return isinstance(branches, list) and all(
        isinstance(b, dict) and set(b) == {"type"} for b in branches
    )


def expectation(schema: Mapping[str, Any], types: list[str]) -> str:
    words = [TYPE_WORDS[t] for t in types if t != "null"] or ["null"]
    text = " or ".join(words)
    if schema.get("format") in RANGES:
        text += f" ({schema['format']})"
    return text
