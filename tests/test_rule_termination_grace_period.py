"""SDX009 termination-grace-period: the client's pod must allow at least `minimum` seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedex_lint.config import load_config
from sedex_lint.policy import build_policy
from sedex_lint.settings_file import SettingsError
from tests.rule_case import lint_rule, rule_messages

IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"


def deployment(grace: str | None) -> str:
    """The field, when given, is on line 8, its value at column 38."""
    field = "" if grace is None else f"      terminationGracePeriodSeconds: {grace}\n"
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex-client
spec:
  template:
    spec:
{field}      containers:
        - name: sedex-client
          image: {IMAGE}
"""


def test_an_unset_grace_period_is_reported_at_the_pod_spec() -> None:
    text = deployment(None)
    assert lint_rule(text, "SDX009") == [("SDX009", 7, 5)]
    assert rule_messages(text, "SDX009") == [
        "the pod sets no terminationGracePeriodSeconds, so Kubernetes allows 30 s: stopping "
        "the sedex Client can take up to 65 seconds, and Kubernetes kills it when the grace "
        "period ends, cutting its clean-up of temporary data short; set "
        "terminationGracePeriodSeconds: 65"
    ]


def test_a_short_grace_period_is_reported_at_the_value() -> None:
    text = deployment("30")
    assert lint_rule(text, "SDX009") == [("SDX009", 8, 38)]
    (message,) = rule_messages(text, "SDX009")
    assert message.startswith("terminationGracePeriodSeconds is 30, below 65: ")
    assert message.endswith("; raise it to at least 65")


@pytest.mark.parametrize("grace", ["65", "66", "3600", "0x41", "0101", "65.0", "+65", "6_5"])
def test_enough_seconds_pass(grace: str) -> None:
    # YAML 1.1 as the API server reads it: 0x41 and octal 0101 are 65, 6_5 is 65, and 65.0
    # is the integer 65
    assert lint_rule(deployment(grace), "SDX009") == []


@pytest.mark.parametrize(
    ("grace", "seconds"),
    [("64", 64), ("064", 52), ("0100", 64), ("0", 0), ("-1", -1)],
)
def test_too_few_seconds_are_reported_with_the_value_kubernetes_reads(
    grace: str, seconds: int
) -> None:
    text = deployment(grace)
    assert lint_rule(text, "SDX009") == [("SDX009", 8, 38)]
    (message,) = rule_messages(text, "SDX009")
    assert message.startswith(f"terminationGracePeriodSeconds is {seconds}, below 65: ")


def test_the_minimum_is_a_parameter() -> None:
    assert lint_rule(deployment("80"), "SDX009", minimum=90) == [("SDX009", 8, 38)]
    assert rule_messages(deployment("80"), "SDX009", minimum=90)[0].startswith(
        "terminationGracePeriodSeconds is 80, below 90: "
    )
    assert lint_rule(deployment("30"), "SDX009", minimum=30) == []


def test_the_pod_spec_of_each_kind_is_checked_where_it_lives() -> None:
    text = f"""\
    apiVersion: v1
    kind: Pod
    metadata:
      name: sedex-client
    spec:
      containers:
        - name: sedex-client
          image: {IMAGE}
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: sedex-client
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: 10
              containers:
                - name: sedex-client
                  image: {IMAGE}
    """
    assert lint_rule(text, "SDX009") == [("SDX009", 5, 1), ("SDX009", 20, 42)]


def test_a_phase_one_job_is_not_a_client_and_is_not_checked() -> None:
    text = f"""\
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: sedex-init
    spec:
      template:
        spec:
          containers:
            - name: init
              image: {IMAGE}
              command: [init-container-new-cert.sh]
    """
    assert lint_rule(text, "SDX009") == []


def test_a_workload_without_the_client_is_not_checked() -> None:
    assert lint_rule(deployment(None).replace(IMAGE, "nginx:1.27"), "SDX009") == []


def test_the_grace_period_of_a_pod_with_a_client_native_sidecar_is_checked() -> None:
    text = f"""\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: app
    spec:
      template:
        spec:
          terminationGracePeriodSeconds: 30
          initContainers:
            - name: sedex-client
              image: {IMAGE}
              restartPolicy: Always
          containers:
            - name: app
              image: registry.example.ch/app:1
    """
    assert lint_rule(text, "SDX009") == [("SDX009", 8, 38)]


@pytest.mark.parametrize(("null", "column"), [("null", 38), ("~", 38), ("", 37)])
def test_an_explicit_null_is_the_default_and_reported_at_the_null(null: str, column: int) -> None:
    # an empty value is an empty scalar right after the colon
    text = deployment(null)
    assert lint_rule(text, "SDX009") == [("SDX009", 8, column)]
    assert rule_messages(text, "SDX009") == [
        "terminationGracePeriodSeconds is null, so Kubernetes allows 30 s: stopping the sedex "
        "Client can take up to 65 seconds, and Kubernetes kills it when the grace period ends, "
        "cutting its clean-up of temporary data short; set terminationGracePeriodSeconds: 65"
    ]


@pytest.mark.parametrize(
    ("grace", "shown", "column"),
    [
        ('"90"', 'the string "90"', 38),
        ("'30'", 'the string "30"', 38),
        ('"65s"', 'the string "65s"', 38),
        ('"' + "9" * 41 + '"', "a string", 38),
        ("65.5", "65.5", 38),
        ("true", "true", 38),
        # a collection is pointed at by its key
        ("[65]", "a list", 7),
        ("{seconds: 65}", "a mapping", 7),
    ],
)
def test_a_value_that_is_not_an_integer_is_reported_whatever_it_says(
    grace: str, shown: str, column: int
) -> None:
    # The API server refuses a string or a fraction for this int64 field, so a quoted "90"
    # is no more a grace period than a quoted "30"; both are reported at the value.
    text = deployment(grace)
    assert lint_rule(text, "SDX009") == [("SDX009", 8, column)]
    assert rule_messages(text, "SDX009") == [
        f"terminationGracePeriodSeconds is {shown}, not a whole number of seconds, so the API "
        "server refuses the pod; write a plain number of at least 65"
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ('"65"', "invalid parameter: '65' is not of type 'integer'"),
        ("0", "invalid parameter: 0 is less than the minimum of 1"),
        ("65.5", "invalid parameter: 65.5 is not of type 'integer'"),
        ("true", "invalid parameter: True is not of type 'integer'"),
    ],
)
def test_a_configured_minimum_must_be_a_positive_integer(
    tmp_path: Path, value: str, reason: str
) -> None:
    config = tmp_path / ".sedex-lint.yaml"
    config.write_text(f"rules:\n  SDX009:\n    parameters:\n      minimum: {value}\n")
    with pytest.raises(SettingsError) as raised:
        build_policy(load_config(config))
    assert str(raised.value) == f"{config}:4:16: {reason}"


def test_a_configured_minimum_is_used(tmp_path: Path) -> None:
    config = tmp_path / ".sedex-lint.yaml"
    config.write_text("rules:\n  SDX009:\n    parameters:\n      minimum: 120\n")
    rule = build_policy(load_config(config)).rules.find("SDX009")
    assert rule is not None and rule.parameters == {"minimum": 120}
