"""Container image references, parsed the way Docker and Kubernetes read them."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

SEDEX_REPOSITORY = "sedexch/sedex-client"


@dataclass(frozen=True)
class ImageRef:
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None


def parse_image(reference: str) -> ImageRef:
    """`[registry/]repository[:tag][@digest]`; the tag follows the last `/`, so `host:5000/x`
    has a port, not a tag."""
    remainder, _, digest = reference.strip().partition("@")
    slash = remainder.rfind("/")
    colon = remainder.rfind(":")
    tag = None
    if colon > slash:
        remainder, tag = remainder[:colon], remainder[colon + 1 :]
    registry = None
    first, _, rest = remainder.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        registry, remainder = first, rest
    return ImageRef(registry, remainder, tag or None, digest or None)


def is_sedex_image(reference: object, patterns: tuple[str, ...] = ()) -> bool:
    """True for `sedexch/sedex-client` on Docker Hub or under any mirror path, or for an image
    that matches one of the configured glob `patterns` (compared without tag or digest).

    Registries mirror Docker Hub under a prefix (`registry.example.ch/mirror/sedexch/...`), so
    the repository only has to end with the sedex path. Matching ignores case: a reference
    that differs only in case is still meant to be the sedex Client, and a linter must not
    let it slip through.
    """
    if not isinstance(reference, str) or not reference.strip():
        return False
    image = parse_image(reference)
    repository = image.repository.lower()
    if repository == SEDEX_REPOSITORY or repository.endswith("/" + SEDEX_REPOSITORY):
        return True
    if not patterns:
        return False
    full = f"{image.registry}/{image.repository}" if image.registry else image.repository
    return any(fnmatch.fnmatchcase(full.lower(), pattern.lower()) for pattern in patterns)
