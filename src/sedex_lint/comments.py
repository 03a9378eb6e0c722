"""Which `#` of a manifest starts a YAML comment.

The C parser drops comments, so suppression comments are looked for in the text. But a `#`
is text, not a comment, inside a scalar: a block scalar holding a shell script or a runbook,
a quoted or plain multi-line string, a key. Text must never silence a finding, so every
scalar's span (its start and end marks) is recorded, and a `#` inside one is not a comment.

Only lines that mention the marker are kept (`MarkedLines`, which reads the text block by
block before it is composed), and only blocks that mention it are cut into lines: a file
without suppressions pays nothing. The node trees are those the engine composes anyway;
nothing is parsed twice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ruamel.yaml.nodes import MappingNode, ScalarNode

from sedex_lint.decoding import split_lines
from sedex_lint.textsource import holds_yaml, lines_of
from sedex_lint.yamlparse import Node

_BLANKS = " \t"
"""YAML's white space: a comment starts at a `#` after one of these or at a line's start."""
_LINE_END = 1 << 62
_BLOCK_STYLES = ("|", ">")


class MarkedLines:
    """A scanner (`textsource.scan`): the lines that mention the marker, and for each the next
    line that holds YAML (neither blank nor only a comment), which a comment of its own covers.
    """

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.lines: dict[int, str] = {}
        """0-based line number -> text, ascending."""
        self.next_yaml: dict[int, int] = {}
        """0-based line number -> that of the next line holding YAML, when there is one."""
        self._waiting: list[int] = []

    def feed(self, block: str, line: int) -> None:
        if self.marker in block:
            for number, text in enumerate(split_lines(block), start=line):
                self._covers(number, text)
                if self.marker in text:
                    self.lines[number] = text
                    self._waiting.append(number)
        elif self._waiting:  # only as far as the next line that holds YAML
            for number, text in enumerate(lines_of(block), start=line):
                if self._covers(number, text):
                    return

    def _covers(self, number: int, text: str) -> bool:
        """Whether the line `number` is the one that the waiting marked lines cover."""
        if not self._waiting or not holds_yaml(text):
            return False
        self.next_yaml.update(dict.fromkeys(self._waiting, number))
        self._waiting.clear()
        return True


class Comments:
    """Feed it every document root in order (`read`), then ask `is_comment`."""

    def __init__(self, marked: MarkedLines) -> None:
        self.lines = marked.lines
        """The marked lines' text by 0-based number."""
        self.marked: list[int] = list(marked.lines)
        """0-based numbers of the lines that mention the marker, ascending."""
        self._next_yaml = marked.next_yaml
        self._marked = frozenset(self.marked)
        self._inside: dict[int, list[tuple[int, int]]] = {}
        """Per marked line: the [start, end) column ranges that belong to scalars."""
        self._read_to = (0, 0)
        self._stopped = False

    def covered_line(self, line: int) -> int:
        """The 1-based line that a suppression comment on a line of its own (0-based `line`)
        covers: the next line holding YAML, else the line after it."""
        following = self._next_yaml.get(line)
        return following + 1 if following is not None else line + 2

    def read(self, root: Node) -> None:
        """Record the scalars of a document that was read and linted completely."""
        if not self.marked:
            return
        end = root.end_mark
        self._read_to = max(self._read_to, (end.line, end.column))
        self._collect(root)

    def stop(self) -> None:
        """The text could not be read as YAML past the documents given to `read` so far."""
        self._stopped = True

    def is_comment(self, line: int, column: int) -> bool:
        """Whether the `#` at 0-based `line`, `column` starts (or lies in) a YAML comment.

        Past a syntax error nothing was read, so whether a `#` there is a comment or text
        inside a broken scalar cannot be told: fail closed, it is not a comment.
        """
        if column > 0 and self.lines[line][column - 1] not in _BLANKS:
            return False
        if self._stopped and (line, column) >= self._read_to:
            return False
        return not any(start <= column < end for start, end in self._inside.get(line, ()))

    def _collect(self, root: Node) -> None:
        # A node's span contains the spans of all its children, so a collection that touches
        # no marked line is skipped whole: the walk is only as deep as the suppressions are.
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias: the same node again (or a cycle)
                continue
            seen.add(id(node))
            if not self._touches_marked(node.start_mark.line, node.end_mark.line):
                continue
            if isinstance(node, ScalarNode):
                self._add_scalar(node)
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    stack += (key, value)
            else:
                stack.extend(node.value)

    def _touches_marked(self, first: int, last: int) -> bool:
        if first == last:
            return first in self._marked
        return bisect_left(self.marked, first) < bisect_right(self.marked, last)

    def _add_scalar(self, node: Node) -> None:
        start, end = node.start_mark, node.end_mark
        first, column = start.line, start.column
        if node.style in _BLOCK_STYLES:
            # The header line holds the indicators and perhaps a real comment; the content
            # starts on the next line. (A tag or anchor on a line of its own before the
            # header moves the start mark up a line: that header's comment then counts as
            # text, which errs on the safe side.)
            first, column = first + 1, 0
        low, high = bisect_left(self.marked, first), bisect_right(self.marked, end.line)
        for line in self.marked[low:high]:
            begin = column if line == first else 0
            stop = end.column if line == end.line else _LINE_END
            if begin < stop:
                self._inside.setdefault(line, []).append((begin, stop))
