"""Rules give the answer Kubernetes would, whichever YAML spelling a manifest uses."""

from __future__ import annotations

import pytest

from tests.conftest import BROKEN, messages, run, triples


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
