"""After every file of a run is linted: whole-run checks, then suppressions, then the checks
of each file's suppression marks. Runs in the parent process, on what the files returned."""

from __future__ import annotations

from collections.abc import Sequence

from sedex_lint.engine import Engine
from sedex_lint.file_result import FileResult, Owned
from sedex_lint.model import Finding, InternalError
from sedex_lint.registry import Rule
from sedex_lint.scopes import FileScope, FileView, RunScope
from sedex_lint.snippets import with_snippets
from sedex_lint.suppressions import apply_marks

RUN = "<run>"
"""The 'file' of an internal error raised by a whole-run check."""


class Finished:
    __slots__ = ("findings", "internal_errors", "suppressed")

    findings: list[Finding]
    suppressed: list[Finding]
    internal_errors: list[InternalError]

    def __init__(self) -> None:
        self.findings, self.suppressed, self.internal_errors = [], [], []


def finish(engine: Engine, files: Sequence[tuple[str, FileResult]]) -> Finished:
    finished = Finished()
    by_file = _run_checks(engine, files, finished)
    for name, result in files:
        applied = apply_marks([*result.findings, *by_file.get(name, [])], result.marks)
        view = FileView(result.marks, frozenset(applied.used), engine.known, engine.enabled)
        about = [f for rule in engine.file_rules for f in _file_check(engine, rule, name, view)]
        kept = with_snippets([*applied.kept, *about], result.snippets)
        finished.findings += sorted(kept, key=Finding.sort_key)
        suppressed = with_snippets(applied.suppressed, result.snippets)
        finished.suppressed += sorted(suppressed, key=Finding.sort_key)
    return finished


def _run_checks(
    engine: Engine, files: Sequence[tuple[str, FileResult]], finished: Finished
) -> dict[str, list[Owned]]:
    by_file: dict[str, list[Owned]] = {}
    for rule in engine.run_rules:
        scope = engine.rules.checks[rule.check]
        assert isinstance(scope, RunScope)
        facts = [fact for _, result in files for fact in result.facts.get(rule.code, ())]
        try:
            violations = list(scope.check(facts, rule.parameters))
        except Exception as error:  # a broken rule must not hide the others' findings
            message = f"{type(error).__name__}: {error}"
            finished.internal_errors.append(InternalError(rule.code, RUN, message))
            continue
        for violation in violations:
            anchor = violation.anchor
            finding = Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=violation.message,
                file=anchor.file,
                position=anchor.position,
                object=anchor.object,
                path=anchor.path,
                origin=anchor.origin,
            )
            by_file.setdefault(anchor.file, []).append((finding, (anchor.document, anchor.prefix)))
    return by_file


def _file_check(engine: Engine, rule: Rule, name: str, view: FileView) -> list[Finding]:
    scope = engine.rules.checks[rule.check]
    assert isinstance(scope, FileScope)
    return [
        Finding(rule.code, rule.name, rule.severity, located.message, name, located.position)
        for located in scope.check(view, rule.parameters)
    ]
