"""Which Helm template produced each document of `helm template` output.

Helm writes `# Source: <chart>/templates/<file>` right after each `---`. The C parser drops
comments, so we find them in the text and give each document the last one that stands
between the previous document's end and this document's start.
"""

from __future__ import annotations

import re

from sedex_lint.decoding import split_lines
from sedex_lint.yamlparse import Node

_SOURCE = re.compile(r"#\s*Source:\s*(\S.*?)\s*\Z")


class SourceComments:
    """Tracks documents in order and names the template of each."""

    def __init__(self, text: str) -> None:
        self._comments: list[tuple[int, str]] = []
        if "Source:" in text:
            self._comments = _helm_source_comments(text)
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


def _helm_source_comments(text: str) -> list[tuple[int, str]]:
    """(0-based line, template) of each `# Source:` comment in Helm's place: in the comment
    block that opens a document, right after `---` or at the start of the stream, naming a
    chart path (`<chart>/templates/<file>`, subcharts included). A comment that cites a source
    in prose (`# Source: https://...`) does not count."""
    found = []
    at_document_start = True
    for number, line in enumerate(split_lines(text)):
        stripped = line.strip()
        if stripped.startswith("---"):
            at_document_start = True
        elif stripped.startswith("#"):
            match = _SOURCE.match(stripped)
            if match and at_document_start and _is_template_path(match.group(1)):
                found.append((number, match.group(1)))
        elif stripped:
            at_document_start = False
    return found


def _is_template_path(value: str) -> bool:
    return "/templates/" in value and "://" not in value and " " not in value
