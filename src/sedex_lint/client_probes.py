"""The sedex Client's probes as the documentation shows them, per image generation (facts §6,
§10): liveness runs check-health.sh; readiness asks for /monitoring over HTTP on 8000, or over
HTTPS on 9443 from client 8.x on, where that is the monitoring default."""

from __future__ import annotations

import re
from typing import Any

from sedex_lint.image import generation, parse_image

CHECK_HEALTH = "/opt/sedex-client/scripts/check-health.sh"
_CLIENT_ONLY_TAG = re.compile(r"([0-9]+)(?:\.[0-9]+)*\Z")
_TIMING = {"initialDelaySeconds": 5, "periodSeconds": 5}
"""The official example's timing; a startupProbe gives the slow start its time."""


def client_major(image: object) -> int | None:
    """The sedex Client's major version from a full (`8.0.1_container-1.2.0`) or client-only
    (`8.0.1`) tag; None when the tag does not say (latest, no tag, a digest only)."""
    found = generation(image)
    if found is not None:
        return found.client[0] if found.client else None
    if not isinstance(image, str):
        return None
    match = _CLIENT_ONLY_TAG.match(parse_image(image).tag or "")
    return int(match.group(1)) if match else None


def liveness() -> dict[str, Any]:
    return {"exec": {"command": [CHECK_HEALTH]}, **_TIMING}


def monitoring_check(major: int) -> dict[str, Any]:
    if major >= 8:
        return {"httpGet": {"path": "/monitoring", "port": 9443, "scheme": "HTTPS"}}
    return {"httpGet": {"path": "/monitoring", "port": 8000}}


def readiness(major: int) -> dict[str, Any]:
    return {**monitoring_check(major), **_TIMING}


def probe_for(name: str, image: object) -> dict[str, Any] | None:
    """The documentation's `livenessProbe` or `readinessProbe` for a client of this image;
    None for a readiness probe when the tag does not tell the generation (8000 or 9443)."""
    if name == "livenessProbe":
        return liveness()
    major = client_major(image)
    if name == "readinessProbe" and major is not None:
        return readiness(major)
    return None
