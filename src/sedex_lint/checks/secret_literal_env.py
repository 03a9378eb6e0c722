"""SDX020: credentials of the sedex Client never as a literal `value:` in a manifest."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sedex_lint.env import env_vars
from sedex_lint.model import Violation
from sedex_lint.workload import Workload

CREDENTIALS = frozenset(
    {
        "KEYSTORE", "KEYSTORE_PW", "CRID", "OTP", "SEDEX_CRID", "SEDEX_OTP",
        "SEDEX_CERTIFICATE_PASSWORD", "OUTGOING_WEB_PROXY_PASSWORD",
        "WSPROXY_HTTPS_KEY_STORE_PASSWORD", "WSPROXY_HTTPS_KEY_PASSWORD",
    }
)  # fmt: skip


def is_credential(name: str) -> bool:
    """Names are compared in upper case: `keystore_pw` is as secret as `KEYSTORE_PW`."""
    upper = name.upper()
    return upper in CREDENTIALS or upper.endswith(("_PASSWORD", "_PW"))


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    if not workload.runs_sedex:
        return
    for container in workload.containers:
        for var in env_vars(container).values():
            if var.literal and var.value != "" and is_credential(var.name):
                # the value itself is never repeated: reports end up in CI logs
                yield Violation(
                    var.value_path,
                    f"container {container.name!r} sets the credential {var.name} as a literal "
                    "value, so everyone who can read the manifest, its Git history or the "
                    "cluster's objects can read it; take it from a Secret with "
                    "valueFrom.secretKeyRef, and rotate it, since it has been exposed",
                )
