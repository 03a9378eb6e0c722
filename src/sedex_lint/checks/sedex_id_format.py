"""SDX041: `SEDEX_ID` in the form of every documented sedex ID, e.g. `3-207-1` or `3-CH-1`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sedex_lint.checks.sedex_id_placeholder import placeholder_kind
from sedex_lint.client_settings import setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload


@cache
def sedex_id_pattern() -> re.Pattern[str]:
    """ASCII digits only: Python's `\\d` would also accept other scripts' digits. Compiled on
    first use: a manifest that takes SEDEX_ID from elsewhere never needs it."""
    return re.compile(r"[0-9]+-(?:[0-9]+|CH)-[0-9]+")


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, "SEDEX_ID")
        if (
            found is None
            or placeholder_kind(found.text)
            or sedex_id_pattern().fullmatch(found.text)
        ):
            continue  # a placeholder is SDX040's finding
        yield Violation(
            found.path,
            f"container {container.name!r} sets SEDEX_ID to {found.text!r}, which is not of "
            "the form <number>-<number or CH>-<number> of every sedex ID in the "
            "documentation (e.g. 3-207-1 or 3-CH-1: no spaces, CH in upper case); copy the "
            "sedex ID exactly as sedex Customer Support issued it",
        )
