"""SDX008: nothing keeps exactly one client running in a bare Pod or a CronJob."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.workload import Workload

_WHY = {
    "Pod": (
        "a bare Pod is not replaced when its node fails or it is evicted, so the participant "
        "silently stops exchanging messages"
    ),
    "CronJob": (
        "a CronJob starts the client on a schedule, so it runs only part of the time, and a "
        "late or retried run can start a second client next to the first"
    ),
}


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    why = _WHY.get(workload.kind)
    if workload.clients and why is not None:
        yield Violation(
            ("kind",),
            f"{workload.kind} runs the sedex Client, but {why}; run it as a Deployment with "
            "replicas: 1 and strategy Recreate, or a StatefulSet with replicas: 1",
        )
