"""Which Helm template produced each document of `helm template` output.

Helm writes `# Source: <chart>/templates/<file>` right after each `---`. The C parser drops
comments, so we find them in the text and give each document the last one that stands
between the previous document's end and this document's start.
"""

from __future__ import annotations

import re

from sedex_lint.yamlparse import Node

_SOURCE = re.compile(r"^#\s*Source:\s*(\S.*?)\s*$", re.MULTILINE)


class SourceComments:
    """Tracks documents in order and names the template of each."""

    def __init__(self, text: str) -> None:
        self._comments: list[tuple[int, str]] = []
        if "Source:" in text:
            line, counted_to = 0, 0
            for match in _SOURCE.finditer(text):
                line += text.count("\n", counted_to, match.start())
                counted_to = match.start()
                self._comments.append((line, match.group(1)))
        self._previous_end = -1
        self._cursor = 0

    def source_of(self, root: Node) -> str | None:
        """Documents must be passed in order; each comment is looked at once."""
        start = root.start_mark.line
        found = None
        while self._cursor < len(self._comments) and self._comments[self._cursor][0] <= start:
            line, source = self._comments[self._cursor]
            if line >= self._previous_end:
                found = source
            self._cursor += 1
        self._previous_end = root.end_mark.line
        return found
