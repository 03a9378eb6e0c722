"""The Python logic behind rules. A rule in rules/ names its check here; one check may back
several rules with different parameters. Registration is this explicit table (plus the checks
that plugins declare), never a side effect of importing a module; each entry binds a check to
the scope it runs in (see `sedex_lint.scopes`)."""

from __future__ import annotations

from sedex_lint.checks import (
    api_lifecycle,
    autoscaler_max_replicas,
    data_volume_shared,
    duplicate_key,
    health_probes,
    image_latest,
    image_pre_1_0,
    image_pull_policy_latest,
    image_tag_mutable,
    init_runs_every_start,
    init_var_generation,
    init_vars_consistent,
    interface_volume,
    internal_port_exposed,
    json_schema,
    kubernetes_schema,
    memory_allocation,
    monitoring_exposed,
    no_privileged,
    one_client_per_sedex_id,
    persistent_data_volume,
    read_only_root_filesystem,
    recreate_strategy,
    rest_api_client_version,
    rest_api_needs_wsp,
    rest_api_selector_value,
    rest_api_selector_without_api,
    rollout_workload_ref,
    run_as_non_root,
    secret_in_configmap,
    secret_literal_env,
    sedex_id_format,
    sedex_id_placeholder,
    single_replica,
    suppression_reason,
    termination_grace_period,
    unchecked_workload_kind,
    unmanaged_client,
    unused_suppression,
    websocket_disabled,
    wsp_http_exposed,
    wsproxy_start_value,
)
from sedex_lint.scopes import (
    CheckScope,
    DocumentScope,
    FileScope,
    ObjectScope,
    RunScope,
    WorkloadScope,
)

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
    "image_latest": WorkloadScope(image_latest.check),
    "image_pre_1_0": WorkloadScope(image_pre_1_0.check),
    "image_pull_policy_latest": WorkloadScope(image_pull_policy_latest.check),
    "image_tag_mutable": WorkloadScope(image_tag_mutable.check),
    "interface_volume": WorkloadScope(interface_volume.check),
    "no_privileged": WorkloadScope(no_privileged.check),
    "read_only_root_filesystem": WorkloadScope(read_only_root_filesystem.check),
    "rest_api_client_version": WorkloadScope(rest_api_client_version.check),
    "rest_api_needs_wsp": WorkloadScope(rest_api_needs_wsp.check),
    "rest_api_selector_value": WorkloadScope(rest_api_selector_value.check),
    "rest_api_selector_without_api": WorkloadScope(rest_api_selector_without_api.check),
    "run_as_non_root": WorkloadScope(run_as_non_root.check),
    "sedex_id_format": WorkloadScope(sedex_id_format.check),
    "sedex_id_placeholder": WorkloadScope(sedex_id_placeholder.check),
    "websocket_disabled": WorkloadScope(websocket_disabled.check),
    "wsproxy_start_value": WorkloadScope(wsproxy_start_value.check),
    "autoscaler_max_replicas": RunScope(
        autoscaler_max_replicas.collect, autoscaler_max_replicas.check
    ),
    "one_client_per_sedex_id": RunScope(
        one_client_per_sedex_id.collect, one_client_per_sedex_id.check
    ),
    "secret_in_configmap": RunScope(secret_in_configmap.collect, secret_in_configmap.check),
    "rollout_workload_ref": RunScope(rollout_workload_ref.collect, rollout_workload_ref.check),
    "init_vars_consistent": RunScope(init_vars_consistent.collect, init_vars_consistent.check),
    "data_volume_shared": RunScope(data_volume_shared.collect, data_volume_shared.check),
    "wsp_http_exposed": RunScope(wsp_http_exposed.collect, wsp_http_exposed.check),
    "monitoring_exposed": RunScope(monitoring_exposed.collect, monitoring_exposed.check),
    "internal_port_exposed": RunScope(internal_port_exposed.collect, internal_port_exposed.check),
    "unchecked_workload_kind": ObjectScope(unchecked_workload_kind.check),
    "kubernetes_schema": ObjectScope(kubernetes_schema.check),
    "api_lifecycle": ObjectScope(api_lifecycle.check),
    "json_schema": ObjectScope(json_schema.check),
    "duplicate_key": DocumentScope(duplicate_key.check),
    "suppression_reason": FileScope(suppression_reason.check),
    "unused_suppression": FileScope(unused_suppression.check),
}

PARAMETER_SCHEMAS = {"json_schema": json_schema.PARAMS_SCHEMA}
"""Schemas of checks that only teams' own rules use, which declare none themselves. A check
behind a built-in rule takes its schema from that rule's declaration."""
