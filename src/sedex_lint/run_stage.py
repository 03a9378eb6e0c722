"""After every file of a run is linted: whole-run checks, then suppressions, then the checks
of each file's suppression marks. Runs in the parent process, on what the files returned."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sedex_lint.checks import BUILTIN_CHECKS
from sedex_lint.engine import Engine
from sedex_lint.file_result import FileResult, Owned
from sedex_lint.model import Finding, InternalError, Snippet
from sedex_lint.packed import Packed, RunFacts
from sedex_lint.registry import Rule
from sedex_lint.scopes import FileScope, FileView, RunScope
from sedex_lint.snippets import Spot
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
    """The run's findings. Empties what each file's result held for this stage (its raw
    findings, facts and code-frame lines) as it goes: a run's peak memory is here, and the
    final findings replace the raw ones file by file instead of being made beside them."""
    finished = Finished()
    by_file = _run_checks(engine, files, finished)
    for _, result in files:
        result.facts = {}
    for name, result in files:
        found = by_file.get(name, [])
        snippets = _with_anchor_lines(result, found)
        applied = apply_marks([*result.findings, *found], result.marks)
        result.findings, result.snippets, result.anchor_snippets = Packed(), {}, Packed()
        view = FileView(result.marks, frozenset(applied.used), engine.known, engine.enabled)
        kept = applied.kept
        kept += [f for rule in engine.file_rules for f in _file_check(engine, rule, name, view)]
        finished.findings += _framed(kept, snippets)
        finished.suppressed += _framed(applied.suppressed, snippets)
    return finished


def _run_checks(
    engine: Engine, files: Sequence[tuple[str, FileResult]], finished: Finished
) -> dict[str, list[Owned]]:
    by_file: dict[str, list[Owned]] = {}
    shared: dict[str, RunFacts] = {}  # one view for the rules that share their facts
    for rule in engine.run_rules:
        scope = engine.rules.checks[rule.check]
        assert isinstance(scope, RunScope)
        owner = engine.fact_owner[rule.code]
        facts = shared.get(owner)
        if facts is None:
            logs = (result.facts[owner] for _, result in files if owner in result.facts)
            facts = shared[owner] = RunFacts(logs)
        # a plugin gets a list, whose items stay the same objects however often it reads them
        given = facts if scope is BUILTIN_CHECKS.get(rule.check) else list(facts)
        try:
            violations = list(scope.check(given, rule.parameters))
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


def _framed(findings: list[Finding], snippets: dict[Spot, Snippet]) -> list[Finding]:
    """`findings` with their code-frame lines, in the order of the file; in place."""
    for index, finding in enumerate(findings):
        findings[index] = finding._replace(snippet=snippets.get((finding.line, finding.column)))
    findings.sort(key=Finding.sort_key)
    return findings


def _with_anchor_lines(result: FileResult, found: Iterable[Owned]) -> dict[Spot, Snippet]:
    """The file's code-frame lines, with those of the anchors that whole-run findings stand
    at unpacked (the others stay packed until the run ends)."""
    wanted = {(finding.line, finding.column) for finding, _ in found} - result.snippets.keys()
    if not wanted:
        return result.snippets
    lines = dict(result.snippets)
    for spot, snippet in result.anchor_snippets:
        if spot in wanted:
            lines[spot] = snippet
    return lines


def _file_check(engine: Engine, rule: Rule, name: str, view: FileView) -> list[Finding]:
    scope = engine.rules.checks[rule.check]
    assert isinstance(scope, FileScope)
    return [
        Finding(rule.code, rule.name, rule.severity, located.message, name, located.position)
        for located in scope.check(view, rule.parameters)
    ]
