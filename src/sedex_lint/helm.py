"""Which Helm template produced each document of `helm template` output.

Helm writes `# Source: <chart>/templates/<file>` right after each `---`. The C parser drops
comments, so we find them in the text (`SourceScan`, block by block before the text is
composed) and give each document the last one that stands between the previous document's
end and this document's start.
"""

from __future__ import annotations

import re
from functools import cache

from sedex_lint.decoding import LINE_BREAK, split_lines
from sedex_lint.textsource import holds_yaml
from sedex_lint.yamlparse import Node


@cache
def _source() -> re.Pattern[str]:  # compiled on first use: most runs never need it
    return re.compile(r"#\s*Source:\s*(\S.*?)\s*\Z")


class SourceComments:
    """Tracks documents in order and names the template of each."""

    def __init__(self, comments: list[tuple[int, str]]) -> None:
        self._comments = comments
        """(0-based line, template), as `SourceScan` finds them."""
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


class SourceScan:
    """A scanner (`textsource.scan`) for the `# Source:` comments in Helm's place: in the
    comment block that opens a document, right after `---` or at the start of the stream,
    naming a chart path (`<chart>/templates/<file>`, subcharts included). A comment that cites
    a source in prose (`# Source: https://...`) does not count. Only blocks that mention
    `Source:` are cut into lines; of the others only the last line holding YAML matters,
    and only once another block follows (a file of one block pays nothing)."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self._at_document_start = True
        self._unread: str | None = None
        """The block before, which mentions no `Source:`, until another one follows."""

    def feed(self, block: str, line: int) -> None:
        if self._unread is not None:
            last = _last_yaml_line(self._unread)
            if last is not None:
                self._at_document_start = last.strip().startswith("---")
            self._unread = None
        if "Source:" not in block:
            self._unread = block
            return
        for number, text in enumerate(split_lines(block), start=line):
            stripped = text.strip()
            if stripped.startswith("---"):
                self._at_document_start = True
            elif stripped.startswith("#"):
                match = _source().match(stripped)
                if match and self._at_document_start and _is_template_path(match.group(1)):
                    self.found.append((number, match.group(1)))
            elif stripped:
                self._at_document_start = False


def _last_yaml_line(block: str) -> str | None:
    """The last line of a block that holds YAML, looked for from its end."""
    start, size = len(block), 4096
    while start:
        start, size = max(0, len(block) - size), size * 4
        lines = LINE_BREAK.split(block[start:])
        whole = lines[1:] if start else lines  # the first may be cut
        for line in reversed(whole):
            if holds_yaml(line):
                return line
    return None


def _is_template_path(value: str) -> bool:
    return "/templates/" in value and "://" not in value and " " not in value
