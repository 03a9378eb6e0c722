"""SDX013: a kind sedex-lint does not know runs the sedex Client: say it was not checked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.image import is_sedex_image
from sedex_lint.model import Path, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import (
    POD_SPEC_PATHS,
    Recognition,
    Workload,
    labels_match,
    pod_templates,
    recognition_of_run,
    sequence,
    workload_kind,
)


def check(
    obj: K8sObject, workload: Workload | None, params: Mapping[str, Any]
) -> Iterator[Violation]:
    if workload is not None or workload_kind(obj) is not None:
        return
    recognition = recognition_of_run()  # the configured images and labels count here too
    for path, pod_spec in pod_templates(obj.data):
        client = _client(obj, path, pod_spec, recognition)
        if client is not None:
            yield Violation(
                (*path, *client, "image"),
                f"{obj.ref.kind} runs the sedex Client, but sedex-lint does not know how "
                f"this kind runs its pods, so none of its rules checked it; the kinds "
                f"it checks are {', '.join(sorted(POD_SPEC_PATHS))}. Review it by hand "
                "against the sedex rules (one client, Recreate, persistent "
                "/sedex-data, memory, probes)",
            )
            return


def _client(
    obj: K8sObject, path: Path, pod_spec: Mapping[str, Any], recognition: Recognition
) -> tuple[str, int] | None:
    """(field, index) of the first container that runs the client, as `workload_of` would
    recognise it: by its image, else (with a label selector that the object or its pod
    template matches) the named containers or the first regular one."""
    entries = [
        (field_name, index, container)
        for field_name in ("containers", "initContainers")
        for index, container in enumerate(sequence(pod_spec.get(field_name)))
        if isinstance(container, dict)
    ]
    for field_name, index, container in entries:
        if is_sedex_image(container.get("image"), recognition.images):
            return field_name, index
    if not recognition.labels or not labels_match(obj, path, recognition.labels):
        return None
    for field_name, index, container in entries:
        named = container.get("name") in recognition.containers
        if named or (not recognition.containers and field_name == "containers"):
            return field_name, index
    return None
