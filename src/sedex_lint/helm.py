"""Which Helm template produced each document of `helm template` output.

Helm writes `# Source: <chart>/templates/<file>` right after each `---`. The C parser drops
comments, so we find them in the text and give each document the last one that stands
between the previous document's end and this document's start.
"""

from __future__ import annotations

import re

from sedex_lint.yamlparse import Node

_SOURCE = re.compile(r"^#\s*Source:\s*(\S.*?)\s*$", re.MULTILINE)


def document_sources(text: str, documents: list[Node]) -> list[str | None]:
    if "Source:" not in text or not documents:
        return [None] * len(documents)
    comments: list[tuple[int, str]] = []
    line, counted_to = 0, 0
    for match in _SOURCE.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        comments.append((line, match.group(1)))
    sources: list[str | None] = []
    previous_end = -1
    for root in documents:
        start = root.start_mark.line
        found = None
        for line, source in comments:
            if previous_end <= line <= start:
                found = source
        sources.append(found)
        previous_end = root.end_mark.line
    return sources
