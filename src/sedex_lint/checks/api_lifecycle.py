"""SDX091 and SDX092: an apiVersion/kind that the target Kubernetes version no longer serves
(or does not serve yet), or still serves with a deprecation warning.

Two sources: the deprecation guide's table (k8s_schemas/deprecations.json: removals since
1.16, with the replacement it names) and, for what the guide does not list (alpha APIs), the
versions whose bundled schemas serve each built-in apiVersion/kind (served.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Literal

from sedex_lint.model import Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import Workload

Status = Literal["removed", "deprecated"]


@cache
def _stability_pattern() -> re.Pattern[str]:  # compiled on first use: most runs never need it
    return re.compile(r"v(\d+)(?:(alpha|beta)(\d+))?\Z")


def check(
    obj: K8sObject, workload: Workload | None, params: Mapping[str, Any]
) -> Iterator[Violation]:
    found = _assess(params.get("kubernetes_version"), obj.ref.api_version or "", obj.ref.kind or "")
    if found is not None and found[0] == params["report"]:
        yield Violation(("apiVersion",), found[1])


@cache
def _assess(requested: str | None, api_version: str, kind: str) -> tuple[Status, str] | None:
    from sedex_lint import k8s_schema

    return assess(k8s_schema.target_version(requested), api_version, kind)


def assess(version: str, api_version: str, kind: str) -> tuple[Status, str] | None:
    """('removed' or 'deprecated', message), or None for a served API or a custom resource."""
    from sedex_lint import k8s_schema

    target = k8s_schema.minor(version)
    what = f"{api_version} {kind}"
    entry = k8s_schema.deprecations().get((api_version, kind))
    if entry is not None:
        removed = entry["removed"]
        since = f", deprecated since {entry['deprecated']}" if entry["deprecated"] else ""
        use = _guide_replacement(entry)
        if removed and target >= k8s_schema.minor(removed):
            return "removed", (
                f"{what} is no longer served: removed in Kubernetes {removed}{since} "
                f"(target version {version}); {use}"
            )
        if entry["deprecated"] and target >= k8s_schema.minor(entry["deprecated"]):
            until = f" and removed in {removed}" if removed else " (no removal is scheduled)"
            return "deprecated", (
                f"{what} is deprecated since Kubernetes {entry['deprecated']}{until} "
                f"(target version {version}); {use}"
            )
        return None
    span = k8s_schema.served().get(f"{api_version}/{kind}")
    if span is None or span[0] <= target <= span[1]:
        return None
    if target > span[1]:
        use = _served_replacement(version, api_version, kind)
        return "removed", (
            f"{what} is no longer served: removed in Kubernetes 1.{span[1] + 1} (served up to "
            f"1.{span[1]}; target version {version}); {use}"
        )
    return "removed", (
        f"{what} is not served yet by Kubernetes {version}: it is served from 1.{span[0]} on; "
        "raise the target version (kubernetes_version) or use an API the target serves"
    )


def _guide_replacement(entry: Mapping[str, Any]) -> str:
    replacement = entry["replacement"]
    if not replacement:
        text = "there is no replacement API"
    elif " " in replacement:  # another kind: "discovery.k8s.io/v1 EndpointSlice"
        text = f"use {replacement}"
    else:
        text = f"use apiVersion: {replacement}"
    if entry.get("note"):
        text += f" ({entry['note']})"
    return f"{text}; see {entry['source']}"


def _served_replacement(version: str, api_version: str, kind: str) -> str:
    """The same kind in the same group, most stable first, among what the target serves."""
    from sedex_lint import k8s_schema

    group = api_version.rpartition("/")[0]
    candidates = []
    for key in k8s_schema.kinds(version):
        candidate, _, candidate_kind = key.rpartition("/")
        if candidate_kind == kind and candidate.rpartition("/")[0] == group:
            candidates.append(candidate)
    if not candidates:
        return f"Kubernetes {version} serves no {kind} in this API group"
    return f"use apiVersion: {max(candidates, key=_stability)}"


def _stability(api_version: str) -> tuple[int, int, int]:
    match = _stability_pattern().match(api_version.rpartition("/")[2])
    if match is None:
        return (0, 0, 0)
    level = {None: 2, "beta": 1, "alpha": 0}[match.group(2)]
    return (level, int(match.group(1)), int(match.group(3) or 0))
