"""Declarative house rules: assert a JSON Schema on an object, its pod spec or its containers.

A team writes the rule in YAML only, e.g. "every sedex container sets
securityContext.runAsNonRoot: true"; each schema error becomes a finding at the offending
field, or at the nearest existing parent when a required field is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from sedex_lint.model import Path, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import Workload

TARGETS = ("object", "pod", "container", "sedex-container")
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["target", "schema"],
    "additionalProperties": False,
    "properties": {
        "target": {"enum": list(TARGETS)},
        "schema": {"type": "object"},
        "message": {"type": "string"},
        "scope": {"enum": ["sedex", "all"], "default": "sedex"},
        "kinds": {"type": "array", "items": {"type": "string"}},
    },
}


def check(
    obj: K8sObject, workload: Workload | None, params: Mapping[str, Any]
) -> Iterator[Violation]:
    kinds = params.get("kinds")
    if kinds and obj.ref.kind not in kinds:
        return
    if params.get("scope", "sedex") == "sedex" and (workload is None or not workload.clients):
        return
    validator = _validator(json.dumps(params["schema"], sort_keys=True))
    for path, data, container in _targets(obj, workload, str(params["target"])):
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
            where: Path = (*path, *error.absolute_path)
            if error.validator == "required" and isinstance(error.instance, dict):
                missing = [p for p in error.validator_value if p not in error.instance]
                where = (*where, *missing[:1])
            yield Violation(where, _message(params, error.message, obj, container, where))


def _targets(
    obj: K8sObject, workload: Workload | None, target: str
) -> Iterator[tuple[Path, Any, str | None]]:
    if target == "object":
        yield (), obj.data, None
    elif workload is None:
        return
    elif target == "pod":
        yield workload.pod_spec_path, workload.pod_spec, None
    else:
        containers = workload.clients if target == "sedex-container" else workload.containers
        for container in containers:
            yield container.path, container.data, container.name


@lru_cache(maxsize=64)
def _validator(schema_json: str) -> Any:
    import jsonschema  # deferred: only runs that use declarative rules pay for the import

    schema = json.loads(schema_json)
    return jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)(
        schema
    )


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _message(
    params: Mapping[str, Any], error: str, obj: K8sObject, container: str | None, where: Path
) -> str:
    values = _Blank(
        error=error,
        kind=obj.ref.kind or "",
        name=obj.ref.name or "",
        namespace=obj.ref.namespace or "",
        container=container or "",
        path=".".join(map(str, where)),
    )
    from string import Formatter  # here: a clean run writes no message, so it pays no import

    template = str(params.get("message") or "{error}")
    fields = list(Formatter().parse(template))
    if any(f and (not f.isidentifier() or spec or conv) for _, f, spec, conv in fields):
        return template  # no attribute access or padding specs from a rule file: shown as written
    return template.format_map(values)
