"""SDX008 unmanaged-client: a bare Pod or a CronJob running the sedex Client, at `kind`."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages

IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"

POD = f"""\
apiVersion: v1
kind: Pod
metadata:
  name: sedex-client
spec:
  containers:
    - name: sedex-client
      image: {IMAGE}
"""

CRON_JOB = f"""\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: sedex-client
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: sedex-client
              image: {IMAGE}
"""


def controller(kind: str, api_version: str = "apps/v1", command: str = "") -> str:
    return f"""\
apiVersion: {api_version}
kind: {kind}
metadata:
  name: sedex-client
spec:
  template:
    spec:
      containers:
        - name: sedex-client
          image: {IMAGE}
{command}"""


def test_a_bare_pod_running_the_client_is_reported_at_its_kind() -> None:
    assert lint_rule(POD, "SDX008") == [("SDX008", 2, 7)]
    assert rule_messages(POD, "SDX008") == [
        "Pod runs the sedex Client, but a bare Pod is not replaced when its node fails or it "
        "is evicted, so the participant silently stops exchanging messages; run it as a "
        "Deployment with replicas: 1 and strategy Recreate, or a StatefulSet with replicas: 1"
    ]


def test_a_cron_job_running_the_client_is_reported_even_with_forbid() -> None:
    assert lint_rule(CRON_JOB, "SDX008") == [("SDX008", 2, 7)]
    (message,) = rule_messages(CRON_JOB, "SDX008")
    assert message.startswith("CronJob runs the sedex Client, but a CronJob starts the client ")
    assert "runs only part of the time" in message


@pytest.mark.parametrize(
    ("kind", "api_version"),
    [
        ("Job", "batch/v1"),
        ("Deployment", "apps/v1"),
        ("StatefulSet", "apps/v1"),
        ("ReplicaSet", "apps/v1"),
        ("DaemonSet", "apps/v1"),
    ],
)
def test_controllers_are_not_reported(kind: str, api_version: str) -> None:
    # a Job running the client, a DaemonSet or replicas are SDX001's and SDX002's business
    assert lint_rule(controller(kind, api_version), "SDX008") == []


def test_a_phase_one_job_is_not_reported() -> None:
    command = "          command: [init-container-new-cert.sh]\n"
    assert lint_rule(controller("Job", "batch/v1", command), "SDX008") == []


def test_a_pod_whose_only_sedex_container_is_a_phase_one_init_container_is_not_reported() -> None:
    text = """\
    apiVersion: v1
    kind: Pod
    metadata:
      name: setup
    spec:
      initContainers:
        - name: init
          image: sedexch/sedex-client:6.0.6_container-0.99-beta
          command: [init-container-existing-cert.sh]
      containers:
        - name: app
          image: registry.example.ch/app:1
    """
    assert lint_rule(text, "SDX008") == []


def test_a_pod_without_the_sedex_image_is_not_reported() -> None:
    assert lint_rule(POD.replace(IMAGE, "nginx:1.27"), "SDX008") == []


def test_every_pod_document_is_reported_at_its_own_kind() -> None:
    text = f"{POD}---\n{CRON_JOB}---\n{controller('Deployment')}"
    assert lint_rule(text, "SDX008") == [("SDX008", 2, 7), ("SDX008", 11, 7)]


def test_a_mirrored_image_counts_as_the_client() -> None:
    mirrored = POD.replace(IMAGE, "registry.example.ch/mirror/sedexch/sedex-client:8.0.1")
    assert lint_rule(mirrored, "SDX008") == [("SDX008", 2, 7)]


def test_a_bare_pod_running_the_init_script_counts_as_a_client() -> None:
    # Only a Job's container or an initContainer is Phase 1 (workload.is_phase_one): a bare
    # Pod's container runs as long as it likes and is restarted by the kubelet.
    script = POD + "      command: [init-container-new-cert.sh]\n"
    assert lint_rule(script, "SDX008") == [("SDX008", 2, 7)]
