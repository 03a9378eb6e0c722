"""Many inputs -> one Report: reading, linting each file, applying the baseline, counting."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from sedex_lint.engine import Engine
from sedex_lint.file_result import FileResult
from sedex_lint.inputs import Input
from sedex_lint.model import BaselineEntry, Counts, Finding, InputError, Report
from sedex_lint.parallel import ordered_map
from sedex_lint.registry import DOCS_BASE_URL, Rule
from sedex_lint.run_stage import finish
from sedex_lint.source_map import map_sources
from sedex_lint.textsource import FileText, InputRefused, TextSource, open_input, read_input

__all__ = ["InputRefused", "Reader", "lint_file", "lint_inputs", "open_input", "read_input"]

if TYPE_CHECKING:  # a baseline is read only when one is given
    from sedex_lint.baseline import Baseline


Reader = Callable[[Input], bytes | TextSource]
"""An input's bytes, or a source to read it from in blocks (closed after, if it can be)."""

YOUNG_COLLECTION = 5000
"""Allocations between two collections of the garbage collector's youngest generation while
files are linted (Python's default is 700). A document's node trees and values are many small
containers, freed by reference counting once it is linted; at 700 the collector walks the
live ones of nearly every document, and promotes them to older generations that it walks
again: 2% of a run, for no garbage found."""


def lint_file(engine: Engine, reader: Reader, item: Input) -> FileResult:
    data: bytes | TextSource = b""
    try:
        data = reader(item)
        return engine.lint_text(item.shown, data)
    except OSError as error:
        reason = f"cannot read: {error.strerror or error}"
        return FileResult(errors=[InputError(item.shown, 1, 1, reason)], readable=False)
    except InputRefused as refused:
        return FileResult(errors=[InputError(item.shown, 1, 1, str(refused))], readable=False)
    finally:
        if isinstance(data, FileText):
            data.close()


def lint_inputs(
    engine: Engine,
    inputs: Iterable[Input],
    earlier_errors: Iterable[InputError] = (),
    reader: Reader = open_input,
    baseline: Baseline | None = None,
    docs_url: str = DOCS_BASE_URL,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint every input; with `jobs` > 1 files are spread over processes, same output."""
    items = list(inputs)
    names = [item.shown for item in items]
    errors = list(earlier_errors)
    results: list[FileResult] = []
    readable: list[tuple[str, FileResult]] = []
    if any(item.is_stdin for item in items):
        jobs = 1  # standard input is read once, by this process
    work = partial(lint_file, engine, reader)
    linted = zip(items, ordered_map(work, items, jobs), strict=True)
    with _fewer_collections():  # the workers, forked inside, inherit it
        for done, (item, result) in enumerate(linted, start=1):
            errors.extend(result.errors)
            if result.readable:
                results.append(result)
                readable.append((item.shown, result))
            if progress is not None:
                progress(done, len(items))
        finished = finish(engine, readable)  # unpacks many short-lived facts: same reason
    findings, suppressed = map_sources(finished.findings), map_sources(finished.suppressed)
    stale: tuple[BaselineEntry, ...] = ()
    if baseline is not None:
        stale = baseline.stale(findings)
        findings, known = baseline.split(findings)
        suppressed = sorted([*suppressed, *known], key=_file_order(names))
    return Report(
        findings=tuple(findings),
        errors=tuple(errors),
        internal_errors=(
            *(e for result in results for e in result.internal_errors),
            *finished.internal_errors,
        ),
        counts=Counts(
            files=len(names),
            documents=sum(r.documents for r in results),
            objects=sum(r.objects for r in results),
            sedex_workloads=sum(r.sedex_workloads for r in results),
            skipped_documents=sum(r.skipped_documents for r in results),
            not_checked=_not_checked(results),
        ),
        files=tuple(names),
        suppressed=tuple(suppressed),
        rules=tuple(
            rule.meta(docs_url, partial(rule_page, rule))
            for rule in sorted(engine.rules.rules, key=lambda r: r.code)
        ),
        stale_baseline=stale,
    )


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """YOUNG_COLLECTION for the time files are linted and the run stage reads their packed
    facts, unless collection is set lower than the default by the program that calls (0
    turns it off)."""
    threshold = gc.get_threshold()
    if threshold[0] >= 700:
        gc.set_threshold(max(threshold[0], YOUNG_COLLECTION), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _not_checked(results: list[FileResult]) -> tuple[tuple[str, str, int], ...]:
    totals: dict[tuple[str, str], int] = {}
    for result in results:
        for key, count in result.not_checked.items():
            totals[key] = totals.get(key, 0) + count
    return tuple((rule, what, count) for (rule, what), count in sorted(totals.items()))


def _file_order(names: list[str]) -> Callable[[Finding], tuple[int, int, int, str]]:
    order = {name: index for index, name in enumerate(names)}
    return lambda f: (order.get(f.file, len(order)), *f.sort_key())


def rule_page(rule: Rule) -> str:
    """A rule's whole page, rendered only when a report shows it (SARIF's help)."""
    from sedex_lint.rule_docs import render_rule

    return render_rule(rule)
