"""SDX032: a sedex image with container logic 0.x (the pre-1.0 pilot images)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.image import generation
from sedex_lint.model import Violation
from sedex_lint.workload import Workload


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = generation(container.data.get("image"))
        if found is None or found.container >= (1,):
            continue
        version = ".".join(map(str, found.container))
        yield Violation(
            (*container.path, "image"),
            f"container {container.name!r} runs container logic {version}, a pre-1.0 pilot "
            "image: a client on 0.99 or older cannot migrate automatically to container 1.0 "
            "or later, and most old tags can no longer be pulled, so a rescheduled pod may "
            "not start; plan the manual migration to a current full tag, e.g. "
            "8.0.1_container-1.2.0",
        )
