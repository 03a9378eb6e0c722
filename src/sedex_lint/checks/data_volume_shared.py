"""SDX070: only the sedex client mounts its data claim; business applications get the
interface store, never the private key and message database."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sedex_lint.checks.run_facts import (
    claim_mounts,
    data_claim,
    namespace_label,
    namespace_of,
    where,
)
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload

INTERFACE_FOLDER = "interface"
"""Before container 1.0 the interface store is a folder of the data store (facts §4.1)."""


class ClientData(NamedTuple):
    namespace: str | None
    claim: str
    anchor: Anchor


class OtherMount(NamedTuple):
    namespace: str | None
    claim: str
    anchor: Anchor
    """At the `claimName` of the other workload's volume."""


Fact = ClientData | OtherMount


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is None:
        return
    namespace = namespace_of(obj)
    if workload.runs_sedex:
        for container in workload.clients:
            mount = data_claim(workload, container)
            if mount is not None:
                yield ClientData(namespace, mount.claim, at(mount.claim_path))
        return
    seen: set[tuple[object, ...]] = set()
    for container in workload.containers:
        for _, mount in claim_mounts(workload, container):
            folder = mount.sub_path.strip("/").split("/")[0]
            if folder != INTERFACE_FOLDER and mount.claim_path not in seen:
                seen.add(mount.claim_path)
                yield OtherMount(namespace, mount.claim, at(mount.claim_path))


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    clients: dict[tuple[str | None, str], ClientData] = {}
    for fact in facts:
        if isinstance(fact, ClientData):
            clients.setdefault((fact.namespace, fact.claim), fact)
    for fact in facts:
        if not isinstance(fact, OtherMount):
            continue
        client = clients.get((fact.namespace, fact.claim))
        if client is None:
            continue
        yield RunViolation(
            fact.anchor,
            f"claim {fact.claim} ({namespace_label(fact.namespace)}) is the /sedex-data store "
            f"of the sedex client {client.anchor.object.describe()} ({where(client.anchor)}), "
            "which holds the participant's certificate, private key and message database; "
            "mount only the interface claim (or its `interface` folder) in other workloads",
        )
