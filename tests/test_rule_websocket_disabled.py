"""SDX060 websocket-disabled: WEBSOCKET_ENABLED=false, at the value."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod


# plain `no` is the boolean false to kubectl, sent as false (the API server refuses a boolean
# env value, which SDX090 reports): read as false here too
@pytest.mark.parametrize("value", ['"false"', "false", '"FALSE"', "'False'", "no"])
def test_websocket_switched_off_is_reported_at_the_value(value: str) -> None:
    assert lint_rule(pod(env(("WEBSOCKET_ENABLED", value))), "SDX060") == [("SDX060", 11, 18)]


@pytest.mark.parametrize("value", ['"true"', "true", '"no"', '"0"', '" false"', '""', "$(WS)"])
def test_other_values_pass(value: str) -> None:
    assert lint_rule(pod(env(("WEBSOCKET_ENABLED", value))), "SDX060") == []


def test_the_message_names_the_cost() -> None:
    assert rule_messages(pod(env(("WEBSOCKET_ENABLED", '"false"'))), "SDX060") == [
        "container 'sedex-client' sets WEBSOCKET_ENABLED=false: the client then polls the sedex "
        "server instead of receiving WebSocket events, and a message round trip takes about 10 "
        "minutes instead of a few seconds; remove the variable unless your network really "
        "cannot carry WebSocket connections"
    ]


def test_the_last_entry_wins() -> None:
    on_again = env(("WEBSOCKET_ENABLED", '"false"'), ("WEBSOCKET_ENABLED", '"true"'))
    assert lint_rule(pod(on_again), "SDX060") == []
    off_again = env(("WEBSOCKET_ENABLED", '"true"'), ("WEBSOCKET_ENABLED", '"false"'))
    assert lint_rule(pod(off_again), "SDX060") == [("SDX060", 13, 18)]


def test_values_from_elsewhere_and_other_names_are_not_read() -> None:
    text = pod(
        "      env:\n        - name: WEBSOCKET_ENABLED\n          valueFrom:\n"
        "            configMapKeyRef: {name: sedex, key: ws}\n"
    )
    assert lint_rule(text, "SDX060") == []
    assert lint_rule(pod(env(("websocket_enabled", '"false"'))), "SDX060") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env(("WEBSOCKET_ENABLED", '"false"'), indent=10))
    assert lint_rule(text, "SDX060") == [("SDX060", 14, 22)]


def test_other_images_are_not_checked() -> None:
    text = pod(env(("WEBSOCKET_ENABLED", '"false"')), image="example/app:1")
    assert lint_rule(text, "SDX060") == []
