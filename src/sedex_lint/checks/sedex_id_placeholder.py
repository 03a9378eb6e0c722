"""SDX040: `SEDEX_ID` left at a placeholder or at an ID from the documentation."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.client_settings import setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

DOCUMENTATION_IDS = frozenset({"1-123456-1", "1-123455-1", "1-1234-1", "1-123-1", "1-007-6"})
"""Fictitious IDs of the sedex documentation's examples (facts §8)."""


def placeholder_kind(value: str) -> str | None:
    """Why `value` is no real sedex ID, or None. Spaces around the value, case and the
    punctuation of `<your_sedex_id>` or `YOUR-SEDEX-ID` do not hide a placeholder."""
    stripped = value.strip()
    if not stripped:
        return "an empty value, so the client is configured for no participant"
    if "YOURSEDEXID" in re.sub(r"[^A-Z0-9]", "", stripped.upper()):
        return "the placeholder of the documentation's examples, never replaced"
    if stripped in DOCUMENTATION_IDS:
        return (
            "a fictitious ID from the sedex documentation's examples, so the client is "
            "configured for a participant it holds no certificate for"
        )
    return None


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, "SEDEX_ID")
        kind = placeholder_kind(found.text) if found else None
        if found is None or kind is None:
            continue
        yield Violation(
            found.path,
            f"container {container.name!r} sets SEDEX_ID to {found.text!r}, {kind}; set "
            "the sedex ID that sedex Customer Support issued to your participant",
        )
