"""The facts behind the exposure rules (SDX050, SDX051, SDX052): the pods of each sedex client
(labels and ports), every Service port, and every backend of an Ingress, an OpenShift Route or
a Gateway API route. Small and picklable, as whole-run facts must be.

Ports follow the API server's reading of an IntOrString: a number is a port number, and any
string, even "8080", is a port name (the API server accepts a name only if it has a letter, so
a quoted number never names a port and the object is refused when it is applied).
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator
from typing import Any, NamedTuple

from sedex_lint.checks.run_facts import namespace_of, per_object
from sedex_lint.model import Path
from sedex_lint.objects import K8sObject, shared
from sedex_lint.scopes import Anchor, Locator
from sedex_lint.workload import Workload, mapping, sequence

TCP = "TCP"
"""The default protocol of a Service port and a container port; the client serves only TCP."""
EXTERNAL_TYPES = frozenset({"NodePort", "LoadBalancer"})
INGRESS_VERSIONS = frozenset(
    {"networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1"}
)
ROUTE_VERSION = "route.openshift.io/v1"
GATEWAY_GROUP = "gateway.networking.k8s.io"
GATEWAY_ROUTES = frozenset({"HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute"})

WSP_HTTP_PORT = 8080
"""SDX050: the WS-Proxy's unencrypted HTTP port."""
MONITORING_PORTS = frozenset({8000, 9443})
"""SDX051: the monitoring page, over HTTP and HTTPS."""
RMI_PORT = 11899
"""SDX052: the internal RMI port."""
WATCHED_PORTS = frozenset({WSP_HTTP_PORT, *MONITORING_PORTS, RMI_PORT})
"""The only client ports the three rules report. A Service port or container port that can
lead to no other port is not kept: a run holds the facts of every object to its end, and
most ports (8443, a business application's 80) can never make a finding."""

_SERVICE_KINDS = (None, "Service")
"""A route's backend `kind`: unset (or null) defaults to Service."""

PortRef = int | str
"""A port number, or a port name."""


class NamedPort(NamedTuple):
    name: str
    number: int
    protocol: str


class ClientPods(NamedTuple):
    """The pods of a workload that runs the sedex client, as a Service selects them."""

    namespace: str | None
    labels: tuple[tuple[str, str], ...]
    kind: str
    name: str
    ports: tuple[NamedPort, ...]
    """Named ports of the long-running containers, in the order Kubernetes searches them."""
    anchor: Anchor
    """At the workload's name."""


class ContainerPort(NamedTuple):
    """A TCP `ports` entry of a long-running container of a sedex client's pod."""

    number: int
    container: str
    anchor: Anchor
    """At `containerPort`."""
    host_port: int | None
    host_anchor: Anchor | None


class ServicePort(NamedTuple):
    """One TCP entry of a Service's `ports`, of a Service that selects pods."""

    namespace: str | None
    service: str
    type: str
    external: bool
    """NodePort or LoadBalancer, or given `externalIPs`: reachable from outside the cluster."""
    selector: tuple[tuple[str, str], ...]
    port: int | None
    name: str | None
    target: PortRef | None
    """`targetPort` as written; None when unset (it is then `port`)."""
    anchor: Anchor
    """At `targetPort`, or at `port` when it is unset."""


class Backend(NamedTuple):
    """A Service that an Ingress, Route or Gateway API route sends traffic to."""

    namespace: str | None
    service: str
    port: PortRef | None
    """What the backend names; None: every port of the Service."""
    pod_port: bool
    """A Route's number is a port of the pods (`targetPort`), not of the Service."""
    route: str
    """The routing object, e.g. `Ingress web`."""
    anchor: Anchor


Fact = ClientPods | ContainerPort | ServicePort | Backend


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    """The object's facts, computed once for SDX050, SDX051 and SDX052."""
    return iter(_facts(obj, workload, at))


@per_object
def _facts(obj: K8sObject, workload: Workload | None, at: Locator) -> tuple[Fact, ...]:
    return tuple(_collect(obj, workload, at))


def _collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is not None:
        if workload.clients:  # a Phase 1 Job serves nothing
            yield from _client_pods(obj, workload, at)
        return
    kind, version = obj.ref.kind, obj.ref.api_version or ""
    if kind == "Service" and version == "v1" and obj.ref.name:
        yield from _service_ports(obj, at)
    elif kind == "Ingress" and version in INGRESS_VERSIONS:
        yield from _ingress_backends(obj, at)
    elif kind == "Route" and version == ROUTE_VERSION:
        yield from _route_backends(obj, at)
    elif kind in GATEWAY_ROUTES and version.partition("/")[0] == GATEWAY_GROUP:
        yield from _gateway_backends(obj, at)


def _port_number(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536:
        return value
    return None


def _port_ref(value: Any) -> PortRef | None:
    return _port_number(value) or (value if isinstance(value, str) and value else None)


def _string_map(value: Any) -> tuple[tuple[str, str], ...] | None:
    """A label map, or None when a key or value is not a string (the API server refuses it)."""
    items = mapping(value).items()
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in items):
        return None
    return tuple(sorted((shared(k), shared(v)) for k, v in items))


def _protocol(entry: dict[str, Any]) -> str:
    protocol = entry.get("protocol")
    return shared(protocol) if isinstance(protocol, str) else TCP


def _client_pods(obj: K8sObject, workload: Workload, at: Locator) -> Iterator[Fact]:
    named: list[NamedPort] = []
    labels = {shared(k): shared(v) for k, v in workload.pod_labels.items() if isinstance(v, str)}
    client = at(("metadata", "name") if obj.ref.name else ())
    for container in (c for c in workload.containers if c.long_running):
        for index, entry in enumerate(sequence(container.data.get("ports"))):
            entry = mapping(entry)
            number = _port_number(entry.get("containerPort"))
            if number is None:
                continue
            if isinstance(entry.get("name"), str) and entry["name"]:
                named.append(NamedPort(shared(entry["name"]), number, _protocol(entry)))
            if _protocol(entry) != TCP or number not in WATCHED_PORTS:
                continue
            path: Path = (*container.path, "ports", index)
            host = _port_number(entry.get("hostPort"))
            host_anchor = at((*path, "hostPort")) if host is not None else None
            yield ContainerPort(
                number, shared(container.name), at((*path, "containerPort")), host, host_anchor
            )
    labelled = tuple(sorted(labels.items()))
    name = obj.ref.name or ""
    yield ClientPods(namespace_of(obj), labelled, workload.kind, name, tuple(named), client)


def _service_ports(obj: K8sObject, at: Locator) -> Iterator[ServicePort]:
    spec = mapping(obj.data.get("spec"))
    kind = spec.get("type") if isinstance(spec.get("type"), str) else "ClusterIP"
    selector = _string_map(spec.get("selector"))
    if kind == "ExternalName" or not selector:  # no selector: endpoints by hand, no pods
        return
    external = kind in EXTERNAL_TYPES or bool(sequence(spec.get("externalIPs")))
    for index, entry in enumerate(sequence(spec.get("ports"))):
        entry = mapping(entry)
        if _protocol(entry) != TCP:
            continue
        written = entry.get("targetPort")
        target = _port_ref(written)
        reached = target if written is not None else _port_number(entry.get("port"))
        if isinstance(reached, int) and reached not in WATCHED_PORTS:
            continue  # a port name can lead anywhere; a number leads only to itself
        field = "targetPort" if written is not None else "port"
        name = entry.get("name") if isinstance(entry.get("name"), str) else None
        yield ServicePort(
            namespace_of(obj),
            obj.ref.name or "",
            shared(kind),
            external,
            selector,
            _port_number(entry.get("port")),
            shared(name),
            shared(target),
            at(("spec", "ports", index, field)),
        )


def _ingress_backends(obj: K8sObject, at: Locator) -> Iterator[Backend]:
    spec = mapping(obj.data.get("spec"))
    places: list[tuple[Path, Any]] = [
        (("spec", "defaultBackend"), spec.get("defaultBackend")),
        (("spec", "backend"), spec.get("backend")),  # its v1beta1 name
    ]
    for i, rule in enumerate(sequence(spec.get("rules"))):
        for j, path in enumerate(sequence(mapping(mapping(rule).get("http")).get("paths"))):
            backend_path: Path = ("spec", "rules", i, "http", "paths", j, "backend")
            places.append((backend_path, mapping(path).get("backend")))
    for where, backend in places:
        backend = mapping(backend)
        service = mapping(backend.get("service"))
        if service:  # networking.k8s.io/v1
            name, port = service.get("name"), mapping(service.get("port"))
            key = "number" if "number" in port else "name" if "name" in port else None
            value = port.get(key) if key else None
            field: Path = ("service", "port", key) if key else ("service", "name")
        else:  # v1beta1: serviceName and servicePort (an IntOrString)
            name, value = backend.get("serviceName"), backend.get("servicePort")
            field = ("servicePort",) if "servicePort" in backend else ("serviceName",)
        if isinstance(name, str) and name:
            anchor = at((*where, *field))
            yield Backend(
                namespace_of(obj), name, _port_ref(value), False, obj.ref.describe(), anchor
            )


def _route_backends(obj: K8sObject, at: Locator) -> Iterator[Backend]:
    """An OpenShift Route: `spec.to` and `spec.alternateBackends` share `spec.port.targetPort`,
    a port of the pods by number or a Service port's name; without it, every port."""
    spec = mapping(obj.data.get("spec"))
    port = mapping(spec.get("port"))
    alternates = enumerate(sequence(spec.get("alternateBackends")))
    targets: list[tuple[Path, Any]] = [(("spec", "to"), spec.get("to"))]
    targets += [(("spec", "alternateBackends", i), target) for i, target in alternates]
    for where, target in targets:
        target = mapping(target)
        name = target.get("name")
        if target.get("kind") not in _SERVICE_KINDS or not isinstance(name, str) or not name:
            continue
        # The finding lands on the port when it says which, otherwise on the Service's name.
        on_port = "targetPort" in port and where == ("spec", "to")
        field = ("spec", "port", "targetPort") if on_port else (*where, "name")
        value = _port_ref(port.get("targetPort"))
        yield Backend(namespace_of(obj), name, value, True, obj.ref.describe(), at(field))


def _gateway_backends(obj: K8sObject, at: Locator) -> Iterator[Backend]:
    """A Gateway API route: `backendRefs` of kind Service (the default) in the core group
    name a Service port by number, in the route's namespace unless they name another."""
    for i, rule in enumerate(sequence(mapping(obj.data.get("spec")).get("rules"))):
        for j, ref in enumerate(sequence(mapping(rule).get("backendRefs"))):
            ref = mapping(ref)
            name, namespace = ref.get("name"), ref.get("namespace")
            core = ref.get("group") in (None, "") and ref.get("kind") in _SERVICE_KINDS
            if not core or not isinstance(name, str) or not name:
                continue
            where = ("spec", "rules", i, "backendRefs", j, "port" if "port" in ref else "name")
            namespace = namespace if isinstance(namespace, str) and namespace else None
            port = _port_number(ref.get("port"))
            route = obj.ref.describe()
            yield Backend(namespace or namespace_of(obj), name, port, False, route, at(where))
