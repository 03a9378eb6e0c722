"""SDX055: the Messaging REST API exists from sedex Client 7.0 on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.checks.rest_api_needs_wsp import REST_API
from sedex_lint.client_settings import flag, setting
from sedex_lint.image import generation
from sedex_lint.model import Violation
from sedex_lint.workload import Workload


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = generation(container.data.get("image"))
        if found is None or found.client >= (7,):
            continue
        rest = setting(container, REST_API)
        if rest is None or flag(rest.text) is not True:
            continue
        version = ".".join(map(str, found.client))
        yield Violation(
            rest.path,
            f"container {container.name!r} enables the Messaging REST API ({REST_API}="
            f"{rest.text}), but its image runs sedex Client {version}, and the REST API "
            "exists only from client 7.0 on: business applications that use it get no "
            "answer; use an image with client 7.0 or later, e.g. 8.0.1_container-1.2.0, or "
            "keep the file-system interface",
        )
