"""YAML node trees to plain Python values, keeping what the linter needs to report.

Typing follows the YAML 1.2 core schema (`true`/`false`, decimal/0o/0x integers, floats,
`null`/`~`/empty), the schema of ruamel.yaml, JSON and most editors. Kubernetes decodes typed
fields itself, so checks that read booleans or integers go through `semantics`, which also
accepts the YAML 1.1 spellings that kubectl honours. Duplicate keys keep the LAST value, as
kubectl and Go's YAML libraries do, and are reported instead of rejected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.nodes import MappingNode, SequenceNode

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


def construct_document(root: Node) -> Constructed:
    builder = _Builder()
    return Constructed(builder.build(root), builder.duplicate_keys)


def resolve_plain(text: str) -> Any:
    """Type of an untagged plain scalar under the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _DECIMAL_INT.match(text):
            return int(text)
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
    def __init__(self) -> None:
        self.duplicate_keys: list[DuplicateKey] = []
        # Aliases share the object built for their anchor: no copy per use, cycles terminate.
        self._built: dict[int, Any] = {}

    def build(self, node: Node, path: tuple[str | int, ...] = ()) -> Any:
        known = self._built.get(id(node), _MISSING)
        if known is not _MISSING:
            return known
        if isinstance(node, MappingNode):
            mapping: dict[Any, Any] = {}
            self._built[id(node)] = mapping
            self._fill_mapping(node, mapping, path)
            return mapping
        if isinstance(node, SequenceNode):
            sequence: list[Any] = []
            self._built[id(node)] = sequence
            sequence.extend(self.build(item, (*path, i)) for i, item in enumerate(node.value))
            return sequence
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
