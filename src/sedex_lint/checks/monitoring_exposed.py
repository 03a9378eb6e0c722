"""SDX051: the client's monitoring ports 8000 and 9443 reachable from outside the cluster: a
NodePort, LoadBalancer or externalIPs Service, an Ingress (Route, Gateway API route) or a
hostPort. A ClusterIP Service for in-cluster scraping is fine."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sedex_lint.checks.exposure import Reach, select
from sedex_lint.checks.network_facts import MONITORING_PORTS, Fact
from sedex_lint.checks.network_facts import collect as collect  # the facts SDX050-52 share
from sedex_lint.scopes import Parameters, RunViolation


def _kept(port: int, reach: Reach) -> bool:
    return port in MONITORING_PORTS and reach.external


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    for reach in select(facts, _kept):
        plural = "s" if len(reach.ports) > 1 else ""
        yield RunViolation(
            reach.anchor,
            f"{reach.how} makes the monitoring port{plural} {reach.port_list()} "
            f"{reach.target()} reachable from outside the cluster: the monitoring page shows "
            "the client's internal operational state; scrape it inside the cluster through a "
            "ClusterIP Service instead",
        )
