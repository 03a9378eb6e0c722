"""SDX030: the sedex image pinned to a version, not `latest` or no tag."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.image import ImageRef, parse_image
from sedex_lint.model import Violation
from sedex_lint.workload import Workload


def floats_on_latest(image: ImageRef) -> bool:
    """`latest`, or no tag at all (which means `latest`), and no digest to pin it. A tag is
    case-sensitive: `Latest` is another tag, not the moving one."""
    return image.digest is None and image.tag in (None, "latest")


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        reference = container.data.get("image")
        if not isinstance(reference, str) or not floats_on_latest(parse_image(reference)):
            continue
        written = "the tag latest" if parse_image(reference).tag else "no tag, which means latest"
        yield Violation(
            (*container.path, "image"),
            f"container {container.name!r} runs {reference.strip()!r} with {written}: every "
            "pull may bring another sedex Client and container version, across the break "
            "between container 0.x and 1.0 and between client majors, and sedex-lint cannot "
            "tell which rules for a generation apply; pin the full tag, e.g. "
            "sedexch/sedex-client:8.0.1_container-1.2.0, or a digest",
        )
