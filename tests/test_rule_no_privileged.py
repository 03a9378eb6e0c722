"""SDX072 no-privileged: privileged, added capabilities, hostNetwork, at the field."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod


# kubectl reads `yes` and `True` as booleans; a quoted "true" is a string, which the API server
# refuses for a boolean field (SDX090's business), so it is not privileged
@pytest.mark.parametrize("value", ["true", "yes", "True"])
def test_a_privileged_client_is_reported_at_the_field(value: str) -> None:
    text = pod(f"      securityContext:\n        privileged: {value}\n")
    assert lint_rule(text, "SDX072") == [("SDX072", 10, 21)]


def test_added_capabilities_are_reported_at_add() -> None:
    text = pod(
        "      securityContext:\n        capabilities:\n"
        "          add: [NET_ADMIN, SYS_TIME]\n          drop: [ALL]\n"
    )
    assert lint_rule(text, "SDX072") == [("SDX072", 11, 11)]
    assert "adds the capabilities NET_ADMIN, SYS_TIME:" in rule_messages(text, "SDX072")[0]


@pytest.mark.parametrize("value", ["true", "on"])
def test_the_hosts_network_is_reported_once_for_the_pod(value: str) -> None:
    text = pod(
        "    - name: second\n      image: sedexch/sedex-client:8.0.1_container-1.2.0\n",
        spec=f"  hostNetwork: {value}\n",
    )
    assert lint_rule(text, "SDX072") == [("SDX072", 6, 16)]


def test_all_three_are_three_findings() -> None:
    text = pod(
        "      securityContext:\n        privileged: true\n"
        "        capabilities:\n          add:\n            - NET_BIND_SERVICE\n",
        spec="  hostNetwork: true\n",
    )
    assert lint_rule(text, "SDX072") == [
        ("SDX072", 6, 16),
        ("SDX072", 11, 21),
        ("SDX072", 13, 11),
    ]


@pytest.mark.parametrize(
    ("container", "spec"),
    [
        ("      securityContext:\n        privileged: false\n", ""),
        ("      securityContext:\n        capabilities:\n          add: []\n", ""),
        ("      securityContext:\n        capabilities:\n          drop: [ALL]\n", ""),
        ("      securityContext:\n        allowPrivilegeEscalation: false\n", ""),
        ("", "  hostNetwork: false\n"),
        ("", "  hostPID: false\n"),
        ("", ""),
    ],
)
def test_no_privileges_pass(container: str, spec: str) -> None:
    assert lint_rule(pod(container, spec=spec), "SDX072") == []


def test_the_messages_name_the_privilege() -> None:
    text = pod("      securityContext:\n        privileged: true\n", spec="  hostNetwork: true\n")
    assert rule_messages(text, "SDX072") == [
        "the sedex Client pod uses the node's network (hostNetwork: true), so its ports, "
        "monitoring and WS-Proxy included, open on the node itself: nothing in the sedex "
        "documentation requires it, and it widens what a compromised client can do; remove it",
        "sedex Client container 'sedex-client' is privileged, with full access to the node: "
        "nothing in the sedex documentation requires it, and it widens what a compromised "
        "client can do; remove privileged: true",
    ]


def test_other_containers_and_phase_one_are_not_checked() -> None:
    sidecar = pod(
        "    - name: debug\n      image: busybox:1.36\n"
        "      securityContext:\n        privileged: true\n"
    )
    assert lint_rule(sidecar, "SDX072") == []
    job = phase_one_job("          securityContext:\n            privileged: true\n")
    assert lint_rule(job, "SDX072") == []
    other = pod(spec="  hostNetwork: true\n", image="registry.example.ch/app:1")
    assert lint_rule(other, "SDX072") == []
