"""SDX054 rest-api-selector-value: the default interface is file-system or rest-api, exactly."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod

SELECTOR = "MESSAGING_INTERFACE_SELECTOR_RULE_DEFAULT"


@pytest.mark.parametrize("value", ["file-system", "rest-api", "'rest-api'", '"file-system"'])
def test_the_documented_values_pass(value: str) -> None:
    assert lint_rule(pod(env((SELECTOR, value))), "SDX054") == []


@pytest.mark.parametrize(
    "value",
    [
        "rest_api",
        "REST-API",
        "Rest-Api",
        "filesystem",
        "file_system",
        "rest",
        '"rest-api "',
        '""',
        "true",
        "'file-system,rest-api'",
    ],
)
def test_other_values_are_reported_at_the_value(value: str) -> None:
    assert lint_rule(pod(env((SELECTOR, value))), "SDX054") == [("SDX054", 11, 18)]


def test_the_message_lists_the_documented_values() -> None:
    assert rule_messages(pod(env((SELECTOR, "rest_api"))), "SDX054") == [
        "container 'sedex-client' sets MESSAGING_INTERFACE_SELECTOR_RULE_DEFAULT to 'rest_api', "
        "but the sedex documentation allows only file-system or rest-api (lower case, nothing "
        "around them): how the client delivers incoming messages with any other value is not "
        "documented; write file-system or rest-api"
    ]


def test_the_last_entry_wins_and_an_entry_without_value_is_empty() -> None:
    assert lint_rule(pod(env((SELECTOR, "rest_api"), (SELECTOR, "rest-api"))), "SDX054") == []
    text = pod(env((SELECTOR, "rest-api")) + f"        - name: {SELECTOR}\n")
    assert lint_rule(text, "SDX054") == [("SDX054", 12, 11)]


def test_values_from_elsewhere_are_unknown() -> None:
    text = pod(
        f"      env:\n        - name: {SELECTOR}\n          valueFrom:\n"
        "            secretKeyRef: {name: sedex, key: selector}\n"
    )
    assert lint_rule(text, "SDX054") == []
    assert lint_rule(pod(env((SELECTOR, "$(DEFAULT_INTERFACE)"))), "SDX054") == []


def test_only_the_documented_name_is_read() -> None:
    text = pod(env(("messaging_interface_selector_rule_default", "nonsense")))
    assert lint_rule(text, "SDX054") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env((SELECTOR, "REST-API"), indent=10))
    assert lint_rule(text, "SDX054") == [("SDX054", 14, 22)]


def test_other_images_are_not_checked() -> None:
    assert lint_rule(pod(env((SELECTOR, "x")), image="example/app:1"), "SDX054") == []
