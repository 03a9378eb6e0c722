"""SDX022 init-runs-every-start: the Phase 1 init script as an initContainer of the running
client's pod, at its command."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages

IMAGE = "sedexch/sedex-client:6.0.6_container-0.99-beta"


def workload(init: str, kind: str = "Deployment", main: str = IMAGE, main_extra: str = "") -> str:
    """An initContainer `setup` whose command (from `init`) starts on line 11."""
    api_version = "batch/v1" if kind in ("Job", "CronJob") else "apps/v1"
    return f"""\
apiVersion: {api_version}
kind: {kind}
metadata:
  name: sedex-client
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: {IMAGE}
{init}      containers:
        - name: sedex-client
          image: {main}
{main_extra}"""


COMMAND = "          command: [init-container-existing-cert.sh]\n"


def test_the_init_script_as_an_init_container_is_reported_at_its_command() -> None:
    text = workload(COMMAND)
    assert lint_rule(text, "SDX022") == [("SDX022", 11, 11)]
    assert rule_messages(text, "SDX022") == [
        "initContainer 'setup' runs the sedex init script at every start of the client's pod, "
        "but the initial configuration must run exactly once: run again, it can misconfigure "
        "the client and lose the private key or messages; run it once as a Job before the "
        "first start, then remove it"
    ]


SCRIPT = "init-container-new-cert.sh"


@pytest.mark.parametrize(
    ("init", "line"),
    [
        (f"          command: [{SCRIPT}]\n", 11),
        (f"          command:\n            - /opt/sedex-client/scripts/{SCRIPT}\n", 11),
        (f"          command: [sh, -c, 'set -e; {SCRIPT}']\n", 11),
        (f"          command: [/bin/bash, -ec, 'exec {SCRIPT}']\n", 11),
        # the script as the argument: reported at the command that runs it
        (f"          command: [/bin/sh, -c]\n          args: ['{SCRIPT}']\n", 11),
        (f"          tty: true\n          command: [sh]\n          args: [-c, {SCRIPT}]\n", 12),
    ],
)
def test_every_way_of_running_the_script_is_reported_at_the_command(init: str, line: int) -> None:
    assert lint_rule(workload(init), "SDX022") == [("SDX022", line, 11)]


def test_the_script_as_the_only_argument_is_reported_at_args() -> None:
    text = workload(f"          imagePullPolicy: IfNotPresent\n          args: [{SCRIPT}]\n")
    assert lint_rule(text, "SDX022") == [("SDX022", 12, 11)]


def test_a_native_sidecar_running_the_script_is_a_client_not_phase_one() -> None:
    # SDX001 reports it as a second client in the pod
    text = workload("          restartPolicy: Always\n" + COMMAND)
    assert lint_rule(text, "SDX022") == []


def test_other_init_containers_of_the_sedex_image_pass() -> None:
    chown = "          command: [sh, -c, 'chown -R 901:501 /sedex-data']\n"
    assert lint_rule(workload(chown), "SDX022") == []
    assert lint_rule(workload(""), "SDX022") == []


def test_an_init_container_of_another_image_with_that_name_passes() -> None:
    text = workload(COMMAND).replace(f"image: {IMAGE}\n", "image: busybox:1.36\n", 1)
    assert lint_rule(text, "SDX022") == []


def test_phase_one_in_a_job_is_the_right_way_and_passes() -> None:
    # the script as a Job's init container, followed by a container that is not the client
    assert lint_rule(workload(COMMAND, "Job", main="busybox:1.36"), "SDX022") == []
    # or both containers of the Job run the script: still Phase 1, no client
    main = "          command: [init-container-existing-cert.sh]\n"
    assert lint_rule(workload(COMMAND, "Job", main_extra=main), "SDX022") == []


def test_a_job_that_runs_the_client_after_the_init_container_is_reported() -> None:
    # a retried Job pod runs its init containers again
    assert lint_rule(workload(COMMAND, "Job"), "SDX022") == [("SDX022", 11, 11)]


def test_a_pod_whose_only_sedex_container_is_the_init_script_is_not_a_client_pod() -> None:
    assert lint_rule(workload(COMMAND, main="registry.example.ch/app:1"), "SDX022") == []


def test_each_init_container_running_the_script_is_reported() -> None:
    second = f"        - name: again\n          image: {IMAGE}\n" + COMMAND
    text = workload(COMMAND + second, "StatefulSet")
    assert lint_rule(text, "SDX022") == [("SDX022", 11, 11), ("SDX022", 14, 11)]
    assert [m.split("'")[1] for m in rule_messages(text, "SDX022")] == ["setup", "again"]
