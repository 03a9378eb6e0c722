"""Whether a text could crash libyaml's composer, told cheaply while the text is scanned.

libyaml's composer recurses in C and crashes the process somewhere between 10,000 and 30,000
levels; below COMPOSER_SAFE_DEPTH it is safe, and `construct` enforces the configured limit.
Deeper nesting needs flow brackets, or block indentation (or `- - -`) at a line's start, so
this bound looks for those; only a text it flags is measured exactly, on libyaml's flat event
stream (`yamlparse`), before anything of it is composed.
"""

from __future__ import annotations

import re

COMPOSER_SAFE_DEPTH = 2000
_DEEP = rf"[ \t?-]{{{COMPOSER_SAFE_DEPTH}}}"
_DEEP_LINE_START = re.compile(_DEEP)
_DEEP_AFTER_NEWLINE = re.compile(rf"\n{_DEEP}")
_DOCUMENT_START = re.compile(r"\n---")
# A line starts where a multi-line `^` matches: at the text's start and after a "\n" only.


class ComposerGuard:
    """A scanner (`textsource.scan`). Brackets are counted per document, since flow nesting
    cannot cross a `---` line, so that a large file of ordinary documents never pays for the
    exact pass."""

    def __init__(self) -> None:
        self.may_crash = False
        self._brackets = 0
        """In the document read so far: from its `---` (or the text's start) on."""
        self._line_start = True
        """Whether the next block starts a line as a multi-line `^` sees it (after "\n")."""

    def feed(self, block: str, line: int) -> None:
        at_line_start, self._line_start = self._line_start, block.endswith("\n")
        if self.may_crash:
            return
        if (at_line_start and _DEEP_LINE_START.match(block)) or _DEEP_AFTER_NEWLINE.search(block):
            self.may_crash = True
            return
        brackets = block.count("[") + block.count("{")
        if not brackets and not self._brackets:
            return
        starts = [match.start() + 1 for match in _DOCUMENT_START.finditer(block)]
        if at_line_start and block.startswith("---"):
            starts.insert(0, 0)
        if not starts:
            self._brackets += brackets
            self.may_crash = self._brackets >= COMPOSER_SAFE_DEPTH
            return
        ends = [*starts, len(block)]
        counts = [self._count(block, 0, starts[0]) + self._brackets]
        counts += [self._count(block, ends[i], ends[i + 1]) for i in range(len(starts))]
        self._brackets = counts[-1]
        self.may_crash = max(counts) >= COMPOSER_SAFE_DEPTH

    @staticmethod
    def _count(block: str, begin: int, end: int) -> int:
        return block.count("[", begin, end) + block.count("{", begin, end)
