"""SDX031: a sedex image tag that keeps pointing at new images."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.image import parse_image
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

_CLIENT_ONLY = re.compile(r"[0-9]+(?:\.[0-9]+)*\Z")
_CONTAINER_ONLY = re.compile(r"container-[0-9]+(?:\.[0-9]+)*\Z")


def moving_kind(tag: str) -> str | None:
    """What a tag leaves open: the container version (`8.0.1`) or the client version
    (`container-1`); None for a full tag or a tag of another form."""
    if _CLIENT_ONLY.match(tag):
        return "client-only tag, which moves to each new container built for that client"
    if _CONTAINER_ONLY.match(tag):
        return "container-version tag, which moves to each new client and container release"
    return None


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        reference = container.data.get("image")
        if not isinstance(reference, str):
            continue
        image = parse_image(reference)
        kind = moving_kind(image.tag or "") if image.digest is None else None
        if kind is None:
            continue
        yield Violation(
            (*container.path, "image"),
            f"container {container.name!r} runs {reference.strip()!r}: {image.tag} is a "
            f"{kind}, so the image behind it can change on the next pull; use the full tag "
            "<client>_container-<container>, e.g. 8.0.1_container-1.2.0, which names one "
            "image for its whole lifetime, or add a digest",
        )
