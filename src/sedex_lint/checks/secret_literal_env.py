"""SDX020: credentials of the sedex Client never as a literal `value:` in a manifest."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sedex_lint.model import Violation
from sedex_lint.workload import Container, Workload, mapping, sequence

CREDENTIALS = frozenset(
    {
        "KEYSTORE", "KEYSTORE_PW", "CRID", "OTP", "SEDEX_CRID", "SEDEX_OTP",
        "SEDEX_CERTIFICATE_PASSWORD", "OUTGOING_WEB_PROXY_PASSWORD",
        "WSPROXY_HTTPS_KEY_STORE_PASSWORD", "WSPROXY_HTTPS_KEY_PASSWORD",
    }
)  # fmt: skip
CREDENTIAL_SUFFIXES = ("_PASSWORD", "_PW")


@cache
def _only_references() -> re.Pattern[str]:
    """`$(OTHER)` and nothing else: Kubernetes substitutes another variable, e.g. one taken from
    a Secret, so the manifest holds a name, not the credential. Compiled on first use: most
    runs never need it."""
    return re.compile(r"(?:\$\([^()$]+\))+\Z")


def is_credential(name: str) -> bool:
    """Names are compared in upper case: `keystore_pw` is as secret as `KEYSTORE_PW`."""
    upper = name.upper()
    return upper in CREDENTIALS or upper.endswith(CREDENTIAL_SUFFIXES)


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.runs_sedex:
        return
    for container in workload.containers:
        yield from _literals(container)


def _literals(container: Container) -> Iterator[Violation]:
    """Every `env` entry that writes a credential as a literal, including one that a later
    entry of the same name overrides, or one beside a `valueFrom` (which the API server
    refuses): the value is in the manifest either way, and that is the exposure."""
    entries = [mapping(entry) for entry in sequence(container.data.get("env"))]
    names = [entry.get("name") for entry in entries]
    last = {name: index for index, name in enumerate(names) if isinstance(name, str)}
    for index, (entry, name) in enumerate(zip(entries, names, strict=True)):
        if not isinstance(name, str) or not is_credential(name):
            continue
        if not _exposes(entry.get("value")):
            continue
        if last[name] != index:
            how = "a literal value that a later entry of the same name overrides"
        elif "valueFrom" in entry:
            how = "a literal value beside valueFrom, which the API server refuses"
        else:
            how = "a literal value"
        # the value itself is never repeated: reports end up in CI logs
        yield Violation(
            (*container.path, "env", index, "value"),
            f"container {container.name!r} sets the credential {name} as {how}, so everyone "
            "who can read the manifest, its Git history or the cluster's objects can read it; "
            "take it from a Secret with valueFrom.secretKeyRef, and rotate it, since it has "
            "been exposed",
        )


def _exposes(value: Any) -> bool:
    if value is None or value == "":
        return False
    return not (isinstance(value, str) and _only_references().match(value))
