"""Which objects run pods, where their pod spec is, and which containers are the sedex Client."""

from __future__ import annotations

from dataclasses import dataclass
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


def workload_of(obj: K8sObject, extra_images: tuple[str, ...] = ()) -> Workload | None:
    path = POD_SPEC_PATHS.get(obj.ref.kind or "")
    if path is None:
        return None
    pod_spec: Any = obj.data
    for segment in path:
        pod_spec = mapping(pod_spec).get(str(segment))
    pod_spec = mapping(pod_spec)
    containers = tuple(_containers(pod_spec, path))
    clients = tuple(c for c in containers if c.long_running and _runs_client(c.data, extra_images))
    return Workload(obj, path, pod_spec, containers, clients)


def _containers(pod_spec: dict[str, Any], pod_spec_path: Path) -> list[Container]:
    found = []
    for field, init in (("containers", False), ("initContainers", True)):
        for index, entry in enumerate(sequence(pod_spec.get(field))):
            if isinstance(entry, dict):
                found.append(Container((*pod_spec_path, field, index), entry, init))
    return found


def _runs_client(container: dict[str, Any], extra_images: tuple[str, ...]) -> bool:
    if not is_sedex_image(container.get("image"), extra_images):
        return False
    return not _runs_init_script(container)


def _runs_init_script(container: dict[str, Any]) -> bool:
    """Phase 1 (initial configuration) runs the same image with `init-container-*.sh`."""
    words = [*sequence(container.get("command")), *sequence(container.get("args"))]
    return any(isinstance(w, str) and "init-container-" in w for w in words)
