"""SDX013: a kind sedex-lint does not know runs the sedex Client: say it was not checked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.image import is_sedex_image
from sedex_lint.model import Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import POD_SPEC_PATHS, Workload, pod_templates, sequence, workload_kind


def check(
    obj: K8sObject, workload: Workload | None, params: Mapping[str, Any]
) -> Iterator[Violation]:
    if workload is not None or workload_kind(obj) is not None:
        return
    for path, pod_spec in pod_templates(obj.data):
        for field_name in ("containers", "initContainers"):
            for index, container in enumerate(sequence(pod_spec.get(field_name))):
                image = container.get("image") if isinstance(container, dict) else None
                if is_sedex_image(image):
                    yield Violation(
                        (*path, field_name, index, "image"),
                        f"{obj.ref.kind} runs the sedex Client, but sedex-lint does not know how "
                        f"this kind runs its pods, so none of its rules checked it; the kinds "
                        f"it checks are {', '.join(sorted(POD_SPEC_PATHS))}. Review it by hand "
                        "against the sedex rules (one client, Recreate, persistent "
                        "/sedex-data, memory, probes)",
                    )
                    return
