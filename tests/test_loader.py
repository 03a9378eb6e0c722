"""Every input shape the loader must read, with exact positions."""

from __future__ import annotations

import pytest

from sedex_lint.api import lint_text
from tests.conftest import manifest, messages, run, triples

BAD_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex
spec:
  replicas: 2
  strategy:
    type: Recreate
  template:
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client
"""


def sdx001(report: object) -> list[tuple[str, int, int]]:
    return triples(report, "SDX001")  # type: ignore[arg-type]


def test_multi_document_file_with_empty_and_comment_only_documents() -> None:
    text = "---\n# only a comment\n---\n---\n" + BAD_DEPLOYMENT + "---\n"
    report = lint_text(text, "multi.yaml")
    assert sdx001(report) == [("SDX001", 10, 13)]
    assert report.errors == ()
    assert report.counts.objects == 1


def test_comment_only_and_empty_files_are_fine() -> None:
    for text in ("", "# nothing here\n", "---\n"):
        report = lint_text(text, "empty.yaml")
        assert (report.findings, report.errors, report.counts.objects) == ((), (), 0)


def test_kind_list_items_are_objects_with_their_own_positions() -> None:
    item = "\n".join("  " + line if line else line for line in BAD_DEPLOYMENT.splitlines())
    text = "apiVersion: v1\nkind: List\nitems:\n- " + item.lstrip() + "\n"
    report = lint_text(text, "list.yaml")
    assert sdx001(report) == [("SDX001", 9, 15)]
    assert [f.path for f in report.findings if f.code == "SDX001"] == [
        ("items", 0, "spec", "replicas")
    ]


def test_typed_list_kinds_are_expanded_too() -> None:
    text = manifest(
        """
        apiVersion: apps/v1
        kind: DeploymentList
        items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a}
            spec:
              replicas: 4
              template: {spec: {containers: [{name: c, image: sedexch/sedex-client}]}}
        """
    )
    assert sdx001(lint_text(text, "l.yaml")) == [("SDX001", 8, 17)]


def test_json_manifest() -> None:
    text = (
        '{\n  "apiVersion": "apps/v1",\n  "kind": "StatefulSet",\n  "metadata": {"name": "s"},\n'
        '  "spec": {\n    "replicas": 2,\n    "template": {"spec": {"containers": '
        '[{"name": "c", "image": "sedexch/sedex-client"}]}}\n  }\n}\n'
    )
    assert sdx001(lint_text(text, "s.json")) == [("SDX001", 6, 17)]


def test_utf8_byte_order_mark_and_crlf_line_ends() -> None:
    data = b"\xef\xbb\xbf" + BAD_DEPLOYMENT.replace("\n", "\r\n").encode()
    report = lint_text(data, "bom.yaml")
    assert sdx001(report) == [("SDX001", 6, 13)]
    assert report.errors == ()


def test_utf16_with_byte_order_mark() -> None:
    report = lint_text(BAD_DEPLOYMENT.encode("utf-16"), "u16.yaml")
    assert sdx001(report) == [("SDX001", 6, 13)]


def test_anchors_aliases_and_merge_keys() -> None:
    text = manifest(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sedex
        spec:
          replicas: &count 2
          strategy: &recreate
            type: Recreate
          template:
            spec:
              containers:
                - &client
                  name: sedex-client
                  image: sedexch/sedex-client
                - <<: *client
                  name: second-client
        """
    )
    report = lint_text(text, "anchors.yaml")
    # the merged container inherits the image, so it is a second client in the pod
    assert sdx001(report) == [("SDX001", 6, 13), ("SDX001", 15, 11)]
    # and probes are flagged on both
    assert [f.line for f in report.findings if f.code == "SDX005"] == [13, 13, 15, 15]


def test_merged_field_is_located_in_the_anchor() -> None:
    text = manifest(
        """
        base: &base
          replicas: 3
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          <<: {replicas: 3}
          strategy: {type: Recreate}
          template: {spec: {containers: [{name: c, image: sedexch/sedex-client}]}}
        """
    )
    assert sdx001(lint_text(text, "m.yaml")) == [("SDX001", 8, 18)]


@pytest.mark.parametrize(
    ("spec", "found"),
    [
        # the merge wins: the value is in the merged mapping, and is reported there
        ("  replicas: 1\n  <<: {replicas: 3}\n", [("SDX001", 7, 18)]),
        ("  <<: [{replicas: 3}, {replicas: 1}]\n", [("SDX001", 6, 19)]),
        # the key after the merge wins
        ("  <<: {replicas: 3}\n  replicas: 2\n", [("SDX001", 7, 13)]),
        ("  <<: {replicas: 3}\n  replicas: 1\n", []),
    ],
)
def test_findings_point_at_the_entry_that_supplied_the_value(
    spec: str, found: list[tuple[str, int, int]]
) -> None:
    text = BAD_DEPLOYMENT.replace("  replicas: 2\n", spec)
    assert sdx001(lint_text(text, "m.yaml")) == found


def test_a_key_overwritten_by_a_merge_is_not_a_duplicate_key() -> None:
    text = BAD_DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 1\n  <<: {replicas: 2}\n")
    report = lint_text(text, "merge.yaml")
    assert triples(report, "SDX010") == []
    assert sdx001(report) == [("SDX001", 7, 18)]


def test_duplicate_key_is_sdx010_at_the_second_key_and_last_value_wins() -> None:
    text = BAD_DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 1\n  replicas: 2\n")
    report = lint_text(text, "dup.yaml")
    assert triples(report, "SDX010") == [("SDX010", 7, 3)]
    assert messages(report, "SDX010") == [
        "key 'replicas' is already set at 6:3; some tools refuse the file, others (the API "
        "server, older kubectl) silently keep only this last value; remove one of the two"
    ]
    assert sdx001(report) == [("SDX001", 7, 13)]


def test_duplicate_keys_anywhere_even_outside_sedex_workloads() -> None:
    report = run(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        data:
          x: "1"
          x: "2"
        """
    )
    assert triples(report) == [("SDX010", 7, 3)]


@pytest.mark.parametrize(
    ("data", "line", "column", "reason"),
    [
        (b"a: 1\nb: \xff\n", 2, 4, "not valid UTF-8: byte 0xff"),
        (b"a: 1\n\x00\n", 2, 1, "contains a NUL character"),
        (b"kind: Pod\nspec: {a: 1\n", 2, 12, "invalid YAML: did not find expected ',' or '}'"),
        (b"a: *nowhere\n", 1, 4, "invalid YAML: found undefined alias"),
        (b"a:\n\tb: 1\n", 2, 1, "invalid YAML: found character that cannot start any token"),
    ],
)
def test_unreadable_input_is_an_error_with_position(
    data: bytes, line: int, column: int, reason: str
) -> None:
    report = lint_text(data, "broken.yaml")
    assert [(e.file, e.line, e.column) for e in report.errors] == [("broken.yaml", line, column)]
    assert report.errors[0].message.startswith(reason)
    assert "\n" not in report.errors[0].message


def test_documents_before_a_syntax_error_are_still_linted() -> None:
    report = lint_text(BAD_DEPLOYMENT + "---\nkind: [\n", "half.yaml")
    assert sdx001(report) == [("SDX001", 6, 13)]
    # libyaml stops at the end of input; it is reported at the end of the last line
    assert [(e.line, e.column) for e in report.errors] == [(15, 8)]


def test_documents_that_are_not_objects_are_skipped_and_counted() -> None:
    report = lint_text("key: value\n---\n- a\n---\nplain\n", "values.yaml")
    assert (report.findings, report.errors) == ((), ())
    assert report.counts.skipped_documents == 3


def test_python_tags_are_never_executed() -> None:
    report = lint_text("a: !!python/object/apply:os.system ['false']\n", "evil.yaml")
    assert (report.findings, report.errors) == ((), ())


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 259),
        ("- " * 100_000 + "x\n", 1, 513),
        ("a:\n" + "".join(" " * i + "k:\n" for i in range(1, 400)), 257, 257),
    ],
    ids=["flow", "compact-sequence", "indentation"],
)
def test_nesting_beyond_the_limit_is_an_error_not_a_crash(
    text: str, line: int, column: int
) -> None:
    report = lint_text(text, "deep.yaml")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (line, column, "nesting deeper than 256 levels")
    ]


def test_nesting_up_to_the_limit_is_read() -> None:
    report = lint_text("a: " + "[" * 250 + "]" * 250 + "\n", "deep.yaml")
    assert (report.errors, report.internal_errors) == ((), ())


def test_alias_expansion_bomb_is_refused_where_it_crosses_the_limit() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 40)]
    report = lint_text("\n".join(lines) + "\n", "laughs.yaml")
    # a6 expands to 9**7 (4.8 million) scalars: the first node over 1,000,000
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (7, 5, "document has more than 1,000,000 nodes once its aliases are expanded "
         "(an alias bomb?)")
    ]  # fmt: skip


def test_moderate_aliasing_is_fine() -> None:
    lines = ["a0: &a0 [x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 3) + "]" for i in range(1, 8)]
    report = lint_text("\n".join(lines) + "\n", "aliases.yaml")
    assert (report.errors, report.internal_errors) == ((), ())


def test_list_items_supplied_by_a_merge_key_are_located_in_the_merge_source() -> None:
    text = (
        "apiVersion: v1\nkind: List\nx: &b\n  items:\n    - apiVersion: apps/v1\n"
        "      kind: Deployment\n      metadata: {name: x}\n      spec:\n        replicas: 3\n"
        "        template:\n          spec:\n"
        "            containers: [{name: c, image: sedexch/sedex-client}]\n<<: *b\n"
    )
    report = lint_text(text, "list.yaml")
    assert [(f.code, f.line, f.column) for f in report.findings if f.code == "SDX001"] == [
        ("SDX001", 9, 19)
    ]


def test_a_composer_is_freed_without_the_garbage_collector() -> None:
    """No reference cycle keeps a composer, and the nodes it holds, alive after a text is read:
    otherwise every file's parser waits for (and costs) a collection."""
    import gc
    import weakref

    from sedex_lint.textsource import MemoryText, Utf8Stream
    from sedex_lint.yamlparse import _FastComposer

    collecting = gc.isenabled()
    gc.disable()
    try:
        composer = _FastComposer(Utf8Stream(MemoryText("a: &x [1]\nb: *x\n---\nc: 1\n")))
        while composer.check_node():
            composer.get_node()
        freed = weakref.ref(composer)
        del composer
        assert freed() is None
    finally:
        if collecting:
            gc.enable()
