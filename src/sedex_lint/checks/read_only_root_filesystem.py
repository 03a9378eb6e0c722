"""SDX073: the sedex Client container's root filesystem is read-only."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.semantics import k8s_bool
from sedex_lint.workload import Workload, mapping


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.clients:
        context = mapping(container.data.get("securityContext"))
        written = context.get("readOnlyRootFilesystem")
        if k8s_bool(written) is True:
            continue
        if written is None:
            state = "is not set"
        else:
            state = "is false" if k8s_bool(written) is False else f"is {written!r}, not true"
        yield Violation(
            (*container.path, "securityContext", "readOnlyRootFilesystem"),
            f"sedex Client container {container.name!r}: readOnlyRootFilesystem {state}, so "
            "anything that runs in it can change the image's files; the sedex Client "
            "supports a read-only root filesystem, which the documentation says further "
            "increases the container's security, and writes only to its volumes; set "
            "securityContext.readOnlyRootFilesystem: true",
        )
