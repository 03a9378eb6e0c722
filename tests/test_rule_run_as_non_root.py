"""SDX071 run-as-non-root: runAsNonRoot: true or a non-zero runAsUser, container over pod."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages
from tests.sedex_pod import phase_one_job, pod


def context(*fields: str) -> str:
    """A container securityContext (starting on line 9 of pod())."""
    return "      securityContext:\n" + "".join(f"        {f}\n" for f in fields)


def pod_context(*fields: str) -> str:
    """A pod securityContext (starting on line 6 of pod(), which moves the container down
    by one line plus one per field)."""
    return "  securityContext:\n" + "".join(f"    {f}\n" for f in fields)


@pytest.mark.parametrize(
    ("container", "spec"),
    [
        (context("runAsNonRoot: true"), ""),
        (context("runAsUser: 901"), ""),
        (context("runAsNonRoot: yes"), ""),  # a YAML 1.1 boolean to Kubernetes
        ("", pod_context("runAsNonRoot: true")),
        ("", pod_context("runAsUser: 901", "runAsGroup: 501")),
        (context("readOnlyRootFilesystem: true"), pod_context("runAsNonRoot: true")),
        (context("runAsUser: 1000"), pod_context("runAsUser: 0")),  # the container wins
        (context("runAsNonRoot: true"), pod_context("runAsNonRoot: false")),
    ],
)
def test_a_non_root_user_at_either_level_passes(container: str, spec: str) -> None:
    assert lint_rule(pod(container, spec=spec), "SDX071") == []


def test_nothing_set_is_reported_at_the_container() -> None:
    assert lint_rule(pod(), "SDX071") == [("SDX071", 7, 7)]


def test_nothing_set_is_reported_at_the_containers_security_context() -> None:
    text = pod(context("readOnlyRootFilesystem: true"))
    assert lint_rule(text, "SDX071") == [("SDX071", 9, 7)]


def test_user_zero_is_root_and_reported_where_it_is_written() -> None:
    assert lint_rule(pod(context("runAsUser: 0")), "SDX071") == [("SDX071", 10, 20)]
    both = pod(context("runAsNonRoot: true", "runAsUser: 0"))
    assert lint_rule(both, "SDX071") == [("SDX071", 11, 20)]
    at_pod = pod(spec=pod_context("runAsUser: 0"))
    assert lint_rule(at_pod, "SDX071") == [("SDX071", 7, 16)]


def test_the_container_overrides_the_pod() -> None:
    text = pod(context("runAsNonRoot: false"), spec=pod_context("runAsNonRoot: true"))
    assert lint_rule(text, "SDX071") == [("SDX071", 12, 23)]
    user = pod(context("runAsUser: 0"), spec=pod_context("runAsUser: 901"))
    assert lint_rule(user, "SDX071") == [("SDX071", 12, 20)]


@pytest.mark.parametrize("value", ['"1000"', "1000.5", "null"])
def test_a_run_as_user_that_is_no_integer_does_not_count(value: str) -> None:
    text = pod(context(f"runAsUser: {value}"))
    assert lint_rule(text, "SDX071") == [("SDX071", 9, 7)]


def test_a_quoted_true_is_not_the_boolean_kubernetes_needs() -> None:
    assert lint_rule(pod(context('runAsNonRoot: "true"')), "SDX071") == [("SDX071", 10, 23)]


def test_messages() -> None:
    assert rule_messages(pod(), "SDX071") == [
        "sedex Client container 'sedex-client' may run as root: neither runAsNonRoot: true nor "
        "a non-zero runAsUser is set for it, and the image's default user is not documented; "
        "the sedex documentation recommends a non-root user for production; set "
        "securityContext.runAsNonRoot: true and a runAsUser (and fsGroup) that owns the data "
        "stores, as the documentation's chown of sedex-data does"
    ]
    root = rule_messages(pod(context("runAsUser: 0")), "SDX071")
    assert root[0].startswith(
        "sedex Client container 'sedex-client' is set to run as root (runAsUser: 0): "
    )


def test_every_client_container_is_checked_but_not_sidecars_or_phase_one() -> None:
    text = pod(
        context("runAsUser: 901")
        + "    - name: second\n      image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
        + "    - name: proxy\n      image: envoyproxy/envoy:v1.30.0\n"
    )
    assert lint_rule(text, "SDX071") == [("SDX071", 11, 7)]
    assert lint_rule(phase_one_job(), "SDX071") == []
