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

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.semantics import yaml11_int
from sedex_lint.yamlparse import PLAIN, STR, Node

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
    value = builder.build(root)
    if builder.aliased:
        _check_expanded_size(root, limits.max_nodes)
    duplicates = []
    if builder.duplicates:
        paths = _paths_of(root, {id(mapping) for _, _, mapping in builder.duplicates})
        for first, again, mapping in builder.duplicates:
            path = (*paths.get(id(mapping), ()), str(again.value))
            duplicates.append(DuplicateKey(first, again, path))
    return Constructed(value, duplicates)


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
    """Builds values from nodes; the hot path of a run, hence the plain, flat code."""

    def __init__(self, limits: Limits) -> None:
        self.max_scalar = limits.max_scalar_bytes
        self.max_depth = limits.max_depth
        self.duplicates: list[tuple[Node, Node, Node]] = []
        # Collections reached again through an alias share the object built the first time:
        # no copy per use, and cycles terminate. Scalars are immutable and need no memo.
        self._built: dict[int, Any] = {}
        self.aliased = False

    def build(self, node: Node, depth: int = 1) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            text = node.value
            if len(text) > self.max_scalar:
                raise TooLarge(node, f"scalar longer than {self.max_scalar:,} characters")
            tag = node.ctag
            if tag is PLAIN:
                return resolve_plain(text)
            if tag is STR or str(tag).endswith(":str"):
                return text
            return _explicitly_tagged(node)
        known = self._built.get(id(node), _MISSING)
        if known is not _MISSING:
            self.aliased = True
            return known
        if depth > self.max_depth:
            raise TooLarge(node, f"nesting deeper than {self.max_depth} levels")
        if kind is MappingNode:
            mapping: dict[Any, Any] = {}
            self._built[id(node)] = mapping
            self._fill_mapping(node, mapping, depth + 1)
            return mapping
        sequence: list[Any] = []
        self._built[id(node)] = sequence
        build = self.build
        sequence.extend([build(item, depth + 1) for item in node.value])
        return sequence

    def _fill_mapping(self, node: MappingNode, mapping: dict[Any, Any], depth: int) -> None:
        merged: list[Node] = []
        key_nodes: dict[Any, Node] = {}
        build = self.build
        for key_node, value_node in node.value:
            if key_node.ctag is PLAIN and key_node.value == _MERGE_KEY:
                merged.append(value_node)
                continue
            key = build(key_node, depth)
            if type(key) in (dict, list):
                key = repr(key)
            if key in key_nodes:
                self.duplicates.append((key_nodes[key], key_node, node))
            key_nodes[key] = key_node
            mapping[key] = build(value_node, depth)
        for source in merged:
            self._merge_into(mapping, source, depth)

    def _merge_into(self, mapping: dict[Any, Any], source: Node, depth: int) -> None:
        """`<<: *base` or `<<: [*a, *b]`: keys already present win, earlier sources win."""
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            built = self.build(item, depth)
            if isinstance(built, dict):
                for key, value in built.items():
                    mapping.setdefault(key, value)


def _check_expanded_size(root: Node, limit: int) -> None:
    """Node count with aliases expanded, which is what a rule walking the value would see.
    Computed once per distinct node, so an alias bomb is measured without being expanded."""
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a cycle counts its back edge once
        if isinstance(node, MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        else:
            total = 1
        if total > limit:
            raise TooLarge(
                node,
                f"document has more than {limit:,} nodes once its aliases are expanded "
                "(an alias bomb?)",
            )
        sizes[id(node)] = total
        return total

    size(root)


def _paths_of(root: Node, wanted: set[int]) -> dict[int, tuple[str | int, ...]]:
    """Paths of the given mapping nodes; only needed when a document has duplicate keys."""
    found: dict[int, tuple[str | int, ...]] = {}
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack and len(found) < len(wanted):
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if id(node) in wanted:
            found[id(node)] = path
        if isinstance(node, MappingNode):
            stack.extend((v, (*path, str(k.value))) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    return found


def _hashable(key: Any) -> Any:
    if isinstance(key, (dict, list)):
        return repr(key)
    return key


_MISSING = object()
