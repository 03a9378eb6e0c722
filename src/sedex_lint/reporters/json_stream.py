"""JSON written as it is made: the text of `json.dumps(value, indent=2, ensure_ascii=False)`,
byte for byte, in pieces, where a list may be `Lazy`: its items are made one at a time.

The json and SARIF reports hold one entry per finding. Made whole, as dictionaries and then
as one string, they cost several times the findings themselves (a SARIF report of 10,000
findings added over 100 MiB); made one entry at a time, a report costs what its findings do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

INDENT = "  "


class Lazy:
    """A JSON list whose items are made when it is written: `items` is called once per
    writing."""

    __slots__ = ("items",)

    def __init__(self, items: Callable[[], Iterable[Any]]) -> None:
        self.items = items


def dumps(value: Any) -> str:
    return "".join(pieces(value))


def pieces(value: Any) -> Iterator[str]:
    """The document and a final line break, in pieces."""
    yield from _value(value, 0)
    yield "\n"


def _value(value: Any, level: int) -> Iterator[str]:
    if isinstance(value, Lazy):
        yield from _items(value.items(), level)
    elif not _holds_lazy(value):
        yield _nested(value, level)
    elif isinstance(value, dict):
        yield from _dict(value, level)
    else:
        yield from _items(value, level)


def _holds_lazy(value: Any) -> bool:
    if isinstance(value, Lazy):
        return True
    if isinstance(value, dict):
        return any(_holds_lazy(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_lazy(item) for item in value)
    return False


def _nested(value: Any, level: int) -> str:
    """What `json.dumps` writes for `value` at this depth: its own text, indented."""
    text = json.dumps(value, indent=len(INDENT), ensure_ascii=False)
    return text.replace("\n", "\n" + INDENT * level) if level else text


def _dict(value: dict[str, Any], level: int) -> Iterator[str]:
    inner = INDENT * (level + 1)
    separator = "{"
    for key, item in value.items():
        yield f"{separator}\n{inner}{json.dumps(key, ensure_ascii=False)}: "
        yield from _value(item, level + 1)
        separator = ","
    yield f"\n{INDENT * level}}}" if value else "{}"


def _items(items: Iterable[Any], level: int) -> Iterator[str]:
    inner = INDENT * (level + 1)
    separator = "["
    for item in items:
        yield f"{separator}\n{inner}"
        yield from _value(item, level + 1)
        separator = ","
    yield "[]" if separator == "[" else f"\n{INDENT * level}]"
