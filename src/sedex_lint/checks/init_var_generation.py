"""SDX024: the init script's variable names must match the image's container generation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.env import env_vars
from sedex_lint.image import generation
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

_RENAMED = {"CRID": "SEDEX_CRID", "OTP": "SEDEX_OTP"}
"""Pre-1.0 name -> name since container 1.0 (facts §7.3)."""


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.phase_one:
        found = generation(container.data.get("image"))
        if found is None:
            continue
        modern = found.container >= (1,)
        variables = env_vars(container)
        for old, new in _RENAMED.items():
            wrong, right = (old, new) if modern else (new, old)
            if wrong in variables:
                label = "1.0 or later" if modern else "before 1.0"
                yield Violation(
                    (*variables[wrong].path, "name"),
                    f"{wrong} is not read by the init script of container "
                    f"{'.'.join(map(str, found.container))} ({label}): the variable was "
                    f"renamed with container 1.0; name it {right}",
                )
