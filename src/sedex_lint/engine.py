"""One file's bytes x the rules -> raw findings, suppression marks and whole-run facts.

The engine reads a file's documents one at a time and hands each to `document_lint`, which
gives violations their file, line, column and severity. It dispatches on the scope each
check is bound to (`sedex_lint.scopes`) and knows no rule by name. What suppresses what is
decided later (`runner`), once whole-run findings are known too.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from sedex_lint.comments import Comments, MarkedLines
from sedex_lint.decoding import DecodeFailure
from sedex_lint.document_lint import DocumentLint
from sedex_lint.file_result import FileResult
from sedex_lint.helm import SourceComments, SourceScan
from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.model import (
    HELM,
    InputError,
    InternalError,
    Origin,
)
from sedex_lint.registry import Rule, RuleSet
from sedex_lint.scopes import (
    DocumentScope,
    FileScope,
    ObjectScope,
    RunScope,
    WorkloadScope,
)
from sedex_lint.snippets import read_snippets
from sedex_lint.suppressions import (
    COMMENT_MARKER,
    comment_marks,
)
from sedex_lint.textsource import MemoryText, TextSource
from sedex_lint.workload import Recognition, recognising
from sedex_lint.yamlparse import Node, ParseFailure, iter_documents, prepare


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
        self.fact_owner = _fact_owners(self.run_rules, self._functions)

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
            with recognising(self.recognition):
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
                anchored = len(result.anchor_spots)
                DocumentLint(self, result, name, index, root, origin).lint()
                if len(result.anchor_spots) > anchored + 1:  # in order, as documents are
                    anchors = result.anchor_spots
                    anchors[anchored:] = array("q", sorted(anchors[anchored:]))
                comments.read(root)
        except ParseFailure as failure:
            result.errors.append(InputError(name, failure.line, failure.column, failure.reason))
            comments.stop()
        result.marks.extend(comment_marks(comments))
        spots = {(f.line, f.column) for f, _ in result.findings}
        spots.update((m.position.line, m.position.column) for m in result.marks)
        if spots or result.anchor_spots:  # read once more, for the lines they are on
            found = read_snippets(source.blocks(), spots, result.anchor_spots, result.shared)
            result.snippets, result.anchor_snippets = found
        result.anchor_spots, result.shared = array("q"), {}
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


def _fact_owners(run_rules: tuple[Rule, ...], functions: dict[str, Any]) -> dict[str, str]:
    """Rule code -> the code its facts are kept under: the first rule with the same collect
    function for the same kinds (SDX050 to SDX052 share theirs), else its own."""
    first: dict[tuple[int, tuple[str, ...]], str] = {}
    return {
        rule.code: first.setdefault((id(functions[rule.code]), rule.applies_to), rule.code)
        for rule in run_rules
    }


def _applies(rule: Rule, kind: str | None) -> bool:
    kinds = rule.applies_to
    return not kinds or "*" in kinds or kind in kinds


def _too_many(root: Node, limit: int) -> ParseFailure:
    mark = root.start_mark
    return ParseFailure(mark.line + 1, mark.column + 1, f"more than {limit:,} YAML documents")
