"""SDX054: the default interface for incoming messages is `file-system` or `rest-api`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.client_settings import setting
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

SELECTOR = "MESSAGING_INTERFACE_SELECTOR_RULE_DEFAULT"
VALUES = ("file-system", "rest-api")


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    for container in workload.sedex_containers:
        found = setting(container, SELECTOR)
        if found is None or found.text in VALUES:
            continue
        yield Violation(
            found.path,
            f"container {container.name!r} sets {SELECTOR} to {found.text!r}, but the sedex "
            "documentation allows only file-system or rest-api (lower case, nothing around "
            "them): how the client delivers incoming messages with any other value is not "
            "documented; write file-system or rest-api",
        )
