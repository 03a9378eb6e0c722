"""SDX005: the sedex Client container needs its own liveness and readiness probes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.workload import Workload

_ADVICE = {
    "livenessProbe": (
        "without it Kubernetes never restarts a hung client; add one, e.g. exec "
        "/opt/sedex-client/scripts/check-health.sh as in the official example"
    ),
    "readinessProbe": (
        "without it the pod counts as ready while the client is still starting; add one, e.g. "
        "httpGet /monitoring on port 8000 as in the official example (HTTPS 9443 on client 8.x)"
    ),
}


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for client in workload.clients:
        for probe, advice in _ADVICE.items():
            if not isinstance(client.data.get(probe), dict):
                yield Violation(
                    (*client.path, probe),
                    f"sedex Client container {client.name!r} has no {probe}: {advice}; a "
                    "startupProbe does not replace it",
                )
