from __future__ import annotations

import pytest

from tests.conftest import messages, run, triples

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: sedex
spec:
  containers:
    - name: sedex-client
      image: sedexch/sedex-client:8.0.1_container-1.2.0
      volumeMounts:
        - name: data
          mountPath: {mount_path}
  volumes:
    - name: data
{volume}"""
CLAIM = "      persistentVolumeClaim:\n        claimName: sedex-data\n"


def pod(volume: str = CLAIM, mount_path: str = "/sedex-data") -> str:
    return POD.format(volume=volume, mount_path=mount_path)


@pytest.mark.parametrize("mount_path", ["/sedex-data", "/sedex-data/", "/sedex-data//"])
def test_claim_at_sedex_data_passes(mount_path: str) -> None:
    assert triples(run(pod(mount_path=mount_path)), "SDX003") == []


def test_sub_path_on_a_claim_passes() -> None:
    text = pod().replace("mountPath: /sedex-data", "mountPath: /sedex-data\n          subPath: one")
    assert triples(run(text), "SDX003") == []


@pytest.mark.parametrize(
    ("volume", "column", "kind"),
    [
        ("      emptyDir: {}\n", 7, "emptyDir"),
        ("      emptyDir:\n        medium: Memory\n", 7, "emptyDir"),
        ("      hostPath:\n        path: /srv/sedex\n", 7, "hostPath"),
        ("      configMap:\n        name: x\n", 7, "configMap"),
        ("      secret:\n        secretName: x\n", 7, "secret"),
        ("      downwardAPI: {}\n", 7, "downwardAPI"),
        ("      projected:\n        sources: []\n", 7, "projected"),
        (
            "      ephemeral:\n        volumeClaimTemplate:\n          spec: {}\n",
            7,
            "ephemeral",
        ),
    ],
)
def test_non_persistent_volume_points_at_its_source(volume: str, column: int, kind: str) -> None:
    report = run(pod(volume=volume))
    assert triples(report, "SDX003") == [("SDX003", 14, column)]
    assert f"the {kind} volume 'data'" in messages(report, "SDX003")[0]


def test_volume_without_source_is_an_empty_dir() -> None:
    report = run(pod(volume=""))
    assert triples(report, "SDX003") == [("SDX003", 13, 7)]
    assert "emptyDir" in messages(report, "SDX003")[0]


def test_missing_mount_points_at_volume_mounts() -> None:
    report = run(pod(mount_path="/data"))
    assert triples(report, "SDX003") == [("SDX003", 9, 7)]
    assert "mounts nothing at /sedex-data" in messages(report, "SDX003")[0]


def test_container_without_any_mounts_points_at_the_container() -> None:
    text = """\
    apiVersion: v1
    kind: Pod
    metadata:
      name: sedex
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client
    """
    assert triples(run(text), "SDX003") == [("SDX003", 7, 7)]


def test_mount_of_undefined_volume_points_at_its_name() -> None:
    report = run(pod().replace("        - name: data\n", "        - name: store\n"))
    assert triples(report, "SDX003") == [("SDX003", 10, 17)]
    assert "'store', which the pod does not define" in messages(report, "SDX003")[0]


def test_read_only_mount_points_at_read_only() -> None:
    text = pod().replace(
        "mountPath: /sedex-data", "mountPath: /sedex-data\n          readOnly: true"
    )
    assert triples(run(text), "SDX003") == [("SDX003", 12, 21)]


def test_read_only_claim_points_at_read_only() -> None:
    report = run(pod(volume=CLAIM + "        readOnly: yes\n"))
    assert triples(report, "SDX003") == [("SDX003", 16, 19)]


def test_mount_on_a_sidecar_does_not_count() -> None:
    text = """\
    apiVersion: v1
    kind: Pod
    metadata:
      name: sedex
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client
        - name: backup
          image: restic
          volumeMounts:
            - {name: data, mountPath: /sedex-data}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: sedex-data}
    """
    assert triples(run(text), "SDX003") == [("SDX003", 7, 7)]


def test_interface_store_must_be_persistent_too() -> None:
    text = (
        pod().replace(
            "          mountPath: /sedex-data\n",
            "          mountPath: /sedex-data\n"
            "        - name: inbox\n          mountPath: /sedex-interface\n",
        )
        + "    - name: inbox\n      emptyDir: {}\n"
    )
    assert triples(run(text), "SDX003") == [("SDX003", 19, 7)]


def test_split_subfolder_layout_of_old_images_passes() -> None:
    mounts = "".join(
        f"        - name: data\n          mountPath: /sedex-data/{sub}/\n          subPath: {sub}\n"
        for sub in ("conf", "interface", "internal", "logs", "monitoring")
    )
    text = pod().replace("        - name: data\n          mountPath: /sedex-data\n", mounts)
    assert triples(run(text), "SDX003") == []


def test_ephemeral_subfolder_under_the_store_is_flagged() -> None:
    text = (
        pod().replace(
            "          mountPath: /sedex-data\n",
            "          mountPath: /sedex-data\n"
            "        - name: scratch\n          mountPath: /sedex-data/conf\n",
        )
        + "    - name: scratch\n      emptyDir: {}\n"
    )
    report = run(text)
    assert triples(report, "SDX003") == [("SDX003", 19, 7)]
    assert "private key" in messages(report, "SDX003")[0]


STATEFUL = """\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: sedex
spec:
  serviceName: sedex
  template:
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client
          volumeMounts:
            - name: sedex-data
              mountPath: /sedex-data
  volumeClaimTemplates:
    - metadata:
        name: sedex-data
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
"""


def test_statefulset_claim_template_passes() -> None:
    assert triples(run(STATEFUL), "SDX003") == []


def test_claim_template_of_a_deployment_does_not_exist() -> None:
    text = STATEFUL.replace("kind: StatefulSet", "kind: Deployment")
    assert triples(run(text), "SDX003") == [("SDX003", 13, 21)]
