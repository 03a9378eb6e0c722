"""Which client pods a Service selects, for the exposure rules (SDX050-SDX052): an index of
the run's client pods by namespace and label, without their anchors (a run may hold
thousands of clients; the anchors of those that some Service reaches are looked up after).

A Service is matched against the pods that carry its selector's first label (and those whose
controller adds labels), not against every client of the run.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from sedex_lint.checks.network_facts import TCP, ClientPods, NamedPort, ServicePort

_ControllerLabel = Callable[[str, str, str], bool]
"""(label key, label value, workload name) -> whether the controller sets it on every pod."""


class Pod(NamedTuple):
    """What matching needs of a `ClientPods` fact."""

    order: int
    """Its place among the run's `ClientPods` facts."""
    namespace: str | None
    kind: str
    name: str
    labels: tuple[tuple[str, str], ...]
    ports: tuple[NamedPort, ...]


class Pods:
    """The run's client pods by namespace and label."""

    def __init__(self, clients: Iterable[ClientPods]) -> None:
        self.by_label: dict[tuple[str | None, str, str], list[Pod]] = {}
        self.implied: dict[str | None, list[Pod]] = {}
        shared: dict[Any, Any] = {}  # equal port lists and names once, not once per pod
        for order, client in enumerate(clients):
            pod = Pod(
                order,
                shared.setdefault(client.namespace, client.namespace),
                shared.setdefault(client.kind, client.kind),
                client.name,
                client.labels,
                shared.setdefault(client.ports, client.ports),
            )
            if client.kind in _CONTROLLER_LABELS:
                self.implied.setdefault(pod.namespace, []).append(pod)
            for key, value in client.labels:
                self.by_label.setdefault((pod.namespace, key, value), []).append(pod)

    def selected(self, service: ServicePort) -> list[Pod]:
        """The client pods the Service selects, in the order of the run."""
        key, value = service.selector[0]
        # a controller's pods can match the first label without carrying it only when a
        # controller implies that key; otherwise the index is exact (no pass over every
        # StatefulSet of the namespace for every Service: quadratic in a large file)
        implied = self.implied.get(service.namespace, ()) if key in _IMPLIED_KEYS else ()
        candidates = {
            pod.order: pod
            for pod in (*self.by_label.get((service.namespace, key, value), ()), *implied)
        }
        return [
            pod
            for _, pod in sorted(candidates.items())
            if _selects(service.selector, pod, dict(pod.labels))
        ]


def named_port(pod: Pod, name: str | None) -> int | None:
    for port in pod.ports:
        if port.name == name and port.protocol == TCP:
            return port.number
    return None


def _selects(selector: tuple[tuple[str, str], ...], pod: Pod, labels: Mapping[str, str]) -> bool:
    implied = _CONTROLLER_LABELS.get(pod.kind)
    return all(
        labels.get(key) == value or (implied is not None and implied(key, value, pod.name))
        for key, value in selector
    )


def _ordinal(text: str) -> bool:
    return text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0"))


def _stateful_set(key: str, value: str, name: str) -> bool:
    if key == "statefulset.kubernetes.io/pod-name":
        return value.startswith(f"{name}-") and _ordinal(value[len(name) + 1 :])
    return key == "apps.kubernetes.io/pod-index" and _ordinal(value)


def _job(key: str, value: str, name: str) -> bool:
    return key in {"job-name", "batch.kubernetes.io/job-name"} and value == name


def _deployment_config(key: str, value: str, name: str) -> bool:
    if key == "deployment":  # `<name>-<version>`, one per rollout
        return value.startswith(f"{name}-") and _ordinal(value[len(name) + 1 :])
    return key == "deploymentconfig" and value == name


_CONTROLLER_LABELS: dict[str, _ControllerLabel] = {
    # Labels a controller puts on every pod besides the template's, with values known from
    # the manifest: a per-pod Service of a StatefulSet selects `.../pod-name: client-0`.
    "StatefulSet": _stateful_set,
    "Job": _job,
    "DeploymentConfig": _deployment_config,
}
_IMPLIED_KEYS = frozenset(
    # every key that one of the functions above can accept
    {
        "statefulset.kubernetes.io/pod-name",
        "apps.kubernetes.io/pod-index",
        "job-name",
        "batch.kubernetes.io/job-name",
        "deployment",
        "deploymentconfig",
    }
)
