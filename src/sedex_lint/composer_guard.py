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
_INDENTATION = " \t?-"
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
        if _has_deep_run(block) and (
            (at_line_start and _DEEP_LINE_START.match(block)) or _DEEP_AFTER_NEWLINE.search(block)
        ):
            self.may_crash = True
            return
        brackets = block.count("[") + block.count("{")
        if not brackets and not self._brackets:
            return
        if self._brackets + brackets < COMPOSER_SAFE_DEPTH:
            # no document reaches the bound: only the count of the last one is carried on
            last = block.rfind("\n---") + 1
            if last:
                self._brackets = self._count(block, last, len(block))
            elif at_line_start and block.startswith("---"):
                self._brackets = brackets
            else:
                self._brackets += brackets
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


def _has_deep_run(block: str) -> bool:
    """Whether `block` has COMPOSER_SAFE_DEPTH indentation characters in a row, as both deep
    patterns need; told without scanning it: such a run covers one of every so many positions,
    and only around those is looked."""
    size = COMPOSER_SAFE_DEPTH
    for at in range(size - 1, len(block), size):
        if block[at] in _INDENTATION:
            before, after = block[max(0, at - size + 1) : at + 1], block[at : at + size]
            run = len(before) - len(before.rstrip(_INDENTATION)) - 1
            if run + len(after) - len(after.lstrip(_INDENTATION)) >= size:
                return True
    return False
