"""SDX023: the Phase 1 init script gets the variables of its case, and none of the other case.

`init-container-new-cert.sh` (case b, a new participant) needs the CRID and OTP of its image's
container generation and no keystore; `init-container-existing-cert.sh` (case a, an existing
participant) needs `KEYSTORE` and `KEYSTORE_PW` and no CRID or OTP; both need `SEDEX_ID`.

Variables come from `env` and from `envFrom`; the keys an envFrom source gives are known only
when its ConfigMap or Secret is in the run, in the same namespace. A source that is not in the
run may hold anything, so no variable is missing then, but the extras that are known still are.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sedex_lint.checks.run_facts import SourceKeys, key_index, namespace_of, source_keys
from sedex_lint.env import env_sources, env_vars
from sedex_lint.image import generation
from sedex_lint.objects import K8sObject
from sedex_lint.scopes import Anchor, Locator, Parameters, RunViolation
from sedex_lint.workload import Workload, init_script

NEW_CERT = "init-container-new-cert.sh"
EXISTING_CERT = "init-container-existing-cert.sh"

_CASES = {
    NEW_CERT: "a new participant (case b)",
    EXISTING_CERT: "an existing participant (case a)",
}
_OLD_PAIR = ("CRID", "OTP")
"""CRID and OTP before container 1.0 (facts §7.3, §7.4)."""
_NEW_PAIR = ("SEDEX_CRID", "SEDEX_OTP")
"""CRID and OTP from container 1.0 on."""
_KEYSTORE = ("KEYSTORE", "KEYSTORE_PW")
_SEDEX_ID = "SEDEX_ID"
_NAMES = frozenset({*_OLD_PAIR, *_NEW_PAIR, *_KEYSTORE, _SEDEX_ID})
"""The only variables the rule looks at; the facts keep no other name."""
_SOURCE_KINDS = {"configMapRef": "ConfigMap", "secretRef": "Secret"}


class FromSource(NamedTuple):
    """One `envFrom` entry of an init script's container."""

    kind: str
    """`ConfigMap` or `Secret`."""
    name: str | None
    prefix: str
    anchor: Anchor


class InitScript(NamedTuple):
    script: str
    modern: bool | None
    """Container 1.0 or later; None when the image tag does not tell."""
    namespace: str | None
    anchor: Anchor
    """The `command` or `args` entry that names the script."""
    env: tuple[tuple[str, Anchor], ...]
    """The names among `_NAMES` that `env` sets, with the anchor of the entry's name."""
    sources: tuple[FromSource, ...]


Fact = InitScript | SourceKeys


def collect(obj: K8sObject, workload: Workload | None, at: Locator) -> Iterator[Fact]:
    if workload is None:
        keys = source_keys(obj)
        if keys is not None:
            yield keys
        return
    for container in workload.phase_one:
        found = init_script(container.data)
        if found is None or found[0] not in _CASES:
            continue
        script, script_path = found
        image = generation(container.data.get("image"))
        env = tuple(
            (var.name, at((*var.path, "name")))
            for var in env_vars(container).values()
            if var.name in _NAMES
        )
        sources = tuple(
            FromSource(_SOURCE_KINDS[source.kind], source.name, source.prefix, at(source.path))
            for source in env_sources(container)
        )
        yield InitScript(
            script,
            None if image is None else image.container >= (1,),
            namespace_of(obj),
            at((*container.path, *script_path)),
            env,
            sources,
        )


def check(facts: Sequence[Fact], params: Parameters) -> Iterator[RunViolation]:
    keys = key_index(facts)
    for fact in facts:
        if isinstance(fact, InitScript):
            yield from _check_script(fact, keys)


def _check_script(
    fact: InitScript, keys: dict[tuple[str, str | None, str], frozenset[str]]
) -> Iterator[RunViolation]:
    # Where each variable comes from: env wins over envFrom, and among envFrom entries the
    # last one that has the key wins, as in Kubernetes.
    given: dict[str, Anchor] = {}
    complete = True
    for source in fact.sources:
        held = keys.get((source.kind, fact.namespace, source.name or ""))
        if source.name is None or held is None:
            complete = False
            continue
        for key in held:
            if source.prefix + key in _NAMES:
                given[source.prefix + key] = source.anchor
    given.update(fact.env)
    case = f"{fact.script} configures {_CASES[fact.script]}"

    if complete:
        missing = _missing_credentials(fact, given)
        if missing:
            yield RunViolation(fact.anchor, f"{case} but gets no {missing}")
        if _SEDEX_ID not in given:
            yield RunViolation(
                fact.anchor, f"{case} but gets no {_SEDEX_ID}: both init scripts need it"
            )

    other: tuple[str, ...]
    if fact.script == NEW_CERT:
        other, wrong = _KEYSTORE, "the keystore of an existing participant"
    else:
        other, wrong = (*_OLD_PAIR, *_NEW_PAIR), "the CRID and OTP of a new participant"
    by_place: dict[Anchor, list[str]] = {}
    for name in other:
        if name in given:
            by_place.setdefault(given[name], []).append(name)
    for anchor, names in by_place.items():
        yield RunViolation(
            anchor,
            f"{case} but is given {_and(names)}, {wrong}: run "
            f"{EXISTING_CERT if fact.script == NEW_CERT else NEW_CERT} for that case, "
            f"or remove {'the variable' if len(names) == 1 else 'the variables'}",
        )


def _missing_credentials(fact: InitScript, given: dict[str, Anchor]) -> str | None:
    """What the message names as missing, or None when the case's credentials are given."""
    if fact.script == EXISTING_CERT:
        absent = [name for name in _KEYSTORE if name not in given]
        return f"{_and(absent)} (the keystore and its password)" if absent else None
    if fact.modern is None:
        if any(all(name in given for name in pair) for pair in (_NEW_PAIR, _OLD_PAIR)):
            return None
        return (
            f"{_and(_NEW_PAIR)} (or {_and(_OLD_PAIR)} before container 1.0; the image tag "
            "does not tell the container generation)"
        )
    pair, label = (
        (_NEW_PAIR, "container 1.0 or later") if fact.modern else (_OLD_PAIR, "a pre-1.0 container")
    )
    absent = [name for name in pair if name not in given]
    return f"{_and(absent)} (the CRID and OTP names of {label})" if absent else None


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
