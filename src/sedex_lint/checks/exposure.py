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
    """What the three rules share of one run: the Services that reach client pods, and the
    routes through them, matched once."""

    by_fact: dict[int, list[Reach]]
    """Place of a ServicePort fact among the run's facts -> its reaches."""
    routes: list[Reach]
    """The reaches of Ingresses, Routes and Gateway API routes, in the order of their facts."""


def _all_reaches(facts: Sequence[Fact]) -> Iterator[Reach]:
    """Every reach of the run, in the order of its facts; routes come last. One reading of
    the facts: what no Service matching needs (a container's own ports) is made here."""
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
    yield from matching.routes


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


_Reached = dict[int, list[int]]
"""Port of the pods -> the client workloads (`Pod.order`) reached there."""


def _match(facts: Sequence[Fact]) -> _Matching:
    """Three readings of the facts: the client pods, then the Services that select them,
    then the anchors of the clients reached and the routes through those Services."""
    pods = Pods(fact for fact in facts if isinstance(fact, ClientPods))
    found: list[tuple[int, ServicePort, _Reached]] = []
    services: dict[tuple[str | None, str], list[tuple[ServicePort, _Reached]]] = {}
    for order, fact in enumerate(facts):
        if isinstance(fact, ServicePort):
            reached = _reached(fact, pods)
            if reached:  # a route through a Service that reaches no client reaches none
                found.append((order, fact, reached))
                services.setdefault((fact.namespace, fact.service), []).append((fact, reached))
    wanted = {
        client for _, _, by_port in found for clients in by_port.values() for client in clients
    }
    anchors: dict[int, Anchor] = {}
    routes: list[tuple[Backend, ServicePort, _Reached]] = []
    client_order = 0
    for fact in facts:
        if isinstance(fact, ClientPods):
            if client_order in wanted:
                anchors[client_order] = fact.anchor
            client_order += 1
        elif isinstance(fact, Backend):
            for service, reached in services.get((fact.namespace, fact.service), []):
                if fact.port is None or _backend_names(fact, service, reached):
                    routes.append((fact, service, reached))

    def clients(orders: list[int]) -> tuple[Anchor, ...]:
        return tuple(anchors[order] for order in orders)

    matching = _Matching({}, [])
    for order, service, reached in found:
        how = _service(service)
        matching.by_fact[order] = [
            Reach(service.anchor, (port,), how, "service", service.external, clients(orders))
            for port, orders in reached.items()
        ]
    for backend, _, reached in routes:
        how = f"{backend.route}, through Service {backend.service}{_port_label(backend.port)},"
        for port, orders in reached.items():
            if not (backend.pod_port and isinstance(backend.port, int) and port != backend.port):
                matching.routes.append(
                    Reach(backend.anchor, (port,), how, "route", True, clients(orders))
                )
    return matching


def _reached(service: ServicePort, pods: Pods) -> _Reached:
    """Where the Service port reaches the pods of which clients."""
    reached: _Reached = {}
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
