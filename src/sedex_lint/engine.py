"""One file's bytes x the rules -> raw findings, suppression marks and whole-run facts.

The only place where a violation gets its file, line, column and severity. It dispatches on
the scope each check is bound to (`sedex_lint.scopes`) and knows no rule by name. What
suppresses what is decided later (`runner`), once whole-run findings are known too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sedex_lint.comments import Comments, MarkedLines
from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.decoding import DecodeFailure
from sedex_lint.helm import SourceComments, SourceScan
from sedex_lint.kustomize import origin_of
from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.model import (
    HELM,
    Finding,
    InputError,
    InternalError,
    NotChecked,
    Origin,
    Path,
    Position,
    Snippet,
    Violation,
)
from sedex_lint.objects import K8sObject, objects_of, stray_items
from sedex_lint.registry import Rule, RuleSet
from sedex_lint.scopes import (
    Anchor,
    DocumentScope,
    DocumentView,
    FileScope,
    Located,
    Locator,
    ObjectScope,
    RunScope,
    WorkloadScope,
)
from sedex_lint.snippets import Spot, snippets_for
from sedex_lint.suppressions import (
    ANNOTATION,
    COMMENT_MARKER,
    Mark,
    Owner,
    annotation_marks,
    comment_marks,
)
from sedex_lint.textsource import MemoryText, TextSource
from sedex_lint.workload import Recognition, mapping, workload_of
from sedex_lint.yamlparse import Node, ParseFailure, iter_documents, prepare

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


class Engine:
    def __init__(
        self,
        rules: RuleSet,
        recognition: Recognition | None = None,
        known_rules: Iterable[str] = (),
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.rules = rules
        self.limits = limits
        self.recognition = recognition or Recognition()
        scopes = {rule.code: rules.checks[rule.check] for rule in rules.rules}

        def bound(kind: type) -> tuple[Rule, ...]:
            return tuple(rule for rule in rules.rules if isinstance(scopes[rule.code], kind))

        self.workload_rules = bound(WorkloadScope)
        self.object_rules = bound(ObjectScope)
        self.document_rules = bound(DocumentScope)
        self.file_rules = bound(FileScope)
        self.run_rules = bound(RunScope)
        self.enabled = frozenset(key for r in rules.rules for key in (r.code, r.name))
        self.known = self.enabled | frozenset(known_rules)
        self._for_kind: dict[tuple[int, str | None], tuple[Rule, ...]] = {}
        self._functions: dict[str, Any] = {
            code: scope.collect if isinstance(scope, RunScope) else scope.check
            for code, scope in scopes.items()
        }

    def for_kind(self, rules: tuple[Rule, ...], kind: str | None) -> tuple[Rule, ...]:
        """Those of `rules` (one of the groups above) that apply to objects of `kind`: decided
        once per kind of a run, not once per object and rule."""
        key = (id(rules), kind)
        found = self._for_kind.get(key)
        if found is None:
            found = self._for_kind[key] = tuple(rule for rule in rules if _applies(rule, kind))
        return found

    def lint_text(self, name: str, data: bytes | TextSource) -> FileResult:
        """One file, whole (bytes) or read as it is composed (`textsource`)."""
        try:
            return self._lint(name, MemoryText(data) if isinstance(data, bytes) else data)
        except DecodeFailure as undecodable:  # also when a file changed between two readings
            error = InputError(name, undecodable.line, undecodable.column, undecodable.reason)
            return FileResult(errors=[error])

    def _lint(self, name: str, source: TextSource) -> FileResult:
        result = FileResult()
        marked, sources = MarkedLines(COMMENT_MARKER), SourceScan()
        text = prepare(source, (marked, sources))
        templates, comments = SourceComments(sources.found), Comments(marked)
        try:
            for index, root in enumerate(iter_documents(text, self.limits.max_depth)):
                if index >= self.limits.max_documents:
                    raise _too_many(root, self.limits.max_documents)
                template = templates.source_of(root)
                origin = None if template is None else Origin(HELM, template)
                _Document(self, result, name, index, root, origin).lint()
                comments.read(root)
        except ParseFailure as failure:
            result.errors.append(InputError(name, failure.line, failure.column, failure.reason))
            comments.stop()
        result.marks.extend(comment_marks(comments))
        result.spots.update((f.line, f.column) for f, _ in result.findings)
        result.spots.update((m.position.line, m.position.column) for m in result.marks)
        if result.spots:  # read once more, for the lines they are on
            result.snippets = snippets_for(source.blocks(), result.spots)
        result.spots = set()
        return result

    def call(self, rule: Rule, file: str, result: FileResult, *args: Any) -> list[Any]:
        """A check's results; a check that crashes is an internal error, never the run's end."""
        function = self._functions[rule.code]
        try:
            return list(function(*args))
        except Exception as error:  # a broken rule must not hide the others' findings
            message = f"{type(error).__name__}: {error}"
            result.internal_errors.append(InternalError(rule.code, file, message))
            return []


class _Document:
    __slots__ = ("engine", "file", "index", "origin", "result", "root")

    engine: Engine
    result: FileResult
    file: str
    index: int
    root: Node
    origin: Origin | None
    """The Helm template of the document; an object's Kustomize annotation takes precedence."""

    def __init__(
        self,
        engine: Engine,
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
                facts = engine.call(rule, obj.file, result, obj, workload, at)
                if facts:
                    result.facts.setdefault(rule.code, []).extend(facts)
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
        finding = Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=message,
            file=self.file,
            position=position,
            object=obj.ref if obj is not None else None,
            path=path,
            origin=origin or self.origin_of(obj),
        )
        self.result.findings.append((finding, owner))

    def locator(self, obj: K8sObject) -> Locator:
        origin = self.origin_of(obj)

        def at(path: Path) -> Anchor:
            position = obj.position(path)
            self.result.spots.add((position.line, position.column))
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


def _applies(rule: Rule, kind: str | None) -> bool:
    kinds = rule.applies_to
    return not kinds or "*" in kinds or kind in kinds


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


def _too_many(root: Node, limit: int) -> ParseFailure:
    mark = root.start_mark
    return ParseFailure(mark.line + 1, mark.column + 1, f"more than {limit:,} YAML documents")
