"""SDX052: the client's internal RMI port 11899 declared as a container port or reached
through a Service (or a route to one): it serves only the client's own processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sedex_lint.checks.exposure import Reach, select
from sedex_lint.checks.network_facts import RMI_PORT, Fact
from sedex_lint.checks.network_facts import collect as collect  # the facts SDX050-52 share
from sedex_lint.scopes import Parameters, RunViolation


def _kept(port: int, reach: Reach) -> bool:
    # A hostPort is reported at its containerPort, which the entry always declares.
    return port == RMI_PORT and reach.via != "host"


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    for reach in select(facts, _kept):
        verb = "declares" if reach.via == "declared" else "reaches"
        yield RunViolation(
            reach.anchor,
            f"{reach.how} {verb} port 11899 {reach.target()}: the internal RMI port between "
            "the client's controller, adapter and WS-Proxy, encapsulated in the container; "
            "remove this port, nothing outside the container may use it",
        )
