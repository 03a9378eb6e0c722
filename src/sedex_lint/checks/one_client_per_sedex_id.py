"""SDX007: one running client per sedex ID across the whole run (every file, every namespace),
and no two clients of one namespace on the same `/sedex-data` claim."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sedex_lint.checks.run_facts import data_claim, namespace_label, namespace_of, where
from sedex_lint.env import env_vars, literal_text
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload


class SedexId(NamedTuple):
    value: str
    anchor: Anchor
    """At the `SEDEX_ID` value of a client container."""


class DataClaim(NamedTuple):
    claim: str
    namespace: str | None
    anchor: Anchor
    """At the `claimName` that a client container mounts at /sedex-data."""


Fact = SedexId | DataClaim


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is None:
        return
    for container in workload.clients:  # never a Phase 1 Job or a run-to-completion init
        var = env_vars(container).get("SEDEX_ID")
        value = literal_text(var)
        if var is not None and value and value.strip():
            yield SedexId(value.strip(), at(var.value_path))
        mount = data_claim(workload, container)
        if mount is not None:
            yield DataClaim(mount.claim, namespace_of(obj), at(mount.claim_path))


def _workload(anchor: Anchor) -> tuple[str, int, tuple[object, ...]]:
    """One object of the run: several clients of one workload are SDX001's business."""
    return anchor.file, anchor.document, anchor.prefix


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    ids: dict[str, list[SedexId]] = {}
    claims: dict[tuple[str | None, str], list[DataClaim]] = {}
    for fact in facts:
        if isinstance(fact, SedexId):
            ids.setdefault(fact.value, []).append(fact)
        else:
            claims.setdefault((fact.namespace, fact.claim), []).append(fact)
    for value, same_id in ids.items():
        for fact in same_id:
            others = _others(fact.anchor, [f.anchor for f in same_id])
            if others:
                yield RunViolation(
                    fact.anchor,
                    f"sedex ID {value} is also the ID of the client of {others}: at most one "
                    "client may run per participant, in any namespace or cluster (test and "
                    "production sharing an ID lose messages); give each environment its own "
                    "sedex ID",
                )
    for (namespace, claim), same_claim in claims.items():
        for fact in same_claim:
            others = _others(fact.anchor, [f.anchor for f in same_claim])
            if others:
                yield RunViolation(
                    fact.anchor,
                    f"claim {claim} ({namespace_label(namespace)}) is also the /sedex-data of "
                    f"the client of {others}: two clients on one data store share one "
                    "participant's key and message database; give each client its own claim",
                )


def _others(anchor: Anchor, anchors: list[Anchor]) -> str:
    seen = [a for a in anchors if _workload(a) != _workload(anchor)]
    return ", ".join(
        f"{a.object.describe()} ({namespace_label(a.object.namespace or None)}, {where(a)})"
        for a in seen
    )
