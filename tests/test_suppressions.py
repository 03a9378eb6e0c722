"""Suppressions: honoured only with a reason, stale ones reported, carried in every format."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import BROKEN, manifest, run, sedex_lint, triples

ANNOTATED = BROKEN.replace(
    "  name: sedex-client\n",
    "  name: sedex-client\n  annotations:\n"
    '    sedex-lint.io/ignore: "SDX001: scaled down by the operator job, OPS-42"\n',
    1,
)


def test_annotation_with_reason_suppresses_its_object() -> None:
    report = run(ANNOTATED)
    assert triples(report) == []
    assert [
        (f.rule, f.line, f.suppression.kind, f.suppression.reason)
        for f in report.suppressed
        if f.suppression
    ] == [("SDX001", 8, "annotation", "scaled down by the operator job, OPS-42")]


def test_annotation_names_rules_by_name_and_several_entries() -> None:
    text = ANNOTATED.replace(
        '"SDX001: scaled down by the operator job, OPS-42"',
        '"single-replica, SDX004: load test; SDX002: never deployed"',
    )
    report = run(text)
    rules = sorted(f.rule for f in report.suppressed)
    assert rules == ["SDX001"]
    # the SDX002 entry silences nothing here: stale, reported at the annotation's value
    assert triples(report) == [("SDX012", 6, 27)]


def test_trailing_comment_covers_its_line_and_own_line_comment_the_next() -> None:
    text = BROKEN.replace(
        "  replicas: 2\n", "  replicas: 2  # sedex-lint: ignore SDX001 -- blue/green test, OPS-7\n"
    )
    report = run(text)
    assert triples(report) == []
    assert report.suppressed[0].suppression is not None
    assert report.suppressed[0].suppression.reason == "blue/green test, OPS-7"
    above = BROKEN.replace(
        "  replicas: 2\n",
        "  # sedex-lint: ignore single-replica -- blue/green test\n  # more words\n  replicas: 2\n",
    )
    assert triples(run(above)) == []


def test_comment_on_another_line_does_not_suppress() -> None:
    text = BROKEN.replace(
        "  strategy:\n", "  strategy:  # sedex-lint: ignore SDX001 -- wrong line\n"
    )
    report = run(text)
    assert triples(report) == [("SDX001", 6, 13), ("SDX012", 7, 14)]


def test_suppression_without_reason_is_not_honoured_and_is_reported() -> None:
    text = BROKEN.replace("  replicas: 2\n", "  replicas: 2  # sedex-lint: ignore SDX001\n")
    report = run(text)
    assert triples(report) == [("SDX001", 6, 13), ("SDX011", 6, 16)]
    assert report.suppressed == ()
    message = next(f.message for f in report.findings if f.rule == "SDX011")
    assert "'# sedex-lint: ignore SDX001 -- why'" in message


def test_unknown_rule_in_a_suppression_is_reported() -> None:
    text = BROKEN.replace("  replicas: 2\n", "  replicas: 2  # sedex-lint: ignore SDX01 -- typo\n")
    report = run(text)
    assert triples(report) == [("SDX001", 6, 13), ("SDX012", 6, 16)]
    assert "names no known rule: SDX01" in report.findings[1].message


def test_duplicate_key_can_be_suppressed_by_comment() -> None:
    text = manifest(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: x}
        data:
          a: "1"
          a: "2"  # sedex-lint: ignore SDX010 -- the vendor chart renders it twice
        """
    )
    report = run(text)
    assert (triples(report), [f.rule for f in report.suppressed]) == ([], ["SDX010"])


def test_suppressed_findings_are_counted_listed_and_in_json(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(ANNOTATED)
    plain = sedex_lint("d.yaml", cwd=tmp_path)
    assert plain.returncode == 0
    assert "1 suppressed" in plain.stdout
    assert "scaled down" not in plain.stdout
    shown = sedex_lint("--show-suppressed", "d.yaml", cwd=tmp_path)
    assert (
        "  d.yaml:8:13  suppressed (annotation: scaled down by the operator job, OPS-42)  "
        "SDX001 single-replica" in shown.stdout
    )
    report = json.loads(sedex_lint("-f", "json", "d.yaml", cwd=tmp_path).stdout)
    assert report["findings"] == []
    assert report["summary"]["suppressed"] == 1
    assert report["suppressed"][0]["suppression"] == {
        "kind": "annotation",
        "reason": "scaled down by the operator job, OPS-42",
    }


def test_disabled_rule_suppressions_are_not_stale(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(ANNOTATED)
    result = sedex_lint("-f", "json", "--ignore", "SDX001", "d.yaml", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"] == []
