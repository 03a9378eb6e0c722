"""SDX057 rest-api-selector-without-api: selector rest-api while the REST API is off."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod

REST = "MESSAGING_INTERFACE_REST_API_ENABLED"
SELECTOR = "MESSAGING_INTERFACE_SELECTOR_RULE_DEFAULT"


def test_the_selector_without_the_rest_api_setting_is_reported_at_the_selector() -> None:
    assert lint_rule(pod(env((SELECTOR, "rest-api"))), "SDX057") == [("SDX057", 11, 18)]


@pytest.mark.parametrize("value", ['"false"', "false", '"FALSE"'])
def test_the_selector_with_the_rest_api_switched_off_is_reported(value: str) -> None:
    text = pod(env((REST, value), (SELECTOR, "rest-api")))
    assert lint_rule(text, "SDX057") == [("SDX057", 13, 18)]


ENV_FROM_ALL = "      envFrom:\n        - configMapRef: {name: sedex}\n"
ENV_FROM_PREFIXED = "      envFrom:\n        - prefix: MESSAGING_\n          secretRef: {name: s}\n"
FROM_CONFIG_MAP = "valueFrom:\n            configMapKeyRef: {name: sedex, key: rest}"


@pytest.mark.parametrize(
    ("before", "rest"),
    [
        ("", 'value: "true"'),
        ("", "value: TRUE"),
        # unknown: a ConfigMap, envFrom that may supply it, or a value the rule does not read
        ("", FROM_CONFIG_MAP),
        (ENV_FROM_ALL, None),
        (ENV_FROM_PREFIXED, None),
        ("", "value: yes"),
        ("", "value: $(REST)"),
    ],
)
def test_an_enabled_or_unknown_rest_api_passes(before: str, rest: str | None) -> None:
    entries = f"        - name: {REST}\n          {rest}\n" if rest else ""
    selector = f"        - name: {SELECTOR}\n          value: rest-api\n"
    text = pod(before + "      env:\n" + entries + selector)
    assert lint_rule(text, "SDX057") == []


def test_env_from_with_another_prefix_cannot_supply_the_setting() -> None:
    text = pod(
        "      envFrom:\n        - prefix: APP_\n          configMapRef: {name: app}\n"
        + env((SELECTOR, "rest-api"))
    )
    assert lint_rule(text, "SDX057") == [("SDX057", 14, 18)]


@pytest.mark.parametrize("selector", ["file-system", "REST-API", "rest_api", '"rest-api "'])
def test_other_selector_values_are_left_to_sdx054(selector: str) -> None:
    assert lint_rule(pod(env((SELECTOR, selector))), "SDX057") == []


def test_the_last_entry_wins() -> None:
    text = pod(env((REST, '"false"'), (SELECTOR, "rest-api"), (REST, '"true"')))
    assert lint_rule(text, "SDX057") == []


def test_messages_say_how_the_rest_api_is_left_off() -> None:
    unset = rule_messages(pod(env((SELECTOR, "rest-api"))), "SDX057")
    off = rule_messages(pod(env((REST, '"false"'), (SELECTOR, "rest-api"))), "SDX057")
    assert unset == [
        "container 'sedex-client' routes incoming messages to the REST API "
        "(MESSAGING_INTERFACE_SELECTOR_RULE_DEFAULT=rest-api) but does not set "
        "MESSAGING_INTERFACE_REST_API_ENABLED, and the REST API is off by default: messages "
        "meant for the business applications may be delivered nowhere they look; set "
        "MESSAGING_INTERFACE_REST_API_ENABLED=true beside the selector (the documentation sets "
        "both together), or use file-system"
    ]
    assert "but sets MESSAGING_INTERFACE_REST_API_ENABLED=false: messages" in off[0]


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env((SELECTOR, "rest-api"), indent=10))
    assert lint_rule(text, "SDX057") == [("SDX057", 14, 22)]


def test_other_images_are_not_checked() -> None:
    assert lint_rule(pod(env((SELECTOR, "rest-api")), image="example/app:1"), "SDX057") == []
