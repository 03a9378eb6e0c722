"""SDX056 wsproxy-start-value: WSPROXY_START exactly true or false."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod


@pytest.mark.parametrize("value", ['"true"', '"false"', "'false'", "true", "false"])
def test_true_and_false_pass(value: str) -> None:
    # an unquoted YAML boolean reaches the container as the text true or false
    assert lint_rule(pod(env(("WSPROXY_START", value))), "SDX056") == []


@pytest.mark.parametrize(
    "value",
    [
        '"no"',  # quoted: plain `no` and `yes` are booleans to kubectl
        '"yes"',
        '"off"',
        '"1"',
        "0",
        '"TRUE"',
        '"False"',
        '" true"',
        '"false "',
        '""',
        "disabled",
    ],
)
def test_any_other_value_is_reported_at_the_value(value: str) -> None:
    assert lint_rule(pod(env(("WSPROXY_START", value))), "SDX056") == [("SDX056", 11, 18)]


def test_an_entry_without_value_sets_the_empty_string() -> None:
    text = pod("      env:\n        - name: WSPROXY_START\n          value:\n")
    assert lint_rule(text, "SDX056") == [("SDX056", 11, 17)]


def test_the_message_names_the_value_and_the_allowed_ones() -> None:
    assert rule_messages(pod(env(("WSPROXY_START", '"yes"'))), "SDX056") == [
        "container 'sedex-client' sets WSPROXY_START to 'yes', but the sedex documentation "
        "allows only true (the default) and false: how the client reads any other value is not "
        "documented, so whether the WS-Proxy, and the REST API with it, starts is left to "
        "chance; write true or false"
    ]


def test_the_last_entry_wins() -> None:
    assert (
        lint_rule(pod(env(("WSPROXY_START", '"yes"'), ("WSPROXY_START", '"false"'))), "SDX056")
        == []
    )
    text = pod(env(("WSPROXY_START", '"false"'), ("WSPROXY_START", '"on"')))
    assert lint_rule(text, "SDX056") == [("SDX056", 13, 18)]


def test_values_from_elsewhere_are_unknown() -> None:
    text = pod(
        "      env:\n        - name: WSPROXY_START\n          valueFrom:\n"
        "            configMapKeyRef: {name: sedex, key: wsp}\n"
    )
    assert lint_rule(text, "SDX056") == []
    assert lint_rule(pod(env(("WSPROXY_START", "$(WSP)"))), "SDX056") == []
    envfrom = pod("      envFrom:\n        - configMapRef: {name: sedex}\n")
    assert lint_rule(envfrom, "SDX056") == []


def test_only_the_documented_name_is_read() -> None:
    assert lint_rule(pod(env(("wsproxy_start", "maybe"))), "SDX056") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env(("WSPROXY_START", '"off"'), indent=10))
    assert lint_rule(text, "SDX056") == [("SDX056", 14, 22)]


def test_other_images_are_not_checked() -> None:
    assert lint_rule(pod(env(("WSPROXY_START", "x")), image="example/app:1"), "SDX056") == []
