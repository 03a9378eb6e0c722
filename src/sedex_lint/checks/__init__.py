"""The Python logic behind rules. A rule in rules/ names its check here; one check may back
several rules with different parameters. Registration is this explicit table (plus the checks
that plugins declare), never a side effect of importing a module."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sedex_lint.checks import (
    health_probes,
    init_runs_every_start,
    init_var_generation,
    json_schema,
    memory_allocation,
    persistent_data_volume,
    recreate_strategy,
    secret_literal_env,
    single_replica,
    termination_grace_period,
    unchecked_workload_kind,
    unmanaged_client,
)
from sedex_lint.model import Violation
from sedex_lint.objects import K8sObject
from sedex_lint.workload import Workload

WorkloadCheck = Callable[[Workload, Mapping[str, Any]], Iterator[Violation]]
ObjectCheck = Callable[[K8sObject, "Workload | None", Mapping[str, Any]], Iterator[Violation]]
Scope = Literal["sedex", "object", "document"]


@dataclass(frozen=True)
class CheckSpec:
    """A check and what it is called on.

    scope "sedex": `function(workload, params)`, only for workloads running the sedex Client.
    scope "object": `function(object, workload or None, params)`, for every object.
    scope "document": run by the engine itself while loading (duplicate keys).
    """

    function: Callable[..., Iterator[Violation]] | None
    scope: Scope
    params_schema: Mapping[str, Any] | None = None


BUILTIN_CHECKS: dict[str, CheckSpec] = {
    "single_replica": CheckSpec(single_replica.check, "sedex"),
    "recreate_strategy": CheckSpec(recreate_strategy.check, "sedex"),
    "persistent_data_volume": CheckSpec(persistent_data_volume.check, "sedex"),
    "memory_allocation": CheckSpec(
        memory_allocation.check, "sedex", memory_allocation.PARAMS_SCHEMA
    ),
    "health_probes": CheckSpec(health_probes.check, "sedex"),
    "unmanaged_client": CheckSpec(unmanaged_client.check, "sedex"),
    "termination_grace_period": CheckSpec(termination_grace_period.check, "sedex"),
    "secret_literal_env": CheckSpec(secret_literal_env.check, "sedex"),
    "init_runs_every_start": CheckSpec(init_runs_every_start.check, "sedex"),
    "init_var_generation": CheckSpec(init_var_generation.check, "sedex"),
    "unchecked_workload_kind": CheckSpec(unchecked_workload_kind.check, "object"),
    "json_schema": CheckSpec(json_schema.check, "object", json_schema.PARAMS_SCHEMA),
    "duplicate_key": CheckSpec(None, "document"),
    "suppression_reason": CheckSpec(None, "document"),
    "unused_suppression": CheckSpec(None, "document"),
}
