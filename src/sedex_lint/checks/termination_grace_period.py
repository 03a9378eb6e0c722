"""SDX009: the client pod must give the sedex Client time to shut down gracefully."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_int
from sedex_lint.workload import Workload

_WHY = (
    "stopping the sedex Client can take up to 65 seconds, and Kubernetes kills it when the "
    "grace period ends, cutting its clean-up of temporary data short"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    minimum = int(params["minimum"])
    written = workload.pod_spec.get("terminationGracePeriodSeconds")
    seconds = k8s_int(written)
    if written is None:
        yield Violation(
            workload.pod_spec_path,
            f"the pod sets no terminationGracePeriodSeconds, so Kubernetes allows 30 s: {_WHY}; "
            f"set terminationGracePeriodSeconds: {minimum}",
        )
    elif seconds is not None and seconds < minimum:
        yield Violation(
            (*workload.pod_spec_path, "terminationGracePeriodSeconds"),
            f"terminationGracePeriodSeconds is {seconds}, below {minimum}: {_WHY}; "
            f"raise it to at least {minimum}",
        )
