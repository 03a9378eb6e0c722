"""SDX033: `latest` with a pull policy that keeps whatever copy a node already has."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.checks.image_latest import floats_on_latest
from sedex_lint.image import parse_image
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

_KEEPING = ("IfNotPresent", "Never")


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        reference = container.data.get("image")
        policy = container.data.get("imagePullPolicy")
        if not isinstance(reference, str) or policy not in _KEEPING:
            continue
        if not floats_on_latest(parse_image(reference)):
            continue
        yield Violation(
            (*container.path, "imagePullPolicy"),
            f"container {container.name!r} runs {reference.strip()!r} with imagePullPolicy "
            f"{policy}: a node that already holds an older latest keeps running it, so the "
            "sedex Client version depends on the node the pod lands on, and a reschedule can "
            "move the client to an older version; pin a full tag (then IfNotPresent is right)",
        )
