"""What linting one file gives: raw findings with the object that may suppress them, marks,
whole-run facts, counts and code-frame lines; filled in by the engine, sent back from a
`--jobs` worker, consumed by the run stage."""

from __future__ import annotations

from array import array
from typing import Any

from sedex_lint.model import Finding, InputError, InternalError, Snippet
from sedex_lint.packed import Packed
from sedex_lint.snippets import Spot
from sedex_lint.suppressions import Mark, Owner

Owned = tuple[Finding, Owner | None]
"""A finding and the object whose annotation may suppress it (None: comments only)."""


class FileResult:
    """What linting one file gave; filled in as the file is linted, then sent back from a
    `--jobs` worker (picklable)."""

    __slots__ = (
        "anchor_snippets",
        "anchor_spots",
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
        "shared",
        "skipped_documents",
        "snippets",
    )

    findings: Packed[Owned]
    """Before suppression; packed like the facts, because a run holds them until its end
    and its peak is there: unpacked in the run stage, once the facts are gone."""
    marks: list[Mark]
    facts: dict[str, Packed[Any]]
    """Whole-run facts by rule code, in the order of the file's objects; rules that share
    their facts keep them under the first one's code (`Engine.fact_owner`)."""
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
    shared: dict[Any, Any]
    """While the file is linted: one object for equal messages, paths and code-frame lines of
    its findings (a rule words most of its findings alike); emptied once the file is read."""
    anchor_spots: array[int]
    """Where whole-run anchors point (`snippets.encode`): a whole-run finding may come to
    stand there. Emptied once the file is read."""
    snippets: dict[Spot, Snippet]
    """The lines that findings and marks point at (see snippets)."""
    anchor_snippets: Packed[tuple[Spot, Snippet]]
    """The lines that whole-run anchors point at, in order."""

    def __init__(self, *, errors: list[InputError] | None = None, readable: bool = True) -> None:
        self.findings = Packed()
        self.marks = []
        self.facts = {}
        self.errors = [] if errors is None else errors
        self.internal_errors = []
        self.documents = self.objects = self.sedex_workloads = self.skipped_documents = 0
        self.not_checked = {}
        self.readable = readable
        self.shared = {}
        self.anchor_spots = array("q")
        self.snippets = {}
        self.anchor_snippets = Packed()
