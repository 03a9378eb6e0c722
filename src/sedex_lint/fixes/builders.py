"""What each rule's fix changes, as paths and values; `spans` turns them into text edits.

A builder gets one finding's object and path and returns a `Plan`, or None when no fix is
unambiguous. It re-reads the value at the path, so it never fixes what the finding did not
mean (an invalid quantity, a DaemonSet, a value in a form it cannot judge).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sedex_lint.checks.single_replica import REPLICATED_KINDS
from sedex_lint.client_probes import probe_for
from sedex_lint.model import Path
from sedex_lint.objects import K8sObject
from sedex_lint.quantity import QuantityError, parse_quantity
from sedex_lint.workload import Container, Workload, mapping

_GRACE = "terminationGracePeriodSeconds"


@dataclass(frozen=True)
class Site:
    """Where a finding is: its object, its path inside the object, the rule's parameters."""

    obj: K8sObject
    path: Path
    workload: Workload | None
    parameters: Mapping[str, Any]

    def value(self, path: Path) -> Any:
        data: Any = self.obj.data
        for segment in path:
            if isinstance(data, dict):
                data = data.get(str(segment))
            elif isinstance(data, list) and isinstance(segment, int) and segment < len(data):
                data = data[segment]
            else:
                return None
        return data


@dataclass(frozen=True)
class Set:
    path: Path
    value: Any


@dataclass(frozen=True)
class Remove:
    path: Path


Operation = Set | Remove


@dataclass(frozen=True)
class Plan:
    title: str
    """What the fix does, for the summary: 'set spec.replicas to 1'."""
    operations: tuple[Operation, ...]
    safe: bool = True
    """False when it changes more than the rule's field (applied with --unsafe-fixes only)."""


Builder = Callable[[Site], Plan | None]


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dotted(path: Path) -> str:
    return ".".join(map(str, path))


def _set(path: Path, value: Any, safe: bool = True) -> Plan:
    return Plan(f"set {_dotted(path)} to {value}", (Set(path, value),), safe)


def single_replica(site: Site) -> Plan | None:
    """SDX001: one replica, no parallel Job pods, no overlapping CronJob runs."""
    kind, path, value = site.obj.ref.kind, site.path, site.value(site.path)
    if path == ("spec", "replicas") and kind in REPLICATED_KINDS and _count(value) and value > 1:
        return _set(path, 1)
    if path[-1:] == ("parallelism",) and kind in ("Job", "CronJob") and _count(value):
        return _set(path, 1) if value > 1 else None
    if path == ("spec", "concurrencyPolicy") and kind == "CronJob":
        return _set(path, "Forbid")
    return None  # a DaemonSet, or a second client container: which one to keep is a choice


def recreate_strategy(site: Site) -> Plan | None:
    """SDX002: `type: Recreate`; `rollingUpdate` (`rollingParams`) goes, which the API server
    refuses with Recreate."""
    kind = site.obj.ref.kind
    if kind not in ("Deployment", "DeploymentConfig"):
        return None  # an Argo Rollout has no Recreate: the kind must change
    strategy = site.value(("spec", "strategy"))
    if strategy is not None and not isinstance(strategy, dict):
        return None
    if mapping(strategy).get("type") == "Recreate":
        return None
    if kind == "DeploymentConfig" and mapping(strategy).get("type") == "Custom":
        return None  # a custom deployer: what it guarantees is the owner's call
    extra = "rollingUpdate" if kind == "Deployment" else "rollingParams"
    operations: list[Operation] = [Set(("spec", "strategy", "type"), "Recreate")]
    title = "set spec.strategy.type to Recreate"
    safe = True
    if extra in mapping(strategy):
        operations.append(Remove(("spec", "strategy", extra)))
        title += f" and remove spec.strategy.{extra}"
        safe = kind == "Deployment"  # rollingParams may hold lifecycle hooks
    return Plan(title, tuple(operations), safe)


def memory_allocation(site: Site) -> Plan | None:
    """SDX004: the client's memory request raised to the minimum (added when no memory is
    declared), and a limit below the request raised with it."""
    client = _client_at(site)
    if client is None:
        return None
    minimum = str(site.parameters["minimum"])
    floor = parse_quantity(minimum)
    resources = (*client.path, "resources")
    rest = site.path[len(client.path) :]
    if rest == ("resources",):
        return _set((*resources, "requests", "memory"), minimum)
    if rest not in (("resources", "requests", "memory"), ("resources", "limits", "memory")):
        return None
    request, limit = (site.value((*resources, field, "memory")) for field in ("requests", "limits"))
    amounts = {}
    for name, raw in (("request", request), ("limit", limit)):
        try:
            amounts[name] = None if raw is None else parse_quantity(raw)
        except QuantityError:
            if name == ("request" if rest[1] == "requests" else "limit"):
                return None  # the finding is about a value that is not a quantity
            amounts[name] = None
    operations: list[Operation] = []
    wanted_request = amounts["request"]
    if wanted_request is not None and wanted_request < floor:
        operations.append(Set((*resources, "requests", "memory"), minimum))
        request, wanted_request = minimum, floor
    need = max(floor, wanted_request or floor)
    if amounts["limit"] is not None and amounts["limit"] < need:
        raised = minimum if need == floor else request
        operations.append(Set((*resources, "limits", "memory"), raised))
    if not operations:
        return None
    return Plan(" and ".join(f"set {_dotted(op.path)} to {op.value}" for op in operations
                             if isinstance(op, Set)), tuple(operations))  # fmt: skip


def health_probes(site: Site) -> Plan | None:
    """SDX005 (unsafe): the missing probe as in the documentation, for the image generation."""
    client = _client_at(site)
    if client is None or len(site.path) != len(client.path) + 1:
        return None
    probe = probe_for(str(site.path[-1]), client.data.get("image"))
    if probe is None:
        return None
    return Plan(f"add {_dotted(site.path)} as in the documentation", (Set(site.path, probe),),
                safe=False)  # fmt: skip


def autoscaler_max_replicas(site: Site) -> Plan | None:
    """SDX006: the autoscaler's maximum set to 1 (KEDA's default of 100 too); a minimum above
    1 must come down with it, which makes the fix unsafe."""
    kind = site.obj.ref.kind
    if kind == "HorizontalPodAutoscaler":
        field, low = "maxReplicas", "minReplicas"
    elif kind == "ScaledObject":
        field, low = "maxReplicaCount", "minReplicaCount"
    else:
        return None
    if site.path not in (("spec", field), ("spec", "scaleTargetRef")):
        return None
    operations: list[Operation] = [Set(("spec", field), 1)]
    least = site.value(("spec", low))
    if _count(least) and least > 1:
        operations.append(Set(("spec", low), 1))
        return Plan(f"set spec.{field} and spec.{low} to 1", tuple(operations), safe=False)
    return Plan(f"set spec.{field} to 1", tuple(operations))


def termination_grace_period(site: Site) -> Plan | None:
    """SDX009: the grace period raised to the minimum (added when missing or null); a number
    written as a string or a fraction becomes a whole number, never a shorter one."""
    workload = site.workload
    if workload is None:
        return None
    at = (*workload.pod_spec_path, _GRACE)
    if site.path not in (workload.pod_spec_path, at):
        return None
    minimum = int(site.parameters["minimum"])
    written = workload.pod_spec.get(_GRACE)
    if written is None:
        return _set(at, minimum)
    if isinstance(written, bool):
        return None
    if isinstance(written, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", written):
        return _set(at, max(int(written), minimum))
    if isinstance(written, float) and math.isfinite(written) and written < 10**9:
        return _set(at, max(math.ceil(written), minimum))
    if _count(written) and written < minimum:
        return _set(at, minimum)
    return None


def _client_at(site: Site) -> Container | None:
    """The client container the finding's path runs through; None for a sidecar or the pod."""
    if site.workload is None:
        return None
    for client in site.workload.clients:
        if site.path[: len(client.path)] == client.path:
            return client
    return None


BUILDERS: dict[str, Builder] = {
    "SDX001": single_replica,
    "SDX002": recreate_strategy,
    "SDX004": memory_allocation,
    "SDX005": health_probes,
    "SDX006": autoscaler_max_replicas,
    "SDX009": termination_grace_period,
}
"""Built-in rule code -> its fix. Keyed by code: a configuration may change a rule's severity
and parameters (the builders read them), not what its fix does."""
