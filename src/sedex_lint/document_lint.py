"""One document of a file x the rules: its objects, their findings, marks and whole-run facts,
written into the file's FileResult. The engine (engine.py) runs one per document."""

from __future__ import annotations

from typing import Any, Protocol

from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.file_result import FileResult
from sedex_lint.kustomize import origin_of
from sedex_lint.limits import Limits
from sedex_lint.model import Finding, InputError, NotChecked, Origin, Path, Position, Violation
from sedex_lint.objects import K8sObject, objects_of, stray_items
from sedex_lint.packed import Packed
from sedex_lint.registry import Rule
from sedex_lint.scopes import Anchor, DocumentView, Located, Locator
from sedex_lint.snippets import encode
from sedex_lint.suppressions import ANNOTATION, Mark, Owner, annotation_marks
from sedex_lint.workload import Recognition, mapping, workload_of
from sedex_lint.yamlparse import Node, ParseFailure


class Rules(Protocol):
    """What a document needs of the engine (engine.Engine), which imports this module."""

    limits: Limits
    recognition: Recognition
    document_rules: tuple[Rule, ...]
    object_rules: tuple[Rule, ...]
    workload_rules: tuple[Rule, ...]
    run_rules: tuple[Rule, ...]
    fact_owner: dict[str, str]

    def for_kind(self, rules: tuple[Rule, ...], kind: str | None) -> tuple[Rule, ...]: ...

    def call(self, rule: Rule, file: str, result: FileResult, *args: Any) -> list[Any]: ...


class DocumentLint:
    __slots__ = ("engine", "file", "index", "origin", "result", "root")

    engine: Rules
    result: FileResult
    file: str
    index: int
    root: Node
    origin: Origin | None
    """The Helm template of the document; an object's Kustomize annotation takes precedence."""

    def __init__(
        self,
        engine: Rules,
        result: FileResult,
        file: str,
        index: int,
        root: Node,
        origin: Origin | None,
    ) -> None:
        self.engine = engine
        self.result = result
        self.file = file
        self.index = index
        self.root = root
        self.origin = origin

    def lint(self) -> None:
        self.result.documents += 1
        try:
            built = construct_document(self.root, self.engine.limits)
        except TooLarge as too_large:
            mark = too_large.node.start_mark
            raise ParseFailure(mark.line + 1, mark.column + 1, too_large.reason) from None
        stray = stray_items(built.value, self.root)
        if stray is not None:
            mark = stray.start_mark
            self.result.errors.append(InputError(self.file, mark.line + 1, mark.column + 1, _STRAY))
        objects = list(objects_of(self.file, self.index, built.value, self.root))
        view = DocumentView(built.duplicate_keys)
        for rule in self.engine.document_rules:
            for located in self.engine.call(rule, self.file, self.result, view, rule.parameters):
                holder = _holder(located, objects)
                owner = _owner(located, holder)
                origin = self.origin_of(holder)
                self.add(rule, located.message, located.position, located.path, owner, None, origin)
        for obj in objects:
            self.result.objects += 1
            self.lint_object(obj)
        if not objects and built.value is not None and stray is None:
            self.result.skipped_documents += 1

    def lint_object(self, obj: K8sObject) -> None:
        engine, result, kind = self.engine, self.result, obj.ref.kind
        workload = workload_of(obj, engine.recognition)
        result.sedex_workloads += workload is not None and bool(workload.clients)
        for rule in engine.for_kind(engine.object_rules, kind):
            found = engine.call(rule, obj.file, result, obj, workload, rule.parameters)
            if found:
                self.add_violations(rule, obj, found)
        if workload is not None and workload.runs_sedex:
            for rule in engine.for_kind(engine.workload_rules, kind):
                found = engine.call(rule, obj.file, result, workload, rule.parameters)
                if found:
                    self.add_violations(rule, obj, found)
        run_rules = engine.for_kind(engine.run_rules, kind)
        if run_rules:
            at = self.locator(obj)
            for rule in run_rules:
                owner = engine.fact_owner[rule.code]
                if owner != rule.code:
                    continue  # the same facts, kept once under the owner's code
                facts = engine.call(rule, obj.file, result, obj, workload, at)
                if facts:
                    kept = result.facts.get(owner)
                    if kept is None:
                        kept = result.facts[owner] = Packed()
                    kept.extend(facts)
        self.result.marks.extend(self.annotation_marks(obj))

    def add_violations(
        self, rule: Rule, obj: K8sObject, violations: list[Violation | NotChecked]
    ) -> None:
        owner = (self.index, obj.prefix)
        for violation in violations:
            if isinstance(violation, NotChecked):
                key = (rule.code, violation.what)
                self.result.not_checked[key] = self.result.not_checked.get(key, 0) + 1
                continue
            path = (*obj.prefix, *violation.path)
            self.add(rule, violation.message, obj.position(violation.path), path, owner, obj)

    def origin_of(self, obj: K8sObject | None) -> Origin | None:
        found = origin_of(obj.data) if obj is not None else None
        return found if found is not None else self.origin

    def add(
        self,
        rule: Rule,
        message: str,
        position: Position,
        path: Path,
        owner: Owner | None,
        obj: K8sObject | None = None,
        origin: Origin | None = None,
    ) -> None:
        shared = self.result.shared
        finding = Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=shared.setdefault(message, message),
            file=self.file,
            position=position,
            object=obj.ref if obj is not None else None,
            path=shared.setdefault(path, path),
            origin=origin or self.origin_of(obj),
        )
        self.result.findings.append((finding, owner))

    def locator(self, obj: K8sObject) -> Locator:
        origin = self.origin_of(obj)

        def at(path: Path) -> Anchor:
            position = obj.position(path)
            self.result.anchor_spots.append(encode(position.line, position.column))
            return Anchor(
                self.file,
                position,
                obj.ref,
                (*obj.prefix, *path),
                self.index,
                obj.prefix,
                origin,
            )

        return at

    def annotation_marks(self, obj: K8sObject) -> list[Mark]:
        annotations = mapping(mapping(obj.data.get("metadata")).get("annotations"))
        if ANNOTATION not in annotations:
            return []
        position = obj.position(("metadata", "annotations", ANNOTATION))
        return annotation_marks(annotations[ANNOTATION], position, (self.index, obj.prefix))


_STRAY = (
    "a list of objects without `apiVersion: v1` and `kind: List`: kubectl refuses it "
    "(Object 'Kind' is missing), and sedex-lint would check none of its objects; add both keys"
)
_ANNOTATION_PATH = ("metadata", "annotations", ANNOTATION)


def _holder(located: Located, objects: list[K8sObject]) -> K8sObject | None:
    """The object written around a document-level finding; none outside every object."""
    at = (located.position.line, located.position.column)
    for obj in objects:
        start, end = obj.node.start_mark, obj.node.end_mark
        if (start.line + 1, start.column + 1) <= at < (end.line + 1, end.column + 1):
            return obj
    return None


def _owner(located: Located, obj: K8sObject | None) -> Owner | None:
    """The object whose annotation covers a document-level finding: its holder, but none on
    the way to the annotation itself: a duplicated annotation must not vouch for itself."""
    if obj is None:
        return None
    inner = located.path[len(obj.prefix) :]
    on_annotation = bool(inner) and _ANNOTATION_PATH[: len(inner)] == inner
    return None if on_annotation else (obj.document, obj.prefix)
