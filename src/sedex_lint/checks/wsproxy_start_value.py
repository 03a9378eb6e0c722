"""SDX056: `WSPROXY_START` is `true` or `false`, nothing else."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.checks.rest_api_needs_wsp import WSPROXY
from sedex_lint.client_settings import setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, WSPROXY)
        if found is None or found.text in ("true", "false"):
            continue
        yield Violation(
            found.path,
            f"container {container.name!r} sets {WSPROXY} to {found.text!r}, but the sedex "
            "documentation allows only true (the default) and false: how the client reads "
            "any other value is not documented, so whether the WS-Proxy, and the REST API "
            "with it, starts is left to chance; write true or false",
        )
