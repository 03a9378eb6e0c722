"""SDX030 image-latest: `latest` or no tag, without a digest, at the image."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod

DIGEST = "@sha256:" + "a" * 64


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client",
        "docker.io/sedexch/sedex-client:latest",
        "registry.example.ch:5000/sedexch/sedex-client",
        "registry.example.ch/mirror/sedexch/sedex-client:latest",
        "SEDEXCH/Sedex-Client:latest",
        '"sedexch/sedex-client:latest"',
    ],
)
def test_latest_or_no_tag_is_reported_at_the_image(image: str) -> None:
    assert lint_rule(pod(image=image), "SDX030") == [("SDX030", 8, 14)]


@pytest.mark.parametrize(
    "image",
    [
        "sedexch/sedex-client:8.0.1_container-1.2.0",
        "sedexch/sedex-client:8.0.1",  # moves, but that is SDX031's finding
        "registry.example.ch:5000/sedexch/sedex-client:8.0.1_container-1.2.0",
        "sedexch/sedex-client:latest" + DIGEST,
        "sedexch/sedex-client" + DIGEST,
        "sedexch/sedex-client:Latest",  # tags are case-sensitive: another tag
    ],
)
def test_a_version_or_a_digest_passes(image: str) -> None:
    assert lint_rule(pod(image=image), "SDX030") == []


def test_the_message_says_whether_the_tag_is_latest_or_missing() -> None:
    latest = rule_messages(pod(image="sedexch/sedex-client:latest"), "SDX030")
    missing = rule_messages(pod(image="registry.example.ch:5000/sedexch/sedex-client"), "SDX030")
    assert latest[0].startswith(
        "container 'sedex-client' runs 'sedexch/sedex-client:latest' with the tag latest: "
        "every pull may bring another sedex Client and container version"
    )
    assert "with no tag, which means latest" in missing[0]
    assert latest[0].endswith(
        "pin the full tag, e.g. sedexch/sedex-client:8.0.1_container-1.2.0, or a digest"
    )


def test_phase_one_in_a_job_is_checked_too() -> None:
    assert lint_rule(phase_one_job(image="sedexch/sedex-client"), "SDX030") == [("SDX030", 10, 18)]


def test_an_init_container_running_phase_one_is_checked_beside_the_client() -> None:
    text = pod(
        image="sedexch/sedex-client:8.0.1_container-1.2.0",
        spec=(
            "  initContainers:\n    - name: setup\n      image: sedexch/sedex-client:latest\n"
            "      command: [init-container-existing-cert.sh]\n"
        ),
    )
    assert lint_rule(text, "SDX030") == [("SDX030", 8, 14)]


def test_every_client_container_is_checked() -> None:
    text = pod(
        "    - name: second\n      image: sedexch/sedex-client\n",
        image="sedexch/sedex-client:latest",
    )
    assert lint_rule(text, "SDX030") == [("SDX030", 8, 14), ("SDX030", 10, 14)]


def test_other_images_are_not_checked() -> None:
    text = pod("    - name: proxy\n      image: envoyproxy/envoy:latest\n")
    assert lint_rule(text, "SDX030") == []
    assert lint_rule(pod(image="nginx:latest"), "SDX030") == []
