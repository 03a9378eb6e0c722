"""Which objects run pods, where their pod spec is, and which containers are the sedex Client."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sedex_lint.image import is_sedex_image
from sedex_lint.model import Path
from sedex_lint.objects import K8sObject

POD_SPEC_PATHS: dict[str, Path] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


@dataclass(frozen=True)
class Recognition:
    """How a workload is recognised as running the sedex Client, beyond the official image."""

    images: tuple[str, ...] = ()
    """Extra glob patterns for renamed or mirrored images, matched without tag or digest."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """A label selector: a workload whose own or pod-template labels all match runs the client."""
    containers: tuple[str, ...] = ()
    """With `labels`: names of the client containers (default: the first regular container)."""


@dataclass(frozen=True)
class Container:
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


@dataclass(frozen=True)
class Workload:
    object: K8sObject
    pod_spec_path: Path
    pod_spec: dict[str, Any]
    containers: tuple[Container, ...]
    clients: tuple[Container, ...]
    """The sedex Client containers: sedex image, long-running, not a Phase 1 init script."""

    @property
    def kind(self) -> str:
        return self.object.ref.kind or ""

    @property
    def spec(self) -> dict[str, Any]:
        return mapping(self.object.data.get("spec"))


def mapping(value: Any) -> dict[str, Any]:
    """Checks read user data defensively: a wrong type is treated as absent, never a crash."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def workload_of(obj: K8sObject, recognition: Recognition | None = None) -> Workload | None:
    recognition = recognition or Recognition()
    path = POD_SPEC_PATHS.get(obj.ref.kind or "")
    if path is None:
        return None
    pod_spec: Any = obj.data
    for segment in path:
        pod_spec = mapping(pod_spec).get(str(segment))
    pod_spec = mapping(pod_spec)
    containers = tuple(_containers(pod_spec, path))
    candidates = [c for c in containers if c.long_running and not _runs_init_script(c.data)]
    clients = [c for c in candidates if is_sedex_image(c.data.get("image"), recognition.images)]
    if not clients and recognition.labels and _labels_match(obj, path, recognition.labels):
        named = [c for c in candidates if c.name in recognition.containers]
        regular = [c for c in candidates if not c.init]
        clients = named if recognition.containers else regular[:1]
    return Workload(obj, path, pod_spec, containers, tuple(clients))


def _labels_match(obj: K8sObject, pod_spec_path: Path, selector: Mapping[str, str]) -> bool:
    template: Any = obj.data
    for segment in pod_spec_path[:-1]:
        template = mapping(template).get(str(segment))
    for holder in (obj.data, template):
        labels = mapping(mapping(mapping(holder).get("metadata")).get("labels"))
        if all(str(labels.get(key)) == str(value) for key, value in selector.items()):
            return True
    return False


def _containers(pod_spec: dict[str, Any], pod_spec_path: Path) -> list[Container]:
    found = []
    for field_name, init in (("containers", False), ("initContainers", True)):
        for index, entry in enumerate(sequence(pod_spec.get(field_name))):
            if isinstance(entry, dict):
                found.append(Container((*pod_spec_path, field_name, index), entry, init))
    return found


def _runs_init_script(container: dict[str, Any]) -> bool:
    """Phase 1 (initial configuration) runs the same image with `init-container-*.sh`."""
    words = [*sequence(container.get("command")), *sequence(container.get("args"))]
    return any(isinstance(w, str) and "init-container-" in w for w in words)
