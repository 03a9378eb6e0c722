"""SDX014: an Argo Rollout that takes its pods from a Deployment running the sedex Client."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sedex_lint.checks.run_facts import namespace_of, where
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload, mapping


class Fact(NamedTuple):
    namespace: str | None
    kind: str
    name: str
    anchor: Anchor
    rollout: bool
    """A Rollout's workloadRef (True) or a Deployment that runs the client (False)."""


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    group = (obj.ref.api_version or "").rpartition("/")[0]
    if obj.ref.kind == "Rollout" and group == "argoproj.io":
        ref = mapping(mapping(obj.data.get("spec")).get("workloadRef"))
        name = ref.get("name")
        if isinstance(name, str):
            kind = ref.get("kind") if isinstance(ref.get("kind"), str) else "Deployment"
            yield Fact(namespace_of(obj), str(kind), name, at(("spec", "workloadRef")), True)
    elif workload is not None and workload.clients and obj.ref.name is not None:
        anchor = at(("metadata", "name"))
        yield Fact(namespace_of(obj), workload.kind, obj.ref.name, anchor, False)


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    clients = {(f.namespace, f.kind, f.name): f for f in facts if not f.rollout}
    for ref in (f for f in facts if f.rollout):
        target = clients.get((ref.namespace, ref.kind, ref.name))
        if target is not None:
            yield RunViolation(
                ref.anchor,
                f"this Argo Rollout takes its pods from {ref.kind} {ref.name} "
                f"({where(target.anchor)}), which runs the sedex Client, and replaces them with "
                "its canary or blue-green strategy, which runs the old and the new pod "
                "together: two clients for one participant, and messages get lost; Argo "
                "Rollouts has no Recreate strategy, so remove the Rollout and let the "
                "Deployment run the client with strategy.type: Recreate",
            )
