"""SDX051 monitoring-exposed: the monitoring ports 8000 and 9443 reachable from outside the
cluster. How Services, routes and pods are matched is pinned in SDX050's tests."""

from __future__ import annotations

import pytest

from tests.run_case import lint_run, run_messages
from tests.sedex_pod import LABELS, ingress, pod, ports, service

CLIENT = pod(ports("{name: monitoring, containerPort: 8000}"), metadata=LABELS)


@pytest.mark.parametrize(
    ("spec", "found"),
    [
        ("  type: LoadBalancer\n", True),
        ("  type: NodePort\n", True),
        ("  externalIPs: [192.0.2.10]\n", True),
        ("", False),  # ClusterIP: scraping inside the cluster is fine
        ("  type: ClusterIP\n  clusterIP: None\n", False),
    ],
)
def test_a_service_reachable_from_outside_is_reported_at_its_target_port(
    spec: str, found: bool
) -> None:
    text = service("{port: 80, targetPort: monitoring}", "{port: 443, targetPort: 9443}", spec=spec)
    expected = [("SDX051", "s.yaml", 7, 30), ("SDX051", "s.yaml", 8, 31)] if found else []
    assert lint_run({"c.yaml": CLIENT, "s.yaml": text}, "SDX051") == expected


def test_the_message_names_the_service_type_and_the_client() -> None:
    files = {"c.yaml": CLIENT, "s.yaml": service("{port: 8000}", spec="  type: LoadBalancer\n")}
    assert run_messages(files, "SDX051") == [
        "LoadBalancer Service wsp port 8000 makes the monitoring port 8000 of the sedex client "
        "Pod sedex (c.yaml:4) reachable from outside the cluster: the monitoring page shows the "
        "client's internal operational state; scrape it inside the cluster through a ClusterIP "
        "Service instead"
    ]


def test_other_ports_of_an_external_service_are_not_this_rules_business() -> None:
    text = service("{port: 443, targetPort: 8443}", spec="  type: LoadBalancer\n")
    assert lint_run({"c.yaml": CLIENT, "s.yaml": text}, "SDX051") == []


def test_an_ingress_makes_a_cluster_ip_service_reachable_from_outside() -> None:
    files = {
        "c.yaml": CLIENT,
        "s.yaml": service("{name: monitoring, port: 8000}"),
        "i.yaml": ingress("{service: {name: wsp, port: {name: monitoring}}}"),
    }
    assert lint_run(files, "SDX051") == [("SDX051", "i.yaml", 6, 54)]


def test_a_route_to_every_port_is_one_finding_naming_both_ports() -> None:
    route = (
        "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: web\nspec:\n"
        "  to: {name: wsp}\n"
    )
    both = service("{name: http, port: 8000}", "{name: https, port: 9443}")
    files = {"c.yaml": CLIENT, "s.yaml": both, "r.yaml": route}
    assert lint_run(files, "SDX051") == [("SDX051", "r.yaml", 6, 14)]
    assert run_messages(files, "SDX051")[0].startswith(
        "Route web, through Service wsp, makes the monitoring ports 8000 and 9443 of the sedex "
        "client Pod sedex (c.yaml:4) reachable from outside the cluster"
    )


def test_a_host_port_publishes_it_on_the_node() -> None:
    host = pod(ports("{containerPort: 9443, hostPort: 9443}"), metadata=LABELS)
    assert lint_run({"c.yaml": host}, "SDX051") == [("SDX051", "c.yaml", 12, 43)]
    assert run_messages({"c.yaml": host}, "SDX051")[0].startswith(
        "hostPort 9443 (container sedex-client) on the node makes the monitoring port 9443 of "
        "this sedex client reachable from outside the cluster"
    )


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {"c.yaml": CLIENT}
    files |= {
        f"s{i:02}.yaml": service("{port: 8000}", spec="  type: NodePort\n" if i % 2 else "")
        for i in range(16)
    }
    serial = lint_run(files, "SDX051")
    assert len(serial) == 8
    assert lint_run(files, "SDX051", jobs=2) == serial
