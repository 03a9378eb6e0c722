"""SDX072: no privileges the sedex Client does not need: privileged mode, added
capabilities, the node's network."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_bool
from sedex_lint.workload import Workload, mapping, sequence

_WHY = (
    "nothing in the sedex documentation requires it, and it widens what a compromised client can do"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    if k8s_bool(workload.pod_spec.get("hostNetwork")) is True:
        yield Violation(
            (*workload.pod_spec_path, "hostNetwork"),
            "the sedex Client pod uses the node's network (hostNetwork: true), so its ports, "
            f"monitoring and WS-Proxy included, open on the node itself: {_WHY}; remove it",
        )
    for container in workload.clients:
        context = mapping(container.data.get("securityContext"))
        at = (*container.path, "securityContext")
        if k8s_bool(context.get("privileged")) is True:
            yield Violation(
                (*at, "privileged"),
                f"sedex Client container {container.name!r} is privileged, with full access "
                f"to the node: {_WHY}; remove privileged: true",
            )
        added = [str(c) for c in sequence(mapping(context.get("capabilities")).get("add"))]
        if added:
            yield Violation(
                (*at, "capabilities", "add"),
                f"sedex Client container {container.name!r} adds the capabilities "
                f"{', '.join(added)}: {_WHY}; remove capabilities.add (and consider "
                "drop: [ALL])",
            )
