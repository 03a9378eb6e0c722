"""SDX002: a Deployment must replace the sedex Client with Recreate, never RollingUpdate."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.workload import Workload, mapping

_WHY = (
    "RollingUpdate starts the new sedex Client before the old one stops, so two clients run "
    "for one participant and messages get lost"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if workload.kind != "Deployment":
        return
    strategy = workload.spec.get("strategy")
    if strategy is None:
        yield Violation(
            ("spec", "strategy"),
            f"Deployment sets no update strategy, so Kubernetes uses RollingUpdate: {_WHY}; "
            "add spec.strategy.type: Recreate",
        )
        return
    kind = mapping(strategy).get("type")
    if kind is None:
        yield Violation(
            ("spec", "strategy", "type"),
            f"spec.strategy has no type, so Kubernetes uses RollingUpdate: {_WHY}; "
            "set spec.strategy.type: Recreate",
        )
    elif kind != "Recreate":
        yield Violation(("spec", "strategy", "type"), _wrong_type_message(kind))


def _wrong_type_message(kind: object) -> str:
    if isinstance(kind, str) and kind.lower() == "recreate":
        return (
            f"strategy type {kind!r} is not 'Recreate': Kubernetes values are case-sensitive "
            "and rejects it; write exactly Recreate"
        )
    if kind == "RollingUpdate":
        return f"strategy type RollingUpdate: {_WHY}, even with maxSurge: 0; use Recreate"
    return f"strategy type {kind!r} is not 'Recreate'; set spec.strategy.type: Recreate"
