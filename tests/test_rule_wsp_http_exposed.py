"""SDX050 wsp-http-exposed: a Service, a route to one, or a hostPort reaches the client's
port 8080. The matching of Services, routes and pods that SDX051 and SDX052 share is pinned
here."""

from __future__ import annotations

import pytest

from tests.run_case import lint_run, run_messages
from tests.sedex_pod import LABELS, ingress, phase_one_job, pod, ports, service

CLIENT = pod(ports("{name: wsp-http, containerPort: 8080}"), metadata=LABELS)
BACKEND = "{service: {name: wsp, port: {number: 80}}}"


def test_a_service_in_another_file_or_on_stdin_is_reported_at_its_target_port() -> None:
    files = {
        "client.yaml": CLIENT,
        "by-number.yaml": service("{port: 80, targetPort: 8080}"),
        "-": service("{port: 80, targetPort: wsp-http}", "{port: 8080}"),
    }
    assert lint_run(files, "SDX050") == [
        ("SDX050", "by-number.yaml", 7, 30),
        ("SDX050", "-", 7, 30),
        ("SDX050", "-", 8, 14),
    ]
    assert run_messages(files, "SDX050")[0] == (
        "Service wsp port 80 (targetPort 8080) reaches port 8080 of the sedex client Pod "
        "sedex (client.yaml:4): the WS-Proxy's unencrypted HTTP port, deprecated and kept for "
        "backwards compatibility only; have business applications use the WS-Proxy over HTTPS "
        "on 8443 and stop exposing 8080"
    )


def test_every_service_type_counts_and_a_port_the_client_does_not_serve_does_not() -> None:
    node_port = service("{port: 80, targetPort: 8080}", spec="  type: NodePort\n")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": node_port}, "SDX050") == [
        ("SDX050", "s.yaml", 7, 30)
    ]
    https = service("{port: 443, targetPort: 8443}", "{port: 80, targetPort: 80}")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": https}, "SDX050") == []


def test_the_port_is_reached_even_if_no_container_declares_it() -> None:
    bare = pod(metadata=LABELS)
    assert lint_run({"c.yaml": bare, "s.yaml": service("{port: 8080}")}, "SDX050") == [
        ("SDX050", "s.yaml", 7, 14)
    ]


def test_a_name_resolves_in_any_long_running_container_with_the_protocol() -> None:
    sidecar = pod(
        "    - name: proxy\n      image: envoy:1.30\n"
        + ports(
            "{name: web, containerPort: 8080}", "{name: dns, containerPort: 8080, protocol: UDP}"
        ),
        metadata=LABELS,
    )
    files = {"c.yaml": sidecar, "s.yaml": service("{port: 80, targetPort: web}")}
    assert lint_run(files, "SDX050") == [("SDX050", "s.yaml", 7, 30)]
    udp = service("{port: 53, targetPort: dns, protocol: UDP}", "{port: 54, targetPort: dns}")
    assert lint_run({"c.yaml": sidecar, "s.yaml": udp}, "SDX050") == []
    native = pod(
        "      ports: [{containerPort: 8443}]\n",
        spec="  initContainers:\n    - name: proxy\n      image: envoy:1.30\n"
        "      restartPolicy: Always\n" + ports("{name: web, containerPort: 8080}"),
        metadata=LABELS,
    )
    files = {"c.yaml": native, "s.yaml": service("{port: 80, targetPort: web}")}
    assert lint_run(files, "SDX050") == [("SDX050", "s.yaml", 7, 30)]


def test_a_quoted_number_is_a_port_name_which_the_api_server_refuses() -> None:
    quoted = service("{port: 80, targetPort: '8080'}")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": quoted}, "SDX050") == []
    hex_int = service("{port: 80, targetPort: 0x1F90}")  # kubectl reads YAML 1.1 ints
    assert lint_run({"c.yaml": CLIENT, "s.yaml": hex_int}, "SDX050") == [
        ("SDX050", "s.yaml", 7, 30)
    ]


@pytest.mark.parametrize(
    ("selector", "found"),
    [
        ("{app: sedex}", True),
        ("{app: sedex, tier: wsp}", False),
        ("{app: other}", False),
        ("{}", False),
        ("{app: 1}", False),  # a label value must be a string: the API server refuses it
    ],
)
def test_the_selector_must_match_every_label(selector: str, found: bool) -> None:
    files = {"c.yaml": CLIENT, "s.yaml": service("{port: 8080}", selector=selector)}
    assert bool(lint_run(files, "SDX050")) is found


def test_a_service_without_selector_or_of_type_external_name_selects_no_pod() -> None:
    manual = service("{port: 8080}").replace("  selector: {app: sedex}\n", "")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": manual}, "SDX050") == []
    external = service("{port: 8080}", spec="  type: ExternalName\n  externalName: a.ch\n")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": external}, "SDX050") == []


def test_labels_a_stateful_set_controller_adds_are_selected() -> None:
    stateful = (
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: sedex\nspec:\n"
        "  template:\n    spec:\n      containers:\n        - name: sedex-client\n"
        "          image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
    )
    for selector, found in [("sedex-0", True), ("sedex-12", True), ("sedex-01", False)]:
        per_pod = service(
            "{port: 8080}", selector=f"{{statefulset.kubernetes.io/pod-name: {selector}}}"
        )
        assert bool(lint_run({"c.yaml": stateful, "s.yaml": per_pod}, "SDX050")) is found


def test_the_namespace_must_match_unset_matching_only_unset() -> None:
    pairs = {(None, None): True, ("prod", "prod"): True, (None, "default"): False}
    pairs |= {("default", None): False, ("prod", "test"): False}
    for (first, second), found in pairs.items():
        client_ns = f"  namespace: {first}\n" if first else ""
        service_ns = f"  namespace: {second}\n" if second else ""
        client = pod(ports("{containerPort: 8080}"), metadata=LABELS + client_ns)
        files = {"c.yaml": client, "s.yaml": service("{port: 8080}", metadata=service_ns)}
        assert bool(lint_run(files, "SDX050")) is found, (first, second)


def test_phase_one_and_other_workloads_are_not_the_client() -> None:
    job = phase_one_job().replace(
        "    spec:\n", "    metadata:\n      labels: {app: sedex}\n    spec:\n", 1
    )
    other = pod(image="nginx:1.27", metadata=LABELS)
    for workload in (job, other):
        assert lint_run({"w.yaml": workload, "s.yaml": service("{port: 8080}")}, "SDX050") == []


def test_a_host_port_publishes_it_and_a_declaration_alone_does_not() -> None:
    host = pod(ports("{containerPort: 8080, hostPort: 30080}"), metadata=LABELS)
    assert lint_run({"c.yaml": host}, "SDX050") == [("SDX050", "c.yaml", 12, 43)]
    assert lint_run({"c.yaml": CLIENT}, "SDX050") == []


def test_ingress_backends_by_number_and_by_name_and_the_old_api() -> None:
    by_name = "{service: {name: wsp, port: {name: http}}}"
    old = "{serviceName: wsp, servicePort: http}"
    files = {
        "c.yaml": CLIENT,
        "s.yaml": service("{name: http, port: 80, targetPort: 8080}"),
        "number.yaml": ingress(BACKEND),
        "name.yaml": ingress(by_name),
        "old.yaml": ingress(old, api="networking.k8s.io/v1beta1"),
        "other.yaml": ingress("{service: {name: wsp, port: {number: 443}}}"),
    }
    assert lint_run(files, "SDX050") == [
        ("SDX050", "s.yaml", 7, 42),
        ("SDX050", "number.yaml", 6, 56),
        ("SDX050", "name.yaml", 6, 54),
        ("SDX050", "old.yaml", 6, 51),
    ]
    assert run_messages(files, "SDX050")[1].startswith(
        "Ingress web, through Service wsp port 80, reaches port 8080 of the sedex client Pod "
        "sedex (c.yaml:4):"
    )


def test_ingress_rules_are_read_and_the_namespace_is_the_ingress_own() -> None:
    rules = (
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n"
        "  namespace: prod\nspec:\n  rules:\n    - http:\n        paths:\n"
        "          - backend: {service: {name: wsp, port: {number: 8080}}}\n"
    )
    prod = "  namespace: prod\n"
    files = {
        "c.yaml": pod(metadata=LABELS + prod),
        "s.yaml": service("{port: 8080}", metadata=prod),
        "i.yaml": rules,
    }
    assert lint_run(files, "SDX050") == [("SDX050", "s.yaml", 8, 14), ("SDX050", "i.yaml", 10, 59)]
    files["s.yaml"] = service("{port: 8080}")
    assert lint_run(files, "SDX050") == []


def test_openshift_routes_and_gateway_api_routes() -> None:
    route = (
        "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: web\nspec:\n"
        "  to: {kind: Service, name: wsp}\n  port: {targetPort: PORT}\n"
    )
    http_route = (
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n"
        "spec:\n  rules:\n    - backendRefs: [{name: wsp, port: PORT}]\n"
    )
    both = service(
        "{name: http, port: 80, targetPort: 8080}", "{name: https, port: 443, targetPort: 8443}"
    )
    for text, port, found in [
        (route, "8080", True),  # a Route's number is a port of the pods
        (route, "80", False),
        (route, "http", True),  # a name is a Service port's
        (route, "https", False),
        (http_route, "80", True),  # a Gateway API route's number is the Service port
        (http_route, "8080", False),
    ]:
        files = {"c.yaml": CLIENT, "s.yaml": both, "r.yaml": text.replace("PORT", port)}
        found_in_route = [place for place in lint_run(files, "SDX050") if place[1] == "r.yaml"]
        assert bool(found_in_route) is found, (text[:40], port)
    no_port = route.replace("  port: {targetPort: PORT}\n", "")
    files = {"c.yaml": CLIENT, "s.yaml": both, "r.yaml": no_port}
    assert ("SDX050", "r.yaml", 6, 29) in lint_run(files, "SDX050")


def test_one_finding_per_service_port_naming_every_client_it_reaches() -> None:
    files = {"a.yaml": CLIENT, "b.yaml": CLIENT, "s.yaml": service("{port: 8080}")}
    assert lint_run(files, "SDX050") == [("SDX050", "s.yaml", 7, 14)]
    assert "client Pod sedex (a.yaml:4), Pod sedex (b.yaml:4):" in run_messages(files, "SDX050")[0]


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {"client.yaml": CLIENT, "in.yaml": ingress(BACKEND)}
    files |= {
        f"s{i:02}.yaml": service(f"{{port: {80 if i % 2 else 81}, targetPort: 8080}}")
        for i in range(16)
    }
    serial = lint_run(files, "SDX050")
    assert len(serial) == 17
    assert lint_run(files, "SDX050", jobs=2) == serial
