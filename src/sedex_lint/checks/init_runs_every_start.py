"""SDX022: Phase 1 must run once, not as an initContainer of the running client's pod."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Path, Violation
from sedex_lint.workload import Container, Workload, sequence


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    for container in workload.phase_one:
        if container.init:
            yield Violation(
                script_path(container),
                f"initContainer {container.name!r} runs the sedex init script at every start "
                "of the client's pod, but the initial configuration must run exactly once: run "
                "again, it can misconfigure the client and lose the private key or messages; "
                "run it once as a Job before the first start, then remove it",
            )


def script_path(container: Container) -> Path:
    """Where the init script is written: the command, else the arguments."""
    field = "command" if sequence(container.data.get("command")) else "args"
    return (*container.path, field)
