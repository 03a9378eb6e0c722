"""Which ports of a sedex client's pods a run exposes, and through what. SDX050, SDX051 and
SDX052 share these facts and this matching; each keeps the reaches it is about and words its
own message.

A Service reaches a client's pods when its selector matches their labels in the same
namespace (an unset namespace matches only another unset one, see `run_facts`). Its
`targetPort` (or, unset, its `port`) is a number, or a name that Kubernetes looks up in the
pod's containers, then native sidecars, with the Service port's protocol: the first match
wins. The number reached is a port of the whole pod, which shares one network namespace, so
the client listens on it whichever container declares it, or whether any does.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Literal, NamedTuple

from sedex_lint.checks.network_facts import (
    TCP,
    Backend,
    ClientPods,
    ContainerPort,
    Fact,
    PortRef,
    ServicePort,
)
from sedex_lint.checks.run_facts import where
from sedex_lint.scopes import Anchor

Via = Literal["service", "route", "host", "declared"]
_ControllerLabel = Callable[[str, str, str], bool]
"""(label key, label value, workload name) -> whether the controller sets it on every pod."""


class Reach(NamedTuple):
    anchor: Anchor
    """Where the finding lands: a Service's `targetPort`, a backend's port, a `hostPort`..."""
    ports: tuple[int, ...]
    """The client's ports reached, in ascending order."""
    how: str
    """What reaches them, e.g. `LoadBalancer Service web port 443 (targetPort 8443)`."""
    via: Via
    external: bool
    """Reachable from outside the cluster: a NodePort, LoadBalancer or externalIPs Service,
    an Ingress, Route or Gateway API route, or a hostPort."""
    clients: tuple[Anchor, ...]
    """The client workloads reached; none when the reach is in the client's own manifest."""

    def target(self) -> str:
        if not self.clients:
            return "of this sedex client"
        named = ", ".join(f"{a.object.describe()} ({where(a)})" for a in self.clients)
        return f"of the sedex client {named}"

    def port_list(self) -> str:
        return " and ".join(str(port) for port in self.ports)


def select(facts: Sequence[Fact], keep: Callable[[int, Reach], bool]) -> Iterator[Reach]:
    """The reaches of the run that `keep` accepts for one of their ports, one per place: a
    Service port or backend that reaches several kept ports, or several clients, is one
    finding naming them all."""
    merged: dict[tuple[object, ...], Reach] = {}
    for reach in _all_reaches(facts):
        ports = tuple(port for port in reach.ports if keep(port, reach))
        if not ports:
            continue
        key = (reach.anchor.file, reach.anchor.document, reach.anchor.path)
        seen = merged.get(key)
        if seen is None:
            merged[key] = reach._replace(ports=ports)
            continue
        clients = seen.clients + tuple(c for c in reach.clients if c not in seen.clients)
        merged[key] = seen._replace(ports=tuple(sorted({*seen.ports, *ports})), clients=clients)
    yield from merged.values()


_last: tuple[list[Fact], list[Reach]] | None = None


def _all_reaches(facts: Sequence[Fact]) -> list[Reach]:
    """Every reach of the run. The three rules share the same fact objects (network_facts
    hands each object's facts to all three), so the matching of the last run is reused when
    the facts are the very same objects."""
    global _last
    same = _last is not None and len(_last[0]) == len(facts)
    if _last is not None and same and all(a is b for a, b in zip(_last[0], facts, strict=True)):
        return _last[1]
    _last = (list(facts), list(_reaches(facts)))
    return _last[1]


def _reaches(facts: Sequence[Fact]) -> Iterator[Reach]:
    pods = _Pods(fact for fact in facts if isinstance(fact, ClientPods))
    services: dict[tuple[str | None, str], list[tuple[ServicePort, dict[int, list[Anchor]]]]]
    services = {}
    for fact in facts:
        if isinstance(fact, ServicePort):
            reached = _reached(fact, pods)
            services.setdefault((fact.namespace, fact.service), []).append((fact, reached))
            for port, clients in reached.items():
                how = _service(fact)
                yield Reach(fact.anchor, (port,), how, "service", fact.external, tuple(clients))
        elif isinstance(fact, ContainerPort):
            if fact.host_anchor is not None:
                how = f"hostPort {fact.host_port} (container {fact.container}) on the node"
                yield Reach(fact.host_anchor, (fact.number,), how, "host", True, ())
            how = f"container {fact.container}"
            yield Reach(fact.anchor, (fact.number,), how, "declared", False, ())
    for fact in facts:
        if isinstance(fact, Backend):
            for service, reached in services.get((fact.namespace, fact.service), []):
                if fact.port is not None and not _backend_names(fact, service, reached):
                    continue
                how = f"{fact.route}, through Service {fact.service}{_port_label(fact.port)},"
                for port, clients in reached.items():
                    if not (fact.pod_port and isinstance(fact.port, int) and port != fact.port):
                        yield Reach(fact.anchor, (port,), how, "route", True, tuple(clients))


def _backend_names(backend: Backend, service: ServicePort, reached: Mapping[int, object]) -> bool:
    """A name is a Service port's name; a number is its `port`, or for a Route a port of the
    pods it leads to."""
    if isinstance(backend.port, str):
        return backend.port == service.name
    if backend.pod_port:
        return backend.port in reached
    return backend.port == service.port


_Entry = tuple[int, ClientPods, dict[str, str]]
"""A client pod with its place in the run and its labels as a dict."""


class _Pods:
    """The run's client pods by namespace and label: a Service is matched against the pods
    that carry its selector's first label (and those whose controller adds labels), not
    against every client of the run."""

    def __init__(self, pods: Iterable[ClientPods]) -> None:
        self.by_label: dict[tuple[str | None, str, str], list[_Entry]] = {}
        self.implied: dict[str | None, list[_Entry]] = {}
        for order, client in enumerate(pods):
            entry = (order, client, dict(client.labels))
            if client.kind in _CONTROLLER_LABELS:
                self.implied.setdefault(client.namespace, []).append(entry)
            for key, value in client.labels:
                self.by_label.setdefault((client.namespace, key, value), []).append(entry)

    def selected(self, service: ServicePort) -> list[ClientPods]:
        """The clients whose pods the Service selects, in the order of the run."""
        key, value = service.selector[0]
        # a controller's pods can match the first label without carrying it only when a
        # controller implies that key; otherwise the index is exact (no pass over every
        # StatefulSet of the namespace for every Service: quadratic in a large file)
        implied = self.implied.get(service.namespace, ()) if key in _IMPLIED_KEYS else ()
        candidates = {
            order: (client, labels)
            for order, client, labels in (
                *self.by_label.get((service.namespace, key, value), ()),
                *implied,
            )
        }
        return [
            client
            for _, (client, labels) in sorted(candidates.items())
            if _selects(service.selector, client, labels)
        ]


def _reached(service: ServicePort, pods: _Pods) -> dict[int, list[Anchor]]:
    """Port of the pods -> the client workloads whose pods the Service port reaches there."""
    reached: dict[int, list[Anchor]] = {}
    target = service.target if service.target is not None else service.port
    for client in pods.selected(service):
        port = target if isinstance(target, int) else _named(client, target)
        if port is not None:
            reached.setdefault(port, []).append(client.anchor)
    return reached


def _named(client: ClientPods, name: str | None) -> int | None:
    for port in client.ports:
        if port.name == name and port.protocol == TCP:
            return port.number
    return None


def _selects(
    selector: tuple[tuple[str, str], ...], client: ClientPods, labels: Mapping[str, str]
) -> bool:
    implied = _CONTROLLER_LABELS.get(client.kind)
    return all(
        labels.get(key) == value or (implied is not None and implied(key, value, client.name))
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


def _service(service: ServicePort) -> str:
    kind = "" if service.type == "ClusterIP" else f"{service.type} "
    ips = " with externalIPs" if service.external and service.type == "ClusterIP" else ""
    port = f" port {service.port}" if service.port is not None else ""
    target = f" (targetPort {service.target})" if service.target is not None else ""
    return f"{kind}Service {service.service}{ips}{port}{target}"


def _port_label(port: PortRef | None) -> str:
    return "" if port is None else f" port {port}"
