"""What linting one file gives: raw findings with the object that may suppress them, marks,
whole-run facts, counts and code-frame lines; filled in by the engine, sent back from a
`--jobs` worker, consumed by the run stage."""

from __future__ import annotations

from typing import Any

from sedex_lint.model import Finding, InputError, InternalError, Snippet
from sedex_lint.snippets import Spot
from sedex_lint.suppressions import Mark, Owner

Owned = tuple[Finding, Owner | None]
"""A finding and the object whose annotation may suppress it (None: comments only)."""


class FileResult:
    """What linting one file gave; filled in as the file is linted, then sent back from a
    `--jobs` worker (picklable)."""

    __slots__ = (
        "documents",
        "errors",
        "facts",
        "findings",
        "internal_errors",
        "marks",
        "not_checked",
        "objects",
        "readable",
        "sedex_workloads",
        "skipped_documents",
        "snippets",
        "spots",
    )

    findings: list[Owned]
    """Before suppression."""
    marks: list[Mark]
    facts: dict[str, list[Any]]
    """Whole-run facts by rule code, in the order of the file's objects."""
    errors: list[InputError]
    internal_errors: list[InternalError]
    documents: int
    objects: int
    sedex_workloads: int
    skipped_documents: int
    not_checked: dict[tuple[str, str], int]
    """(rule, what) -> objects that rule could not check (`NotChecked`)."""
    readable: bool
    """False when the input could not even be read (its only content is the error)."""
    spots: set[Spot]
    """Where whole-run anchors point: a whole-run finding may come to stand there."""
    snippets: dict[Spot, Snippet]
    """The lines that findings, anchors and marks point at (see snippets)."""

    def __init__(self, *, errors: list[InputError] | None = None, readable: bool = True) -> None:
        self.findings = []
        self.marks = []
        self.facts = {}
        self.errors = [] if errors is None else errors
        self.internal_errors = []
        self.documents = self.objects = self.sedex_workloads = self.skipped_documents = 0
        self.not_checked = {}
        self.readable = readable
        self.spots = set()
        self.snippets = {}
