"""One file's text and its findings -> the fixed text, verified, or the reason it is left.

Runs after linting, on the findings that count (suppressed ones are not fixed), before the
report: each finding whose rule has a builder gets its object back from the text by its
position and path, the builder says what to change, `spans` says where in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.fixes.builders import BUILDERS, Plan, Remove, Site
from sedex_lint.fixes.edits import Edit, apply_edits, merge
from sedex_lint.fixes.layout import shared_nodes, style_of
from sedex_lint.fixes.render import Style
from sedex_lint.fixes.spans import Editor, Unfixable
from sedex_lint.fixes.verify import REMOVED, Change, NotVerified, verify
from sedex_lint.model import Finding
from sedex_lint.objects import K8sObject, objects_of
from sedex_lint.workload import Recognition, workload_of
from sedex_lint.yamlparse import Node, ParseFailure, iter_documents


@dataclass(frozen=True)
class Applied:
    finding: Finding
    plan: Plan


@dataclass
class FileFix:
    name: str
    text: str
    fixed: str
    """The text with every applied fix; equal to `text` when none applies or on error."""
    applied: list[Applied] = field(default_factory=list)
    unsafe_left: int = 0
    """Fixes that --unsafe-fixes would add."""
    error: str | None = None
    """Why the file is left as it was, although fixes were found."""
    edits: list[Edit] = field(default_factory=list)
    """The edits that turned `text` into `fixed`."""

    @property
    def changed(self) -> bool:
        return self.fixed != self.text


@dataclass(frozen=True)
class _Document:
    index: int
    root: Node
    value: Any
    objects: tuple[K8sObject, ...]
    style: Style
    shared: frozenset[int]


def fix_text(
    name: str,
    text: str,
    findings: Iterable[Finding],
    parameters: Mapping[str, Mapping[str, Any]],
    recognition: Recognition | None = None,
    unsafe: bool = False,
) -> FileFix:
    """`parameters`: each rule's effective parameters by code (a builder reads its minimum)."""
    result = FileFix(name, text, text)
    wanted = [f for f in findings if f.code in BUILDERS and f.code in parameters]
    if not wanted:
        return result
    try:
        documents = _documents(name, text)
    except (ParseFailure, TooLarge):
        return result  # an input error: the lint report already says so; the file is not touched
    edits: list[Edit] = []
    changes: list[Change] = []
    for finding in wanted:
        located = _locate(documents, finding)
        if located is None:
            continue
        document, obj = located
        site = Site(obj, finding.path[len(obj.prefix) :], workload_of(obj, recognition),
                    parameters[finding.code])  # fmt: skip
        plan = BUILDERS[finding.code](site)
        if plan is None:
            continue
        if not plan.safe and not unsafe:
            result.unsafe_left += 1
            continue
        try:
            made = _edits(text, document, obj, plan)
        except Unfixable:
            continue
        added = merge(edits, made)
        if added is None:
            continue  # it would change text another fix of this file changes
        edits += added
        changes += [
            Change(document.index, (*obj.prefix, *op.path),
                   REMOVED if isinstance(op, Remove) else op.value)
            for op in plan.operations
        ]  # fmt: skip
        result.applied.append(Applied(finding, plan))
    if not edits:
        return result
    fixed = apply_edits(text, edits)
    try:
        verify([d.value for d in documents], fixed, changes)
    except NotVerified as why:
        result.error = str(why)
        result.applied.clear()
        return result
    result.fixed, result.edits = fixed, edits
    return result


def _documents(name: str, text: str) -> list[_Document]:
    found = []
    for index, root in enumerate(iter_documents(text)):
        value = construct_document(root).value
        objects = tuple(objects_of(name, index, value, root))
        found.append(_Document(index, root, value, objects, style_of(text, root),
                               shared_nodes(root) if objects else frozenset()))  # fmt: skip
    return found


def _locate(documents: list[_Document], finding: Finding) -> tuple[_Document, K8sObject] | None:
    """The document the finding's position lies in, and the object its path runs through."""
    at = (finding.position.line - 1, finding.position.column - 1)
    chosen = None
    for document in documents:
        mark = document.root.start_mark
        if (mark.line, mark.column) <= at:
            chosen = document
    if chosen is None:
        return None
    for obj in sorted(chosen.objects, key=lambda o: -len(o.prefix)):
        if finding.path[: len(obj.prefix)] == obj.prefix:
            if finding.object is not None and finding.object != obj.ref:
                return None
            return chosen, obj
    return None


def _edits(text: str, document: _Document, obj: K8sObject, plan: Plan) -> list[Edit]:
    editor = Editor(text, document.style, obj.node, document.shared)
    made: list[Edit] = []
    depth = len(obj.prefix)
    for operation in plan.operations:
        if isinstance(operation, Remove):
            made += editor.remove(obj.node, operation.path)
        else:
            made += editor.set(obj.node, obj.data, operation.path, operation.value, depth)
    return made
