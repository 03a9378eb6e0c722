"""SDX090: every object of a built-in kind is valid against Kubernetes' schema of the target
version, strictly (unknown fields are errors); CRDs against schemas in `schema_dirs`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.model import NotChecked, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import Workload

_Key = tuple[Any, tuple[str, ...], str, str]
_checkers: dict[_Key, Any] = {}
"""(version, schema_dirs, apiVersion, kind) -> validator or None, for this process."""


def check(
    obj: K8sObject, workload: Workload | None, params: Mapping[str, Any]
) -> Iterator[Violation | NotChecked]:
    api_version, kind = obj.ref.api_version or "", obj.ref.kind or ""
    key = (
        params.get("kubernetes_version"),
        tuple(params.get("schema_dirs") or ()),
        api_version,
        kind,
    )
    checker = _checkers.get(key, _checkers)
    if checker is _checkers:
        checker = _checkers[key] = _checker_for(*key)
    if checker is None:
        yield NotChecked(f"{api_version} {kind}")
        return
    for problem in checker(obj.data):
        yield Violation(problem.path, problem.message)


def _checker_for(version: Any, schema_dirs: tuple[str, ...], api_version: str, kind: str) -> Any:
    from sedex_lint import k8s_schema  # deferred: runs without this rule never load schemas

    return k8s_schema.checker(k8s_schema.target_version(version), api_version, kind, schema_dirs)
