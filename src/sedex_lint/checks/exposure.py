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

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Literal, NamedTuple

from sedex_lint.checks.network_facts import (
    Backend,
    ClientPods,
    ContainerPort,
    Fact,
    PortRef,
    ServicePort,
)
from sedex_lint.checks.pod_selection import Pods, named_port
from sedex_lint.checks.run_facts import where
from sedex_lint.packed import RunFacts
from sedex_lint.scopes import Anchor

Via = Literal["service", "route", "host", "declared"]


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


_MEMO = "exposure"


class _Matching(NamedTuple):
    """The Services of a run that reach client pods, matched once for the three rules."""

    by_fact: dict[int, list[Reach]]
    """Place of a ServicePort fact among the run's facts -> its reaches."""
    services: dict[tuple[str | None, str], list[tuple[ServicePort, dict[int, list[Anchor]]]]]
    """(namespace, name) of a Service -> its ports that reach a client, with what they reach."""


def _all_reaches(facts: Sequence[Fact]) -> Iterator[Reach]:
    """Every reach of the run, in the order of its facts; routes come last."""
    matching = _matching(facts)
    for order, fact in enumerate(facts):
        if isinstance(fact, ServicePort):
            yield from matching.by_fact.get(order, ())
        elif isinstance(fact, ContainerPort):
            if fact.host_anchor is not None:
                how = f"hostPort {fact.host_port} (container {fact.container}) on the node"
                yield Reach(fact.host_anchor, (fact.number,), how, "host", True, ())
            how = f"container {fact.container}"
            yield Reach(fact.anchor, (fact.number,), how, "declared", False, ())
    for fact in facts:
        if isinstance(fact, Backend):
            for service, reached in matching.services.get((fact.namespace, fact.service), []):
                if fact.port is not None and not _backend_names(fact, service, reached):
                    continue
                how = f"{fact.route}, through Service {fact.service}{_port_label(fact.port)},"
                for port, clients in reached.items():
                    if not (fact.pod_port and isinstance(fact.port, int) and port != fact.port):
                        yield Reach(fact.anchor, (port,), how, "route", True, tuple(clients))


def _matching(facts: Sequence[Fact]) -> _Matching:
    """The three rules get the same view of the same facts (`RunFacts`), so the matching is
    done once per run; only the matching is kept, the facts stay packed and each rule reads
    them again. Facts given as a plain sequence are matched every time."""
    if not isinstance(facts, RunFacts):
        return _match(facts)
    found = facts.memo.get(_MEMO)
    if not isinstance(found, _Matching):
        found = facts.memo[_MEMO] = _match(facts)
    return found


def _match(facts: Sequence[Fact]) -> _Matching:
    pods = Pods(fact for fact in facts if isinstance(fact, ClientPods))
    found: list[tuple[int, ServicePort, dict[int, list[int]]]] = []
    for order, fact in enumerate(facts):
        if isinstance(fact, ServicePort):
            reached = _reached(fact, pods)
            if reached:  # a route through a Service that reaches no client reaches none
                found.append((order, fact, reached))
    wanted = {
        client for _, _, reached in found for clients in reached.values() for client in clients
    }
    anchors = {
        order: client.anchor
        for order, client in enumerate(fact for fact in facts if isinstance(fact, ClientPods))
        if order in wanted
    }
    matching = _Matching({}, {})
    for order, service, reached in found:
        by_port = {port: [anchors[c] for c in clients] for port, clients in reached.items()}
        matching.services.setdefault((service.namespace, service.service), []).append(
            (service, by_port)
        )
        how = _service(service)
        matching.by_fact[order] = [
            Reach(service.anchor, (port,), how, "service", service.external, tuple(clients))
            for port, clients in by_port.items()
        ]
    return matching


def _reached(service: ServicePort, pods: Pods) -> dict[int, list[int]]:
    """Port of the pods -> the client workloads (`Pod.order`) whose pods the Service port
    reaches there."""
    reached: dict[int, list[int]] = {}
    target = service.target if service.target is not None else service.port
    for pod in pods.selected(service):
        port = target if isinstance(target, int) else named_port(pod, target)
        if port is not None:
            reached.setdefault(port, []).append(pod.order)
    return reached


def _backend_names(backend: Backend, service: ServicePort, reached: Mapping[int, object]) -> bool:
    """A name is a Service port's name; a number is its `port`, or for a Route a port of the
    pods it leads to."""
    if isinstance(backend.port, str):
        return backend.port == service.name
    if backend.pod_port:
        return backend.port in reached
    return backend.port == service.port


def _service(service: ServicePort) -> str:
    kind = "" if service.type == "ClusterIP" else f"{service.type} "
    ips = " with externalIPs" if service.external and service.type == "ClusterIP" else ""
    port = f" port {service.port}" if service.port is not None else ""
    target = f" (targetPort {service.target})" if service.target is not None else ""
    return f"{kind}Service {service.service}{ips}{port}{target}"


def _port_label(port: PortRef | None) -> str:
    return "" if port is None else f" port {port}"
