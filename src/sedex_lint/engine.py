"""One file's bytes x the rules -> findings. The only place where a violation gets its file,
line, column, severity and suppression."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from sedex_lint.comments import Comments
from sedex_lint.construct import DuplicateKey, TooLarge, construct_document
from sedex_lint.decoding import DecodeFailure, decode_manifest
from sedex_lint.helm import SourceComments
from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.locate import locate
from sedex_lint.model import Finding, InputError, InternalError, Suppression
from sedex_lint.objects import K8sObject, objects_of
from sedex_lint.registry import Rule, RuleSet
from sedex_lint.suppressions import (
    ANNOTATION,
    COMMENT_MARKER,
    Mark,
    annotation_marks,
    comment_marks,
)
from sedex_lint.workload import Recognition, mapping, workload_of
from sedex_lint.yamlparse import Node, ParseFailure, iter_documents


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)
    documents: int = 0
    objects: int = 0
    sedex_workloads: int = 0
    skipped_documents: int = 0
    used_marks: set[int] = field(default_factory=set)
    """ids of the suppression marks that silenced at least one finding."""
    readable: bool = True
    """False when the input could not even be read (its only content is the error)."""


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
        scope = {rule.code: rules.checks[rule.check].scope for rule in rules.rules}
        self.sedex_rules = tuple(r for r in rules.rules if scope[r.code] == "sedex")
        self.object_rules = tuple(r for r in rules.rules if scope[r.code] == "object")
        self.duplicate_rules = rules.with_check(["duplicate_key"])
        self.reason_rules = rules.with_check(["suppression_reason"])
        self.unused_rules = rules.with_check(["unused_suppression"])
        self.enabled = {key for r in rules.rules for key in (r.code, r.name)}
        self.known = self.enabled | set(known_rules)

    def lint_text(self, name: str, data: bytes) -> FileResult:
        result = FileResult()
        try:
            text = decode_manifest(data)
        except DecodeFailure as undecodable:
            result.errors.append(
                InputError(name, undecodable.line, undecodable.column, undecodable.reason)
            )
            return result
        marks: list[Mark] = []
        sources = SourceComments(text)
        comments = Comments(text, COMMENT_MARKER)
        try:
            for index, root in enumerate(iter_documents(text, self.limits.max_depth)):
                if index >= self.limits.max_documents:
                    raise _too_many(root, self.limits.max_documents)
                source = sources.source_of(root)
                marks.extend(self._lint_document(name, index, root, source, result))
                comments.read(root)
        except ParseFailure as failure:
            result.errors.append(InputError(name, failure.line, failure.column, failure.reason))
            comments.stop()
        by_comment = comment_marks(comments)
        result.findings = self._suppress(result.findings, by_comment, result, by_line=True)
        marks.extend(by_comment)
        result.findings.extend(self._about_marks(name, marks, result.used_marks))
        result.findings.sort(key=Finding.sort_key)
        result.suppressed.sort(key=Finding.sort_key)
        return result

    def _lint_document(
        self, name: str, index: int, root: Node, source: str | None, result: FileResult
    ) -> list[Mark]:
        result.documents += 1
        try:
            built = construct_document(root, self.limits)
        except TooLarge as too_large:
            mark = too_large.node.start_mark
            raise ParseFailure(mark.line + 1, mark.column + 1, too_large.reason) from None
        objects = list(objects_of(name, index, built.value, root))
        owned: dict[int, list[Finding]] = {}
        for duplicate in built.duplicate_keys:
            # A duplicate key belongs to the object written around it, so that the object's
            # annotation covers it; one outside every object (a List's own keys) is covered
            # by comments only, and so is one on the way to the annotation: a duplicated
            # annotation must not vouch for itself.
            owner = next((obj for obj in objects if _inside(duplicate.again, obj.node)), None)
            if owner is not None and _on_annotation_path(duplicate.path, owner.prefix):
                owner = None
            found = [_duplicate_finding(r, name, duplicate, source) for r in self.duplicate_rules]
            if owner is None:
                result.findings += found
            else:
                owned.setdefault(id(owner), []).extend(found)
        marks: list[Mark] = []
        for obj in objects:
            result.objects += 1
            marks.extend(self._lint_object(obj, source, result, owned.get(id(obj), [])))
        if not objects and built.value is not None:
            result.skipped_documents += 1
        return marks

    def _lint_object(
        self, obj: K8sObject, source: str | None, result: FileResult, duplicates: list[Finding]
    ) -> list[Mark]:
        """Findings of the rules and the object's `duplicates`, less what its annotation
        covers."""
        workload = workload_of(obj, self.recognition)
        is_sedex = workload is not None and bool(workload.clients)
        result.sedex_workloads += is_sedex
        findings = list(duplicates)
        for rule in self.object_rules:
            findings += self._run(rule, obj, source, result, obj, workload)
        if is_sedex:
            for rule in self.sedex_rules:
                findings += self._run(rule, obj, source, result, workload)
        marks = self._annotation_marks(obj)
        result.findings += self._suppress(findings, marks, result, by_line=False)
        return marks

    def _run(
        self, rule: Rule, obj: K8sObject, source: str | None, result: FileResult, *args: object
    ) -> list[Finding]:
        function = self.rules.checks[rule.check].function
        assert function is not None  # only document-scope checks have none, and never get here
        try:
            violations = list(function(*args, rule.parameters))
        except Exception as error:  # a broken rule must not hide the others' findings
            message = f"{type(error).__name__}: {error}"
            result.internal_errors.append(InternalError(rule.code, obj.file, message))
            return []
        return [
            Finding(
                rule=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=violation.message,
                file=obj.file,
                position=obj.position(violation.path),
                object=obj.ref,
                path=(*obj.prefix, *violation.path),
                source=source,
            )
            for violation in violations
        ]

    def _annotation_marks(self, obj: K8sObject) -> list[Mark]:
        annotations = mapping(mapping(obj.data.get("metadata")).get("annotations"))
        if ANNOTATION not in annotations:
            return []
        position = obj.position(("metadata", "annotations", ANNOTATION))
        return annotation_marks(annotations[ANNOTATION], position)

    def _suppress(
        self, findings: list[Finding], marks: list[Mark], result: FileResult, by_line: bool
    ) -> list[Finding]:
        """Move findings that a mark with a reason covers to `result.suppressed`."""
        kept = []
        for finding in findings:
            mark = next((m for m in marks if _covers(m, finding, by_line)), None)
            if mark is None:
                kept.append(finding)
                continue
            result.used_marks.add(id(mark))
            suppression = Suppression(mark.kind, mark.reason)
            result.suppressed.append(_with_suppression(finding, suppression))
        return kept

    def _about_marks(self, name: str, marks: list[Mark], used: set[int]) -> list[Finding]:
        """SDX011 for a mark without a reason, SDX012 for one that silences nothing."""
        findings = []
        for mark in marks:
            if not mark.reason or not mark.rules:
                message = (
                    f"this {mark.kind} suppression gives no reason, so it is not honoured; write "
                    + _example(mark)
                )
                findings += [_mark_finding(rule, name, mark, message) for rule in self.reason_rules]
                continue
            unknown = [rule for rule in mark.rules if rule not in self.known]
            if unknown:
                message = f"this suppression names no known rule: {', '.join(unknown)}"
            elif id(mark) in used or not any(rule in self.enabled for rule in mark.rules):
                continue
            else:
                rules = ", ".join(mark.rules)
                message = f"this suppression of {rules} silences nothing here; remove it"
            findings += [_mark_finding(rule, name, mark, message) for rule in self.unused_rules]
        return findings


def _too_many(root: Node, limit: int) -> ParseFailure:
    mark = root.start_mark
    return ParseFailure(mark.line + 1, mark.column + 1, f"more than {limit:,} YAML documents")


def _inside(node: Node, container: Node) -> bool:
    start, end = container.start_mark, container.end_mark
    at = (node.start_mark.line, node.start_mark.column)
    return (start.line, start.column) <= at < (end.line, end.column)


_ANNOTATION_PATH = ("metadata", "annotations", ANNOTATION)


def _on_annotation_path(path: tuple[str | int, ...], prefix: tuple[str | int, ...]) -> bool:
    """Whether a duplicate key at document path `path` is the suppression annotation of the
    object at `prefix`, or one of the mappings holding it."""
    inner = path[len(prefix) :]
    return path[: len(prefix)] == prefix and bool(inner) and _ANNOTATION_PATH[: len(inner)] == inner


def _covers(mark: Mark, finding: Finding, by_line: bool) -> bool:
    if not mark.reason or not mark.names(finding.rule, finding.name):
        return False
    return not by_line or mark.covers_line == finding.line


def _with_suppression(finding: Finding, suppression: Suppression) -> Finding:
    return dataclasses.replace(finding, suppression=suppression)


def _example(mark: Mark) -> str:
    rules = ", ".join(mark.rules) or "SDX004"
    if mark.kind == "comment":
        return f"'# sedex-lint: ignore {rules} -- why'"
    return f"'{ANNOTATION}: \"{rules}: why\"'"


def _mark_finding(rule: Rule, name: str, mark: Mark, message: str) -> Finding:
    return Finding(rule.code, rule.name, rule.severity, message, name, mark.position)


def _duplicate_finding(
    rule: Rule, name: str, duplicate: DuplicateKey, source: str | None
) -> Finding:
    first = duplicate.first.start_mark
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=(
            f"key {duplicate.again.value!r} is already set at {first.line + 1}:{first.column + 1}; "
            "some tools refuse the file, others (the API server, older kubectl) silently keep "
            "only this last value; remove one of the two"
        ),
        file=name,
        position=locate(duplicate.again, ()),
        path=duplicate.path,
        source=source,
    )
