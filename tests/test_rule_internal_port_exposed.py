"""SDX052 internal-port-exposed: the internal RMI port 11899 declared as a container port or
reached through a Service. How Services, routes and pods are matched is pinned in SDX050's
tests."""

from __future__ import annotations

from tests.run_case import lint_run, run_messages
from tests.sedex_pod import LABELS, ingress, pod, ports, service


def test_a_declared_container_port_is_reported_at_the_field() -> None:
    client = pod(
        ports("{containerPort: 8443}", "{name: rmi, containerPort: 11899}"), metadata=LABELS
    )
    assert lint_run({"c.yaml": client}, "SDX052") == [("SDX052", "c.yaml", 13, 38)]
    assert run_messages({"c.yaml": client}, "SDX052") == [
        "container sedex-client declares port 11899 of this sedex client: the internal RMI "
        "port between the client's controller, adapter and WS-Proxy, encapsulated in the "
        "container; remove this port, nothing outside the container may use it"
    ]


def test_a_sidecar_of_the_client_pod_counts_and_other_workloads_do_not() -> None:
    sidecar = pod("    - name: proxy\n      image: envoy:1.30\n" + ports("{containerPort: 11899}"))
    assert lint_run({"c.yaml": sidecar}, "SDX052") == [("SDX052", "c.yaml", 12, 27)]
    other = pod(ports("{containerPort: 11899}"), image="nginx:1.27")
    assert lint_run({"o.yaml": other}, "SDX052") == []
    udp = pod(ports("{containerPort: 11899, protocol: UDP}"))
    assert lint_run({"u.yaml": udp}, "SDX052") == []


def test_a_host_port_on_it_is_one_finding_at_the_container_port() -> None:
    host = pod(ports("{containerPort: 11899, hostPort: 11899}"))
    assert lint_run({"c.yaml": host}, "SDX052") == [("SDX052", "c.yaml", 10, 27)]


def test_any_service_reaching_it_and_a_route_to_that_service() -> None:
    files = {
        "c.yaml": pod(metadata=LABELS),
        "s.yaml": service("{name: rmi, port: 1099, targetPort: 11899}"),
        "i.yaml": ingress("{service: {name: wsp, port: {number: 1099}}}"),
    }
    assert lint_run(files, "SDX052") == [("SDX052", "s.yaml", 7, 43), ("SDX052", "i.yaml", 6, 56)]
    assert run_messages(files, "SDX052")[0].startswith(
        "Service wsp port 1099 (targetPort 11899) reaches port 11899 of the sedex client Pod "
        "sedex (c.yaml:4):"
    )


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {"c.yaml": pod(metadata=LABELS)}
    files |= {f"s{i:02}.yaml": service(f"{{port: {11899 if i % 2 else 8443}}}") for i in range(16)}
    serial = lint_run(files, "SDX052")
    assert len(serial) == 8
    assert lint_run(files, "SDX052", jobs=2) == serial
