"""SDX073 read-only-root-filesystem: readOnlyRootFilesystem true on each client container."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod


@pytest.mark.parametrize("value", ["true", "yes", "TRUE"])
def test_read_only_passes(value: str) -> None:
    text = pod(f"      securityContext:\n        readOnlyRootFilesystem: {value}\n")
    assert lint_rule(text, "SDX073") == []


# a quoted "true" is a string, not true: the API server refuses it for this boolean field
@pytest.mark.parametrize("value", ["false", "no", '"false"', '"true"', "maybe", "1", "null"])
def test_any_other_value_is_reported_at_the_field(value: str) -> None:
    text = pod(f"      securityContext:\n        readOnlyRootFilesystem: {value}\n")
    assert lint_rule(text, "SDX073") == [("SDX073", 10, 33)]


def test_a_security_context_without_the_field_is_reported_at_it() -> None:
    text = pod("      securityContext:\n        runAsNonRoot: true\n")
    assert lint_rule(text, "SDX073") == [("SDX073", 9, 7)]


def test_no_security_context_is_reported_at_the_container() -> None:
    assert lint_rule(pod(), "SDX073") == [("SDX073", 7, 7)]


def test_there_is_no_pod_level_field() -> None:
    text = pod(spec="  securityContext:\n    readOnlyRootFilesystem: true\n")
    assert lint_rule(text, "SDX073") == [("SDX073", 9, 7)]


def test_messages_say_what_is_written() -> None:
    def message(container: str) -> str:
        return rule_messages(pod(container), "SDX073")[0]

    assert message("") == (
        "sedex Client container 'sedex-client': readOnlyRootFilesystem is not set, so anything "
        "that runs in it can change the image's files; the sedex Client supports a read-only "
        "root filesystem, which the documentation says further increases the container's "
        "security, and writes only to its volumes; set securityContext.readOnlyRootFilesystem: "
        "true"
    )
    written = "      securityContext:\n        readOnlyRootFilesystem: {}\n"
    assert "readOnlyRootFilesystem is false, so" in message(written.format("no"))
    assert "readOnlyRootFilesystem is 'maybe', not true, so" in message(written.format("maybe"))


def test_each_client_container_but_not_sidecars_or_phase_one() -> None:
    text = pod(
        "      securityContext: {readOnlyRootFilesystem: true}\n"
        "    - name: second\n      image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
        "    - name: proxy\n      image: envoyproxy/envoy:v1.30.0\n"
    )
    assert lint_rule(text, "SDX073") == [("SDX073", 10, 7)]
    assert lint_rule(phase_one_job(), "SDX073") == []
