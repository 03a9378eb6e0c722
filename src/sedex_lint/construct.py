"""YAML node trees to plain Python values, keeping what the linter needs to report.

Typing follows the YAML 1.2 core schema (`true`/`false`, integers, floats, `null`/`~`/empty)
with one exception: integers are read as Kubernetes reads them (Go's YAML 1.1 rules), so a
leading zero means octal (`010` is 8, `0644` is 420), and `1_000` and `0b101` are integers.
Booleans stay strict here (`yes` and `on` remain strings, as Kubernetes keeps them in string
fields); checks that read a field Kubernetes types as boolean or integer go through
`semantics`, which accepts the YAML 1.1 spellings there. Duplicate keys keep the LAST value,
as the API server and Go's YAML libraries do, and are reported instead of rejected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.nodes import MappingNode, SequenceNode

from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.semantics import yaml11_int
from sedex_lint.yamlparse import PLAIN_TAG, Node

_MERGE_KEY = "<<"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCTAL_INT = re.compile(r"0o[0-7]+\Z")
_HEX_INT = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip


@dataclass(frozen=True)
class DuplicateKey:
    first: Node
    again: Node
    path: tuple[str | int, ...]
    """Path of the duplicated key inside its document."""


@dataclass
class Constructed:
    value: Any
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)


@dataclass(frozen=True)
class TooLarge(Exception):
    """A document beyond a limit: too many nodes after alias expansion, or a huge scalar."""

    node: Node
    reason: str


def construct_document(root: Node, limits: Limits = DEFAULT_LIMITS) -> Constructed:
    builder = _Builder(limits)
    return Constructed(builder.build(root), builder.duplicate_keys)


def resolve_plain(text: str) -> Any:
    """Type of an untagged plain scalar: YAML 1.2 core, integers as Kubernetes reads them."""
    if text in _NULLS:
        return None
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _DECIMAL_INT.match(text) or "_" in text or "0b" in text:
            number = yaml11_int(text)
            if number is not None:
                return number
        if _FLOAT.match(text):
            return float(text)
        if _OCTAL_INT.match(text):
            return int(text[2:], 8)
        if _HEX_INT.match(text):
            return int(text[2:], 16)
        if text in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[text]
        return text
    boolean = _BOOLS.get(text)
    return text if boolean is None else boolean


def _explicitly_tagged(node: Node) -> Any:
    """`!!int 3`, `!!bool true`, `!!null`; any other tag (never executed) keeps its text."""
    tag, text = str(node.tag), node.value
    typed = resolve_plain(text) if text else None
    if tag.endswith(":int") and isinstance(typed, int) and not isinstance(typed, bool):
        return typed
    if tag.endswith(":float") and isinstance(typed, (int, float)) and not isinstance(typed, bool):
        return float(typed)
    if tag.endswith(":bool") and isinstance(typed, bool):
        return typed
    if tag.endswith(":null"):
        return None
    return text


class _Builder:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.duplicate_keys: list[DuplicateKey] = []
        # Aliases share the object built for their anchor: no copy per use, cycles terminate.
        self._built: dict[int, Any] = {}
        # Size of each node with aliases expanded, which is what a rule walking it would see.
        self._sizes: dict[int, int] = {}

    def _count(self, node: Node, children: list[Node]) -> None:
        size = 1 + sum(self._sizes.get(id(child), 1) for child in children)
        if size > self.limits.max_nodes:
            raise TooLarge(
                node,
                f"document has more than {self.limits.max_nodes:,} nodes once its aliases are "
                "expanded (an alias bomb?)",
            )
        self._sizes[id(node)] = size

    def build(self, node: Node, path: tuple[str | int, ...] = ()) -> Any:
        known = self._built.get(id(node), _MISSING)
        if known is not _MISSING:
            return known
        if isinstance(node, MappingNode):
            mapping: dict[Any, Any] = {}
            self._built[id(node)] = mapping
            self._fill_mapping(node, mapping, path)
            self._count(node, [part for pair in node.value for part in pair])
            return mapping
        if isinstance(node, SequenceNode):
            sequence: list[Any] = []
            self._built[id(node)] = sequence
            sequence.extend(self.build(item, (*path, i)) for i, item in enumerate(node.value))
            self._count(node, node.value)
            return sequence
        if len(node.value) > self.limits.max_scalar_bytes:
            raise TooLarge(node, f"scalar longer than {self.limits.max_scalar_bytes:,} characters")
        value = self._scalar(node)
        self._built[id(node)] = value
        return value

    def _scalar(self, node: Node) -> Any:
        tag = node.tag
        if tag == PLAIN_TAG:
            return resolve_plain(node.value)
        if str(tag).endswith(":str"):
            return node.value
        return _explicitly_tagged(node)

    def _fill_mapping(
        self, node: MappingNode, mapping: dict[Any, Any], path: tuple[str | int, ...]
    ) -> None:
        merged: list[Node] = []
        key_nodes: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == PLAIN_TAG and key_node.value == _MERGE_KEY:
                merged.append(value_node)
                continue
            key = _hashable(self.build(key_node))
            key_path = (*path, str(key))
            if key in key_nodes:
                self.duplicate_keys.append(DuplicateKey(key_nodes[key], key_node, key_path))
            key_nodes[key] = key_node
            mapping[key] = self.build(value_node, key_path)
        for source in merged:
            self._merge_into(mapping, source)

    def _merge_into(self, mapping: dict[Any, Any], source: Node) -> None:
        """`<<: *base` or `<<: [*a, *b]`: keys already present win, earlier sources win."""
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            built = self.build(item)
            if isinstance(built, dict):
                for key, value in built.items():
                    mapping.setdefault(key, value)


def _hashable(key: Any) -> Any:
    if isinstance(key, (dict, list)):
        return repr(key)
    return key


_MISSING = object()
