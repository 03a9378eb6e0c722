from __future__ import annotations

import pytest

from tests.conftest import messages, run, triples

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: sedex
spec:
  containers:
    - name: sedex-client
      image: sedexch/sedex-client:8.0.1_container-1.2.0
{resources}"""


def pod(resources: str) -> str:
    return POD.format(resources=resources)


def requests_limits(request: str | None, limit: str | None) -> str:
    text = "      resources:\n"
    if request is not None:
        text += f"        requests:\n          memory: {request}\n"
    if limit is not None:
        text += f"        limits:\n          memory: {limit}\n"
    return text


@pytest.mark.parametrize(
    "value", ["1G", "1Gi", "1000Mi", "954Mi", "1e9", "1000000000", "0.5Ti", "'1G'"]
)
def test_enough_memory_passes(value: str) -> None:
    assert triples(run(pod(requests_limits(value, value))), "SDX004") == []


@pytest.mark.parametrize("value", ["950Mi", "953Mi", "512Mi", "999999999", "0.9G", "1000000"])
def test_request_below_minimum_points_at_the_value(value: str) -> None:
    report = run(pod(requests_limits(value, "2Gi")))
    assert triples(report, "SDX004") == [("SDX004", 11, 19)]
    assert "below the 1G (1,000,000,000 bytes)" in messages(report, "SDX004")[0]


def test_limit_only_is_the_request_too() -> None:
    assert triples(run(pod(requests_limits(None, "1Gi"))), "SDX004") == []
    report = run(pod(requests_limits(None, "512Mi")))
    assert triples(report, "SDX004") == [("SDX004", 11, 19)]
    assert "memory limit of 512Mi (536,870,912 bytes)" in messages(report, "SDX004")[0]


def test_limit_below_minimum_is_flagged_even_with_a_high_request() -> None:
    report = run(pod(requests_limits("1Gi", "900Mi")))
    assert triples(report, "SDX004") == [("SDX004", 13, 19)]


@pytest.mark.parametrize("value", ["1gi", "1GB", "1Gb", "1K", "lots"])
def test_invalid_quantity_says_so(value: str) -> None:
    report = run(pod(requests_limits(value, None)))
    assert triples(report, "SDX004") == [("SDX004", 11, 19)]
    assert "is not a valid Kubernetes quantity" in messages(report, "SDX004")[0]


def test_no_memory_at_all_points_at_resources_or_container() -> None:
    assert triples(
        run(pod("      resources:\n        requests:\n          cpu: 1\n")), "SDX004"
    ) == [("SDX004", 9, 7)]
    assert triples(run(pod("")), "SDX004") == [("SDX004", 7, 7)]


SIDECAR = """\
    - name: istio-proxy
      image: istio/proxyv2:1.24
{resources}"""


def test_sidecar_without_memory_is_flagged() -> None:
    text = pod(requests_limits("1Gi", "1Gi")) + SIDECAR.format(resources="")
    report = run(text)
    assert triples(report, "SDX004") == [("SDX004", 14, 7)]
    assert "'istio-proxy' runs beside the sedex Client" in messages(report, "SDX004")[0]


def test_sidecar_with_memory_passes() -> None:
    text = pod(requests_limits("1Gi", "1Gi")) + SIDECAR.format(
        resources=requests_limits("128Mi", None)
    )
    assert triples(run(text), "SDX004") == []


def test_native_sidecar_needs_memory_but_plain_init_container_does_not() -> None:
    text = pod(requests_limits("1Gi", "1Gi")) + (
        "  initContainers:\n"
        "    - name: setup\n      image: busybox\n"
        "    - name: log-shipper\n      image: fluent-bit\n      restartPolicy: Always\n"
    )
    assert triples(run(text), "SDX004") == [("SDX004", 17, 7)]


def test_pod_level_memory_must_cover_client_and_sidecars() -> None:
    sidecar = SIDECAR.format(resources=requests_limits("256Mi", None))
    low = pod("") + sidecar + "  resources:\n    limits:\n      memory: 1Gi\n"
    report = run(low)
    assert triples(report, "SDX004") == [("SDX004", 16, 15)]
    assert "1,268,435,456 bytes in all" in messages(report, "SDX004")[0]
    enough = low.replace("memory: 1Gi\n", "memory: 1280Mi\n")
    assert triples(run(enough), "SDX004") == []


def test_minimum_is_a_parameter() -> None:
    from sedex_lint.api import lint_text
    from sedex_lint.registry import RuleSet, builtin_rules

    rules = builtin_rules()
    stricter = RuleSet(
        tuple(
            rule if rule.code != "SDX004" else rule._replace(parameters={"minimum": "1Gi"})
            for rule in rules.rules
        )
    )
    report = lint_text(pod(requests_limits("1G", "1G")), "p.yaml", stricter)
    assert triples(report, "SDX004") == [("SDX004", 11, 19), ("SDX004", 13, 19)]
