from __future__ import annotations

import pytest

from tests.conftest import messages, run, triples

CLIENT = """
      containers:
        - name: sedex-client
          image: sedexch/sedex-client:8.0.1_container-1.2.0
"""


def workload(kind: str, spec_lines: str) -> str:
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: sedex\nspec:\n{spec_lines}"
        "  template:\n    spec:" + CLIENT
    )


@pytest.mark.parametrize(
    "kind", ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]
)
def test_more_than_one_replica_points_at_the_value(kind: str) -> None:
    report = run(workload(kind, "  replicas: 3\n"))
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]
    assert messages(report, "SDX001")[0].startswith(f"{kind} runs 3 replicas of the sedex Client")


@pytest.mark.parametrize(
    "spec_lines", ["", "  replicas: 1\n", "  replicas: 0\n", "  replicas: null\n"]
)
def test_one_zero_or_unset_replicas_pass(spec_lines: str) -> None:
    assert triples(run(workload("Deployment", spec_lines)), "SDX001") == []


def test_yaml_1_1_octal_replicas_count_as_kubernetes_reads_them() -> None:
    # Kubernetes reads 010 as octal 8; YAML 1.2 would say 10: either way more than one.
    assert triples(run(workload("StatefulSet", "  replicas: 010\n")), "SDX001") == [
        ("SDX001", 6, 13)
    ]


def test_daemonset_running_the_client_points_at_kind() -> None:
    report = run(workload("DaemonSet", ""))
    assert triples(report, "SDX001") == [("SDX001", 2, 7)]


def test_other_apps_with_many_replicas_are_left_alone() -> None:
    text = workload("Deployment", "  replicas: 5\n").replace(
        "sedexch/sedex-client:8.0.1_container-1.2.0", "nginx:1.27"
    )
    assert triples(run(text), "SDX001") == []


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client",
        "sedexch/sedex-client:latest",
        "docker.io/sedexch/sedex-client:8.0.1",
        "index.docker.io/sedexch/sedex-client:8.0.1",
        "registry.example.ch/mirror/sedexch/sedex-client:8.0.1_container-1.2.0",
        "registry.example.ch:5000/sedexch/sedex-client@sha256:0123abcd",
        "sedexch/sedex-client:8.0.1@sha256:0123abcd",
    ],
)
def test_client_is_recognised_behind_any_registry_tag_or_digest(image: str) -> None:
    text = workload("Deployment", "  replicas: 2\n").replace(
        "sedexch/sedex-client:8.0.1_container-1.2.0", image
    )
    assert triples(run(text), "SDX001") == [("SDX001", 6, 13)]


@pytest.mark.parametrize("image", ["sedexch/sedex-client-tools:1", "example/sedex-client", "nginx"])
def test_similar_images_are_not_the_client(image: str) -> None:
    text = workload("Deployment", "  replicas: 2\n").replace(
        "sedexch/sedex-client:8.0.1_container-1.2.0", image
    )
    assert run(text).counts.sedex_workloads == 0
