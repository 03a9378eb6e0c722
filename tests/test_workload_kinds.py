"""Issue 9's gate bypasses around workloads: which containers are clients, which kinds are
checked, and how each kind can start a second client."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import messages, run, sedex_lint, triples

IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"


def deployment(containers: str, spec: str = "  replicas: 3\n") -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sedex\nspec:\n"
        f"{spec}  template:\n    spec:\n      containers:\n{containers}"
    )


WRAPPED = f"""\
        - name: sedex-client
          image: {IMAGE}
          command: [/bin/sh, -c]
          args: ["touch /tmp/init-container-done; exec /opt/sedex-client/bin/start.sh"]
"""


def test_a_wrapper_mentioning_init_container_is_still_the_running_client() -> None:
    report = run(deployment(WRAPPED))
    assert report.counts.sedex_workloads == 1
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]
    seed = {"SDX001", "SDX002", "SDX003", "SDX004", "SDX005"}
    assert {f.code for f in report.findings} & seed == seed


def test_a_daemonset_whose_argument_names_an_init_script_marker_is_checked() -> None:
    text = (
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: sedex\nspec:\n"
        "  template:\n    spec:\n      containers:\n"
        f"        - name: sedex-client\n          image: {IMAGE}\n"
        "          args: [--marker=/tmp/init-container-done]\n"
    )
    assert triples(run(text), "SDX001") == [("SDX001", 2, 7)]


@pytest.mark.parametrize(
    "command",
    [
        "command: [init-container-new-cert.sh]",
        "command: [/opt/sedex-client/scripts/init-container-existing-cert.sh]",
        "args: [init-container-new-cert.sh]",
        'command: [sh, -c, "set -e; init-container-new-cert.sh"]',
    ],
)
def test_a_job_running_an_init_script_is_phase_one_not_a_client(command: str) -> None:
    text = (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: init\nspec:\n  parallelism: 2\n"
        "  template:\n    spec:\n      containers:\n"
        f"        - name: init\n          image: {IMAGE}\n          {command}\n"
    )
    report = run(text)
    # no rule about a running client fires (Phase 1 rules, such as the image's, may)
    client_rules = {"SDX001", "SDX002", "SDX003", "SDX004", "SDX005", "SDX008", "SDX009"}
    assert report.counts.sedex_workloads == 0
    assert [f.code for f in report.findings if f.code in client_rules] == []


def test_an_init_script_in_a_regular_container_of_a_deployment_is_a_client() -> None:
    containers = f"        - name: init\n          image: {IMAGE}\n"
    containers += "          command: [init-container-new-cert.sh]\n"
    assert triples(run(deployment(containers)), "SDX001") == [("SDX001", 6, 13)]


def test_an_init_container_running_the_script_is_phase_one() -> None:
    containers = f"        - name: sedex-client\n          image: {IMAGE}\n"
    containers += (
        "      initContainers:\n        - name: setup\n"
        f"          image: {IMAGE}\n          command: [init-container-existing-cert.sh]\n"
    )
    report = run(deployment(containers, "  replicas: 1\n"))
    assert [c for c in ("SDX001",) if triples(report, c)] == []
    assert report.counts.sedex_workloads == 1


def test_a_native_sidecar_running_the_init_script_is_a_second_client() -> None:
    containers = f"        - name: sedex-client\n          image: {IMAGE}\n"
    containers += (
        "      initContainers:\n        - name: setup\n          restartPolicy: Always\n"
        f"          image: {IMAGE}\n          command: [init-container-existing-cert.sh]\n"
    )
    report = run(deployment(containers, "  replicas: 1\n"))
    assert triples(report, "SDX001") == [("SDX001", 13, 11)]
    assert messages(report, "SDX001") == [
        "container 'setup' runs the sedex Client a second time in the pod of container "
        "'sedex-client': two clients for one participant, but at most one client may run per "
        "sedex participant, or messages get lost; run one sedex Client container per pod"
    ]


def test_two_client_containers_in_one_pod_are_reported_at_the_second() -> None:
    containers = (
        f"        - name: a\n          image: {IMAGE}\n"
        f"        - name: b\n          image: {IMAGE}\n"
    )
    report = run(deployment(containers, "  replicas: 1\n"))
    assert triples(report, "SDX001") == [("SDX001", 12, 11)]
    # every client container is checked by the other rules, not only the first
    assert triples(report, "SDX005") == [
        ("SDX005", 10, 11),
        ("SDX005", 10, 11),
        ("SDX005", 12, 11),
        ("SDX005", 12, 11),
    ]


def job(spec: str, kind: str = "Job") -> str:
    if kind == "Job":
        return (
            f"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n{spec}"
            "  template:\n    spec:\n      containers:\n"
            f"        - name: sedex-client\n          image: {IMAGE}\n"
        )
    return (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n"
        f"  schedule: '@daily'\n{spec}  jobTemplate:\n    spec:\n      parallelism: 1\n"
        "      template:\n        spec:\n          containers:\n"
        f"            - name: sedex-client\n              image: {IMAGE}\n"
    )


def test_a_job_running_the_client_in_parallel_points_at_parallelism() -> None:
    report = run(job("  parallelism: 2\n"))
    assert triples(report, "SDX001") == [("SDX001", 6, 16)]
    assert messages(report, "SDX001")[0].startswith("Job runs 2 pods of the sedex Client")


def test_a_job_with_one_pod_at_a_time_passes_sdx001() -> None:
    assert triples(run(job("  parallelism: 1\n  completions: 3\n")), "SDX001") == []


def test_a_cronjob_without_concurrency_policy_allows_overlapping_clients() -> None:
    report = run(job("", kind="CronJob"))
    assert triples(report, "SDX001") == [("SDX001", 5, 1)]
    assert "sets no concurrencyPolicy, so Kubernetes uses Allow" in messages(report, "SDX001")[0]


@pytest.mark.parametrize(
    ("policy", "expected"), [("Allow", [("SDX001", 7, 22)]), ("Replace", [("SDX001", 7, 22)])]
)
def test_a_cronjob_that_may_overlap_runs_points_at_the_policy(
    policy: str, expected: list[tuple[str, int, int]]
) -> None:
    report = run(job(f"  concurrencyPolicy: {policy}\n", kind="CronJob"))
    assert triples(report, "SDX001") == expected


def test_a_cronjob_with_forbid_passes_but_parallelism_still_counts() -> None:
    assert triples(run(job("  concurrencyPolicy: Forbid\n", kind="CronJob")), "SDX001") == []
    text = job("  concurrencyPolicy: Forbid\n", kind="CronJob").replace(
        "parallelism: 1", "parallelism: 3"
    )
    assert triples(run(text), "SDX001") == [("SDX001", 10, 20)]


def custom(api_version: str, kind: str, spec: str) -> str:
    return (
        f"apiVersion: {api_version}\nkind: {kind}\nmetadata:\n  name: sedex\nspec:\n{spec}"
        "  template:\n    spec:\n      containers:\n"
        f"        - name: sedex-client\n          image: {IMAGE}\n"
    )


def test_deployment_config_replicas_and_default_rolling_strategy() -> None:
    report = run(custom("apps.openshift.io/v1", "DeploymentConfig", "  replicas: 2\n"))
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]
    assert triples(report, "SDX002") == [("SDX002", 5, 1)]
    assert messages(report, "SDX002")[0].startswith(
        "DeploymentConfig sets no strategy type, so OpenShift uses Rolling"
    )


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [("Rolling", [("SDX002", 8, 11)]), ("Custom", [("SDX002", 8, 11)]), ("Recreate", [])],
)
def test_deployment_config_strategy_types(strategy: str, expected: list[object]) -> None:
    spec = f"  replicas: 1\n  strategy:\n    type: {strategy}\n"
    assert triples(run(custom("apps.openshift.io/v1", "DeploymentConfig", spec)), "SDX002") == (
        expected
    )


def test_legacy_openshift_v1_deployment_config_is_checked() -> None:
    report = run(custom("v1", "DeploymentConfig", "  replicas: 2\n"))
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("  strategy:\n    canary:\n      maxSurge: 0\n", [("SDX002", 8, 5)]),
        ("  strategy:\n    blueGreen:\n      activeService: a\n", [("SDX002", 8, 5)]),
        ("", [("SDX002", 5, 1)]),
    ],
)
def test_an_argo_rollout_always_overlaps_old_and_new_clients(
    strategy: str, expected: list[object]
) -> None:
    report = run(custom("argoproj.io/v1alpha1", "Rollout", "  replicas: 2\n" + strategy))
    assert triples(report, "SDX001") == [("SDX001", 6, 13)]
    assert triples(report, "SDX002") == expected


def test_a_kind_sedex_lint_does_not_know_gets_an_info_finding_at_the_image() -> None:
    report = run(custom("apps.kruise.io/v1alpha1", "CloneSet", "  replicas: 3\n"))
    assert triples(report) == [("SDX013", 11, 18)]
    assert report.findings[0].severity.label == "info"
    assert report.counts.sedex_workloads == 0


def test_a_rollout_of_another_api_group_is_an_unknown_kind() -> None:
    report = run(custom("example.com/v1", "Rollout", "  replicas: 3\n"))
    assert triples(report) == [("SDX013", 11, 18)]


def statefulset(policy: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: sedex\nspec:\n"
        f"  replicas: 1\n{policy}  volumeClaimTemplates:\n    - metadata:\n        name: data\n"
        "  template:\n    spec:\n      containers:\n"
        f"        - name: sedex-client\n          image: {IMAGE}\n"
        "          volumeMounts:\n            - {name: data, mountPath: /sedex-data}\n"
    )


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("whenScaled: Delete", [("SDX003", 7, 54)]),
        ("whenDeleted: Delete", [("SDX003", 7, 55)]),
        ("whenDeleted: Delete, whenScaled: Delete", [("SDX003", 7, 55), ("SDX003", 7, 75)]),
        ("whenDeleted: Retain, whenScaled: Retain", []),
    ],
)
def test_statefulset_claim_retention_delete_loses_the_store(
    policy: str, expected: list[object]
) -> None:
    report = run(statefulset(f"  persistentVolumeClaimRetentionPolicy: {{{policy}}}\n"))
    assert triples(report, "SDX003") == expected


def test_statefulset_retention_message_names_the_consequence() -> None:
    report = run(statefulset("  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}\n"))
    assert messages(report, "SDX003") == [
        "whenScaled: Delete removes the claim behind /sedex-data when the StatefulSet is scaled "
        "down, so the sedex Client loses its private key, message database and in-flight "
        "messages; set whenScaled: Retain (the default)"
    ]


def with_mount(mount_path: str, volume: str = "persistentVolumeClaim: {claimName: d}") -> str:
    containers = (
        f"        - name: sedex-client\n          image: {IMAGE}\n"
        f"          volumeMounts:\n            - name: d\n              mountPath: {mount_path}\n"
        f"      volumes:\n        - name: d\n          {volume}\n"
    )
    return deployment(containers, "  replicas: 1\n")


@pytest.mark.parametrize("mount_path", ["'/sedex-data '", "' /sedex-data'", '"/sedex-data\\t"'])
def test_whitespace_in_the_mount_path_is_another_directory(mount_path: str) -> None:
    report = run(with_mount(mount_path))
    assert triples(report, "SDX003") == [("SDX003", 14, 26)]
    assert "which is not /sedex-data: Kubernetes keeps spaces" in messages(report, "SDX003")[0]


@pytest.mark.parametrize(
    "mount_path", ["//sedex-data", "/sedex-data/", "///sedex-data//", "/tmp/../sedex-data"]
)
def test_other_spellings_of_the_same_directory_pass(mount_path: str) -> None:
    assert triples(run(with_mount(mount_path)), "SDX003") == []


def test_a_null_claim_is_no_source_so_kubernetes_makes_an_emptydir() -> None:
    report = run(with_mount("/sedex-data", volume="persistentVolumeClaim: null"))
    assert triples(report, "SDX003") == [("SDX003", 17, 34)]
    assert messages(report, "SDX003")[0].startswith(
        "volume 'd' behind /sedex-data names no source, so Kubernetes makes it an emptyDir"
    )


def test_a_list_without_kind_and_api_version_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text(
        "items:\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: a}\n"
        "    spec:\n      replicas: 3\n"
    )
    result = sedex_lint("list.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[1].split()[:3] == ["list.yaml:1:1", "input", "error"]
    assert "kubectl refuses it (Object 'Kind' is missing)" in result.stdout


def test_items_of_plain_data_are_no_list_of_objects() -> None:
    report = run("items:\n  - name: a\n  - {kind: x}\n")
    assert (report.errors, report.counts.skipped_documents) == ((), 1)


def test_a_label_selector_never_matches_a_workload_without_the_label() -> None:
    from sedex_lint.api import lint_text
    from sedex_lint.construct import construct_document
    from sedex_lint.decoding import decode_manifest
    from sedex_lint.objects import objects_of
    from sedex_lint.workload import Recognition, workload_of
    from sedex_lint.yamlparse import compose_documents

    def clients(text: str, labels: dict[str, object]) -> int:
        documents, _ = compose_documents(decode_manifest(text.encode()))
        value = construct_document(documents[0]).value
        obj = next(objects_of("x.yaml", 0, value, documents[0]))
        workload = workload_of(obj, Recognition(labels=labels))  # type: ignore[arg-type]
        return len(workload.clients) if workload else 0

    unlabelled = deployment("        - name: app\n          image: example/app:1\n")
    labelled = unlabelled.replace("  name: sedex\n", "  name: sedex\n  labels: {app: ''}\n")
    assert clients(unlabelled, {"app": None}) == 0  # `app:` with no value in the configuration
    assert clients(labelled, {"app": None}) == 1  # matches the empty label value
    assert clients(unlabelled, {"app": "None"}) == 0
    assert lint_text(unlabelled, "x.yaml").counts.sedex_workloads == 0


CLONE_SET = """\
apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: sedex-client
spec:
  replicas: 3
  template:
    metadata:
      labels: {app.kubernetes.io/part-of: sedex}
    spec:
      initContainers:
        - name: wait
          image: busybox:1.36
      containers:
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
        - name: client
          image: registry.example.ch/infra/sedex:8.0.1
"""

RECOGNITION = {
    "images": "sedex:\n  images: [registry.example.ch/infra/sedex]\n",
    "labels": "sedex:\n  labels: {app.kubernetes.io/part-of: sedex}\n",
    "labels and containers": (
        "sedex:\n  labels: {app.kubernetes.io/part-of: sedex}\n  containers: [client]\n"
    ),
}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("images", "18:18"),  # the configured image, in the container that runs it
        ("labels", "16:18"),  # the first regular container, as for a known kind
        ("labels and containers", "18:18"),  # the named one
    ],
)
def test_an_unknown_kind_recognised_only_by_the_configuration_is_not_silent(
    tmp_path: Path, settings: str, expected: str
) -> None:
    """A client that only the `sedex:` settings recognise, in a kind sedex-lint does not
    know, gets SDX013 as the official image does: also from a `--jobs` worker."""
    (tmp_path / ".sedex-lint.yaml").write_text(RECOGNITION[settings])
    (tmp_path / "clone.yaml").write_text(CLONE_SET)
    (tmp_path / "other.yaml").write_text(CLONE_SET.replace("sedex-client", "second"))
    for jobs in ("1", "2"):
        result = sedex_lint("-q", "--no-color", "-j", jobs, ".", cwd=tmp_path)
        found = [line.split()[0] for line in result.stdout.splitlines() if "SDX013" in line]
        assert found == [f"./clone.yaml:{expected}", f"./other.yaml:{expected}"], result.stdout


def test_without_the_settings_a_renamed_image_in_an_unknown_kind_is_not_recognised(
    tmp_path: Path,
) -> None:
    (tmp_path / "clone.yaml").write_text(CLONE_SET)
    result = sedex_lint("-q", "--no-color", ".", cwd=tmp_path)
    assert "SDX013" not in result.stdout and result.returncode == 0
