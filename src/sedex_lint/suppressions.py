"""Suppressions, always with a reason: an object annotation or a YAML comment.

    metadata:
      annotations:
        sedex-lint.io/ignore: "SDX002: moving to a StatefulSet, ticket OPS-42"
    ...
          memory: 900Mi  # sedex-lint: ignore SDX004 -- load-tested at 900Mi

A comment at the end of a line covers that line; a comment on a line of its own covers the
next line that holds YAML. An annotation covers every finding of its object. Several rules
may be named, by code or name, separated by commas; annotation entries are separated by `;`
or new lines. A suppression without a reason is not honoured and is reported.

Only real YAML comments count: a `#` inside a scalar (a runbook in a block scalar, a quoted
string, a key) is text, and text never suppresses (see `comments`).
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple

from sedex_lint.comments import Comments
from sedex_lint.model import Finding, Path, Position, Suppression

ANNOTATION = "sedex-lint.io/ignore"
COMMENT_MARKER = "sedex-lint:"
"""Text every suppression comment holds: lines without it are never looked at."""
_RULE = r"[A-Za-z][A-Za-z0-9_-]*"
_RULES = rf"{_RULE}(?:\s*,\s*{_RULE})*"


@cache
def _comment() -> re.Pattern[str]:
    """Compiled on first use: most files hold no suppression comment."""
    return re.compile(
        rf"(?P<hash>#)\s*sedex-lint:\s*ignore\s+(?P<rules>{_RULES})"
        r"(?:\s+--\s*(?P<reason>.*?)|\s+#.*)?\s*$"  # a second comment after the rules: no reason
    )


@cache
def _entry() -> re.Pattern[str]:
    """Compiled on first use: most objects hold no suppression annotation."""
    return re.compile(rf"^\s*(?P<rules>{_RULES})\s*(?::\s*(?P<reason>.*?))?\s*$")


Owner = tuple[int, Path]
"""An object within its file: (document index, path of the object inside the document)."""


class Mark(NamedTuple):
    """One suppression as written: which rules, why, where, and which lines it covers."""

    kind: str
    rules: tuple[str, ...]
    reason: str
    position: Position
    covers_line: int | None = None
    """For comments: the line whose findings it silences."""
    owner: Owner | None = None
    """For annotations: the object whose findings it silences."""

    def names(self, code: str, name: str) -> bool:
        return code in self.rules or name in self.rules

    def covers(self, finding: Finding, owner: Owner | None) -> bool:
        if not self.reason or not self.names(finding.code, finding.name):
            return False
        if self.kind == "comment":
            return self.covers_line == finding.line
        return owner is not None and owner == self.owner


class Applied:
    __slots__ = ("kept", "suppressed", "used")

    kept: list[Finding]
    suppressed: list[Finding]
    used: set[int]
    """Indices of the marks that silenced at least one finding."""

    def __init__(self) -> None:
        self.kept, self.suppressed, self.used = [], [], set()


def apply_marks(findings: Iterable[tuple[Finding, Owner | None]], marks: Sequence[Mark]) -> Applied:
    """Split findings into kept and suppressed (with the reason of the first covering mark)."""
    applied = Applied()
    by_line: dict[int, list[int]] = {}
    by_owner: dict[Owner, list[int]] = {}
    for i, mark in enumerate(marks):  # a finding is compared only with the marks at its place
        if mark.kind == "comment" and mark.covers_line is not None:
            by_line.setdefault(mark.covers_line, []).append(i)
        elif mark.kind != "comment" and mark.owner is not None:
            by_owner.setdefault(mark.owner, []).append(i)
    for finding, owner in findings:
        near = by_line.get(finding.line, [])
        if owner is not None and owner in by_owner:
            near = sorted((*near, *by_owner[owner]))
        index = next((i for i in near if marks[i].covers(finding, owner)), None)
        if index is None:
            applied.kept.append(finding)
            continue
        applied.used.add(index)
        mark = marks[index]
        suppression = Suppression(mark.kind, mark.reason)
        applied.suppressed.append(finding._replace(suppression=suppression))
    return applied


def comment_marks(comments: Comments) -> list[Mark]:
    """The suppression comments among the lines that `comments` marked."""
    marks = []
    for index in comments.marked:
        line = comments.lines[index]
        match = _directive(comments, index)
        if match is None:
            continue
        column = match.start("hash") + 1
        position = Position(index + 1, column, index + 1, len(line) + 1)
        own_line = not line[: match.start()].strip(" \t")
        covers = comments.covered_line(index) if own_line else index + 1
        marks.append(
            Mark(
                "comment", _split(match["rules"]), (match["reason"] or "").strip(), position, covers
            )
        )
    return marks


def _directive(comments: Comments, index: int) -> re.Match[str] | None:
    """The first `# sedex-lint: ignore` of the line that is a real comment, or inside one."""
    line = comments.lines[index]
    column = line.find("#")
    while column >= 0:
        if comments.is_comment(index, column):
            match = _comment().match(line, column)
            if match is not None:
                return match
        column = line.find("#", column + 1)
    return None


def annotation_marks(value: Any, position: Position, owner: Owner) -> list[Mark]:
    """Entries of a `sedex-lint.io/ignore` annotation; a malformed one gets no reason."""
    if not isinstance(value, str):
        return [Mark("annotation", (), "", position, owner=owner)]
    marks = []
    for entry in re.split(r"[;\n]", value):
        if not entry.strip():
            continue
        match = _entry().match(entry)
        rules = () if match is None else _split(match["rules"])
        reason = "" if match is None else (match["reason"] or "").strip()
        marks.append(Mark("annotation", rules, reason, position, owner=owner))
    return marks


def _split(rules: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in rules.split(",") if part.strip())
