"""SDX071: the sedex Client container runs as a non-root user."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Path, Violation
from sedex_lint.semantics import k8s_bool, k8s_int
from sedex_lint.workload import Container, Workload, mapping

_ADVICE = (
    "the sedex documentation recommends a non-root user for production; set "
    "securityContext.runAsNonRoot: true and a runAsUser (and fsGroup) that owns the data "
    "stores, as the documentation's chown of sedex-data does"
)


def _effective(workload: Workload, container: Container, key: str) -> tuple[Path, Any] | None:
    """The container's own securityContext field, else the pod's, and where it is written."""
    contexts = (
        (container.data, (*container.path, "securityContext")),
        (workload.pod_spec, (*workload.pod_spec_path, "securityContext")),
    )
    for holder, at in contexts:
        value = mapping(holder.get("securityContext")).get(key)
        if value is not None:
            return (*at, key), value
    return None


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.clients:
        user = _effective(workload, container, "runAsUser")
        uid = k8s_int(user[1]) if user else None
        if uid is not None and uid > 0:
            continue
        if user is not None and uid == 0:
            yield Violation(
                user[0],
                f"sedex Client container {container.name!r} is set to run as root (runAsUser: 0): "
                f"{_ADVICE}",
            )
            continue
        non_root = _effective(workload, container, "runAsNonRoot")
        if non_root is not None and k8s_bool(non_root[1]) is True:
            continue
        where = non_root[0] if non_root else (*container.path, "securityContext")
        yield Violation(
            where,
            f"sedex Client container {container.name!r} may run as root: neither "
            "runAsNonRoot: true nor a non-zero runAsUser is set for it, and the image's "
            f"default user is not documented; {_ADVICE}",
        )
