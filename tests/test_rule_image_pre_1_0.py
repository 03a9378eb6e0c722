"""SDX032 image-pre-1-0: container logic 0.x, read from the full tag."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import PRE_1_0, phase_one_job, pod


@pytest.mark.parametrize(
    "tag", ["6.0.6_container-0.99-beta", "5.3.1_container-0.94-beta", "6.0.0_container-0.95-beta"]
)
def test_a_container_0_x_tag_is_reported_at_the_image(tag: str) -> None:
    assert lint_rule(pod(image=f"sedexch/sedex-client:{tag}"), "SDX032") == [("SDX032", 8, 14)]


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:8.0.1_container-1.2.0",
        "sedexch/sedex-client:7.0.4_container-1.1.0",
        "sedexch/sedex-client:6.0.5_container-1.0.0-beta",
        # the generation is unknown: the rule stays silent
        "sedexch/sedex-client:6.0.6",
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client",
        "sedexch/sedex-client@sha256:" + "c" * 64,
        "sedexch/sedex-client:container-0",
    ],
)
def test_container_1_or_an_unknown_generation_passes(image: str) -> None:
    assert lint_rule(pod(image=image), "SDX032") == []


def test_the_message_names_the_container_version_and_the_migration() -> None:
    assert rule_messages(pod(image=PRE_1_0), "SDX032") == [
        "container 'sedex-client' runs container logic 0.99, a pre-1.0 pilot image: a client "
        "on 0.99 or older cannot migrate automatically to container 1.0 or later, and most old "
        "tags can no longer be pulled, so a rescheduled pod may not start; plan the manual "
        "migration to a current full tag, e.g. 8.0.1_container-1.2.0"
    ]


def test_phase_one_in_a_job_is_checked_too() -> None:
    assert lint_rule(phase_one_job(image=PRE_1_0), "SDX032") == [("SDX032", 10, 18)]


def test_other_images_with_a_sedex_like_tag_are_not_checked() -> None:
    assert lint_rule(pod(image="example/thing:6.0.6_container-0.99-beta"), "SDX032") == []
