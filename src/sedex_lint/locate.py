"""A path inside an object to the line and column a user should look at.

Paths run along the node tree that the object was built from. A path that ends on a scalar
points at that value; one that ends on a mapping or sequence, or that leaves the document
because a field is missing, points at the key holding the last node that exists: that is
where the user edits (adds the missing field, changes the block). A path whose last segment
is a `Key` points at that key itself (an unknown field).
"""

from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, SequenceNode

from sedex_lint.construct import is_merge_key, node_key
from sedex_lint.model import Key, Path, PathSegment, Position
from sedex_lint.yamlparse import Node


def locate(root: Node, path: Path) -> Position:
    node, holder = root, root
    for segment in path:
        step = _child(node, segment)
        if step is None:
            return _span(_first_line_of(holder))
        key_node, node = step
        if key_node is not None and isinstance(segment, Key):
            return _span(key_node)
        holder = key_node if key_node is not None else node
    if isinstance(node, (MappingNode, SequenceNode)):
        return _span(_first_line_of(holder))
    return _span(node)


def child_node(node: Node, segment: PathSegment) -> Node | None:
    """The node a mapping key or sequence index leads to, through merge keys as kubectl reads
    them; None when absent."""
    step = _child(node, segment)
    return None if step is None else step[1]


def _first_line_of(node: Node) -> Node:
    """A whole mapping (a list item, a document) is pointed at by its first key: the region
    then covers one line, as editors and CI annotations expect, not the whole block."""
    while isinstance(node, MappingNode) and node.value:
        node = node.value[0][0]
    return node


def _child(node: Node, segment: PathSegment) -> tuple[Node | None, Node] | None:
    """(key node or None for a sequence item, value node) or None when absent. In a mapping,
    the entry that supplied the value: the last key or merge that set it, as in `construct`."""
    if isinstance(node, SequenceNode):
        if isinstance(segment, int) and 0 <= segment < len(node.value):
            return None, node.value[segment]
        return None
    if not isinstance(node, MappingNode):
        return None
    wanted = str(segment)
    found: tuple[Node | None, Node] | None = None
    for key_node, value_node in node.value:
        if is_merge_key(key_node):
            merged = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in reversed(merged):  # applied last to first: the first source wins
                step = _child(source, segment)
                if step is not None:
                    found = step
        elif node_key(key_node) == wanted:
            found = (key_node, value_node)
    return found


def _span(node: Node) -> Position:
    start, end = node.start_mark, node.end_mark
    line = start.line + 1
    # one int object for both lines of a one-line node: findings keep their positions
    return Position(
        line, start.column + 1, line if end.line == start.line else end.line + 1, end.column + 1
    )
