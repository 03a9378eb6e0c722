"""SDX002: a rollout must stop the old sedex Client before it starts the new one (Recreate)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.workload import Workload, mapping

_WHY = (
    "RollingUpdate starts the new sedex Client before the old one stops, so two clients run "
    "for one participant and messages get lost"
)
_ROLLING_WHY = (
    "a Rolling deployment starts the new sedex Client before the old one stops, so two clients "
    "run for one participant and messages get lost"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.clients:
        return
    if workload.kind == "Deployment":
        yield from _deployment(workload.spec)
    elif workload.kind == "DeploymentConfig":
        yield from _deployment_config(workload.spec)
    elif workload.kind == "Rollout":
        yield from _rollout(workload.spec)


def _deployment(spec: dict[str, Any]) -> Iterator[Violation]:
    strategy = spec.get("strategy")
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


def _deployment_config(spec: dict[str, Any]) -> Iterator[Violation]:
    """OpenShift: `Rolling` (the default), `Recreate` or `Custom`."""
    strategy = spec.get("strategy")
    kind = mapping(strategy).get("type")
    if kind == "Recreate":
        return
    if kind is None:
        where = ("spec", "strategy", "type") if strategy is not None else ("spec", "strategy")
        yield Violation(
            where,
            f"DeploymentConfig sets no strategy type, so OpenShift uses Rolling: {_ROLLING_WHY}; "
            "set spec.strategy.type: Recreate",
        )
    elif kind == "Rolling":
        yield Violation(
            ("spec", "strategy", "type"),
            f"strategy type Rolling: {_ROLLING_WHY}; use Recreate",
        )
    elif kind == "Custom":
        yield Violation(
            ("spec", "strategy", "type"),
            "strategy type Custom: nothing guarantees that the old sedex Client stops before "
            "the new one starts; use Recreate",
        )
    else:
        yield Violation(("spec", "strategy", "type"), _wrong_type_message(kind))


def _rollout(spec: dict[str, Any]) -> Iterator[Violation]:
    """Argo Rollouts has no Recreate: canary and blue-green both run old and new pods together."""
    strategy = mapping(spec.get("strategy"))
    used = next((name for name in ("canary", "blueGreen") if name in strategy), None)
    where = ("spec", "strategy", used) if used else ("spec", "strategy")
    shown = f"the {used} strategy" if used else "its default canary strategy"
    yield Violation(
        where,
        f"an Argo Rollout replaces the sedex Client with {shown}, which runs the old and the "
        "new pod together: two clients for one participant, and messages get lost; Argo "
        "Rollouts has no Recreate strategy, so run the client as a Deployment with "
        "strategy.type: Recreate",
    )


def _wrong_type_message(kind: object) -> str:
    if isinstance(kind, str) and kind.lower() == "recreate":
        return (
            f"strategy type {kind!r} is not 'Recreate': Kubernetes values are case-sensitive "
            "and rejects it; write exactly Recreate"
        )
    if kind == "RollingUpdate":
        return f"strategy type RollingUpdate: {_WHY}, even with maxSurge: 0; use Recreate"
    return f"strategy type {kind!r} is not 'Recreate'; set spec.strategy.type: Recreate"
