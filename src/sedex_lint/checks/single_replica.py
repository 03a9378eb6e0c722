"""SDX001: at most one sedex Client pod per participant."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_int
from sedex_lint.workload import Workload, mapping

REPLICATED_KINDS = frozenset(
    {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "DeploymentConfig",
     "Rollout"}
)  # fmt: skip
"""Kinds whose `spec.replicas` is the number of pods (and so of clients); the fix uses it too."""
_ONE_CLIENT = "at most one client may run per sedex participant, or messages get lost"


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    yield from _clients_in_one_pod(workload)
    if workload.kind == "DaemonSet":
        yield Violation(
            ("kind",),
            "a DaemonSet runs one sedex Client pod on every matching node, but at most one "
            "client may run per sedex participant; use a Deployment with replicas: 1 and "
            "strategy Recreate, or a StatefulSet with replicas: 1",
        )
    elif workload.kind in REPLICATED_KINDS:
        replicas = k8s_int(workload.spec.get("replicas"))
        if replicas is not None and replicas > 1:
            yield Violation(
                ("spec", "replicas"),
                f"{workload.kind} runs {replicas} replicas of the sedex Client, but "
                f"{_ONE_CLIENT}; set spec.replicas to 1",
            )
    elif workload.kind == "Job":
        yield from _parallel_job(workload.spec, ("spec",), "Job")
    elif workload.kind == "CronJob":
        yield from _cron_job(workload)


def _clients_in_one_pod(workload: Workload) -> Iterator[Violation]:
    first, *others = workload.clients or (None,)
    for other in others:
        assert first is not None
        yield Violation(
            other.path,
            f"container {other.name!r} runs the sedex Client a second time in the pod of "
            f"container {first.name!r}: two clients for one participant, but {_ONE_CLIENT}; "
            "run one sedex Client container per pod",
        )


def _parallel_job(job_spec: dict[str, Any], at: tuple[str, ...], kind: str) -> Iterator[Violation]:
    parallelism = k8s_int(job_spec.get("parallelism"))
    if parallelism is not None and parallelism > 1:
        yield Violation(
            (*at, "parallelism"),
            f"{kind} runs {parallelism} pods of the sedex Client in parallel, but {_ONE_CLIENT}; "
            "set parallelism to 1",
        )


def _cron_job(workload: Workload) -> Iterator[Violation]:
    yield from _parallel_job(
        mapping(mapping(workload.spec.get("jobTemplate")).get("spec")),
        ("spec", "jobTemplate", "spec"),
        "CronJob",
    )
    policy = workload.spec.get("concurrencyPolicy")
    if policy == "Forbid":
        return
    if policy is None:
        why = "sets no concurrencyPolicy, so Kubernetes uses Allow: a run starts"
    elif policy == "Replace":
        why = (
            "uses concurrencyPolicy Replace, which deletes the running Job and starts the new "
            "one at once, so the old client may still be shutting down"
        )
    else:
        why = f"uses concurrencyPolicy {policy!r}, so a run starts"
    if policy is None or policy != "Replace":
        why += " while the previous one still runs the sedex Client"
    yield Violation(
        ("spec", "concurrencyPolicy"),
        f"CronJob {why}: two clients for one participant, but {_ONE_CLIENT}; "
        "set spec.concurrencyPolicy: Forbid",
    )
