"""An example sedex-lint plugin: the sedex Client image must be pinned by digest.

Install it next to sedex-lint (`pip install ./examples/plugin`) and its rule ACME101 runs
with the built-in ones. The entry point's name, ACME, is the plugin's code prefix: its rules'
codes must start with it, and SDX is reserved. It imports only from `sedex_lint.plugins`, the
plugin API.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.plugins import Plugin, Violation, Workload, WorkloadScope, parse_image


def pinned_by_digest(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for client in workload.clients:
        image = client.data.get("image")
        if isinstance(image, str) and parse_image(image).digest is None:
            yield Violation(
                (*client.path, "image"),
                f"image {image!r} is not pinned by digest; a tag can be moved to another "
                "build, so write it as sedexch/sedex-client:TAG@sha256:DIGEST",
            )


RULE = {
    "code": "ACME101",
    "name": "image-pinned-by-digest",
    "severity": "warning",
    "summary": "The sedex Client image must be pinned by digest.",
    "check": "acme_pinned_by_digest",
    "rationale": "A tag such as 8.0.1 is not unique and can point to a new build later.",
    "fix": "Append @sha256:<digest> to the image reference.",
}


def plugin() -> Plugin:
    return Plugin(
        checks={"acme_pinned_by_digest": WorkloadScope(pinned_by_digest)},
        rules=[RULE],
    )
