"""SDX033 image-pull-policy-latest: `latest` kept from a node's cache, at the pull policy."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod


@pytest.mark.parametrize("policy", ["IfNotPresent", "Never"])
@pytest.mark.parametrize("image", ["sedexch/sedex-client:latest", "sedexch/sedex-client"])
def test_latest_with_a_policy_that_keeps_cached_copies(image: str, policy: str) -> None:
    text = pod(f"      imagePullPolicy: {policy}\n", image=image)
    assert lint_rule(text, "SDX033") == [("SDX033", 9, 24)]


@pytest.mark.parametrize(
    ("image", "policy"),
    [
        ("sedexch/sedex-client:latest", "Always"),
        ("sedexch/sedex-client:latest", None),  # the default for latest is Always
        ("sedexch/sedex-client:8.0.1_container-1.2.0", "IfNotPresent"),
        ("sedexch/sedex-client:latest@sha256:" + "d" * 64, "IfNotPresent"),
        ("sedexch/sedex-client:latest", "ifnotpresent"),  # not a policy: the API refuses it
    ],
)
def test_other_combinations_pass(image: str, policy: str | None) -> None:
    container = f"      imagePullPolicy: {policy}\n" if policy else ""
    assert lint_rule(pod(container, image=image), "SDX033") == []


def test_the_message_explains_node_dependent_versions() -> None:
    text = pod("      imagePullPolicy: IfNotPresent\n", image="sedexch/sedex-client:latest")
    assert rule_messages(text, "SDX033") == [
        "container 'sedex-client' runs 'sedexch/sedex-client:latest' with imagePullPolicy "
        "IfNotPresent: a node that already holds an older latest keeps running it, so the "
        "sedex Client version depends on the node the pod lands on, and a reschedule can move "
        "the client to an older version; pin a full tag (then IfNotPresent is right)"
    ]


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job("          imagePullPolicy: Never\n", image="sedexch/sedex-client")
    assert lint_rule(text, "SDX033") == [("SDX033", 12, 28)]


def test_other_images_are_not_checked() -> None:
    text = pod("      imagePullPolicy: IfNotPresent\n", image="nginx:latest")
    assert lint_rule(text, "SDX033") == []
