"""SDX080: images with container 1.0 or later need the sedex-interface store mounted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.checks.persistent_data_volume import INTERFACE_STORE, normalise_mount_path
from sedex_lint.image import generation
from sedex_lint.model import Path, Violation
from sedex_lint.workload import Container, Workload, mapping, sequence

_CONSEQUENCE = (
    "since container 1.0 the client keeps its inbox, outbox, processed and receipts folders "
    "and the messages it is sending in a second store, sedex-interface, and without a mount "
    "they live in the container's filesystem and are lost with it"
)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = generation(container.data.get("image"))
        if found is None or found.container < (1,):
            continue
        mounts = _mount_paths(container)
        if any(normalise_mount_path(written) == INTERFACE_STORE for _, written in mounts):
            continue
        yield _finding(container, mounts, ".".join(map(str, found.container)))


def _mount_paths(container: Container) -> list[tuple[Path, str]]:
    found = []
    for index, mount in enumerate(sequence(container.data.get("volumeMounts"))):
        written = mapping(mount).get("mountPath")
        if isinstance(written, str):
            found.append(((*container.path, "volumeMounts", index, "mountPath"), written))
    return found


def _finding(container: Container, mounts: list[tuple[Path, str]], version: str) -> Violation:
    head = f"container {container.name!r} runs container logic {version}"
    for at, written in mounts:
        normal = normalise_mount_path(written.strip())
        if normal == INTERFACE_STORE:
            return Violation(
                at,
                f"{head} and mounts {written!r}, which is not {INTERFACE_STORE}: Kubernetes "
                f"keeps spaces in a mount path; {_CONSEQUENCE}; write {INTERFACE_STORE} exactly",
            )
        if normal.startswith(INTERFACE_STORE + "/"):
            return Violation(
                at,
                f"{head} and mounts only {written!r} inside {INTERFACE_STORE}: {_CONSEQUENCE}; "
                f"mount the whole store at {INTERFACE_STORE}",
            )
    return Violation(
        (*container.path, "volumeMounts"),
        f"{head} but mounts nothing at {INTERFACE_STORE}: {_CONSEQUENCE}; mount a "
        f"persistentVolumeClaim at {INTERFACE_STORE}, which business applications that "
        "exchange messages must reach too",
    )
