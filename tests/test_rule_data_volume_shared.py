"""SDX070 data-volume-shared: another workload of the namespace mounts the claim that a sedex
client keeps /sedex-data on."""

from __future__ import annotations

from tests.run_case import lint_run, run_messages


def workload(
    image: str = "nginx:1.27",
    claim: str = "data",
    mount_path: str = "/exchange",
    namespace: str | None = "prod",
    sub_path: str = "",
    name: str = "app",
) -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{ns}
spec:
  template:
    spec:
      containers:
        - name: main
          image: {image}
          volumeMounts:
            - name: store
              mountPath: {mount_path}{sub_path}
      volumes:
        - name: store
          persistentVolumeClaim:
            claimName: {claim}
"""


def client(namespace: str | None = "prod") -> str:
    return workload(
        "sedexch/sedex-client:8.0.1_container-1.2.0", "data", "/sedex-data", namespace, name="c"
    )


def test_apps_in_other_files_and_stdin_mounting_the_data_claim_are_reported() -> None:
    files = {"client.yaml": client(), "app.yaml": workload(), "-": "# piped\n" + workload()}
    assert lint_run(files, "SDX070") == [("SDX070", "app.yaml", 18, 24), ("SDX070", "-", 19, 24)]
    assert run_messages(files, "SDX070")[0].startswith(
        "claim data (namespace prod) is the /sedex-data store of the sedex client Deployment c "
        "(client.yaml:18)"
    )


def test_the_interface_claim_and_the_interface_folder_are_fine() -> None:
    assert lint_run({"c.yaml": client(), "a.yaml": workload(claim="interface")}, "SDX070") == []
    folder = workload(sub_path="\n              subPath: interface/in")
    assert lint_run({"c.yaml": client(), "a.yaml": folder}, "SDX070") == []
    conf = workload(sub_path="\n              subPath: conf")
    assert lint_run({"c.yaml": client(), "a.yaml": conf}, "SDX070") == [
        ("SDX070", "a.yaml", 19, 24)
    ]


def test_the_namespace_must_match_unset_matching_only_unset() -> None:
    pairs = {(None, None): True, ("default", "default"): True, (None, "default"): False}
    pairs |= {("default", None): False, ("prod", "test"): False}
    for (first, second), found in pairs.items():
        files = {"c.yaml": client(first), "a.yaml": workload(namespace=second)}
        assert bool(lint_run(files, "SDX070")) is found, (first, second)


def test_a_phase_one_job_or_a_second_client_is_not_another_workload() -> None:
    job = (
        client()
        .replace("kind: Deployment", "kind: Job")
        .replace("1.2.0\n", "1.2.0\n          command: [init-container-existing-cert.sh]\n")
    )
    assert lint_run({"c.yaml": client(), "job.yaml": job}, "SDX070") == []


def test_a_claim_no_client_mounts_at_sedex_data_is_not_reported() -> None:
    interface_only = workload(
        "sedexch/sedex-client:8.0.1_container-1.2.0", "data", "/sedex-interface", name="c"
    )
    assert lint_run({"c.yaml": interface_only, "a.yaml": workload()}, "SDX070") == []


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {"client.yaml": client()}
    files |= {f"a{i:02}.yaml": workload(claim="data" if i % 2 else "x") for i in range(16)}
    serial = lint_run(files, "SDX070")
    assert len(serial) == 8
    assert lint_run(files, "SDX070", jobs=2) == serial
