"""Small, picklable facts that the whole-run checks share: where an object lives, which claim
the client keeps its data on, and which keys a ConfigMap or Secret of the run holds.

Namespaces: an unset (or empty) `metadata.namespace` means "the namespace of the kubectl
context", which the linter cannot know. It therefore matches only another unset namespace;
`default` written out matches only `default`.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable, Iterable, Iterator
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar

from sedex_lint.checks.persistent_data_volume import normalise_mount_path
from sedex_lint.checks.secret_literal_env import CREDENTIAL_SUFFIXES, CREDENTIALS
from sedex_lint.model import Path
from sedex_lint.objects import K8sObject, shared
from sedex_lint.scopes import Anchor
from sedex_lint.workload import Container, Workload, mapping, sequence

DATA_PATH = "/sedex-data"

Rest = ParamSpec("Rest")
Result = TypeVar("Result")


def per_object(
    function: Callable[Concatenate[K8sObject, Rest], Result],
) -> Callable[Concatenate[K8sObject, Rest], Result]:
    """Several whole-run rules ask for the same facts of an object one after the other: keep
    the last object's result and hand it out again, so that the facts are computed once and
    the rules keep the very same (immutable) objects, not copies. The object is compared by
    identity; holding it keeps its id from being reused."""
    last: list[object] = [None, None]

    def memo(obj: K8sObject, /, *args: Rest.args, **kwargs: Rest.kwargs) -> Result:
        if last[0] is not obj:
            last[0], last[1] = obj, function(obj, *args, **kwargs)
        return last[1]  # type: ignore[return-value]  # what `function` returned for obj

    return memo


def namespace_of(obj: K8sObject) -> str | None:
    return obj.ref.namespace or None


def where(anchor: Anchor) -> str:
    """`file:line`, how a finding names another place of the run."""
    return f"{anchor.file}:{anchor.position.line}"


def namespace_label(namespace: str | None) -> str:
    return f"namespace {namespace}" if namespace is not None else "the context's namespace"


class ClaimMount(NamedTuple):
    claim: str
    claim_path: Path
    """Path of the `claimName` inside the object."""
    sub_path: str


def claim_mounts(workload: Workload, container: Container) -> Iterator[tuple[str, ClaimMount]]:
    """(mount path, claim) for each mount of `container` backed by a persistentVolumeClaim of
    the pod's `volumes` (a StatefulSet's claim templates give each pod its own claim)."""
    volumes: dict[str, tuple[int, str]] = {}
    for index, volume in enumerate(sequence(workload.pod_spec.get("volumes"))):
        volume = mapping(volume)
        claim = mapping(volume.get("persistentVolumeClaim")).get("claimName")
        if isinstance(volume.get("name"), str) and isinstance(claim, str) and claim:
            volumes.setdefault(volume["name"], (index, claim))
    for mount in sequence(container.data.get("volumeMounts")):
        mount = mapping(mount)
        found = volumes.get(mount.get("name"))  # type: ignore[arg-type]
        target = mount.get("mountPath")
        if found is None or not isinstance(target, str):
            continue
        index, claim = found
        path = (*workload.pod_spec_path, "volumes", index, "persistentVolumeClaim", "claimName")
        sub_path = mount.get("subPath")
        yield (
            normalise_mount_path(target),
            ClaimMount(claim, path, sub_path if isinstance(sub_path, str) else ""),
        )


def data_claim(workload: Workload, container: Container) -> ClaimMount | None:
    """The claim that `container` mounts as a whole at `/sedex-data`."""
    for target, mount in claim_mounts(workload, container):
        if target == DATA_PATH and not mount.sub_path.strip("/"):
            return mount
    return None


INIT_VARIABLES = frozenset(
    {"CRID", "OTP", "SEDEX_CRID", "SEDEX_OTP", "KEYSTORE", "KEYSTORE_PW", "SEDEX_ID"}
)
"""The init scripts' variables that SDX023 looks for in a ConfigMap or Secret."""
_KEY_ENDINGS = frozenset(
    name[cut:]
    for name in (*CREDENTIALS, *INIT_VARIABLES, *CREDENTIAL_SUFFIXES)
    for cut in range(len(name) + 1)
)
"""Every ending of a watched name: a key that is one can be given under some prefix."""


def watched_key(key: str) -> bool:
    """Whether a ConfigMap or Secret key can give, under some `envFrom` prefix, a variable
    that SDX021 (a credential) or SDX023 (an init variable) looks at: the end of such a
    name, or a name with a credential's ending. No other key is kept: a run holds the
    key sets of all its ConfigMaps and Secrets to its end."""
    upper = key.upper()
    return upper in _KEY_ENDINGS or upper.endswith(CREDENTIAL_SUFFIXES)


class SourceKeys(NamedTuple):
    """The keys of a ConfigMap (`data`, `binaryData`) or Secret (`data`, `stringData`) that
    SDX021 or SDX023 can use (`watched_key`); the object's presence matters as much."""

    kind: str
    namespace: str | None
    name: str
    keys: frozenset[str]


_KEY_FIELDS = {"ConfigMap": ("data", "binaryData"), "Secret": ("data", "stringData")}


@per_object  # SDX021 and SDX023 both keep the key sets of the run's ConfigMaps
def source_keys(obj: K8sObject) -> SourceKeys | None:
    fields = _KEY_FIELDS.get(obj.ref.kind or "")
    if fields is None or obj.ref.api_version != "v1" or not obj.ref.name:
        return None
    written = (str(key) for field in fields for key in mapping(obj.data.get(field)))
    keys = frozenset(shared(key) for key in written if watched_key(key))
    return SourceKeys(obj.ref.kind or "", namespace_of(obj), obj.ref.name, keys)


def key_index(facts: Iterable[object]) -> dict[tuple[str, str | None, str], frozenset[str]]:
    """(kind, namespace, name) -> keys, over every SourceKeys among `facts`; an object given
    twice in a run keeps the union of its keys (either could be the one applied)."""
    index: dict[tuple[str, str | None, str], frozenset[str]] = {}
    for fact in facts:
        if isinstance(fact, SourceKeys):
            key = (fact.kind, fact.namespace, fact.name)
            index[key] = index.get(key, frozenset()) | fact.keys
    return index
