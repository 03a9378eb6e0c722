"""Which objects run pods, where their pod spec is, and which containers are the sedex Client."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import fnmatch
import posixpath
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

from sedex_lint.image import is_sedex_image
from sedex_lint.model import Path
from sedex_lint.objects import K8sObject

_TEMPLATE_SPEC: Path = ("spec", "template", "spec")
POD_SPEC_PATHS: dict[str, Path] = {
    "Pod": ("spec",),
    "Deployment": _TEMPLATE_SPEC,
    "StatefulSet": _TEMPLATE_SPEC,
    "DaemonSet": _TEMPLATE_SPEC,
    "ReplicaSet": _TEMPLATE_SPEC,
    "ReplicationController": _TEMPLATE_SPEC,
    "Job": _TEMPLATE_SPEC,
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "DeploymentConfig": _TEMPLATE_SPEC,
    "Rollout": _TEMPLATE_SPEC,
}
_CUSTOM_KIND_GROUPS = {
    # A kind of a custom resource counts only in its own API group: another CRD that happens
    # to be called Rollout has other semantics, and is reported as not checked instead.
    "DeploymentConfig": ("apps.openshift.io", ""),  # "" is OpenShift 3's legacy `v1`
    "Rollout": ("argoproj.io",),
}
_INIT_SCRIPT = "init-container-*.sh"
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "ksh", "zsh"})


class Recognition:
    """How a workload is recognised as running the sedex Client, beyond the official image.
    Immutable by convention."""

    __slots__ = ("containers", "images", "labels")

    images: tuple[str, ...]
    """Extra glob patterns for renamed or mirrored images, matched without tag or digest."""
    labels: Mapping[str, str]
    """A label selector: a workload whose own or pod-template labels all match runs the client."""
    containers: tuple[str, ...]
    """With `labels`: names of the client containers (default: the first regular container)."""

    def __init__(
        self,
        images: tuple[str, ...] = (),
        labels: Mapping[str, str] | None = None,
        containers: tuple[str, ...] = (),
    ) -> None:
        self.images = images
        self.labels = {} if labels is None else labels
        self.containers = containers


_RECOGNITION: ContextVar[Recognition | None] = ContextVar("recognition", default=None)


def recognition_of_run() -> Recognition:
    """How the file being linted recognises the sedex Client (the engine sets it around each
    file, in the process that lints it), for checks that look past the workloads it knows;
    outside a run, by the official image only."""
    found = _RECOGNITION.get()
    return found if found is not None else Recognition()


@contextmanager
def recognising(recognition: Recognition) -> Iterator[None]:
    token = _RECOGNITION.set(recognition)
    try:
        yield
    finally:
        _RECOGNITION.reset(token)


class Container(NamedTuple):
    path: Path
    """Path from the object root to this container's entry."""
    data: dict[str, Any]
    init: bool
    """Declared under initContainers (a native sidecar when restartPolicy is Always)."""

    @property
    def name(self) -> str:
        return str(self.data.get("name", "<unnamed>"))

    @property
    def long_running(self) -> bool:
        """Runs for the pod's whole life: regular containers and native sidecars."""
        return not self.init or self.data.get("restartPolicy") == "Always"


class Workload(NamedTuple):
    object: K8sObject
    pod_spec_path: Path
    pod_spec: dict[str, Any]
    containers: tuple[Container, ...]
    clients: tuple[Container, ...]
    """The sedex Client containers: every long-running container of the sedex image, except
    the Phase 1 init script of a Job (see `is_phase_one`)."""
    phase_one: tuple[Container, ...] = ()
    """Containers of the sedex image that run the Phase 1 init script to completion."""

    @property
    def runs_sedex(self) -> bool:
        """Runs the sedex image at all: a client, or the initial configuration."""
        return bool(self.clients or self.phase_one)

    @property
    def sedex_containers(self) -> tuple[Container, ...]:
        """Every container that runs the sedex Client or its Phase 1: the clients, then
        Phase 1. Rules about the image or the client's settings look at all of them."""
        return self.clients + self.phase_one

    @property
    def kind(self) -> str:
        return self.object.ref.kind or ""

    @property
    def spec(self) -> dict[str, Any]:
        return mapping(self.object.data.get("spec"))

    @property
    def pod_labels(self) -> dict[str, Any]:
        """The labels written on its pod template (a bare Pod's own): what a Service selects."""
        return labels_of(_at(self.object.data, self.pod_spec_path[:-1]))


def mapping(value: Any) -> dict[str, Any]:
    """Checks read user data defensively: a wrong type is treated as absent, never a crash."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def workload_kind(obj: K8sObject) -> str | None:
    """The kind whose pod spec sedex-lint knows how to find, or None."""
    kind = obj.ref.kind or ""
    if kind not in POD_SPEC_PATHS:
        return None
    groups = _CUSTOM_KIND_GROUPS.get(kind)
    if groups is not None:
        group = (obj.ref.api_version or "").rpartition("/")[0]
        if group not in groups:
            return None
    return kind


def workload_of(obj: K8sObject, recognition: Recognition | None = None) -> Workload | None:
    recognition = recognition or Recognition()
    kind = workload_kind(obj)
    if kind is None:
        return None
    path = POD_SPEC_PATHS[kind]
    pod_spec = mapping(_at(obj.data, path))
    containers = tuple(_containers(pod_spec, path))
    sedex = [c for c in containers if is_sedex_image(c.data.get("image"), recognition.images)]
    phase_one = tuple(c for c in sedex if is_phase_one(c, kind))
    candidates = [c for c in containers if c.long_running and not is_phase_one(c, kind)]
    clients = [c for c in sedex if c in candidates]
    if not clients and recognition.labels and labels_match(obj, path, recognition.labels):
        named = [c for c in candidates if c.name in recognition.containers]
        regular = [c for c in candidates if not c.init]
        clients = named if recognition.containers else regular[:1]
    return Workload(obj, path, pod_spec, containers, tuple(clients), phase_one)


def is_phase_one(container: Container, kind: str) -> bool:
    """Phase 1 (the initial configuration, run once) is the sedex image running an init script
    as a Job's container or as an initContainer that runs to completion. A long-running
    container is always the client, whatever its command: a wrapper that mentions the init
    script still starts a client that runs next to the others."""
    if container.long_running and not (kind == "Job" and not container.init):
        return False
    return runs_init_script(container.data)


def runs_init_script(container: Mapping[str, Any]) -> bool:
    """`init-container-*.sh` as the command, as the first argument, or as what a `sh -c`
    wrapper runs."""
    return init_script(container) is not None


def init_script(container: Mapping[str, Any]) -> tuple[str, Path] | None:
    """The init script a container runs (`init-container-new-cert.sh`, without directory)
    and the path of the `command` or `args` entry that names it, relative to the container;
    found as `runs_init_script` finds it, or None."""
    words = [
        (word, (field_name, index))
        for field_name in ("command", "args")
        for index, word in enumerate(sequence(container.get(field_name)))
        if isinstance(word, str)
    ]
    if not words:
        return None
    first, first_path = words[0]
    if _is_init_script(first):
        return posixpath.basename(first), first_path
    args = [entry for entry in words if entry[1][0] == "args"]
    if args and _is_init_script(args[0][0]):
        return posixpath.basename(args[0][0]), args[0][1]
    if posixpath.basename(first) in _SHELLS and len(words) >= 3 and words[1][0].startswith("-"):
        script, script_path = words[2]
        for word in _shell_words(script):
            if _is_init_script(word):
                return posixpath.basename(word), script_path
    return None


def _is_init_script(word: str) -> bool:
    return fnmatch.fnmatchcase(posixpath.basename(word), _INIT_SCRIPT)


def _shell_words(script: str) -> list[str]:
    import shlex  # here: most containers run no shell script, so most runs pay no import

    try:
        return shlex.split(script.replace(";", " ; "), comments=True)
    except ValueError:
        return script.split()


def pod_templates(value: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every mapping with a `containers` list inside an object: the pod specs of a kind that
    sedex-lint does not know, wherever the kind keeps them."""
    # Every object of a run is searched, so each entry remembers only its parent and its
    # key; a path is spelled out only for a pod spec that is found.
    stack: list[tuple[_Trail, Any]] = [(None, value)]
    seen: set[int] = set()
    while stack:
        trail, node = stack.pop()
        if id(node) in seen:  # aliases share nodes; a cycle must end
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if isinstance(node.get("containers"), list):
                yield (*path, *_spelled(trail)), node
            for key, child in node.items():
                if isinstance(child, dict | list):
                    stack.append(((trail, str(key)), child))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                if isinstance(child, dict | list):
                    stack.append(((trail, index), child))


_Trail = tuple[Any, str | int] | None
"""(the parent's trail, the key or index under it); None at the top."""


def _spelled(trail: _Trail) -> Path:
    segments: list[str | int] = []
    while trail is not None:
        trail, segment = trail
        segments.append(segment)
    return tuple(reversed(segments))


def _at(data: Any, path: Path) -> Any:
    for segment in path:
        data = mapping(data).get(str(segment))
    return data


def labels_of(holder: Any) -> dict[str, Any]:
    """`metadata.labels` of an object or a pod template."""
    return mapping(mapping(mapping(holder).get("metadata")).get("labels"))


def labels_match(obj: K8sObject, pod_spec_path: Path, selector: Mapping[str, str]) -> bool:
    """Whether the object's own labels, or those of the pod template around the pod spec at
    `pod_spec_path`, hold every label of `selector`."""
    template = _at(obj.data, pod_spec_path[:-1])
    for holder in (obj.data, template):
        labels = labels_of(holder)
        # A label that is absent never matches, whatever the configured value.
        if all(key in labels and _text(labels[key]) == _text(v) for key, v in selector.items()):
            return True
    return False


def _text(value: Any) -> str:
    """A label value as text; an empty value (`key:`) is the empty string, not "None"."""
    return "" if value is None else str(value)


def _containers(pod_spec: dict[str, Any], pod_spec_path: Path) -> list[Container]:
    found = []
    for field_name, init in (("containers", False), ("initContainers", True)):
        for index, entry in enumerate(sequence(pod_spec.get(field_name))):
            if isinstance(entry, dict):
                found.append(Container((*pod_spec_path, field_name, index), entry, init))
    return found
