"""SDX007 one-client-per-sedex-id: the same literal SEDEX_ID on two running clients anywhere
in the run, or one /sedex-data claim under two clients of a namespace."""

from __future__ import annotations

from pathlib import Path

from tests.run_case import lint_run, run_messages

IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"


def client(
    name: str = "sedex",
    namespace: str | None = "prod",
    sedex_id: str = "value: 1-1234-1",
    claim: str = "data",
    kind: str = "Deployment",
    command: str = "",
) -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}{ns}
spec:
  template:
    spec:
      containers:
        - name: client
          image: {IMAGE}{command}
          env:
            - name: SEDEX_ID
              {sedex_id}
          volumeMounts:
            - name: data
              mountPath: /sedex-data
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: {claim}
"""


def test_the_same_id_in_two_files_and_stdin_is_reported_on_every_client() -> None:
    files = {
        "prod.yaml": client(claim="a"),
        "test.yaml": client(namespace="test", claim="b"),
        "-": "---\n" + client(name="again", claim="c"),
    }
    assert lint_run(files, "SDX007") == [
        ("SDX007", "prod.yaml", 14, 22),
        ("SDX007", "test.yaml", 14, 22),
        ("SDX007", "-", 15, 22),
    ]


def test_the_message_names_the_other_clients_with_namespace_file_and_line() -> None:
    files = {"prod.yaml": client(claim="a"), "test.yaml": client(namespace="test", claim="b")}
    assert run_messages(files, "SDX007")[0] == (
        "sedex ID 1-1234-1 is also the ID of the client of Deployment sedex (namespace test, "
        "test.yaml:14): at most one client may run per participant, in any namespace or "
        "cluster (test and production sharing an ID lose messages); give each environment "
        "its own sedex ID"
    )


def test_different_ids_and_ids_from_a_secret_or_configmap_are_not_compared() -> None:
    from_secret = "valueFrom: {secretKeyRef: {name: s, key: id}}"
    from_map = "valueFrom: {configMapKeyRef: {name: s, key: id}}"
    for other in ("value: 1-1234-2", from_secret, from_map, "value: ''"):
        files = {"a.yaml": client(claim="a"), "b.yaml": client(sedex_id=other, claim="b")}
        assert lint_run(files, "SDX007") == [], other
    both = {
        "a.yaml": client(sedex_id=from_secret, claim="a"),
        "b.yaml": client(sedex_id=from_secret, claim="b"),
    }
    assert lint_run(both, "SDX007") == []


def test_the_last_sedex_id_entry_is_the_one_compared() -> None:
    twice = client(claim="a").replace(
        "              value: 1-1234-1\n",
        "              value: 1-1234-1\n            - name: SEDEX_ID\n              value: 1-9-1\n",
    )
    assert lint_run({"a.yaml": twice, "b.yaml": client(claim="b")}, "SDX007") == []


def test_a_phase_one_job_or_init_container_with_the_same_id_is_not_a_second_client() -> None:
    job = client(
        kind="Job", claim="data", command="\n          command: [init-container-new-cert.sh]"
    )
    assert lint_run({"a.yaml": client(), "job.yaml": job}, "SDX007") == []
    init = client(claim="data").replace("      containers:\n", "      initContainers:\n", 1)
    init = init.replace(f"{IMAGE}\n", f"{IMAGE}\n          args: [init-container-new-cert.sh]\n")
    assert lint_run({"a.yaml": client(), "init.yaml": init}, "SDX007") == []


def test_two_client_containers_of_one_workload_are_left_to_sdx001() -> None:
    two = client().replace(
        "      volumes:\n",
        "        - name: second\n          image: "
        f"{IMAGE}\n          env: [{{name: SEDEX_ID, value: 1-1234-1}}]\n"
        "      volumes:\n",
    )
    assert lint_run({"a.yaml": two}, "SDX007") == []


def test_a_shared_data_claim_in_one_namespace_is_reported_at_both_claim_names() -> None:
    files = {"a.yaml": client(), "b.yaml": client(name="other", sedex_id="value: 1-9-1")}
    assert lint_run(files, "SDX007") == [
        ("SDX007", "a.yaml", 21, 24),
        ("SDX007", "b.yaml", 21, 24),
    ]
    assert (
        "claim data (namespace prod) is also the /sedex-data of the client of Deployment "
        "other (namespace prod, b.yaml:21)" in run_messages(files, "SDX007")[0]
    )


def test_a_claim_is_shared_only_within_the_same_namespace_unset_matching_only_unset() -> None:
    pairs = {
        (None, None): True,
        ("default", "default"): True,
        (None, "default"): False,
        ("prod", "test"): False,
    }
    for (first, second), found in pairs.items():
        files = {
            "a.yaml": client(namespace=first),
            "b.yaml": client(name="other", namespace=second, sedex_id="value: 1-9-1"),
        }
        assert bool(lint_run(files, "SDX007")) is found, (first, second)


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {
        f"c{i:02}.yaml": client(name=f"c{i}", sedex_id=f"value: 1-{i % 4}-1", claim=f"d{i}")
        for i in range(16)
    }
    serial = lint_run(files, "SDX007")
    assert len(serial) == 16
    assert lint_run(files, "SDX007", jobs=2) == serial


def test_a_data_claim_mounted_at_another_spelling_of_the_store_is_still_shared() -> None:
    """`//sedex-data/` is /sedex-data to the container runtime (as SDX003 reads it)."""
    text = (Path(__file__).parent / "data" / "rules" / "shared-claim.yaml").read_text()
    assert lint_run({"two.yaml": text}, "SDX007") == [
        ("SDX007", "two.yaml", 8, 62),
        ("SDX007", "two.yaml", 17, 62),
    ]
