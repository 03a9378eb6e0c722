"""The Python logic behind rules. A rule in rules/ names its check here; one check may back
several rules with different parameters. Registration is this explicit table (plus the checks
that plugins declare), never a side effect of importing a module; each entry binds a check to
the scope it runs in (see `sedex_lint.scopes`)."""

from __future__ import annotations

from sedex_lint.checks import (
    duplicate_key,
    health_probes,
    init_runs_every_start,
    init_var_generation,
    json_schema,
    memory_allocation,
    persistent_data_volume,
    recreate_strategy,
    secret_literal_env,
    single_replica,
    suppression_reason,
    termination_grace_period,
    unchecked_workload_kind,
    unmanaged_client,
    unused_suppression,
)
from sedex_lint.scopes import CheckScope, DocumentScope, FileScope, ObjectScope, WorkloadScope

BUILTIN_CHECKS: dict[str, CheckScope] = {
    "single_replica": WorkloadScope(single_replica.check),
    "recreate_strategy": WorkloadScope(recreate_strategy.check),
    "persistent_data_volume": WorkloadScope(persistent_data_volume.check),
    "memory_allocation": WorkloadScope(memory_allocation.check),
    "health_probes": WorkloadScope(health_probes.check),
    "unmanaged_client": WorkloadScope(unmanaged_client.check),
    "termination_grace_period": WorkloadScope(termination_grace_period.check),
    "secret_literal_env": WorkloadScope(secret_literal_env.check),
    "init_runs_every_start": WorkloadScope(init_runs_every_start.check),
    "init_var_generation": WorkloadScope(init_var_generation.check),
    "unchecked_workload_kind": ObjectScope(unchecked_workload_kind.check),
    "json_schema": ObjectScope(json_schema.check),
    "duplicate_key": DocumentScope(duplicate_key.check),
    "suppression_reason": FileScope(suppression_reason.check),
    "unused_suppression": FileScope(unused_suppression.check),
}

PARAMETER_SCHEMAS = {"json_schema": json_schema.PARAMS_SCHEMA}
"""Schemas of checks that only teams' own rules use, which declare none themselves. A check
behind a built-in rule takes its schema from that rule's declaration."""
