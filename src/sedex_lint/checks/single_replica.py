"""SDX001: at most one sedex Client pod per participant."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_int
from sedex_lint.workload import Workload

_REPLICATED_KINDS = frozenset({"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"})


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if workload.kind == "DaemonSet":
        yield Violation(
            ("kind",),
            "a DaemonSet runs one sedex Client pod on every matching node, but at most one "
            "client may run per sedex participant; use a Deployment with replicas: 1 and "
            "strategy Recreate, or a StatefulSet with replicas: 1",
        )
    elif workload.kind in _REPLICATED_KINDS:
        replicas = k8s_int(workload.spec.get("replicas"))
        if replicas is not None and replicas > 1:
            yield Violation(
                ("spec", "replicas"),
                f"{workload.kind} runs {replicas} replicas of the sedex Client, but at most "
                "one client may run per sedex participant, or messages get lost; "
                "set spec.replicas to 1",
            )
