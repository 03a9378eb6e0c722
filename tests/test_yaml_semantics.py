"""Rules give the answer Kubernetes would, whichever YAML spelling a manifest uses."""

from __future__ import annotations

from typing import Any

import pytest

from sedex_lint.api import lint_text
from sedex_lint.construct import construct_document
from sedex_lint.yamlparse import iter_documents
from tests.conftest import BROKEN, manifest, messages, run, triples


@pytest.mark.parametrize(
    ("written", "replicas"),
    [("2", 2), ("010", 8), ("0x3", 3), ("0b11", 3), ("1_0", 10), ("2.0", 2), ("+3", 3)],
)
def test_replicas_are_read_as_kubernetes_reads_integers(written: str, replicas: int) -> None:
    report = run(BROKEN.replace("replicas: 2", f"replicas: {written}"))
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]
    assert messages(report, "SDX001")[0].startswith(f"Deployment runs {replicas} replicas")


@pytest.mark.parametrize("written", ["01", "0b1", "0x1", "1.0", '"3"', "three", "true"])
def test_one_replica_or_a_value_kubernetes_rejects_is_not_a_replica_finding(written: str) -> None:
    # a quoted "3" or a word is not an integer field value: the API server refuses the object
    assert triples(run(BROKEN.replace("replicas: 2", f"replicas: {written}")), "SDX001") == []


@pytest.mark.parametrize("written", ["true", "True", "yes", "on", "Y", "ON"])
def test_yaml_1_1_booleans_in_boolean_fields(written: str) -> None:
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace(
        "{name: data, mountPath: /sedex-data}",
        f"{{name: data, mountPath: /sedex-data, readOnly: {written}}}",
    )
    assert [rule for rule, _, _ in triples(run(text))] == ["SDX003"]


@pytest.mark.parametrize("written", ["false", "no", "off", "n"])
def test_false_spellings_are_not_read_only(written: str) -> None:
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace(
        "{name: data, mountPath: /sedex-data}",
        f"{{name: data, mountPath: /sedex-data, readOnly: {written}}}",
    )
    assert triples(run(text)) == []


@pytest.mark.parametrize(
    "written", ["1e9", "1E9", '"1e9"', "1000000000", "1_000_000_000", "0.001Ti"]
)
def test_memory_quantities_in_any_yaml_spelling(written: str) -> None:
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace("1Gi", written)
    assert triples(run(text), "SDX004") == []


def test_octal_quantity_is_what_kubernetes_reads() -> None:
    # 07346545000 is octal under Kubernetes' YAML rules: 1,000,000,000 bytes exactly
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace("1Gi", "07346545000")
    assert triples(run(text), "SDX004") == []


def value_of(text: str) -> Any:
    return construct_document(next(iter_documents(text))).value["v"]


# What `kubectl annotate --local -f FILE -o json` printed for `v: TEXT` (kubectl 1.37). An
# integral number within int64 is an integer in the JSON kubectl sends, whatever its spelling.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0X2", 2), ("0B10", 2), ("0O7", 7), ("0o7", 7), ("+0x2", 2), ("-0x2", -2),
        ("0x_2", 2), ("0b_1", 1), ("0_7", 7), ("08", 8), ("09", 9), ("010", 8), ("-010", -8),
        ("1_000", 1000), ("1__0", 10), ("1_", 1), ("-_1", -1), ("-0", 0), ("00", 0),
        ("1e3", 1000), (".5e3", 500), ("1.", 1), ("2.0", 2), ("-0.0", 0), ("1e-400", 0),
        ("9223372036854775807", 9223372036854775807),
        ("-9223372036854775808", -9223372036854775808),
        ("-0x8000000000000000", -9223372036854775808),
        ("4611686018427387904.0", 4611686018427388000),
        ("9007199254740993.0", 9007199254740992),
        (".5", 0.5), ("-.5", -0.5), ("+.5", 0.5), ("1_000.5", 1000.5), (".5_0", 0.5),
        ("1e-3", 0.001), ("0.1", 0.1), ("1e20", 1e20), ("1e21", 1e21), ("1e3_0", 1e30),
        ("9223372036854775808", 9.223372036854776e18), ("0x8000000000000000", 2.0**63),
        ("18446744073709551616", 2.0**64), ("-9223372036854775809", -(2.0**63)),
        ("0b" + "1" * 64, 2.0**64),
        ("0x1p3", "0x1p3"), ("0x10000000000000000", "0x10000000000000000"),
        ("-0x8000000000000001", "-0x8000000000000001"), ("+0x8000000000000000",
         "+0x8000000000000000"), ("1e400", "1e400"), ("._5", "._5"), (".5__0", ".5__0"),
        ("_1", "_1"), ("0x", "0x"), ("0O8", "0O8"), ("+Inf", "+Inf"), ("+.nan", "+.nan"),
        ("1:20", "1:20"), ("2001-12-14", "2001-12-14"),
        ("yes", True), ("Yes", True), ("YES", True), ("y", True), ("Y", True), ("on", True),
        ("On", True), ("ON", True), ("True", True), ("TRUE", True), ("n", False), ("N", False),
        ("no", False), ("off", False), ("OFF", False), ("False", False),
        ("yEs", "yEs"), ("oFF", "oFF"), ("tRUE", "tRUE"),
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
        ("nULL", "nULL"), ("<<", "<<"), ('"yes"', "yes"), ("'010'", "010"), ('" 1Gi "', " 1Gi "),
        ("!!str 010", "010"), ('!!int "010"', 8), ("!!float 3", 3), ("!!float '0.5'", 0.5),
        ("!!bool yes", True), ('!!null ""', None), ("!foo 3", "3"), ("!!binary aGVsbG8=", "hello"),
        ("!!binary /w==", "\ufffd"), ("!!timestamp 2001-12-14", "2001-12-14"),
    ],
)  # fmt: skip
def test_plain_scalars_are_what_kubectl_sends(text: str, value: Any) -> None:
    read = value_of(f"v: {text}\n")
    assert (read, type(read)) == (value, type(value))


def test_keys_are_the_strings_kubectl_makes_of_them() -> None:
    text = (
        "v: {yes: a, n: b, 010: c, 0x10: d, 1.5: e, 0.1: f, 123456789.5: g, 1e3: h, 2.0: i,"
        " 1e21: j, 1e39: k, -.inf: l, .nan: m, -0.0: nn, 99999999999999999999999: o,"
        " 2001-12-14: p, !!binary aGk=: q, '1 ': r}\n"
    )
    assert value_of(text) == {
        "true": "a", "false": "b", "8": "c", "16": "d", "1.5": "e", "0.1": "f",
        "1.2345679e+08": "g", "1000": "h", "2": "i", "1e+21": "j", ".inf": "k", "-.inf": "l",
        ".nan": "m", "-0": "nn", "1e+23": "o", "2001-12-14": "p", "hi": "q", "1 ": "r",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("v: .inf", 1, 4, "'.inf' is not a number: JSON, which kubectl sends to the API server, "
         "has no infinity or NaN"),
        ("v: [1, -.Inf]", 1, 8, "'-.Inf' is not a number: JSON, which kubectl sends to the API "
         "server, has no infinity or NaN"),
        ("v: !!float .nan", 1, 4, "'.nan' is not a number: JSON, which kubectl sends to the API "
         "server, has no infinity or NaN"),
        ("v: {~: 1}", 1, 5, "the key '~' reads as null, not a JSON key"),
        ("v: {0x8000000000000000: 1}", 1, 5,
         "the key '0x8000000000000000' reads as an unsigned 64-bit integer, not a JSON key"),
        ("v: {[a]: 1}", 1, 5, "a mapping or sequence cannot be a key"),
        ("v: {<<: 1}", 1, 5, "'<<' merges only a mapping or a list of mappings"),
        ("s: &s [{a: 1}]\nv: {<<: *s}", 2, 5, "'<<' merges only a mapping or a list of mappings"),
        ("v: {<<: [{a: 1}, 2]}", 1, 5, "'<<' merges only a mapping or a list of mappings"),
        ("v: &v [*v]", 1, 4, "an anchor contains an alias to itself"),
        ("v: &v {a: 1, <<: *v}", 1, 4, "an anchor contains an alias to itself"),
        ("v: !!int abc", 1, 4, "cannot decode !!str `abc` as a !!int"),
        ("v: !!int 1.5", 1, 4, "cannot decode !!float `1.5` as a !!int"),
        ("v: !!int 08", 1, 4, "cannot decode !!float `08` as a !!int"),
        ("v: !!bool ~", 1, 4, "cannot decode !!null `~` as a !!bool"),
        ("v: !!float 9223372036854775808", 1, 4,
         "cannot decode !!int `9223372036854775808` as a !!float"),
        ("v: !!binary '!!'", 1, 4, "!!binary value contains invalid base64 data"),
    ],
)  # fmt: skip
def test_documents_kubectl_refuses_are_input_errors(
    text: str, line: int, column: int, reason: str
) -> None:
    report = lint_text("apiVersion: v1\nkind: ConfigMap\n" + text + "\n", "refused.yaml")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (line + 2, column, f"kubectl refuses the document: {reason}")
    ]


@pytest.mark.parametrize(
    "text", ["v: .inf\nv: 1", "v: {~: 1}\nv: 1", "v: [.nan]\n<<: {v: 2}", "<<: {v: .inf}\nv: 3"]
)
def test_a_refused_value_that_is_overwritten_is_never_sent(text: str) -> None:
    report = lint_text("apiVersion: v1\nkind: ConfigMap\n" + text + "\n", "replaced.yaml")
    assert report.errors == ()


@pytest.mark.parametrize(
    ("written", "replicas"),
    [("0X2", 2), ("+0x2", 2), ("0B10", 2), ("0O7", 7), ("08", 8), ("1e1", 10), ("2e0", 2)],
)
def test_more_integer_spellings_kubernetes_reads(written: str, replicas: int) -> None:
    report = run(BROKEN.replace("replicas: 2", f"replicas: {written}"))
    assert messages(report, "SDX001")[0].startswith(f"Deployment runs {replicas} replicas")


@pytest.mark.parametrize("written", ["0X40000000", "0x4000_0000", '"1Gi "', "' 1Gi'"])
def test_hexadecimal_and_space_padded_memory_is_one_gibibyte(written: str) -> None:
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace("1Gi", written)
    assert triples(run(text), "SDX004") == []


@pytest.mark.parametrize("written", ['"true"', "'yes'", '"on"'])
def test_a_quoted_boolean_is_not_read_only(written: str) -> None:
    # the API server refuses a string in a boolean field (SDX090 says so at the value); it
    # does not mean read-only
    text = BROKEN.replace("replicas: 2", "replicas: 1").replace(
        "{name: data, mountPath: /sedex-data}",
        f"{{name: data, mountPath: /sedex-data, readOnly: {written}}}",
    )
    assert triples(run(text)) == [("SDX090", 20, 62)]


def test_scalars_keep_their_spaces() -> None:
    assert value_of("v: {mountPath: '/sedex-data ', b: ' x', c: x   }\n") == {
        "mountPath": "/sedex-data ",
        "b": " x",
        "c": "x",
    }


def document_value(text: str) -> Any:
    return construct_document(next(iter_documents(manifest(text)))).value


# go-yaml v2, as kubectl reads YAML: each `<<` overwrites what is set before it, a key after it
# overwrites it, and of `<<: [*a, *b]` the first source wins. Checked with kubectl annotate.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("type: Recreate\n<<: {type: RollingUpdate}", {"type": "RollingUpdate"}),
        ("replicas: 1\n<<: {replicas: 3}", {"replicas": 3}),
        ("<<: {replicas: 3}\nreplicas: 1", {"replicas": 1}),
        ("<<: {a: 1}\n<<: {a: 2}", {"a": 2}),
        ("a: 0\n<<: [{a: 1}, {a: 2}]", {"a": 1}),
        ("<<: [{a: 1}, {a: 2, b: 2}]\nc: 3", {"a": 1, "b": 2, "c": 3}),
        ("<<: {a: 1, <<: {a: 2, b: 2}}", {"a": 2, "b": 2}),
        ("a: 1\n<<: {}\n<<: []", {"a": 1}),
        ('"<<": {a: 1}', {"<<": {"a": 1}}),
        ('!!merge "<<": {a: 1}', {"a": 1}),
    ],
)
def test_merge_keys_are_applied_in_order_and_overwrite(text: str, value: Any) -> None:
    assert document_value(text) == value


def test_merge_sources_by_alias_in_order() -> None:
    text = """
        base: &base {type: RollingUpdate, a: 1}
        other: &other {type: Recreate, b: 2}
        strategy:
          type: Recreate
          <<: [*base, *other]
        """
    assert document_value(text)["strategy"] == {"type": "RollingUpdate", "a": 1, "b": 2}


def test_a_recreate_strategy_overwritten_by_a_merge_is_rolling_update_to_the_cluster() -> None:
    text = BROKEN.replace(
        "    type: Recreate\n", "    type: Recreate\n    <<: {type: RollingUpdate}\n"
    )
    assert triples(lint_text(BROKEN, "m.yaml"), "SDX002") == []
    assert triples(lint_text(text, "m.yaml"), "SDX002") == [("SDX002", 9, 16)]


def test_the_same_key_in_two_spellings_is_a_duplicate_key() -> None:
    # `yes` and `on` are both the key "true" to kubectl, which keeps the last
    report = run(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        data:
          yes: "1"
          on: "2"
        """
    )
    assert triples(report) == [("SDX010", 6, 3)]
    assert [f.path for f in report.findings] == [("data", "true")]


def test_a_block_scalar_at_the_end_of_a_file_keeps_its_line_break() -> None:
    # kubectl's line reader ends the last line with a break even when the file does not
    assert document_value("a: |\n  text") == {"a": "text\n"}
    assert document_value("a: |-\n  text") == {"a": "text"}
