"""Values a fix inserts, written in the style of the text around them: block YAML at the
siblings' indentation, flow YAML inside `{...}`, JSON in a JSON document."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sedex_lint.semantics import resolve_plain

_PLAIN = re.compile(r"[A-Za-z0-9/][A-Za-z0-9/._-]*\Z")
"""Strings that may be written without quotes, when kubectl reads them back as strings."""
_PLAIN_IN_BLOCK = re.compile(r"[A-Za-z0-9/][A-Za-z0-9/._:@-]*(?<!:)\Z")
"""Outside flow collections a colon not followed by a space is text too (`repo:tag`)."""


@dataclass(frozen=True)
class Style:
    """How the document is written, so that inserted text looks like its neighbours."""

    newline: str = "\n"
    step: int = 2
    """Indentation of a nested block mapping relative to its key."""
    sequence_indent: int = 2
    """Indentation of a block sequence's `-` relative to its key (0 or the step)."""
    json: bool = False
    """A JSON document: keys and strings double-quoted."""


def scalar(value: Any, style: Style, quote: str | None = None, block: bool = False) -> str:
    """A scalar as YAML text. `quote` is the style of the scalar being replaced: a quoted
    string stays quoted the same way; numbers and booleans are always written plain.
    `block`: outside a flow collection."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if quote == "'" and not style.json:
        return "'" + text.replace("'", "''") + "'"
    if quote == '"' or style.json or not _plain(text, block):
        return json.dumps(text, ensure_ascii=False)
    return text


def _plain(text: str, block: bool) -> bool:
    """`1G` and `Recreate` are strings; `1e9`, `010` and `yes` are not (go-yaml v2)."""
    pattern = _PLAIN_IN_BLOCK if block else _PLAIN
    return pattern.match(text) is not None and resolve_plain(text) == text


def key(name: str, style: Style) -> str:
    return scalar(name, style)


def flow(value: Any, style: Style) -> str:
    """A value on one line: `{exec: {command: [/x]}}`, or JSON in a JSON document."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{key(k, style)}: {flow(v, style)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, style) for item in value) + "]"
    return scalar(value, style)


def block_entry(name: str, value: Any, indent: int, style: Style) -> list[str]:
    """`name: value` as block lines (without line ends), the key at column `indent`."""
    head = " " * indent + key(name, style) + ":"
    if isinstance(value, Mapping) and value:
        return [head, *block_mapping(value, indent + style.step, style)]
    if isinstance(value, list) and value:
        return [head, *block_sequence(value, indent + style.sequence_indent, style)]
    return [f"{head} {_inline(value, style)}"]


def block_mapping(value: Mapping[str, Any], indent: int, style: Style) -> list[str]:
    return [line for k, v in value.items() for line in block_entry(k, v, indent, style)]


def block_sequence(items: list[Any], indent: int, style: Style) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, Mapping) and item:
            nested = block_mapping(item, indent + 2, style)
            lines.append(" " * indent + "- " + nested[0][indent + 2 :])
            lines.extend(nested[1:])
        else:
            lines.append(" " * indent + "- " + _inline(item, style))
    return lines


def _inline(value: Any, style: Style) -> str:
    """A value on a block line: a scalar as block text, an empty or other value in flow."""
    if isinstance(value, Mapping | list):
        return flow(value, style)
    return scalar(value, style, block=True)
