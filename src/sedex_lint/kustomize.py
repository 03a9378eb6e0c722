"""Which file of a kustomization produced each object of `kustomize build` output.

With `buildMetadata: [originAnnotations]` in the kustomization, Kustomize writes the source of
every object into its `config.kubernetes.io/origin` annotation, a small YAML document:

    path: ../../base/deployment.yaml       # relative to the kustomization that was built
    repo: https://github.com/org/repo      # only for a remote base,
    ref: v1.2.0                            # with the version it was fetched at

An object made by a generator (a ConfigMap from `configMapGenerator`) has `configuredIn:`
(the kustomization that declares the generator) instead of `path:`. This is read as Helm's
`# Source:` comment is read (helm.py), and points there; it is never trusted further.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sedex_lint.model import KUSTOMIZE, Origin

ORIGIN_ANNOTATION = "config.kubernetes.io/origin"


@cache
def _field() -> re.Pattern[str]:  # compiled on first use: most runs never need it
    return re.compile(r"^(path|repo|ref|configuredIn):[ \t]*(.*?)[ \t]*$")


def origin_of(data: dict[str, Any]) -> Origin | None:
    """The origin an object's annotation names, or None when it has none (or a broken one)."""
    metadata = data.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    value = annotations.get(ORIGIN_ANNOTATION) if isinstance(annotations, dict) else None
    if not isinstance(value, str):
        return None
    fields: dict[str, str] = {}
    field = _field()
    for line in value.splitlines():
        match = field.match(line)  # top-level keys only: configuredBy's mapping is skipped
        if match and match.group(2):
            fields.setdefault(match.group(1), _unquote(match.group(2)))
    path = fields.get("path") or fields.get("configuredIn")
    if not path:
        return None
    return Origin(KUSTOMIZE, path, fields.get("repo"), fields.get("ref"))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
