"""Container image references, parsed the way Docker and Kubernetes read them."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import fnmatch
import re
from typing import NamedTuple

SEDEX_REPOSITORY = "sedexch/sedex-client"
NEWEST_FULL_TAG = "8.0.1_container-1.2.0"
"""The newest full tag sedex-lint knows (2026-02-04, facts §9): what `sedex-lint init` pins."""


class ImageRef(NamedTuple):
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


Version = tuple[int, ...]


class Generation(NamedTuple):
    """The sedex Client and container versions that a full tag names (facts §9)."""

    client: Version
    container: Version


_FULL_TAG = re.compile(
    r"(?P<client>[0-9]+(?:\.[0-9]+)*)_container-(?P<container>[0-9]+(?:\.[0-9]+)*)(?:-[\w.]+)?\Z"
)


def generation(reference: object) -> Generation | None:
    """Versions from a full tag `<client>_container-<container>` (`8.0.1_container-1.2.0`,
    `6.0.6_container-0.99-beta`); None when the tag does not say (latest, no tag, a digest
    only, a client-only or container-major tag): rules that depend on it then stay silent."""
    if not isinstance(reference, str):
        return None
    tag = parse_image(reference).tag
    match = _FULL_TAG.match(tag or "")
    if match is None:
        return None
    return Generation(_version(match["client"]), _version(match["container"]))


def _version(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))
