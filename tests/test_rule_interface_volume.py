"""SDX080 interface-volume: container >= 1.0 images mount /sedex-interface."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import PRE_1_0, phase_one_job, pod


def mounts(*paths: str) -> str:
    """volumeMounts (line 9 of pod()); mount i's path is on line 11 + 2i, column 22."""
    lines = ["      volumeMounts:\n"]
    for index, path in enumerate(paths):
        lines.append(f"        - name: v{index}\n          mountPath: {path}\n")
    return "".join(lines)


@pytest.mark.parametrize(
    "path", ["/sedex-interface", "/sedex-interface/", "//sedex-interface", "/x/../sedex-interface"]
)
def test_a_mount_at_the_interface_store_passes(path: str) -> None:
    assert lint_rule(pod(mounts("/sedex-data", path)), "SDX080") == []


def test_no_interface_mount_is_reported_at_volume_mounts() -> None:
    assert lint_rule(pod(mounts("/sedex-data")), "SDX080") == [("SDX080", 9, 7)]


def test_no_mounts_at_all_is_reported_at_the_container() -> None:
    assert lint_rule(pod(), "SDX080") == [("SDX080", 7, 7)]


@pytest.mark.parametrize(
    "path", ["'/sedex-interface '", "' /sedex-interface'", '"/sedex-interface\\t"']
)
def test_a_path_with_spaces_is_another_directory_reported_at_the_path(path: str) -> None:
    text = pod(mounts("/sedex-data", path))
    assert lint_rule(text, "SDX080") == [("SDX080", 13, 22)]
    assert (
        "which is not /sedex-interface: Kubernetes keeps spaces" in rule_messages(text, "SDX080")[0]
    )


def test_a_subfolder_alone_is_reported_at_its_mount() -> None:
    text = pod(mounts("/sedex-data", "/sedex-interface/inbox", "/sedex-interface/outbox"))
    assert lint_rule(text, "SDX080") == [("SDX080", 13, 22)]
    assert (
        "mounts only '/sedex-interface/inbox' inside /sedex-interface"
        in rule_messages(text, "SDX080")[0]
    )


@pytest.mark.parametrize(
    "path", ["/Sedex-Interface", "/sedex-data/interface", "/sedex_interface", "/sedex-interfaces"]
)
def test_other_directories_do_not_count(path: str) -> None:
    assert lint_rule(pod(mounts("/sedex-data", path)), "SDX080") == [("SDX080", 9, 7)]


@pytest.mark.parametrize(
    "image",
    [
        PRE_1_0,  # pre-1.0 keeps the interface in /sedex-data/interface
        "sedexch/sedex-client:5.3.1_container-0.94-beta",
        "sedexch/sedex-client:8.0.1",  # the container version is unknown
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client@sha256:" + "f" * 64,
    ],
)
def test_pre_1_0_or_unknown_generations_are_not_checked(image: str) -> None:
    assert lint_rule(pod(mounts("/sedex-data"), image=image), "SDX080") == []


@pytest.mark.parametrize(
    "tag", ["6.0.5_container-1.0.0-beta", "7.0.4_container-1.1.0", "8.0.1_container-1.2.0"]
)
def test_every_container_1_x_image_is_checked(tag: str) -> None:
    text = pod(mounts("/sedex-data"), image=f"sedexch/sedex-client:{tag}")
    assert lint_rule(text, "SDX080") == [("SDX080", 9, 7)]


def test_the_message_names_the_version_and_the_store() -> None:
    assert rule_messages(pod(mounts("/sedex-data")), "SDX080") == [
        "container 'sedex-client' runs container logic 1.2.0 but mounts nothing at "
        "/sedex-interface: since container 1.0 the client keeps its inbox, outbox, processed "
        "and receipts folders and the messages it is sending in a second store, "
        "sedex-interface, and without a mount they live in the container's filesystem and are "
        "lost with it; mount a persistentVolumeClaim at /sedex-interface, which business "
        "applications that exchange messages must reach too"
    ]


def test_a_mount_on_another_container_does_not_count() -> None:
    text = pod(
        mounts("/sedex-data")
        + "    - name: app\n      image: registry.example.ch/app:1\n"
        + "      volumeMounts:\n        - {name: i, mountPath: /sedex-interface}\n"
    )
    assert lint_rule(text, "SDX080") == [("SDX080", 9, 7)]


def test_phase_one_in_a_job_is_checked_too() -> None:
    text = phase_one_job(
        "          volumeMounts:\n            - {name: d, mountPath: /sedex-data}\n"
    )
    assert lint_rule(text, "SDX080") == [("SDX080", 12, 11)]


def test_other_images_are_not_checked() -> None:
    text = pod(mounts("/sedex-data"), image="example/app:8.0.1_container-1.2.0")
    assert lint_rule(text, "SDX080") == []
