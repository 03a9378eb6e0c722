"""Suppressions: honoured only with a reason, stale ones reported, carried in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sedex_lint.api import lint_text
from sedex_lint.model import Report
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
        (f.code, f.line, f.suppression.kind, f.suppression.reason)
        for f in report.suppressed
        if f.suppression
    ] == [("SDX001", 8, "annotation", "scaled down by the operator job, OPS-42")]


def test_annotation_names_rules_by_name_and_several_entries() -> None:
    text = ANNOTATED.replace(
        '"SDX001: scaled down by the operator job, OPS-42"',
        '"single-replica, SDX004: load test; SDX002: never deployed"',
    )
    report = run(text)
    rules = sorted(f.code for f in report.suppressed)
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
    message = next(f.message for f in report.findings if f.code == "SDX011")
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
    assert (triples(report), [f.code for f in report.suppressed]) == ([], ["SDX010"])


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


# --------------------------------------------------------------------------------------------
# Only real YAML comments suppress: a `#` inside a scalar's span is text (issue 9, item 5).

NO_STRATEGY = BROKEN.replace("  strategy:\n    type: Recreate\n", "").replace(
    "replicas: 2", "replicas: 1"
)
"""SDX002 (no update strategy) at `spec:`, the line right after the metadata block."""
ROLLING = BROKEN.replace("type: Recreate", "type: RollingUpdate").replace(
    "replicas: 2", "replicas: 1"
)
"""SDX002 at 8:11, the value of `type: RollingUpdate`."""
REAL_COMMENT = "type: RollingUpdate  # sedex-lint: ignore SDX002 -- runs alone, OPS-3"


def with_annotations(carrier: str) -> str:
    """NO_STRATEGY with `carrier` (lines of a mapping) as the annotations, just above `spec:`."""
    return NO_STRATEGY.replace(
        "  name: sedex-client\n", "  name: sedex-client\n  annotations:\n" + carrier, 1
    )


def suppressed(report: Report) -> list[tuple[str, int, int, str]]:
    return [
        (f.code, f.line, f.column, f.suppression.kind)
        for f in report.suppressed
        if f.suppression is not None
    ]


@pytest.mark.parametrize(
    ("carrier", "spec_line"),
    [
        pytest.param(
            "    runbook: |\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n",
            9,
            id="literal",
        ),
        pytest.param(
            "    runbook: |-\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n",
            9,
            id="literal-strip",
        ),
        pytest.param(
            "    runbook: |+\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n\n",
            10,
            id="literal-keep",
        ),
        pytest.param(
            "    runbook: |2\n        Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n",
            9,
            id="literal-indentation-indicator",
        ),
        pytest.param(
            "    runbook: >\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n",
            9,
            id="folded",
        ),
        pytest.param(
            '    runbook: "Silence it with:\n      # sedex-lint: ignore SDX002 -- why"\n',
            8,
            id="double-quoted",
        ),
        pytest.param(
            "    runbook: 'Silence it with:\n      # sedex-lint: ignore SDX002 -- why'\n",
            8,
            id="single-quoted",
        ),
        pytest.param(
            "    runbook: Silence it with\n      x#sedex-lint:ignore SDX002 -- why\n",
            8,
            id="plain-multi-line",
        ),
        pytest.param(
            # libyaml (YAML 1.1) breaks lines at U+2028 and NEL, so the text after one starts a
            # line of its own: still inside the quotes.
            '    runbook: "Silence it with:\u2028# sedex-lint: ignore SDX002 -- why"\n',
            8,
            id="line-separator-in-quotes",
        ),
        pytest.param(
            '    runbook: "Silence it with:\x85# sedex-lint: ignore SDX002 -- why"\n',
            8,
            id="next-line-in-quotes",
        ),
        pytest.param(
            "    ? |\n      # sedex-lint: ignore SDX002 -- why\n    : runbook\n",
            9,
            id="block-scalar-key",
        ),
        pytest.param(
            # libyaml 0.1.7 refuses `repo:tag` in a flow collection: the file is read again by
            # the pure-Python parser, whose marks must serve as well
            "    images: [{image: repo:tag}]\n"
            "    runbook: |\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n",
            10,
            id="pure-python-parser",
        ),
    ],
)
def test_suppression_text_inside_a_scalar_silences_nothing(
    carrier: str, spec_line: int, tmp_path: Path
) -> None:
    """An annotation holding runbook text that quotes a suppression comment, right above the
    finding's line: the text is part of a scalar, so SDX002 stands and the run fails."""
    text = with_annotations(carrier)
    report = lint_text(text, "runbook.yaml")
    assert (triples(report, "SDX002"), report.suppressed, report.errors) == (
        [("SDX002", spec_line, 1)],
        (),
        (),
    )
    (tmp_path / "runbook.yaml").write_text(text, encoding="utf-8", newline="")
    result = sedex_lint("runbook.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert f"  runbook.yaml:{spec_line}:1  error  SDX002 recreate-strategy" in result.stdout
    assert "suppressed" not in result.stdout


@pytest.mark.parametrize(
    ("strategy", "column"),
    [
        pytest.param(
            '{type: RollingUpdate, note: "see # sedex-lint: ignore SDX002 -- why"}',
            20,
            id="double-quoted",
        ),
        pytest.param(
            "{type: RollingUpdate, note: 'see # sedex-lint: ignore SDX002 -- why'}",
            20,
            id="single-quoted",
        ),
        pytest.param(
            '{"see # sedex-lint: ignore SDX002 -- why": 1, type: RollingUpdate}', 65, id="key"
        ),
        pytest.param(
            # (`:i` in a flow collection: read by the pure-Python parser, see above)
            "{type: RollingUpdate, note: x#sedex-lint:ignore SDX002 -- why}",
            20,
            id="hash-without-space-before",
        ),
    ],
)
def test_suppression_text_in_a_scalar_on_the_findings_line_silences_nothing(
    strategy: str, column: int, tmp_path: Path
) -> None:
    text = ROLLING.replace("  strategy:\n    type: RollingUpdate\n", f"  strategy: {strategy}\n")
    report = lint_text(text, "flow.yaml")
    assert (triples(report, "SDX002"), report.suppressed) == ([("SDX002", 7, column)], ())
    (tmp_path / "flow.yaml").write_text(text, encoding="utf-8")
    result = sedex_lint("flow.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert f"  flow.yaml:7:{column}  error  SDX002" in result.stdout


SCRIPT = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: scripts}
data:
  start.sh: echo
  # sedex-lint: ignore SDX010 -- the chart renders it twice, OPS-9
  start.sh: |
    #!/bin/sh
    # sedex-lint: ignore FOO
       # sedex-lint: ignore SDX001 -- quoted in a script
    exec java -jar client.jar
"""


def test_a_shell_script_in_a_config_map_is_not_a_stale_suppression(tmp_path: Path) -> None:
    """The script's lines were SDX011 (no reason) and SDX012 (silences nothing); the real
    comment on its own line above the block scalar's key still covers that key."""
    report = lint_text(SCRIPT, "scripts.yaml")
    assert (triples(report), suppressed(report)) == ([], [("SDX010", 7, 3, "comment")])
    (tmp_path / "scripts.yaml").write_text(SCRIPT)
    assert sedex_lint("scripts.yaml", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("indent", "outcome"),
    [
        pytest.param(0, ([], [("SDX002", 9, 1, "comment")]), id="at-column-1"),
        pytest.param(4, ([], [("SDX002", 9, 1, "comment")]), id="less-indented-than-content"),
        pytest.param(6, ([("SDX002", 9, 1)], []), id="content-indentation"),
    ],
)
def test_a_comment_after_a_block_scalar_counts_only_below_its_indentation(
    indent: int, outcome: tuple[list[tuple[str, int, int]], list[tuple[str, int, int, str]]]
) -> None:
    """A line less indented than a block scalar's content ends it, even a comment line."""
    text = with_annotations(
        "    runbook: |\n      Silence it with the comment below.\n"
        + " " * indent
        + "# sedex-lint: ignore SDX002 -- runs alone, OPS-3\n"
    )
    report = lint_text(text, "after.yaml")
    assert (triples(report), suppressed(report)) == outcome


def test_a_comment_on_a_block_scalar_header_is_a_comment() -> None:
    """It covers its own line, which holds no finding: reported as silencing nothing."""
    text = with_annotations(
        "    runbook: |  # sedex-lint: ignore SDX002 -- on the header\n      x\n"
    )
    assert triples(lint_text(text, "header.yaml")) == [("SDX012", 6, 17), ("SDX002", 8, 1)]


@pytest.mark.parametrize(
    ("strategy", "line"),
    [
        pytest.param(
            "  strategy: {type: RollingUpdate,  # sedex-lint: ignore SDX002 -- runs alone, OPS-3\n"
            "    rollingUpdate: {maxSurge: 0}}\n",
            7,
            id="inside-a-flow-mapping",
        ),
        pytest.param(
            "  strategy:\n"
            "    type: RollingUpdate\t# sedex-lint: ignore SDX002 -- runs alone, OPS-3\n",
            8,
            id="after-a-tab",
        ),
    ],
)
def test_real_comments_in_unusual_places_suppress(strategy: str, line: int) -> None:
    """libyaml reads a comment inside a flow collection that spans lines, and after a tab."""
    text = ROLLING.replace("  strategy:\n    type: RollingUpdate\n", strategy)
    report = lint_text(text, "flow.yaml")
    assert (triples(report), report.errors) == ([], ())
    reasons = [(f.code, f.line, f.suppression and f.suppression.reason) for f in report.suppressed]
    assert reasons == [("SDX002", line, "runs alone, OPS-3")]


def test_comments_on_document_markers_cover_their_own_line() -> None:
    text = (
        "--- # sedex-lint: ignore SDX002 -- on the document marker\n"
        + NO_STRATEGY
        + "... # sedex-lint: ignore SDX001 -- after the end marker\n"
    )
    report = lint_text(text, "markers.yaml")
    assert triples(report) == [("SDX012", 1, 5), ("SDX002", 6, 1), ("SDX012", 30, 5)]


def test_crlf_and_byte_order_mark_do_not_shift_scalar_spans(tmp_path: Path) -> None:
    fake = with_annotations(
        "    runbook: |\n      Silence it with:\n      # sedex-lint: ignore SDX002 -- why\n"
    )
    data = b"\xef\xbb\xbf" + fake.replace("\n", "\r\n").encode()
    assert triples(lint_text(data, "crlf.yaml")) == [("SDX002", 9, 1)]
    (tmp_path / "crlf.yaml").write_bytes(data)
    result = sedex_lint("crlf.yaml", cwd=tmp_path)
    assert (result.returncode, "  crlf.yaml:9:1  error  SDX002" in result.stdout) == (1, True)
    real = ROLLING.replace("type: RollingUpdate", REAL_COMMENT).replace("\n", "\r\n")
    report = lint_text(b"\xef\xbb\xbf" + real.encode(), "crlf.yaml")
    assert (triples(report), suppressed(report)) == ([], [("SDX002", 8, 11, "comment")])
    assert [f.suppression and f.suppression.reason for f in report.suppressed] == [
        "runs alone, OPS-3"
    ]


def test_scalars_of_documents_that_are_not_kubernetes_objects_count_too() -> None:
    text = "script: |\n  # sedex-lint: ignore SDX001 -- quoted in a values file\n---\n"
    report = lint_text(text + NO_STRATEGY, "values.yaml")
    assert triples(report) == [("SDX002", 8, 1)]


def test_after_a_syntax_error_suppression_comments_neither_suppress_nor_are_reported(
    tmp_path: Path,
) -> None:
    """The documents before the error are linted and their comments work as usual (the script
    stays text). Past the last document read, a `#` might be a comment or text inside the
    broken scalar: it suppresses nothing (fail closed) and is not reported as stale or
    reasonless either; the file fails with the input error."""
    text = (
        SCRIPT
        + "---\n"
        + ROLLING.replace("type: RollingUpdate", REAL_COMMENT)
        + "---\n"
        + "# sedex-lint: ignore SDX001 -- never read\n"
        + 'key: "unterminated\n'
        + "# sedex-lint: ignore SDX002 -- inside the broken string\n"
        + "# sedex-lint: ignore SDX001\n"
    )
    report = lint_text(text, "broken.yaml")
    assert triples(report) == []
    assert suppressed(report) == [("SDX010", 7, 3, "comment"), ("SDX002", 20, 11, "comment")]
    assert [(e.line, e.column) for e in report.errors] == [(47, 28)]
    (tmp_path / "broken.yaml").write_text(text)
    assert sedex_lint("broken.yaml", cwd=tmp_path).returncode == 2


def test_nothing_is_read_as_a_comment_when_the_first_document_is_broken() -> None:
    text = "# sedex-lint: ignore SDX001 -- before the error\nkey: [unclosed\n"
    report = lint_text(text, "broken.yaml")
    assert (triples(report), len(report.errors)) == ([], 1)


# --------------------------------------------------------------------------------------------
# A duplicate key belongs to the object written around it (issue 9, item 13).

IGNORE_DUPLICATES = 'sedex-lint.io/ignore: "SDX010: the vendor chart renders it twice, OPS-9"'
ANNOTATED_CONFIG_MAP = f"""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    {IGNORE_DUPLICATES}
data:
  mode: a
  mode: b
"""
LIST = f"""\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: annotated
      annotations:
        {IGNORE_DUPLICATES}
    data: {{mode: a}}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {{name: other}}
    data: {{mode: a}}
"""


def test_an_annotation_covers_a_duplicate_key_of_its_object(tmp_path: Path) -> None:
    report = lint_text(ANNOTATED_CONFIG_MAP, "settings.yaml")
    assert (triples(report), suppressed(report)) == ([], [("SDX010", 9, 3, "annotation")])
    (tmp_path / "settings.yaml").write_text(ANNOTATED_CONFIG_MAP)
    result = sedex_lint("settings.yaml", cwd=tmp_path)
    assert (result.returncode, "1 suppressed" in result.stdout) == (0, True)


def test_an_annotation_covers_a_duplicate_key_of_its_own_list_item() -> None:
    text = LIST.replace("    data: {mode: a}\n", "    data: {mode: a, mode: b}\n", 1)
    report = lint_text(text, "list.yaml")
    assert (triples(report), suppressed(report)) == ([], [("SDX010", 10, 21, "annotation")])


def test_an_annotation_does_not_cover_a_duplicate_key_of_another_object(tmp_path: Path) -> None:
    text = LIST.removesuffix("    data: {mode: a}\n") + "    data: {mode: a, mode: b}\n"
    report = lint_text(text, "list.yaml")
    assert (triples(report), report.suppressed) == ([("SDX012", 9, 31), ("SDX010", 14, 21)], ())
    (tmp_path / "list.yaml").write_text(text)
    assert sedex_lint("list.yaml", cwd=tmp_path).returncode == 1


def test_a_duplicate_key_of_the_list_itself_is_covered_by_comments_only() -> None:
    report = lint_text(LIST + "kind: List\n", "list.yaml")
    assert (triples(report), report.suppressed) == ([("SDX012", 9, 31), ("SDX010", 15, 1)], ())
    commented = LIST + "kind: List  # sedex-lint: ignore SDX010 -- generated twice, OPS-9\n"
    report = lint_text(commented, "list.yaml")
    assert (triples(report), suppressed(report)) == (
        [("SDX012", 9, 31)],
        [("SDX010", 15, 1, "comment")],
    )


@pytest.mark.parametrize(
    ("metadata", "duplicate"),
    [
        pytest.param(
            "metadata:\n  name: settings\n  annotations:\n"
            '    sedex-lint.io/ignore: "SDX001: what the reviewer reads"\n'
            f"    {IGNORE_DUPLICATES}\n",
            ("SDX010", 7, 5),
            id="the-annotation-key",
        ),
        pytest.param(
            "metadata:\n  name: settings\n  annotations: {}\n"
            f"  annotations:\n    {IGNORE_DUPLICATES}\n",
            ("SDX010", 6, 3),
            id="annotations",
        ),
        pytest.param(
            "metadata: {name: settings}\nmetadata:\n  name: settings\n"
            f"  annotations:\n    {IGNORE_DUPLICATES}\n",
            ("SDX010", 4, 1),
            id="metadata",
        ),
    ],
)
def test_a_duplicated_annotation_does_not_vouch_for_itself(
    metadata: str, duplicate: tuple[str, int, int]
) -> None:
    """The last duplicate wins and could name SDX010 to hide that it replaced another: a
    duplicate key on the way to the annotation is covered by comments only."""
    text = "apiVersion: v1\nkind: ConfigMap\n" + metadata + "data: {mode: a}\n"
    report = lint_text(text, "settings.yaml")
    assert report.suppressed == ()
    # the annotation that survives silences nothing, so it is stale
    assert triples(report) == [duplicate, ("SDX012", 7, 27)]
