"""SDX057: incoming messages routed to the REST API while the REST API is not enabled."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.checks.rest_api_needs_wsp import REST_API
from sedex_lint.checks.rest_api_selector_value import SELECTOR
from sedex_lint.client_settings import flag, setting, unset
from sedex_lint.model import Violation
from sedex_lint.workload import Container, Workload


def _not_enabled(container: Container) -> str | None:
    """How the manifest leaves the REST API off, or None when it is on or unknown."""
    rest = setting(container, REST_API)
    if rest is not None and flag(rest.text) is False:
        return f"sets {REST_API}={rest.text}"
    if unset(container, REST_API):
        return f"does not set {REST_API}, and the REST API is off by default"
    return None


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, SELECTOR)
        if found is None or found.text != "rest-api":
            continue
        how = _not_enabled(container)
        if how is None:
            continue
        yield Violation(
            found.path,
            f"container {container.name!r} routes incoming messages to the REST API "
            f"({SELECTOR}=rest-api) but {how}: messages meant for the business "
            f"applications may be delivered nowhere they look; set {REST_API}=true beside "
            "the selector (the documentation sets both together), or use file-system",
        )
