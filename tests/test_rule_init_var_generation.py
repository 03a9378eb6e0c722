"""SDX024 init-var-generation: CRID/OTP against SEDEX_CRID/SEDEX_OTP by the container
generation of the Phase 1 image, at the variable's name."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages

MODERN = "sedexch/sedex-client:8.0.1_container-1.2.0"
PRE_1_0 = "sedexch/sedex-client:6.0.6_container-0.99-beta"
OLD_NAMES = (
    "            - name: SEDEX_ID\n              value: 1-1234-1\n"
    "            - name: CRID\n              valueFrom: {secretKeyRef: {name: init, key: crid}}\n"
    "            - name: OTP\n              valueFrom: {secretKeyRef: {name: init, key: otp}}\n"
)
NEW_NAMES = OLD_NAMES.replace("name: CRID", "name: SEDEX_CRID").replace(
    "name: OTP", "name: SEDEX_OTP"
)
# the CRID entry's name is on line 16 and the OTP one's on line 18, both at column 21
FINDINGS = [("SDX024", 16, 21), ("SDX024", 18, 21)]


def job(image: str, env: str) -> str:
    return f"""\
apiVersion: batch/v1
kind: Job
metadata:
  name: sedex-init
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: init
          image: {image}
          command: [init-container-new-cert.sh]
          env:
{env}"""


def test_pre_1_0_names_with_a_modern_image_are_reported_at_their_names() -> None:
    text = job(MODERN, OLD_NAMES)
    assert lint_rule(text, "SDX024") == FINDINGS
    assert rule_messages(text, "SDX024") == [
        "CRID is not read by the init script of container 1.2.0 (1.0 or later): the variable "
        "was renamed with container 1.0; name it SEDEX_CRID",
        "OTP is not read by the init script of container 1.2.0 (1.0 or later): the variable "
        "was renamed with container 1.0; name it SEDEX_OTP",
    ]


def test_modern_names_with_a_pre_1_0_image_are_reported_at_their_names() -> None:
    text = job(PRE_1_0, NEW_NAMES)
    assert lint_rule(text, "SDX024") == FINDINGS
    assert rule_messages(text, "SDX024") == [
        "SEDEX_CRID is not read by the init script of container 0.99 (before 1.0): the "
        "variable was renamed with container 1.0; name it CRID",
        "SEDEX_OTP is not read by the init script of container 0.99 (before 1.0): the "
        "variable was renamed with container 1.0; name it OTP",
    ]


def test_matching_names_pass() -> None:
    assert lint_rule(job(MODERN, NEW_NAMES), "SDX024") == []
    assert lint_rule(job(PRE_1_0, OLD_NAMES), "SDX024") == []


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client",
        "sedexch/sedex-client@sha256:" + "0" * 64,
        "sedexch/sedex-client:8.0.1",
        "sedexch/sedex-client:container-1",
        "registry.example.ch:5000/sedexch/sedex-client",
    ],
)
def test_an_unknown_generation_gives_nothing_in_either_direction(image: str) -> None:
    assert lint_rule(job(image, OLD_NAMES), "SDX024") == []
    assert lint_rule(job(image, NEW_NAMES), "SDX024") == []


@pytest.mark.parametrize(
    ("image", "reported"),
    [
        ("sedexch/sedex-client:6.0.5_container-1.0.0-beta", OLD_NAMES),
        ("sedexch/sedex-client:7.0.4_container-1.1.0", OLD_NAMES),
        ("sedexch/sedex-client:8.0.1_container-1.2.0@sha256:" + "0" * 64, OLD_NAMES),
        ("registry.example.ch:5000/mirror/sedexch/sedex-client:8.0.1_container-1.2.0", OLD_NAMES),
        ("sedexch/sedex-client:5.3.1_container-0.94-beta", NEW_NAMES),
        ("docker.io/sedexch/sedex-client:6.0.0_container-0.95-beta", NEW_NAMES),
    ],
)
def test_the_generation_comes_from_the_full_tag(image: str, reported: str) -> None:
    assert lint_rule(job(image, reported), "SDX024") == FINDINGS
    other = NEW_NAMES if reported == OLD_NAMES else OLD_NAMES
    assert lint_rule(job(image, other), "SDX024") == []


def test_a_phase_one_init_container_of_a_client_pod_is_checked() -> None:
    text = f"""\
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: sedex-client
    spec:
      template:
        spec:
          initContainers:
            - name: setup
              image: {MODERN}
              command: [init-container-new-cert.sh]
              env:
                - {{name: OTP, valueFrom: {{secretKeyRef: {{name: init, key: otp}}}}}}
          containers:
            - name: sedex-client
              image: {MODERN}
              env:
                - {{name: CRID, value: not-read-here}}
    """
    # only the Phase 1 container; the client's own environment is not the init script's
    assert lint_rule(text, "SDX024") == [("SDX024", 13, 22)]


def test_a_name_given_twice_is_reported_at_the_entry_kubernetes_keeps() -> None:
    env = OLD_NAMES + "            - name: CRID\n              value: ''\n"
    assert lint_rule(job(MODERN, env), "SDX024") == [("SDX024", 18, 21), ("SDX024", 20, 21)]


def test_names_are_case_sensitive() -> None:
    # the init script reads CRID, not crid: a lower-case name is no rename of either
    env = "            - {name: crid, value: x}\n            - {name: sedex_otp, value: x}\n"
    assert lint_rule(job(MODERN, env), "SDX024") == []
    assert lint_rule(job(PRE_1_0, env), "SDX024") == []


def test_a_client_container_is_not_phase_one() -> None:
    text = f"""\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: sedex-client
    spec:
      template:
        spec:
          containers:
            - name: sedex-client
              image: {MODERN}
              env:
                - {{name: CRID, value: x}}
    """
    assert lint_rule(text, "SDX024") == []
