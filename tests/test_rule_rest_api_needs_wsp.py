"""SDX053 rest-api-needs-wsp: REST API enabled while the WS-Proxy is off, at the REST value."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod

REST = "MESSAGING_INTERFACE_REST_API_ENABLED"


@pytest.mark.parametrize(
    ("rest", "wsproxy"),
    [('"true"', '"false"'), ("true", "false"), ('"TRUE"', '"False"'), ("'true'", "FALSE")],
)
def test_rest_api_with_the_wsproxy_off_is_reported_at_the_rest_value(
    rest: str, wsproxy: str
) -> None:
    text = pod(env((REST, rest), ("WSPROXY_START", wsproxy)))
    assert lint_rule(text, "SDX053") == [("SDX053", 11, 18)]


def test_the_order_of_the_two_entries_does_not_matter() -> None:
    text = pod(env(("WSPROXY_START", '"false"'), (REST, '"true"')))
    assert lint_rule(text, "SDX053") == [("SDX053", 13, 18)]


@pytest.mark.parametrize(
    ("rest", "wsproxy"),
    [
        ('"true"', '"true"'),
        ('"false"', '"false"'),
        ('"true"', '"no"'),  # not a documented value: SDX056's finding, unknown here
        ('"yes"', '"false"'),
        ('"true"', '" false"'),
        ('"true"', "$(WSP)"),
    ],
)
def test_consistent_or_unknown_settings_pass(rest: str, wsproxy: str) -> None:
    assert lint_rule(pod(env((REST, rest), ("WSPROXY_START", wsproxy))), "SDX053") == []


def test_the_wsproxy_starts_by_default() -> None:
    assert lint_rule(pod(env((REST, '"true"'))), "SDX053") == []


def test_the_last_entry_wins() -> None:
    switched_back = env((REST, '"true"'), ("WSPROXY_START", '"false"'), ("WSPROXY_START", '"true"'))
    assert lint_rule(pod(switched_back), "SDX053") == []
    switched_off = env((REST, '"false"'), ("WSPROXY_START", '"false"'), (REST, '"true"'))
    assert lint_rule(pod(switched_off), "SDX053") == [("SDX053", 15, 18)]


def test_a_value_from_a_secret_or_config_map_is_unknown() -> None:
    text = pod(
        env((REST, '"true"')) + "        - name: WSPROXY_START\n          valueFrom:\n"
        "            configMapKeyRef: {name: sedex, key: wsp}\n"
    )
    assert lint_rule(text, "SDX053") == []


def test_the_message_names_both_values() -> None:
    text = pod(env((REST, '"TRUE"'), ("WSPROXY_START", "false")))
    assert rule_messages(text, "SDX053") == [
        "container 'sedex-client' enables the Messaging REST API "
        "(MESSAGING_INTERFACE_REST_API_ENABLED=TRUE) but does not start the WS-Proxy "
        "(WSPROXY_START=false): the REST API is only available when the WS-Proxy is started, "
        "so business applications that use it get no answer; remove WSPROXY_START=false or set "
        "it to true"
    ]


def test_settings_in_different_containers_are_not_combined() -> None:
    text = pod(
        env((REST, '"true"'))
        + "    - name: second\n      image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
        + env(("WSPROXY_START", '"false"'))
    )
    assert lint_rule(text, "SDX053") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env((REST, '"true"'), ("WSPROXY_START", '"false"'), indent=10))
    assert lint_rule(text, "SDX053") == [("SDX053", 14, 22)]


def test_other_images_are_not_checked() -> None:
    text = pod(env((REST, '"true"'), ("WSPROXY_START", '"false"')), image="example/app:1")
    assert lint_rule(text, "SDX053") == []
