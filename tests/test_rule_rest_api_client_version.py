"""SDX055 rest-api-client-version: REST API enabled on a client below 7.0 (from the tag)."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import PRE_1_0, env, phase_one_job, pod

REST = "MESSAGING_INTERFACE_REST_API_ENABLED"


@pytest.mark.parametrize(
    "tag", ["6.0.6_container-0.99-beta", "6.0.5_container-1.0.0-beta", "5.3.1_container-0.94-beta"]
)
@pytest.mark.parametrize("value", ['"true"', "true", '"True"'])
def test_rest_api_on_a_client_below_7_is_reported_at_the_value(tag: str, value: str) -> None:
    text = pod(env((REST, value)), image=f"sedexch/sedex-client:{tag}")
    assert lint_rule(text, "SDX055") == [("SDX055", 11, 18)]


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:7.0.0_container-1.1.0",
        "sedexch/sedex-client:7.0.4_container-1.1.0",
        "sedexch/sedex-client:8.0.1_container-1.2.0",
        # the client version is unknown: silent
        "sedexch/sedex-client:6.0.6",
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client",
        "sedexch/sedex-client@sha256:" + "e" * 64,
    ],
)
def test_client_7_or_an_unknown_version_passes(image: str) -> None:
    assert lint_rule(pod(env((REST, '"true"')), image=image), "SDX055") == []


@pytest.mark.parametrize("value", ['"false"', '"yes"', '""', "$(REST)"])
def test_a_rest_api_that_is_not_enabled_passes(value: str) -> None:
    assert lint_rule(pod(env((REST, value)), image=PRE_1_0), "SDX055") == []


def test_the_last_entry_wins() -> None:
    text = pod(env((REST, '"true"'), (REST, '"false"')), image=PRE_1_0)
    assert lint_rule(text, "SDX055") == []


def test_the_message_names_the_client_version() -> None:
    assert rule_messages(pod(env((REST, '"true"')), image=PRE_1_0), "SDX055") == [
        "container 'sedex-client' enables the Messaging REST API "
        "(MESSAGING_INTERFACE_REST_API_ENABLED=true), but its image runs sedex Client 6.0.6, "
        "and the REST API exists only from client 7.0 on: business applications that use it get "
        "no answer; use an image with client 7.0 or later, e.g. 8.0.1_container-1.2.0, or keep "
        "the file-system interface"
    ]


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env((REST, '"true"'), indent=10), image=PRE_1_0)
    assert lint_rule(text, "SDX055") == [("SDX055", 14, 22)]


def test_each_container_is_judged_by_its_own_image() -> None:
    text = pod(
        env((REST, '"true"')) + f"    - name: old\n      image: {PRE_1_0}\n" + env((REST, '"true"'))
    )
    assert lint_rule(text, "SDX055") == [("SDX055", 16, 18)]
