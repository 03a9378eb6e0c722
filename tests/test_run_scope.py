"""The whole-run scope: facts from every file (and standard input) reach one check, whose
findings land at a field of a real file, are suppressed there, and are the same with --jobs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sedex_lint import packed
from sedex_lint.engine import Engine
from sedex_lint.inputs import Input
from sedex_lint.model import Severity
from sedex_lint.objects import K8sObject
from sedex_lint.registry import Rule, RuleSet, builtin_rules
from sedex_lint.runner import lint_inputs
from sedex_lint.scopes import Anchor, Locator, Parameters, RunScope, RunViolation
from sedex_lint.workload import Workload


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Anchor]:
    if obj.ref.kind == "ConfigMap":
        yield at(("metadata", "name"))


def check(facts: Sequence[Anchor], params: Parameters) -> Iterator[RunViolation]:
    """Every ConfigMap name seen more than once in the run, reported at each occurrence."""
    for anchor in facts:
        others = [f"{a.file}:{a.position.line}" for a in facts if a is not anchor]
        same = [a for a in facts if a.object.name == anchor.object.name and a is not anchor]
        if same:
            yield RunViolation(anchor, f"{anchor.object.name} also at {', '.join(others)}")


RULE = Rule(
    code="TST001",
    name="same-name",
    severity=Severity.ERROR,
    summary="s",
    check="same_name",
    applies_to=("ConfigMap",),
)


def engine() -> Engine:
    base = builtin_rules()
    checks = {**base.checks, "same_name": RunScope(collect, check)}
    return Engine(RuleSet((RULE,), checks))


def config_map(name: str, extra: str = "") -> bytes:
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{extra}".encode()


FILES = {
    "a.yaml": config_map("one") + b"---\n" + config_map("two"),
    "b.yaml": config_map("one"),
    "-": b"# padding\n" + config_map("one"),
    "c.yaml": config_map("three"),
}


def run(jobs: int = 1, files: dict[str, bytes] = FILES) -> list[tuple[str, str, int, int]]:
    inputs = [Input(name) for name in files]
    report = lint_inputs(engine(), inputs, reader=lambda item: files[item.name], jobs=jobs)
    assert report.internal_errors == ()
    return [(f.code, f.file, f.line, f.column) for f in report.findings]


def test_facts_from_every_file_and_stdin_meet_in_one_check() -> None:
    assert run() == [
        ("TST001", "a.yaml", 4, 9),
        ("TST001", "b.yaml", 4, 9),
        ("TST001", "-", 5, 9),
    ]


def test_a_run_finding_is_suppressed_by_its_objects_annotation_and_by_a_comment() -> None:
    annotated = config_map("one", '  annotations: {sedex-lint.io/ignore: "TST001: on purpose"}\n')
    commented = config_map("one").replace(b"one\n", b"one  # sedex-lint: ignore TST001 -- ok\n")
    files = {"a.yaml": config_map("one"), "b.yaml": annotated, "c.yaml": commented}
    inputs = [Input(name) for name in files]
    report = lint_inputs(engine(), inputs, reader=lambda item: files[item.name])
    assert [(f.file, f.line) for f in report.findings] == [("a.yaml", 4)]
    assert [(f.file, f.suppression and f.suppression.kind) for f in report.suppressed] == [
        ("b.yaml", "annotation"),
        ("c.yaml", "comment"),
    ]


def test_serial_and_parallel_runs_report_the_same(tmp_path: Path) -> None:
    many = {f"f{i:02}.yaml": config_map("one" if i % 3 == 0 else f"n{i}") for i in range(40)}
    assert run(jobs=2, files=many) == run(jobs=1, files=many)
    assert len(run(jobs=2, files=many)) == 14


def test_a_crashing_run_check_is_an_internal_error_and_the_rest_still_runs() -> None:
    def broken(facts: Sequence[Anchor], params: Parameters) -> Iterator[RunViolation]:
        raise ValueError("boom")

    base = builtin_rules()
    sdx010 = base.find("SDX010")
    assert sdx010 is not None
    checks = {**base.checks, "same_name": RunScope(collect, broken)}
    engine = Engine(RuleSet((RULE, sdx010), checks))
    data = config_map("one") + b"  name: again\n"
    report = lint_inputs(engine, [Input("a.yaml")], reader=lambda item: data)
    assert [(e.code, e.file, e.message) for e in report.internal_errors] == [
        ("TST001", "<run>", "ValueError: boom")
    ]
    assert [(f.code, f.line) for f in report.findings] == [("SDX010", 5)]


def test_the_rule_applies_only_to_its_kinds() -> None:
    only_deployments = RULE._replace(applies_to=("Deployment",))
    base = builtin_rules()
    checks = {**base.checks, "same_name": RunScope(collect, check)}
    engine = Engine(RuleSet((only_deployments,), checks))
    inputs = [Input(name) for name in FILES]
    report = lint_inputs(engine, inputs, reader=lambda item: FILES[item.name])
    assert report.findings == ()


def test_a_plugin_check_gets_a_list_even_of_packed_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large run keeps facts packed; a plugin's check (this one relies on `is` between two
    readings) still gets a plain list of the same objects."""
    monkeypatch.setattr(packed, "BATCH", 1)
    assert run() == [
        ("TST001", "a.yaml", 4, 9),
        ("TST001", "b.yaml", 4, 9),
        ("TST001", "-", 5, 9),
    ]


def collect_unpicklable(
    obj: K8sObject, workload: Workload | None, at: Locator
) -> Iterator[tuple[Anchor, object]]:
    if obj.ref.kind == "ConfigMap":
        yield at(("metadata", "name")), lambda: obj.ref.name  # not picklable


def check_each(
    facts: Sequence[tuple[Anchor, object]], params: Parameters
) -> Iterator[RunViolation]:
    for anchor, _ in facts:
        yield RunViolation(anchor, "seen")


def test_a_plugin_fact_that_cannot_be_pickled_still_reaches_its_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(packed, "BATCH", 1)
    base = builtin_rules()
    checks = {**base.checks, "same_name": RunScope(collect_unpicklable, check_each)}
    inputs = [Input(name) for name in FILES]
    report = lint_inputs(
        Engine(RuleSet((RULE,), checks)), inputs, reader=lambda item: FILES[item.name]
    )
    assert report.internal_errors == ()
    assert [(f.file, f.line) for f in report.findings] == [
        ("a.yaml", 4),
        ("a.yaml", 9),
        ("b.yaml", 4),
        ("-", 5),
        ("c.yaml", 4),
    ]
