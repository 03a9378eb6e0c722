"""SDX021: a credential of the sedex Client never comes from a ConfigMap, neither by
`configMapKeyRef` nor by an `envFrom.configMapRef` whose ConfigMap in the run has such a key."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sedex_lint.checks.run_facts import SourceKeys, key_index, namespace_of, source_keys
from sedex_lint.checks.secret_literal_env import is_credential
from sedex_lint.env import env_sources, env_vars
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload


class KeyRef(NamedTuple):
    variable: str
    config_map: str | None
    anchor: Anchor


class EnvFromMap(NamedTuple):
    namespace: str | None
    config_map: str
    prefix: str
    overridden: frozenset[str]
    """Credential names that the container's own `env` sets, which win over envFrom."""
    anchor: Anchor


Fact = KeyRef | EnvFromMap | SourceKeys


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is None:
        keys = source_keys(obj)
        if keys is not None and keys.kind == "ConfigMap":
            yield keys
        return
    if not workload.runs_sedex:
        return
    for container in workload.containers:
        variables = env_vars(container)
        for var in variables.values():
            if var.reference == "configMapKeyRef" and is_credential(var.name):
                yield KeyRef(var.name, var.source_name, at(var.value_path))
        own = frozenset(name for name in variables if is_credential(name))
        for source in env_sources(container):
            if source.kind == "configMapRef" and source.name:
                yield EnvFromMap(
                    namespace_of(obj), source.name, source.prefix, own, at(source.path)
                )


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    maps = key_index(facts)
    for fact in facts:
        if isinstance(fact, KeyRef):
            yield RunViolation(
                fact.anchor,
                f"the credential {fact.variable} comes from ConfigMap "
                f"{fact.config_map or '<unnamed>'}: {_WHY}",
            )
        elif isinstance(fact, EnvFromMap):
            keys = maps.get(("ConfigMap", fact.namespace, fact.config_map), frozenset())
            names = sorted(
                fact.prefix + key
                for key in keys
                if is_credential(fact.prefix + key) and fact.prefix + key not in fact.overridden
            )
            if names:
                yield RunViolation(
                    fact.anchor,
                    f"ConfigMap {fact.config_map} gives the container the credentials "
                    f"{', '.join(names)}: {_WHY}",
                )


_WHY = (
    "a ConfigMap is not protected like a Secret (anyone who may read the namespace's "
    "ConfigMaps, and every copy of its manifest, can read it); move the value to a Secret "
    "and take it with secretKeyRef or envFrom.secretRef"
)
