"""Inputs x rules → findings. The one place where violations get files, lines and severities."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sedex_lint.checks import WORKLOAD_CHECKS, WorkloadCheck
from sedex_lint.construct import DuplicateKey, construct_document
from sedex_lint.decoding import DecodeFailure, decode_manifest
from sedex_lint.helm import document_sources
from sedex_lint.inputs import Input
from sedex_lint.locate import locate
from sedex_lint.model import Counts, Finding, InputError, InternalError, Report
from sedex_lint.objects import K8sObject, objects_of
from sedex_lint.registry import Rule, RuleSet
from sedex_lint.workload import workload_of
from sedex_lint.yamlparse import compose_documents


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)
    documents: int = 0
    objects: int = 0
    sedex_workloads: int = 0
    skipped_documents: int = 0


class Engine:
    def __init__(
        self,
        rules: RuleSet,
        extra_images: tuple[str, ...] = (),
        checks: Mapping[str, WorkloadCheck] = WORKLOAD_CHECKS,
    ) -> None:
        self.checks = checks
        self.rules = rules
        self.workload_rules = tuple(r for r in rules.rules if r.check in checks)
        self.duplicate_key_rules = rules.with_check(["duplicate_key"])
        self.extra_images = extra_images

    def lint_text(self, name: str, data: bytes) -> FileResult:
        result = FileResult()
        try:
            text = decode_manifest(data)
        except DecodeFailure as undecodable:
            result.errors.append(
                InputError(name, undecodable.line, undecodable.column, undecodable.reason)
            )
            return result
        documents, failure = compose_documents(text)
        if failure is not None:
            result.errors.append(InputError(name, failure.line, failure.column, failure.reason))
        sources = document_sources(text, documents)
        for index, root in enumerate(documents):
            self._lint_document(name, index, root, sources[index], result)
        result.findings.sort(key=Finding.sort_key)
        return result

    def _lint_document(
        self, name: str, index: int, root: object, source: str | None, result: FileResult
    ) -> None:
        result.documents += 1
        built = construct_document(root)
        for duplicate in built.duplicate_keys:
            for rule in self.duplicate_key_rules:
                result.findings.append(_duplicate_finding(rule, name, duplicate, source))
        found_object = False
        for obj in objects_of(name, index, built.value, root):
            found_object = True
            result.objects += 1
            self._lint_object(obj, source, result)
        if not found_object and built.value is not None:
            result.skipped_documents += 1

    def _lint_object(self, obj: K8sObject, source: str | None, result: FileResult) -> None:
        workload = workload_of(obj, self.extra_images)
        if workload is None or not workload.clients:
            return
        result.sedex_workloads += 1
        for rule in self.workload_rules:
            check = self.checks[rule.check]
            try:
                violations = list(check(workload, rule.parameters))
            except Exception as error:  # a broken rule must not hide the others' findings
                result.internal_errors.append(
                    InternalError(rule.code, obj.file, f"{type(error).__name__}: {error}")
                )
                continue
            for violation in violations:
                result.findings.append(
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
                )


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
            "Kubernetes "
            "silently keeps only this last value and many YAML tools refuse the file; "
            "remove one of the two"
        ),
        file=name,
        position=locate(duplicate.again, ()),
        path=duplicate.path,
        source=source,
    )


def read_input(item: Input) -> bytes:
    if item.is_stdin:
        return sys.stdin.buffer.read()
    with open(item.name, "rb") as handle:
        return handle.read()


def lint_inputs(
    engine: Engine,
    inputs: Iterable[Input],
    earlier_errors: Iterable[InputError] = (),
    reader: Callable[[Input], bytes] = read_input,
) -> Report:
    findings: list[Finding] = []
    errors = list(earlier_errors)
    internal: list[InternalError] = []
    names: list[str] = []
    totals = FileResult()
    for item in inputs:
        names.append(item.name)
        try:
            data = reader(item)
        except OSError as error:
            errors.append(InputError(item.name, 1, 1, f"cannot read: {error.strerror or error}"))
            continue
        result = engine.lint_text(item.name, data)
        findings.extend(result.findings)
        errors.extend(result.errors)
        internal.extend(result.internal_errors)
        totals.documents += result.documents
        totals.objects += result.objects
        totals.sedex_workloads += result.sedex_workloads
        totals.skipped_documents += result.skipped_documents
    counts = Counts(
        files=len(names),
        documents=totals.documents,
        objects=totals.objects,
        sedex_workloads=totals.sedex_workloads,
        skipped_documents=totals.skipped_documents,
    )
    return Report(
        tuple(findings),
        tuple(errors),
        tuple(internal),
        counts,
        tuple(names),
        rules=tuple(rule.meta() for rule in sorted(engine.rules.rules, key=lambda r: r.code)),
    )
