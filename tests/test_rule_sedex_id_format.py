"""SDX041 sedex-id-format: SEDEX_ID of the form <number>-<number or CH>-<number> (inferred)."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod


@pytest.mark.parametrize(
    "value", ["1-4711-2", "3-207-1", "3-CH-1", "1-CH-2874423", "'3-CH-55438'", "12-0-007"]
)
def test_ids_of_the_documented_form_pass(value: str) -> None:
    assert lint_rule(pod(env(("SEDEX_ID", value))), "SDX041") == []


@pytest.mark.parametrize(
    "value",
    [
        "1-4711",  # two parts, like the receipt example's typo 1-1234
        "1-4711-2-1",
        "3-ch-1",  # CH is upper case in every documented ID
        "3-Ch-1",
        '"1-4711-2 "',
        '" 1-4711-2"',
        "1_4711_2",
        "1\u20134711\u20132",  # en dashes
        "\u0661-\u0664\u0667\u0661\u0661-\u0662",  # Arabic-Indic digits: \d matches them
        "1-AB-2",
        "sedex-client-1-4711-2",
    ],
)
def test_other_forms_are_reported_at_the_value(value: str) -> None:
    assert lint_rule(pod(env(("SEDEX_ID", value))), "SDX041") == [("SDX041", 11, 18)]


def test_a_number_loaded_as_an_integer_is_reported() -> None:
    assert lint_rule(pod(env(("SEDEX_ID", "14711"))), "SDX041") == [("SDX041", 11, 18)]


@pytest.mark.parametrize("value", ["YOUR-SEDEX-ID", '""', "1-1234-1", '" 1-1234-1"'])
def test_what_sdx040_reports_is_not_reported_twice(value: str) -> None:
    assert lint_rule(pod(env(("SEDEX_ID", value))), "SDX041") == []


def test_the_message_names_the_expected_form() -> None:
    assert rule_messages(pod(env(("SEDEX_ID", "3-ch-1"))), "SDX041") == [
        "container 'sedex-client' sets SEDEX_ID to '3-ch-1', which is not of the form "
        "<number>-<number or CH>-<number> of every sedex ID in the documentation (e.g. 3-207-1 "
        "or 3-CH-1: no spaces, CH in upper case); copy the sedex ID exactly as sedex Customer "
        "Support issued it"
    ]


def test_the_last_entry_wins_and_references_are_unknown() -> None:
    assert lint_rule(pod(env(("SEDEX_ID", "oops"), ("SEDEX_ID", "1-4711-2"))), "SDX041") == []
    text = pod(
        "      env:\n        - name: SEDEX_ID\n          valueFrom:\n"
        "            configMapKeyRef: {name: sedex, key: id}\n"
    )
    assert lint_rule(text, "SDX041") == []
    assert lint_rule(pod(env(("SEDEX_ID", "$(ID)"))), "SDX041") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env(("SEDEX_ID", "1-4711"), indent=10))
    assert lint_rule(text, "SDX041") == [("SDX041", 14, 22)]


def test_other_images_are_not_checked() -> None:
    assert lint_rule(pod(env(("SEDEX_ID", "x")), image="example/app:1"), "SDX041") == []
