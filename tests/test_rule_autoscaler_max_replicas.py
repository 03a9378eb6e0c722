"""SDX006 autoscaler-max-replicas: an HPA or KEDA ScaledObject anywhere in the run that may
scale a sedex client above one pod."""

from __future__ import annotations

from tests.run_case import lint_run, run_messages


def client(kind: str = "Deployment", name: str = "sedex", namespace: str | None = "prod") -> str:
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
          image: sedexch/sedex-client:8.0.1_container-1.2.0
"""


def hpa(
    kind: str = "Deployment",
    name: str = "sedex",
    namespace: str | None = "prod",
    maximum: str = "\n  maxReplicas: 3",
    version: str = "autoscaling/v2",
) -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: {version}
kind: HorizontalPodAutoscaler
metadata:
  name: scaler{ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: {kind}
    name: {name}{maximum}
"""


def keda(target: str = "    name: sedex", maximum: str = "\n  maxReplicaCount: 4") -> str:
    return f"""\
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: scaler
  namespace: prod
spec:
  scaleTargetRef:
{target}{maximum}
"""


def test_an_hpa_in_another_file_and_one_on_stdin_are_both_reported_at_max_replicas() -> None:
    files = {"client.yaml": client(), "hpa.yaml": hpa(), "-": "# piped\n" + hpa()}
    assert lint_run(files, "SDX006") == [
        ("SDX006", "hpa.yaml", 11, 16),
        ("SDX006", "-", 12, 16),
    ]


def test_the_message_names_the_target_and_where_it_is() -> None:
    files = {"client.yaml": client(), "hpa.yaml": hpa()}
    assert run_messages(files, "SDX006") == [
        "HorizontalPodAutoscaler scaler scales Deployment sedex (namespace prod, "
        "client.yaml:4) up to 3 pods, and every pod is a sedex client with the same sedex "
        "ID: at most one client may run per participant; remove the autoscaler or set its "
        "maximum to 1"
    ]


def test_every_hpa_version_is_read_and_other_groups_are_not() -> None:
    versions = ["autoscaling/v1", "autoscaling/v2beta1", "autoscaling/v2beta2", "example/v1"]
    files = {"client.yaml": client()}
    files |= {f"h{i}.yaml": hpa(version=v) for i, v in enumerate(versions)}
    assert [file for _, file, _, _ in lint_run(files, "SDX006")] == [
        "h0.yaml",
        "h1.yaml",
        "h2.yaml",
    ]


def test_a_maximum_of_one_or_a_malformed_one_is_not_reported() -> None:
    for maximum in ("\n  maxReplicas: 1", "\n  maxReplicas: '3'", "\n  maxReplicas: true", ""):
        assert lint_run({"c.yaml": client(), "h.yaml": hpa(maximum=maximum)}, "SDX006") == []


def test_kind_and_name_must_match_exactly_as_kubernetes_compares_them() -> None:
    for changed in (hpa(kind="deployment"), hpa(name="Sedex"), hpa(kind="StatefulSet")):
        assert lint_run({"c.yaml": client(), "h.yaml": changed}, "SDX006") == []


def test_a_statefulset_target_is_reported() -> None:
    files = {"c.yaml": client(kind="StatefulSet"), "h.yaml": hpa(kind="StatefulSet")}
    assert lint_run(files, "SDX006") == [("SDX006", "h.yaml", 11, 16)]


def test_an_unset_namespace_matches_only_an_unset_one_and_default_only_default() -> None:
    pairs = {
        (None, None): True,
        ("default", "default"): True,
        (None, "default"): False,
        ("default", None): False,
        ("prod", "test"): False,
    }
    for (workload_ns, hpa_ns), found in pairs.items():
        files = {"c.yaml": client(namespace=workload_ns), "h.yaml": hpa(namespace=hpa_ns)}
        assert bool(lint_run(files, "SDX006")) is found, (workload_ns, hpa_ns)


def test_keda_defaults_kind_to_deployment_and_max_to_100_reported_at_the_target_ref() -> None:
    files = {"c.yaml": client(), "k.yaml": keda(maximum="")}
    assert lint_run(files, "SDX006") == [("SDX006", "k.yaml", 7, 3)]
    assert (
        "without maxReplicaCount, so up to KEDA's default of 100 pods"
        in run_messages(files, "SDX006")[0]
    )


def test_keda_with_a_maximum_is_reported_there_and_its_default_kind_misses_a_statefulset() -> None:
    assert lint_run({"c.yaml": client(), "k.yaml": keda()}, "SDX006") == [
        ("SDX006", "k.yaml", 9, 20)
    ]
    statefulset = {"c.yaml": client(kind="StatefulSet")}
    assert lint_run({**statefulset, "k.yaml": keda()}, "SDX006") == []
    explicit = keda(target="    kind: StatefulSet\n    name: sedex")
    assert lint_run({**statefulset, "k.yaml": explicit}, "SDX006") == [("SDX006", "k.yaml", 10, 20)]
    assert (
        lint_run({"c.yaml": client(), "k.yaml": keda(maximum="\n  maxReplicaCount: 1")}, "SDX006")
        == []
    )


def test_an_autoscaler_of_a_business_app_or_a_phase_one_job_is_not_reported() -> None:
    business = client().replace("sedexch/sedex-client:8.0.1_container-1.2.0", "nginx:1.27")
    job = client(kind="Job").replace(
        "image: sedexch/sedex-client:8.0.1_container-1.2.0",
        "image: sedexch/sedex-client:8.0.1_container-1.2.0\n"
        "          command: [init-container-new-cert.sh]",
    )
    assert lint_run({"c.yaml": business, "h.yaml": hpa()}, "SDX006") == []
    assert lint_run({"c.yaml": job, "h.yaml": hpa(kind="Job")}, "SDX006") == []


def test_an_annotation_on_the_autoscaler_suppresses_it() -> None:
    annotated = hpa().replace(
        "  name: scaler\n",
        '  name: scaler\n  annotations: {sedex-lint.io/ignore: "SDX006: scales to 1 by policy"}\n',
    )
    assert lint_run({"c.yaml": client(), "h.yaml": annotated}, "SDX006") == []


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {f"c{i:02}.yaml": client(name=f"s{i}") for i in range(10)}
    files |= {f"h{i:02}.yaml": hpa(name=f"s{i}") for i in range(0, 10, 2)}
    serial = lint_run(files, "SDX006")
    assert len(files) >= 15 and len(serial) == 5
    assert lint_run(files, "SDX006", jobs=2) == serial
