"""Engine behaviour that no single rule shows: isolation of crashing rules, ordering, counts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from sedex_lint import run_stage, yamlparse
from sedex_lint.comments import Comments, MarkedLines
from sedex_lint.engine import Engine
from sedex_lint.inputs import Input
from sedex_lint.model import Severity, Violation
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.runner import lint_inputs
from sedex_lint.scopes import WorkloadScope
from sedex_lint.suppressions import COMMENT_MARKER
from sedex_lint.textsource import MemoryText, Utf8Stream, scan
from sedex_lint.workload import Workload
from tests.conftest import manifest

DEPLOYMENT = manifest(
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: sedex
      namespace: sedex
    spec:
      replicas: 2
      template:
        spec:
          containers:
            - name: sedex-client
              image: sedexch/sedex-client:8.0.1_container-1.2.0
    """
)


def crashing(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    raise KeyError("boom")


def test_a_crashing_rule_is_reported_with_its_code_and_the_others_still_run() -> None:
    rules = builtin_rules()
    checks = {**rules.checks, "recreate_strategy": WorkloadScope(crashing)}
    engine = Engine(RuleSet(rules.rules, checks))
    report = lint_inputs(engine, [Input("d.yaml")], reader=lambda _item: DEPLOYMENT.encode())
    assert [(e.code, e.file, e.message) for e in report.internal_errors] == [
        ("SDX002", "d.yaml", "KeyError: 'boom'")
    ]
    codes = {f.code for f in report.findings}
    assert "SDX002" not in codes and {"SDX001", "SDX003", "SDX004", "SDX005"} <= codes
    assert report.exit_code(Severity.ERROR) == 3


def test_findings_are_sorted_by_position_and_carry_the_object() -> None:
    engine = Engine(builtin_rules())
    report = lint_inputs(engine, [Input("d.yaml")], reader=lambda _item: DEPLOYMENT.encode())
    positions = [(f.line, f.column, f.code) for f in report.findings]
    assert positions == sorted(positions)
    assert report.findings[0].object is not None
    assert report.findings[0].object.namespace == "sedex"
    assert (report.counts.files, report.counts.objects, report.counts.sedex_workloads) == (1, 1, 1)


def test_exit_code_precedence() -> None:
    from sedex_lint.model import (
        Finding,
        InputError,
        InternalError,
        Position,
        Report,
    )

    warning = Finding("SDX001", "x", Severity.WARNING, "m", "f", Position(1, 1, 1, 2))
    error = InputError("f", 1, 1, "bad")
    crash = InternalError("SDX001", "f", "boom")
    assert Report(()).exit_code(Severity.ERROR) == 0
    assert Report((warning,)).exit_code(Severity.ERROR) == 0
    assert Report((warning,)).exit_code(Severity.WARNING) == 1
    assert Report((warning,)).exit_code(Severity.INFO) == 1
    assert Report((warning,), (error,)).exit_code(Severity.WARNING) == 2
    assert Report((warning,), (error,), (crash,)).exit_code(Severity.WARNING) == 3


def test_a_rule_set_without_a_rule_does_not_run_it() -> None:
    rules = builtin_rules()
    without = RuleSet(tuple(rule for rule in rules.rules if rule.code != "SDX001"))
    engine = Engine(without)
    report = lint_inputs(engine, [Input("d.yaml")], reader=lambda _item: DEPLOYMENT.encode())
    assert "SDX001" not in {f.code for f in report.findings}


def test_a_file_without_suppression_comments_pays_nothing_for_them() -> None:
    marked = MarkedLines(COMMENT_MARKER)
    scan(MemoryText(DEPLOYMENT), [marked])
    comments = Comments(marked)
    comments.read(object())  # a node without marks: any look at it would raise
    assert comments.marked == []


def test_suppression_comments_need_no_second_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scalar spans come from the node trees the engine composes anyway."""
    engine = Engine(builtin_rules())  # reads the rule files, with the same parser
    composed: list[Utf8Stream] = []
    original = yamlparse._FastComposer.__init__

    def counting(self: yamlparse._FastComposer, stream: Utf8Stream) -> None:
        composed.append(stream)
        original(self, stream)

    monkeypatch.setattr(yamlparse._FastComposer, "__init__", counting)
    text = DEPLOYMENT.replace("replicas: 2", "replicas: 2  # sedex-lint: ignore SDX001 -- OPS-7")
    report = lint_inputs(engine, [Input("d.yaml")], reader=lambda _item: text.encode())
    assert [f.code for f in report.suppressed] == ["SDX001"]
    assert len(composed) == 1  # the text is composed once


@pytest.mark.parametrize(("before", "while_linting"), [(700, 5000), (20_000, 20_000), (0, 0)])
def test_files_are_linted_with_fewer_young_collections_and_the_setting_is_restored(
    before: int, while_linting: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the files and the run stage, which unpacks their facts, both."""
    import gc

    from sedex_lint import runner

    saved = gc.get_threshold()
    seen: list[int] = []

    def reader(_item: Input) -> bytes:
        seen.append(gc.get_threshold()[0])
        return DEPLOYMENT.encode()

    def finish(*args: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return run_stage.finish(*args)

    monkeypatch.setattr(runner, "finish", finish)
    try:
        gc.set_threshold(before, 11, 12)
        lint_inputs(Engine(builtin_rules()), [Input("d.yaml")], reader=reader)
        assert seen == [while_linting, while_linting]
        assert gc.get_threshold() == (before, 11, 12)
    finally:
        gc.set_threshold(*saved)
