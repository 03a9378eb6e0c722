"""rules/ is the policy: each declaration is valid, documented, and its examples behave."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from sedex_lint.api import lint, lint_text
from sedex_lint.construct import construct_document
from sedex_lint.decoding import decode_manifest
from sedex_lint.model import Report
from sedex_lint.registry import builtin_rules
from sedex_lint.yamlparse import compose_documents
from tests.conftest import REPO, expected_markers, rule_lines
from tests.rule_case import run_rule

RULES = builtin_rules().rules
CORE = {
    "SDX001": "single-replica",
    "SDX002": "recreate-strategy",
    "SDX003": "persistent-data-volume",
    "SDX004": "memory-allocation",
    "SDX005": "health-probes",
    "SDX006": "autoscaler-max-replicas",
    "SDX007": "one-client-per-sedex-id",
    "SDX008": "unmanaged-client",
    "SDX009": "termination-grace-period",
    "SDX010": "duplicate-key",
    "SDX011": "suppression-without-reason",
    "SDX012": "unused-suppression",
    "SDX013": "unchecked-workload-kind",
    "SDX014": "rollout-workload-ref",
    "SDX020": "secret-literal-env",
    "SDX021": "secret-in-configmap",
    "SDX022": "init-runs-every-start",
    "SDX023": "init-vars-consistent",
    "SDX024": "init-var-generation",
    "SDX030": "image-latest",
    "SDX031": "image-tag-mutable",
    "SDX032": "image-pre-1-0",
    "SDX033": "image-pull-policy-latest",
    "SDX040": "sedex-id-placeholder",
    "SDX041": "sedex-id-format",
    "SDX050": "wsp-http-exposed",
    "SDX051": "monitoring-exposed",
    "SDX052": "internal-port-exposed",
    "SDX053": "rest-api-needs-wsp",
    "SDX054": "rest-api-selector-value",
    "SDX055": "rest-api-client-version",
    "SDX056": "wsproxy-start-value",
    "SDX057": "rest-api-selector-without-api",
    "SDX060": "websocket-disabled",
    "SDX070": "data-volume-shared",
    "SDX071": "run-as-non-root",
    "SDX072": "no-privileged",
    "SDX073": "read-only-root-filesystem",
    "SDX080": "interface-volume",
    "SDX090": "kubernetes-schema",
    "SDX091": "removed-api",
    "SDX092": "deprecated-api",
}


def test_the_built_in_rules_have_fixed_codes_and_severities() -> None:
    assert {rule.code: rule.name for rule in RULES} == CORE
    severities = {rule.code: rule.severity.label for rule in RULES}
    lower = {
        "SDX008": "warning",
        "SDX009": "warning",
        "SDX012": "warning",
        "SDX013": "info",
        "SDX022": "warning",
        "SDX024": "warning",
        "SDX030": "warning",
        "SDX031": "info",
        "SDX032": "warning",
        "SDX033": "info",
        "SDX040": "warning",
        "SDX041": "warning",
        "SDX050": "warning",
        "SDX051": "warning",
        "SDX052": "warning",
        "SDX057": "warning",
        "SDX060": "warning",
        "SDX070": "warning",
        "SDX071": "info",
        "SDX072": "warning",
        "SDX073": "info",
        "SDX080": "warning",
        "SDX092": "warning",
    }
    assert severities == {code: lower.get(code, "error") for code in CORE}


@pytest.mark.parametrize("path", sorted((REPO / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_declaration_is_valid_and_named_after_its_rule(path) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads((REPO / "schemas" / "rule.schema.json").read_text())
    documents, failure = compose_documents(decode_manifest(path.read_bytes()))
    assert failure is None
    data = construct_document(documents[0]).value
    jsonschema.Draft202012Validator(schema).validate(data)
    assert path.name == f"{data['code']}-{data['name']}.yaml"
    for documented in ("rationale", "fix", "sources", "examples"):
        assert data.get(documented), f"a built-in rule has {documented}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_gives_exactly_the_marked_findings(rule) -> None:  # type: ignore[no-untyped-def]
    """The rule alone, so that another rule firing on the example can never hide or fake
    one of its findings."""
    expected = expected_markers(rule.bad_example)
    assert expected, "the bad example marks at least one finding"
    assert {code for code, _ in expected} == {rule.code}
    report = run_rule(rule.bad_example, rule.code)
    assert report.errors == ()
    assert rule_lines(report) == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_gives_no_finding(rule) -> None:  # type: ignore[no-untyped-def]
    report = run_rule(rule.good_example, rule.code)
    assert (report.findings, report.errors) == ((), ())
    assert report.counts.objects >= 1


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "examples").rglob("*.yaml")),
    ids=lambda p: p.relative_to(REPO).as_posix(),
)
def test_examples_give_exactly_their_marked_findings(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text()
    report = lint_text(text, path.name)
    assert report.errors == ()
    assert rule_lines(report) == expected_markers(text)


@cache
def examples_run() -> Report:
    """examples/ linted in one run, as the quick start does."""
    return lint([str(REPO / "examples")])


def test_the_examples_folder_gives_exactly_its_marked_findings() -> None:
    """In one run the rules that compare objects (SDX006, SDX007, SDX014, SDX070) see every
    file at once: still only the marked lines."""
    examples = REPO / "examples"
    report = examples_run()
    assert report.errors == ()
    found = sorted(
        (Path(f.file).resolve().relative_to(examples).as_posix(), f.line, f.code)
        for f in report.findings
    )
    marked = sorted(
        (path.relative_to(examples).as_posix(), line, code)
        for path in examples.rglob("*.yaml")
        for code, line in expected_markers(path.read_text())
    )
    assert found == marked


def test_the_readmes_state_the_findings_of_the_examples_folder() -> None:
    findings = examples_run().findings
    total, errors = len(findings), sum(f.severity.label == "error" for f in findings)
    quick_start = " ".join((REPO / "README.md").read_text().split())
    stated = re.search(
        r"reports the (\d+) findings marked in `examples/broken/`, (\d+) of", quick_start
    )
    assert stated is not None
    assert (int(stated[1]), int(stated[2])) == (total, errors)
    folder = " ".join((REPO / "examples" / "README.md").read_text().split())
    stated = re.search(r"reports the (\d+) findings marked in `broken/` \((\d+) errors", folder)
    assert stated is not None
    assert (int(stated[1]), int(stated[2])) == (total, errors)
