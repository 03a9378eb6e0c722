"""SDX009: the client pod must give the sedex Client time to shut down gracefully."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_int
from sedex_lint.workload import Workload

FIELD = "terminationGracePeriodSeconds"
_WHY = (
    "stopping the sedex Client can take up to 65 seconds, and Kubernetes kills it when the "
    "grace period ends, cutting its clean-up of temporary data short"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    minimum = int(params["minimum"])
    if FIELD not in workload.pod_spec:
        yield Violation(
            workload.pod_spec_path,
            f"the pod sets no {FIELD}, so Kubernetes allows 30 s: {_WHY}; set {FIELD}: {minimum}",
        )
        return
    at = (*workload.pod_spec_path, FIELD)
    written = workload.pod_spec[FIELD]
    seconds = k8s_int(written)
    if written is None:
        yield Violation(
            at, f"{FIELD} is null, so Kubernetes allows 30 s: {_WHY}; set {FIELD}: {minimum}"
        )
    elif seconds is None:
        # A quoted "90", 65.5 or true: the API server refuses the pod, and nothing here can
        # say whether the intended number would be long enough.
        yield Violation(
            at,
            f"{FIELD} is {_shown(written)}, not a whole number of seconds, so the API server "
            f"refuses the pod; write a plain number of at least {minimum}",
        )
    elif seconds < minimum:
        yield Violation(
            at, f"{FIELD} is {seconds}, below {minimum}: {_WHY}; raise it to at least {minimum}"
        )


def _shown(value: Any) -> str:
    """The written value for the message: scalars as YAML shows them, collections by kind."""
    if isinstance(value, str):
        return f'the string "{value}"' if len(value) <= 40 else "a string"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "a list" if isinstance(value, list) else "a mapping"
