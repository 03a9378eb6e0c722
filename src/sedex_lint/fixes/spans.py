"""Node trees to edits: where a value's text is, where a new key goes, what a removal takes.

Marks of libyaml count characters, like the decoded text. A block collection's end mark lies
at the next token, after any comments and blank lines that follow it, so a key is added after
the last *content* of its mapping instead: the end of its last scalar or flow collection, on
the line after it. A value written through an alias or a merge key lives elsewhere, maybe in
another object: such a fix is refused rather than made there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sedex_lint.construct import is_merge_key, node_key
from sedex_lint.decoding import LINE_BREAK
from sedex_lint.fixes.edits import Edit
from sedex_lint.fixes.render import Style, block_entry, block_mapping, block_sequence, flow, key
from sedex_lint.fixes.render import scalar as render_scalar
from sedex_lint.model import Path
from sedex_lint.yamlparse import Node

_BREAKS = "\n\r\x85\u2028\u2029"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class Unfixable(Exception):
    """Why a fix cannot be written as edits of this text."""


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value in _NULLS


def own_entry(mapping: Node, name: str) -> tuple[Node, Node] | None:
    """The (key, value) nodes written in this mapping for `name` (the last one, as kubectl
    keeps it), not through a merge key; an alias value is refused."""
    found = None
    for key_node, value in mapping.value:
        if not is_merge_key(key_node) and node_key(key_node) == name:
            found = (key_node, value)
    if found is not None and found[1].start_mark.index < found[0].end_mark.index:
        raise Unfixable(f"{name} is an alias of a value written elsewhere")
    return found


class Editor:
    """Edits of one object of a document."""

    def __init__(
        self, text: str, style: Style, obj_node: Node, shared: frozenset[int] = frozenset()
    ) -> None:
        self.text, self.style, self.shared = text, style, shared
        self.low, self.high = obj_node.start_mark.index, obj_node.end_mark.index

    def set(self, node: Node, data: Any, path: Path, value: Any, depth: int) -> list[Edit]:
        """Edits that make `path` (below `node`, whose value is `data`) hold `value`: the
        scalar replaced, or the missing keys added in the deepest mapping that exists."""
        for index, segment in enumerate(path):
            rest = path[index + 1 :]
            if isinstance(segment, int):
                if not isinstance(node, SequenceNode) or not 0 <= segment < len(node.value):
                    raise Unfixable("no such list item")
                node, data = node.value[segment], _item(data, segment)
                self._inside(node)
                continue
            if not isinstance(node, MappingNode):
                raise Unfixable(f"the value holding {segment} is not a mapping")
            found = own_entry(node, segment)
            if found is None:
                if isinstance(data, dict) and segment in data:
                    raise Unfixable(f"{segment} comes from a merge key")
                return [self.insert(node, segment, _nest(rest, value), depth + index)]
            key_node, child = found
            self._inside(child)
            if not rest:
                return self.replace(node, key_node, child, value, depth + index)
            if is_null(child):
                return self.fill_null(node, key_node, child, _nest(rest, value), depth + index)
            node, data = child, data.get(segment) if isinstance(data, dict) else None
        raise Unfixable("nothing to set")

    def remove(self, node: Node, path: Path) -> list[Edit]:
        """Edits that remove the key at `path` below `node`; none when it is absent."""
        for segment in path[:-1]:
            node = _step(node, segment)
        if not isinstance(node, MappingNode):
            return []
        self._inside(node)
        found = own_entry(node, str(path[-1]))
        if found is None:
            return []
        key_node, value = found
        self._inside(value)
        if node.flow_style:
            return [self._remove_flow(node, key_node, value)]
        return [self._remove_block(key_node, value)]

    def replace(
        self, mapping: Node, key_node: Node, node: Node, value: Any, depth: int
    ) -> list[Edit]:
        if isinstance(value, dict | list):
            if is_null(node):
                return self.fill_null(mapping, key_node, node, value, depth)
            raise Unfixable("the value to replace is not empty")
        if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
            raise Unfixable("the value to replace is not a one-line scalar")
        text = render_scalar(value, self.style, node.style or None)
        return [Edit(node.start_mark.index, node.end_mark.index, text, depth)]

    def fill_null(
        self, mapping: Node, key_node: Node, null: Node, value: Any, depth: int
    ) -> list[Edit]:
        """`key:` or `key: null` given a mapping or list: block lines below the key, or flow
        text in its place inside a flow collection."""
        start, end = null.start_mark.index, null.end_mark.index
        style = self._like(key_node)
        if mapping.flow_style or style.json:
            space = " " if self.text[start - 1 : start] == ":" else ""
            return [Edit(start, end, space + flow(value, style), depth)]
        edits = [Edit(start, end, "", depth)] if end > start else []
        indent = key_node.start_mark.column
        if isinstance(value, dict):
            lines = block_mapping(value, indent + style.step, style)
        else:
            lines = block_sequence(value, indent + style.sequence_indent, style)
        edits.append(self._lines_after(end, lines, depth + 1))
        return edits

    def insert(self, mapping: Node, name: str, value: Any, depth: int) -> Edit:
        """`name: value` as the mapping's last entry."""
        self._inside(mapping)
        style = self._like(mapping.value[0][0]) if mapping.value else self.style
        if not mapping.flow_style:
            indent = mapping.value[0][0].start_mark.column
            lines = block_entry(name, value, indent, style)
            return self._lines_after(content_end(mapping), lines, depth)
        entry = f"{key(name, style)}: {flow(value, style)}"
        if not mapping.value:
            return Edit(mapping.start_mark.index + 1, mapping.start_mark.index + 1, entry, depth)
        first, (last_key, last) = mapping.value[0][0], mapping.value[-1]
        if last.start_mark.index < last_key.end_mark.index:
            raise Unfixable("the mapping ends with an alias")
        at = last.end_mark.index
        if last_key.start_mark.line != mapping.start_mark.line:  # one key a line, as JSON often
            entry = "," + self.style.newline + " " * first.start_mark.column + entry
        else:
            entry = ", " + entry
        return Edit(at, at, entry, depth)

    def _like(self, sibling_key: Node) -> Style:
        """Double-quoted keys around (JSON written as YAML): quote the new ones the same way."""
        if sibling_key.style == '"' and not self.style.json:
            return replace(self.style, json=True)
        return self.style

    def _lines_after(self, end: int, lines: list[str], depth: int) -> Edit:
        at, needs_break = line_after(self.text, end)
        newline = self.style.newline
        text = newline.join(lines)
        text = newline + text if needs_break else text + newline
        return Edit(at, at, text, depth)

    def _remove_flow(self, mapping: Node, key_node: Node, value: Node) -> Edit:
        pairs = mapping.value
        index = next(i for i, (k, _) in enumerate(pairs) if k is key_node)
        if index > 0:
            return Edit(pairs[index - 1][1].end_mark.index, value.end_mark.index, "")
        if len(pairs) > 1:
            return Edit(key_node.start_mark.index, pairs[1][0].start_mark.index, "")
        return Edit(key_node.start_mark.index, value.end_mark.index, "")

    def _remove_block(self, key_node: Node, value: Node) -> Edit:
        start = line_start(self.text, key_node.start_mark.index)
        if self.text[start : key_node.start_mark.index].strip():
            raise Unfixable("the key to remove shares its line with another")
        end, needs_break = line_after(self.text, content_end(value))
        if needs_break and start > 0:  # the last line of a file without a final line break
            start -= 2 if self.text[start - 2 : start] == "\r\n" else 1
        return Edit(start, end, "")

    def _inside(self, node: Node) -> None:
        if not self.low <= node.start_mark.index <= self.high:
            raise Unfixable("the value is written outside the object (an alias or merge key)")
        if id(node) in self.shared:
            raise Unfixable("the value is an anchor that an alias uses elsewhere too")


def content_end(node: Node) -> int:
    """Where the text of a node's last scalar or flow collection ends."""
    while True:
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            key_node, value = node.value[-1]
            if value.start_mark.index < key_node.end_mark.index:
                raise Unfixable("the block ends with an alias")
            node = value
        elif isinstance(node, SequenceNode) and not node.flow_style and node.value:
            floor = node.value[-2].end_mark.index if len(node.value) > 1 else node.start_mark.index
            if node.value[-1].start_mark.index < floor:
                raise Unfixable("the block ends with an alias")
            node = node.value[-1]
        else:
            return int(node.end_mark.index)


def line_after(text: str, end: int) -> tuple[int, bool]:
    """The start of the line after the one where `end` lies (a comment after the value stays
    on its line), and whether the text ends there without a line break."""
    end = min(end, len(text))
    if end > 0 and text[end - 1] in _BREAKS:  # a block scalar ends after its line break
        return end, False
    found = LINE_BREAK.search(text, end)
    if found is None:
        return len(text), True
    return found.end(), False


def line_start(text: str, offset: int) -> int:
    return max(text.rfind(c, 0, offset) for c in _BREAKS) + 1


def _step(node: Node, segment: object) -> Node:
    if isinstance(segment, int) and isinstance(node, SequenceNode):
        if 0 <= segment < len(node.value):
            return node.value[segment]
        raise Unfixable("no such list item")
    if isinstance(node, MappingNode):
        found = own_entry(node, str(segment))
        if found is not None:
            return found[1]
    raise Unfixable(f"no {segment} to remove from")


def _nest(path: Path, value: Any) -> Any:
    for segment in reversed(path):
        value = {str(segment): value}
    return value


def _item(data: Any, index: int) -> Any:
    return data[index] if isinstance(data, list) and index < len(data) else None
