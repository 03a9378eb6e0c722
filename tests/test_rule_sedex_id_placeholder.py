"""SDX040 sedex-id-placeholder: SEDEX_ID left at a placeholder, empty, or a documentation ID."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import env, phase_one_job, pod


@pytest.mark.parametrize(
    "value",
    [
        "YOUR-SEDEX-ID",
        "YOUR_SEDEX_ID",
        "your-sedex-id",
        '"<YOUR_SEDEX_ID>"',
        "YOUR-SEDEX-ID-HERE",
        '""',
        "'   '",
        "1-123456-1",
        "1-123455-1",
        "1-1234-1",
        "'1-1234-1'",
        '" 1-1234-1 "',
        "1-123-1",
        "1-007-6",
    ],
)
def test_placeholders_and_documentation_ids_are_reported_at_the_value(value: str) -> None:
    assert lint_rule(pod(env(("SEDEX_ID", value))), "SDX040") == [("SDX040", 11, 18)]


@pytest.mark.parametrize(
    "value", ["1-4711-2", "3-CH-1", "3-207-1", "1-12345-1", "1-1234-10", "11-1234-1", "3-ch-1"]
)
def test_other_ids_pass(value: str) -> None:
    # 3-207-1 and 3-CH-1 appear in the documentation as examples of real addresses
    assert lint_rule(pod(env(("SEDEX_ID", value))), "SDX040") == []


def test_the_message_says_what_kind_of_placeholder() -> None:
    def message(value: str) -> str:
        return rule_messages(pod(env(("SEDEX_ID", value))), "SDX040")[0]

    assert message("1-1234-1") == (
        "container 'sedex-client' sets SEDEX_ID to '1-1234-1', a fictitious ID from the sedex "
        "documentation's examples, so the client is configured for a participant it holds no "
        "certificate for; set the sedex ID that sedex Customer Support issued to your "
        "participant"
    )
    assert "'YOUR_SEDEX_ID', the placeholder of the documentation's examples" in message(
        "YOUR_SEDEX_ID"
    )
    assert "to '', an empty value, so the client is configured for no participant" in message('""')


def test_an_entry_without_value_sets_the_empty_string() -> None:
    text = pod("      env:\n        - name: SEDEX_ID\n")
    assert lint_rule(text, "SDX040") == [("SDX040", 10, 11)]
    text = pod("      env:\n        - name: SEDEX_ID\n          value:\n")
    assert lint_rule(text, "SDX040") == [("SDX040", 11, 17)]


def test_the_last_of_two_entries_wins() -> None:
    fixed = env(("SEDEX_ID", "YOUR-SEDEX-ID"), ("SEDEX_ID", "1-4711-2"))
    assert lint_rule(pod(fixed), "SDX040") == []
    broken = env(("SEDEX_ID", "1-4711-2"), ("SEDEX_ID", "1-1234-1"))
    assert lint_rule(pod(broken), "SDX040") == [("SDX040", 13, 18)]


@pytest.mark.parametrize(
    "entry",
    [
        "valueFrom:\n            secretKeyRef: {name: sedex, key: id}",
        "valueFrom:\n            configMapKeyRef: {name: sedex, key: id}",
        "valueFrom: {}",
        "value: $(ID_FROM_CONFIG)",
        "value: sedex-$(SUFFIX)",
    ],
)
def test_a_value_from_elsewhere_is_unknown(entry: str) -> None:
    text = pod(f"      env:\n        - name: SEDEX_ID\n          {entry}\n")
    assert lint_rule(text, "SDX040") == []


def test_an_escaped_reference_is_literal_text() -> None:
    # $$(X) is the literal text $(X): not an ID, but no placeholder either
    assert lint_rule(pod(env(("SEDEX_ID", "$$(YOUR_SEDEX_ID)"))), "SDX040") == [("SDX040", 11, 18)]


def test_env_from_does_not_hide_a_literal_entry() -> None:
    text = pod(
        "      envFrom:\n        - configMapRef: {name: sedex}\n" + env(("SEDEX_ID", "1-1234-1"))
    )
    assert lint_rule(text, "SDX040") == [("SDX040", 13, 18)]


def test_only_the_documented_name_is_read() -> None:
    text = pod(env(("sedex_id", "YOUR-SEDEX-ID"), ("SEDEX_ID_OLD", "1-1234-1")))
    assert lint_rule(text, "SDX040") == []


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(env(("SEDEX_ID", "YOUR-SEDEX-ID"), indent=10))
    assert lint_rule(text, "SDX040") == [("SDX040", 14, 22)]


def test_containers_that_do_not_run_the_sedex_image_are_not_checked() -> None:
    text = pod(env(("SEDEX_ID", "YOUR-SEDEX-ID")), image="registry.example.ch/business-app:2")
    assert lint_rule(text, "SDX040") == []
    sidecar = pod(
        "    - name: app\n      image: registry.example.ch/app:2\n" + env(("SEDEX_ID", "1-1234-1"))
    )
    assert lint_rule(sidecar, "SDX040") == []
