"""SDX006: no HorizontalPodAutoscaler or KEDA ScaledObject may scale a sedex client above one
pod. The autoscaler and the workload may sit in different files of the run."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple, TypeGuard

from sedex_lint.checks.run_facts import namespace_label, namespace_of, where
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload, mapping

HPA_VERSIONS = frozenset(
    {"autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2"}
)
KEDA_VERSION = "keda.sh/v1alpha1"
KEDA_DEFAULT_MAX = 100
KEDA_DEFAULT_KIND = "Deployment"


class Target(NamedTuple):
    """A workload that runs the sedex client."""

    kind: str
    name: str
    namespace: str | None
    anchor: Anchor


class Scaler(NamedTuple):
    kind: str
    """What `scaleTargetRef` names (KEDA's default filled in)."""
    name: str
    namespace: str | None
    maximum: int
    defaulted: bool
    """KEDA without `maxReplicaCount`: its default of 100."""
    anchor: Anchor
    autoscaler: str


Fact = Target | Scaler


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is not None:
        if workload.clients and obj.ref.name:
            yield Target(workload.kind, obj.ref.name, namespace_of(obj), at(("metadata", "name")))
        return
    scaler = _scaler(obj, at)
    if scaler is not None:
        yield scaler


def _scaler(obj: K8sObject, at: Locator) -> Scaler | None:
    version, kind = obj.ref.api_version, obj.ref.kind
    spec = mapping(obj.data.get("spec"))
    target = mapping(spec.get("scaleTargetRef"))
    name = target.get("name")
    if not isinstance(name, str):
        return None
    if kind == "HorizontalPodAutoscaler" and version in HPA_VERSIONS:
        field, default = "maxReplicas", None
        target_kind = target.get("kind")
    elif kind == "ScaledObject" and version == KEDA_VERSION:
        field, default = "maxReplicaCount", KEDA_DEFAULT_MAX
        target_kind = target.get("kind", KEDA_DEFAULT_KIND)
    else:
        return None
    maximum = spec.get(field, default)
    if not isinstance(target_kind, str) or not _count(maximum) or not maximum > 1:
        return None
    defaulted = field not in spec
    path = ("spec", "scaleTargetRef") if defaulted else ("spec", field)
    return Scaler(
        target_kind, name, namespace_of(obj), maximum, defaulted, at(path), obj.ref.describe()
    )


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    targets: dict[tuple[str, str, str | None], Target] = {}
    for fact in facts:
        if isinstance(fact, Target):
            targets.setdefault((fact.kind, fact.name, fact.namespace), fact)
    for scaler in facts:
        if not isinstance(scaler, Scaler):
            continue
        target = targets.get((scaler.kind, scaler.name, scaler.namespace))
        if target is None:
            continue
        limit = (
            f"without maxReplicaCount, so up to KEDA's default of {scaler.maximum}"
            if scaler.defaulted
            else f"up to {scaler.maximum}"
        )
        yield RunViolation(
            scaler.anchor,
            f"{scaler.autoscaler} scales {target.kind} {target.name} "
            f"({namespace_label(target.namespace)}, {where(target.anchor)}) {limit} pods, "
            "and every pod is a sedex client with the same sedex ID: at most one client may "
            "run per participant; remove the autoscaler or set its maximum to 1",
        )
