"""SDX014 rollout-workload-ref: a Rollout's workloadRef to a client's Deployment, whole run."""

from __future__ import annotations

from tests.run_case import lint_run

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex
{namespace}spec:
  template:
    spec:
      containers:
        - name: sedex-client
          image: {image}
"""
ROLLOUT = """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: sedex
{namespace}spec:
  workloadRef:
    {kind}name: sedex
"""


def deployment(
    namespace: str = "", image: str = "sedexch/sedex-client:8.0.1_container-1.2.0"
) -> str:
    return DEPLOYMENT.format(namespace=namespace, image=image)


def rollout(namespace: str = "", kind: str = "kind: Deployment\n    ") -> str:
    return ROLLOUT.format(namespace=namespace, kind=kind)


def test_a_rollout_of_the_clients_deployment_in_another_file_is_reported_at_workload_ref() -> None:
    assert lint_run({"d.yaml": deployment(), "-": rollout()}, "SDX014") == [("SDX014", "-", 6, 3)]


def test_a_work_load_ref_without_kind_means_a_deployment() -> None:
    assert lint_run({"d.yaml": deployment(), "r.yaml": rollout(kind="")}, "SDX014") == [
        ("SDX014", "r.yaml", 6, 3)
    ]


def test_other_namespaces_kinds_and_images_are_left_alone() -> None:
    ns = "  namespace: prod\n"
    assert lint_run({"d.yaml": deployment(ns), "r.yaml": rollout()}, "SDX014") == []
    assert lint_run({"d.yaml": deployment(ns), "r.yaml": rollout(ns)}, "SDX014") == [
        ("SDX014", "r.yaml", 7, 3)
    ]
    other_kind = rollout(kind="kind: StatefulSet\n    ")
    assert lint_run({"d.yaml": deployment(), "r.yaml": other_kind}, "SDX014") == []
    assert lint_run({"d.yaml": deployment(image="nginx:1"), "r.yaml": rollout()}, "SDX014") == []
