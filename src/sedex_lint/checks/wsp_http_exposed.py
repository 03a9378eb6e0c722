"""SDX050: the client's deprecated, unencrypted WS-Proxy HTTP port 8080 reached through a
Service, an Ingress (Route, Gateway API route) or a hostPort of the run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sedex_lint.checks.exposure import Reach, select
from sedex_lint.checks.network_facts import WSP_HTTP_PORT, Fact
from sedex_lint.checks.network_facts import collect as collect  # the facts SDX050-52 share
from sedex_lint.scopes import Parameters, RunViolation


def _kept(port: int, reach: Reach) -> bool:
    return port == WSP_HTTP_PORT and reach.via != "declared"  # declaring it opens nothing


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    for reach in select(facts, _kept):
        yield RunViolation(
            reach.anchor,
            f"{reach.how} reaches port 8080 {reach.target()}: the WS-Proxy's unencrypted HTTP "
            "port, deprecated and kept for backwards compatibility only; have business "
            "applications use the WS-Proxy over HTTPS on 8443 and stop exposing 8080",
        )
