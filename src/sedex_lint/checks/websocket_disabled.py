"""SDX060: WebSocket communication with the sedex server switched off."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.client_settings import flag, setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

WEBSOCKET = "WEBSOCKET_ENABLED"


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, WEBSOCKET)
        if found is None or flag(found.text) is not False:
            continue
        yield Violation(
            found.path,
            f"container {container.name!r} sets {WEBSOCKET}={found.text}: the client then "
            "polls the sedex server instead of receiving WebSocket events, and a message "
            "round trip takes about 10 minutes instead of a few seconds; remove the "
            "variable unless your network really cannot carry WebSocket connections",
        )
