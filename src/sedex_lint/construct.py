"""YAML node trees to the values kubectl reads, keeping what the linter needs to report.

Values are what kubectl sends to the API server (see `semantics`): go-yaml v2's YAML 1.1
scalars (`yes` is true, `010` is 8), JSON's numbers (`2.0` is the integer 2) and string keys
(`yes:` is "true"). Merge keys follow go-yaml v2 as well, which is not the YAML merge-key
spec: each `<<` is applied where it is written and overwrites keys set before it, a key
written after it overwrites it, and in `<<: [*a, *b]` the earlier source wins. Duplicate keys
keep the LAST value, as kubectl does, and are reported instead of rejected. A document that
kubectl refuses to read raises `Refused` (docs/usage.md, "How manifests are read").
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import math
from typing import Any, NamedTuple

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.semantics import (
    NON_FINITE,
    NUMBER_START,
    WORDS,
    Unreadable,
    json_key,
    json_value,
    plain_key,
    resolve_plain,
    resolve_tagged,
)
from sedex_lint.yamlparse import PLAIN, STR, Node

_MERGE_KEY = "<<"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NO_JSON = "JSON, which kubectl sends to the API server, has no infinity or NaN"


class DuplicateKey(NamedTuple):
    first: Node
    again: Node
    path: tuple[str | int, ...]
    """Path of the duplicated key inside its document."""


class Constructed:
    __slots__ = ("duplicate_keys", "value")

    value: Any
    duplicate_keys: list[DuplicateKey]

    def __init__(self, value: Any, duplicate_keys: list[DuplicateKey]) -> None:
        self.value, self.duplicate_keys = value, duplicate_keys


class TooLarge(Exception):
    """A document beyond a limit: too many nodes after alias expansion, or a huge scalar."""

    node: Node
    reason: str

    def __init__(self, node: Node, reason: str) -> None:
        self.node, self.reason = node, reason

    def __str__(self) -> str:
        return self.reason


class Refused(TooLarge):
    """A document kubectl refuses to read, so the API server never sees it. A TooLarge only so
    that the callers that report a document beyond a limit report this the same way."""


class _Poison:
    """Stands for a value or key that JSON cannot hold (`.inf`, a null key). It is an error
    only if it survives into the final value: a later duplicate key or merge may replace it,
    and kubectl converts to JSON only what is left."""

    __slots__ = ("node", "reason")

    def __init__(self, node: Node, reason: str) -> None:
        self.node, self.reason = node, reason


def construct_document(root: Node, limits: Limits = DEFAULT_LIMITS) -> Constructed:
    builder = _Builder(limits)
    value = builder.build(root)
    if builder.aliased:
        _check_expanded_size(root, limits.max_nodes)
    if builder.poisoned:
        _refuse_surviving_poison(value)
    duplicates = []
    if builder.duplicates:
        paths = _paths_of(root, {id(mapping) for _, _, mapping in builder.duplicates})
        for first, again, mapping in builder.duplicates:
            path = (*paths.get(id(mapping), ()), node_key(again) or str(again.value))
            duplicates.append(DuplicateKey(first, again, path))
    return Constructed(value, duplicates)


def node_key(node: Node) -> str | None:
    """The JSON key kubectl makes of a key node; None for one it refuses (a null key)."""
    if type(node) is not ScalarNode:
        return None
    text: str = node.value
    if node.ctag is PLAIN and text not in WORDS and text[0] not in NUMBER_START:
        return text  # plainly a string (most keys are)
    try:
        if node.ctag is PLAIN:
            return plain_key(node.value)
        if node.ctag is STR:
            return str(node.value)
        return json_key(resolve_tagged(str(node.ctag), node.value))
    except Unreadable:
        return None


def is_merge_key(node: Node) -> bool:
    """`<<` untagged and unquoted, or tagged `!!merge`, as go-yaml v2 decides."""
    return (
        type(node) is ScalarNode
        and node.value == _MERGE_KEY
        and (node.ctag is PLAIN or str(node.ctag) == _MERGE_TAG)
    )


class _Builder:
    """Builds values from nodes; the hot path of a run, hence the plain, flat code."""

    def __init__(self, limits: Limits) -> None:
        self.max_scalar = limits.max_scalar_bytes
        self.max_depth = limits.max_depth
        self.duplicates: list[tuple[Node, Node, Node]] = []
        # Collections reached again through an alias share the object built the first time:
        # no copy per use, and cycles terminate. Scalars are immutable and need no memo.
        self._built: dict[int, Any] = {}
        self._merge_lists: set[int] = set()
        self.aliased = False
        self.poisoned = False

    def build(self, node: Node, depth: int = 1) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            text = node.value
            if len(text) > self.max_scalar:
                raise TooLarge(node, f"scalar longer than {self.max_scalar:,} characters")
            tag = node.ctag
            if tag is PLAIN:
                if text in NON_FINITE:
                    return self._poison(node, f"{text!r} is not a number: {_NO_JSON}")
                return resolve_plain(text)
            if tag is STR:
                return text
            return self._tagged(node)
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
        build, max_scalar, depth = self.build, self.max_scalar, depth + 1
        for item in node.value:
            # what `build` makes of a string scalar, without a call (most are)
            if type(item) is ScalarNode and len(item.value) <= max_scalar:
                text, tag = item.value, item.ctag
                if tag is STR or (
                    tag is PLAIN and text not in WORDS and text[0] not in NUMBER_START
                ):
                    sequence.append(text)
                    continue
            sequence.append(build(item, depth))
        return sequence

    def _tagged(self, node: Node) -> Any:
        try:
            value = json_value(resolve_tagged(str(node.ctag), node.value))
        except Unreadable as why:
            raise Refused(node, f"kubectl refuses the document: {why}") from None
        if type(value) is float and not math.isfinite(value):
            return self._poison(node, f"{node.value!r} is not a number: {_NO_JSON}")
        return value

    def _poison(self, node: Node, reason: str) -> _Poison:
        self.poisoned = True
        return _Poison(node, f"kubectl refuses the document: {reason}")

    def _key(self, node: Node) -> Any:
        text = node.value
        if len(text) > self.max_scalar:
            raise TooLarge(node, f"scalar longer than {self.max_scalar:,} characters")
        tag = node.ctag
        try:
            if tag is PLAIN:
                return plain_key(text)
            if tag is STR:
                return text
            try:
                value = resolve_tagged(str(tag), text)
            except Unreadable as why:
                raise Refused(node, f"kubectl refuses the document: {why}") from None
            return json_key(value)
        except Unreadable as why:  # a null or uint64 key: refused only if it survives
            return self._poison(node, f"the key {text!r} reads as {why}, not a JSON key")

    def _fill_mapping(self, node: MappingNode, mapping: dict[Any, Any], depth: int) -> None:
        key_nodes: dict[Any, Node] = {}
        build, max_scalar = self.build, self.max_scalar
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise Refused(
                    key_node,
                    "kubectl refuses the document: a mapping or sequence cannot be a key",
                )
            text = key_node.value
            if text == _MERGE_KEY and is_merge_key(key_node):
                self._merge(mapping, key_node, value_node, depth)
                continue
            # what `_key` and `build` make of a string scalar, without a call (most are)
            if (
                key_node.ctag is PLAIN
                and len(text) <= max_scalar
                and text not in WORDS
                and text[0] not in NUMBER_START
            ):
                key = text
            else:
                key = self._key(key_node)
            if key in key_nodes:
                self.duplicates.append((key_nodes[key], key_node, node))
            key_nodes[key] = key_node
            if type(value_node) is ScalarNode and len(value_node.value) <= max_scalar:
                text, tag = value_node.value, value_node.ctag
                if tag is STR or (
                    tag is PLAIN and text not in WORDS and text[0] not in NUMBER_START
                ):
                    mapping[key] = text
                    continue
            mapping[key] = build(value_node, depth)

    def _merge(self, mapping: dict[Any, Any], key: Node, source: Node, depth: int) -> None:
        """go-yaml v2: the source's keys overwrite those already set; of a list of sources the
        last is applied first, so the first wins. Only a mapping, an alias to one, or a list
        written in place (not an alias to a list) of those may be merged."""
        kind = type(source)
        if kind is MappingNode:
            sources = [source]
        elif (
            kind is SequenceNode
            and id(source) not in self._built
            and id(source) not in self._merge_lists
            and all(type(item) is MappingNode for item in source.value)
        ):
            self._merge_lists.add(id(source))
            sources = source.value[::-1]
        else:
            why = "'<<' merges only a mapping or a list of mappings"
            raise Refused(key, f"kubectl refuses the document: {why}")
        for item in sources:
            mapping.update(self.build(item, depth))


def _refuse_surviving_poison(value: Any) -> None:
    """Refuse at the first `_Poison` (in document order) still reachable from the root."""
    found: list[_Poison] = []
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is _Poison:
            found.append(item)
        elif isinstance(item, (dict, list)) and id(item) not in seen:
            seen.add(id(item))
            if isinstance(item, dict):
                found.extend(key for key in item if type(key) is _Poison)
                stack.extend(item.values())
            else:
                stack.extend(item)
    if found:
        first = min(found, key=lambda p: (p.node.start_mark.line, p.node.start_mark.column))
        raise Refused(first.node, first.reason)


def _check_expanded_size(root: Node, limit: int) -> None:
    """Node count with aliases expanded, which is what a rule walking the value would see.
    Computed once per distinct node, so an alias bomb is measured without being expanded.
    Also refuses an anchor that contains an alias to itself, as go-yaml v2 does."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            if id(node) in open_nodes:
                raise Refused(
                    node, "kubectl refuses the document: an anchor contains an alias to itself"
                )
            return known
        sizes[id(node)] = 1
        open_nodes.add(id(node))
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
        open_nodes.discard(id(node))
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
            stack.extend((v, (*path, node_key(k) or str(k.value))) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    return found


_MISSING = object()
