"""SDX003: the sedex data store must live on a read-write persistentVolumeClaim."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import Path, Violation
from sedex_lint.semantics import k8s_bool
from sedex_lint.workload import Container, Workload, mapping, sequence

DATA_STORE = "/sedex-data"
INTERFACE_STORE = "/sedex-interface"
_SUBFOLDERS = ("conf", "interface", "internal", "logs", "monitoring")
SPLIT_STORES = frozenset(f"{DATA_STORE}/{sub}" for sub in _SUBFOLDERS)
"""Pre-1.0 images may mount the five subfolders separately instead of the whole store."""

_EPHEMERAL_WHY = {
    "emptyDir": "is deleted with the pod",
    "ephemeral": "is a claim owned by the pod and deleted with it",
    "hostPath": "stays on one node, so a pod rescheduled elsewhere starts without its data",
    "configMap": "is a read-only projection of a ConfigMap",
    "secret": "is a read-only projection of a Secret",
    "downwardAPI": "is a read-only projection of pod metadata",
    "projected": "is a read-only projection",
    "csi": "is an inline CSI volume that lives only as long as the pod",
}
_NOT_A_CLAIM = "is not a persistentVolumeClaim, which the sedex documentation asks for"
_CONSEQUENCE = "the sedex Client loses its private key, message database and in-flight messages"


def _consequence(mount_path: str) -> str:
    if mount_path in (DATA_STORE, f"{DATA_STORE}/conf"):
        return _CONSEQUENCE
    return f"what the sedex Client keeps in {mount_path} is lost"


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    volumes = _volumes_by_name(workload)
    claim_templates = _claim_template_names(workload)
    templated: set[str] = set()
    for client in workload.clients:
        mounts = _store_mounts(client)
        paths = {mount_path for _, mount_path, _ in mounts}
        if DATA_STORE not in paths and not paths >= SPLIT_STORES:
            yield _no_data_store(client)
        for mount_path_in_object, mount_path, mount in mounts:
            yield from _check_mount(
                workload, mount_path_in_object, mount_path, mount, volumes, claim_templates
            )
        templated.update(path for _, path, m in mounts if m.get("name") in claim_templates)
    if templated:
        yield from _retention(workload, min(templated))


def _no_data_store(client: Container) -> Violation:
    for index, mount in enumerate(sequence(client.data.get("volumeMounts"))):
        written = mapping(mount).get("mountPath")
        if isinstance(written, str) and _is_store(normalise_mount_path(written.strip())):
            return Violation(
                (*client.path, "volumeMounts", index, "mountPath"),
                f"sedex Client container {client.name!r} mounts {written!r}, which is not "
                f"{DATA_STORE}: Kubernetes keeps spaces and other characters in a mount path, "
                f"so the client writes {DATA_STORE} to its ephemeral filesystem and "
                f"{_CONSEQUENCE} on every restart; write the path exactly as {DATA_STORE}",
            )
    return Violation(
        (*client.path, "volumeMounts"),
        f"sedex Client container {client.name!r} mounts nothing at {DATA_STORE}: "
        f"without it {_CONSEQUENCE} on every restart; mount a persistentVolumeClaim "
        f"at {DATA_STORE}",
    )


def _store_mounts(client: Container) -> list[tuple[Path, str, dict[str, Any]]]:
    found = []
    for index, mount in enumerate(sequence(client.data.get("volumeMounts"))):
        if not isinstance(mount, dict) or not isinstance(mount.get("mountPath"), str):
            continue
        mount_path = normalise_mount_path(mount["mountPath"])
        if _is_store(mount_path):
            found.append(((*client.path, "volumeMounts", index), mount_path, mount))
    return found


def normalise_mount_path(mount_path: str) -> str:
    """The directory the runtime mounts at: `//sedex-data/` and `/x/../sedex-data` are
    `/sedex-data`. Whitespace is part of the name (`/sedex-data ` is another directory), and
    POSIX's special case of a leading `//` does not apply inside a container."""
    if not mount_path:
        return mount_path
    normal = posixpath.normpath(mount_path)
    return "/" + normal.lstrip("/") if normal.startswith("//") else normal


def _is_store(mount_path: str) -> bool:
    return any(
        mount_path == store or mount_path.startswith(store + "/")
        for store in (DATA_STORE, INTERFACE_STORE)
    )


def _check_mount(
    workload: Workload,
    mount_at: Path,
    mount_path: str,
    mount: dict[str, Any],
    volumes: dict[str, tuple[Path, dict[str, Any]]],
    claim_templates: set[str],
) -> Iterator[Violation]:
    if k8s_bool(mount.get("readOnly")):
        yield Violation(
            (*mount_at, "readOnly"),
            f"{mount_path} is mounted read-only, but the sedex Client writes its messages, "
            "database and logs there; remove readOnly: true",
        )
    name = mount.get("name")
    if isinstance(name, str) and name in claim_templates:
        return
    if name not in volumes:
        yield Violation(
            (*mount_at, "name"),
            f"the mount at {mount_path} uses volume {name!r}, which the pod does not define; "
            "add it to spec.volumes as a persistentVolumeClaim",
        )
        return
    volume_at, volume = volumes[name]
    claim = volume.get("persistentVolumeClaim")
    if claim is not None:
        if k8s_bool(mapping(claim).get("readOnly")):
            yield Violation(
                (*volume_at, "persistentVolumeClaim", "readOnly"),
                f"volume {name!r} behind {mount_path} opens its claim read-only, but the "
                "sedex Client must write there; remove readOnly: true",
            )
        return
    yield _not_a_claim(volume_at, volume, name, mount_path)


def _not_a_claim(volume_at: Path, volume: dict[str, Any], name: str, mount_path: str) -> Violation:
    # `persistentVolumeClaim: null` is no source at all to Kubernetes, which then makes an
    # emptyDir: only the sources that are set count.
    sources = [key for key, value in volume.items() if key != "name" and value is not None]
    if not sources:
        nulls = [key for key in volume if key != "name"]
        return Violation(
            (*volume_at, str(nulls[0])) if nulls else volume_at,
            f"volume {name!r} behind {mount_path} names no source, so Kubernetes makes it an "
            f"emptyDir, deleted with the pod: {_consequence(mount_path)}; "
            "use a persistentVolumeClaim",
        )
    source = str(sources[0])
    why = _EPHEMERAL_WHY.get(source, _NOT_A_CLAIM)
    return Violation(
        (*volume_at, source),
        f"{mount_path} is backed by the {source} volume {name!r}, which {why}: "
        f"{_consequence(mount_path)}; use a persistentVolumeClaim",
    )


def _volumes_by_name(workload: Workload) -> dict[str, tuple[Path, dict[str, Any]]]:
    volumes = {}
    for index, volume in enumerate(sequence(workload.pod_spec.get("volumes"))):
        if isinstance(volume, dict) and isinstance(volume.get("name"), str):
            volumes[volume["name"]] = ((*workload.pod_spec_path, "volumes", index), volume)
    return volumes


def _claim_template_names(workload: Workload) -> set[str]:
    """A StatefulSet mount whose volume name matches a claim template is backed by a PVC."""
    if workload.kind != "StatefulSet":
        return set()
    names = set()
    for template in sequence(workload.spec.get("volumeClaimTemplates")):
        name = mapping(mapping(template).get("metadata")).get("name")
        if isinstance(name, str):
            names.add(name)
    return names


def _retention(workload: Workload, mount_path: str) -> Iterator[Violation]:
    """A claim template whose claims Kubernetes deletes on scale-down or with the StatefulSet:
    scaling to 0, the way to stop the client, would delete the store."""
    policy = mapping(workload.spec.get("persistentVolumeClaimRetentionPolicy"))
    for field_name, when in (("whenScaled", "scaled down"), ("whenDeleted", "deleted")):
        if policy.get(field_name) == "Delete":
            yield Violation(
                ("spec", "persistentVolumeClaimRetentionPolicy", field_name),
                f"{field_name}: Delete removes the claim behind {mount_path} when the "
                f"StatefulSet is {when}, so {_consequence(mount_path)}; set {field_name}: "
                "Retain (the default)",
            )
