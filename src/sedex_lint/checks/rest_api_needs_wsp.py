"""SDX053: the Messaging REST API is served by the WS-Proxy, so it needs the WS-Proxy."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.client_settings import flag, setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

REST_API = "MESSAGING_INTERFACE_REST_API_ENABLED"
WSPROXY = "WSPROXY_START"


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        rest, wsproxy = setting(container, REST_API), setting(container, WSPROXY)
        if rest is None or wsproxy is None:
            continue
        if flag(rest.text) is not True or flag(wsproxy.text) is not False:
            continue
        yield Violation(
            rest.path,
            f"container {container.name!r} enables the Messaging REST API ({REST_API}="
            f"{rest.text}) but does not start the WS-Proxy ({WSPROXY}={wsproxy.text}): the "
            "REST API is only available when the WS-Proxy is started, so business "
            f"applications that use it get no answer; remove {WSPROXY}=false or set it to true",
        )
