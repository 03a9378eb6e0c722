"""SDX031 image-tag-mutable: a client-only or container-only tag without a digest."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod

DIGEST = "@sha256:" + "b" * 64


@pytest.mark.parametrize("tag", ["8.0.1", "7.0.4", "8", "8.0", "container-1", "container-1.2.0"])
def test_a_tag_that_moves_is_reported_at_the_image(tag: str) -> None:
    assert lint_rule(pod(image=f"sedexch/sedex-client:{tag}"), "SDX031") == [("SDX031", 8, 14)]


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:8.0.1_container-1.2.0",
        "sedexch/sedex-client:6.0.6_container-0.99-beta",
        "sedexch/sedex-client:8.0.1" + DIGEST,
        "sedexch/sedex-client:container-1" + DIGEST,
        "sedexch/sedex-client:latest",  # SDX030's finding
        "sedexch/sedex-client",  # SDX030's finding
        "registry.example.ch:5000/sedexch/sedex-client",  # a port, not the tag 5000
        "sedexch/sedex-client:8.0.1-custom",  # a form the sedex repository does not document
        "sedexch/sedex-client:Container-1",  # tags are case-sensitive
        "sedexch/sedex-client:stable",
    ],
)
def test_full_tags_digests_and_other_forms_pass(image: str) -> None:
    assert lint_rule(pod(image=image), "SDX031") == []


def test_messages_name_what_each_tag_leaves_open() -> None:
    client = rule_messages(pod(image="sedexch/sedex-client:8.0.1"), "SDX031")
    container = rule_messages(pod(image="sedexch/sedex-client:container-1"), "SDX031")
    assert client == [
        "container 'sedex-client' runs 'sedexch/sedex-client:8.0.1': 8.0.1 is a client-only "
        "tag, which moves to each new container built for that client, so the image behind it "
        "can change on the next pull; use the full tag <client>_container-<container>, e.g. "
        "8.0.1_container-1.2.0, which names one image for its whole lifetime, or add a digest"
    ]
    assert (
        "container-1 is a container-version tag, which moves to each new client" in (container[0])
    )


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(image="sedexch/sedex-client:8.0.1")
    assert lint_rule(text, "SDX031") == [("SDX031", 10, 18)]


def test_other_images_are_not_checked() -> None:
    assert lint_rule(pod(image="registry.example.ch/app:8.0.1"), "SDX031") == []
