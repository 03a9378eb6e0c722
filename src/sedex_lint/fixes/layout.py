"""How a document is written, for the text a fix adds (line end, indentation, list style,
JSON), and which of its nodes an alias shares, which a fix must not edit in place."""

from __future__ import annotations

import re
from collections import Counter

from ruamel.yaml.nodes import MappingNode, SequenceNode

from sedex_lint.fixes.render import Style
from sedex_lint.yamlparse import Node


def style_of(text: str, root: Node) -> Style:
    """The line end, the indentation and the JSON-ness of a document, from what it holds."""
    found = re.search(r"\r\n|[\n\r]", text)
    steps: Counter[int] = Counter()
    sequences: Counter[int] = Counter()
    stack: list[Node] = [root]
    seen: set[int] = set()
    while stack and len(seen) < 5000:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        if not isinstance(node, MappingNode):
            continue
        for key_node, value in node.value:
            stack.append(value)
            if node.flow_style or not value.value or getattr(value, "flow_style", True):
                continue
            if value.start_mark.line <= key_node.start_mark.line:
                continue
            shift = value.start_mark.column - key_node.start_mark.column
            if isinstance(value, MappingNode) and shift > 0:
                steps[shift] += 1
            elif isinstance(value, SequenceNode) and shift >= 0:
                sequences[shift] += 1
    step = steps.most_common(1)[0][0] if steps else 2
    return Style(
        newline=found.group() if found else "\n",
        step=step,
        sequence_indent=sequences.most_common(1)[0][0] if sequences else step,
        json=_is_json(root),
    )


def _is_json(root: Node) -> bool:
    return (
        isinstance(root, MappingNode)
        and bool(root.flow_style)
        and bool(root.value)
        and root.value[0][0].style == '"'
    )


def shared_nodes(root: Node) -> frozenset[int]:
    """Nodes reached more than once (an anchor and its aliases), with everything inside them:
    editing one would change every place that uses it."""
    counts: Counter[int] = Counter()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        counts[id(node)] += 1
        if counts[id(node)] > 1:
            continue
        if isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    shared: set[int] = set()
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children = _children(node)
        if counts[id(node)] > 1 or id(node) in shared:
            shared.add(id(node))
            shared.update(id(child) for child in children)
        stack.extend(children)
    return frozenset(shared)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []
