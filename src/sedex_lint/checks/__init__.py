"""The Python logic behind rules. A rule in rules/ names its check here; one check may back
several rules with different parameters. Registration is this explicit table, not a side
effect of importing a module."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sedex_lint.checks import (
    health_probes,
    memory_allocation,
    persistent_data_volume,
    recreate_strategy,
    single_replica,
)
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

WorkloadCheck = Callable[[Workload, Mapping[str, Any]], Iterator[Violation]]

WORKLOAD_CHECKS: dict[str, WorkloadCheck] = {
    "single_replica": single_replica.check,
    "recreate_strategy": recreate_strategy.check,
    "persistent_data_volume": persistent_data_volume.check,
    "memory_allocation": memory_allocation.check,
    "health_probes": health_probes.check,
}

DOCUMENT_CHECKS = frozenset({"duplicate_key"})
"""Checks the engine runs on every document while loading, not on workloads."""
