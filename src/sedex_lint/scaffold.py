"""The manifests of one sedex participant, as `sedex-lint init` writes them.

Names follow the documentation (facts §8: `sedex-client-<id>-…`, the ID lower-cased); every
choice is one the rules ask for: one replica and Recreate (SDX001, SDX002), the stores on
claims (SDX003, SDX080), 1Gi of memory (SDX004), probes for the image generation (SDX005),
65 s to stop (SDX009), Phase 1 as a one-off Job with its variables from a Secret (SDX020-
SDX024), a pinned full tag (SDX030, SDX031), non-root and a read-only root (SDX071, SDX073).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sedex_lint.client_probes import liveness, monitoring_check, readiness
from sedex_lint.fixes.render import Style, block_mapping
from sedex_lint.image import Generation, generation

NEW_CERT, EXISTING_CERT = "new-cert", "existing-cert"
SCRIPTS = {NEW_CERT: "init-container-new-cert.sh", EXISTING_CERT: "init-container-existing-cert.sh"}
USER, GROUP = 901, 501
"""The documentation's example user and group for a non-root client ([A] container-options:
`--user 901:501`); the stores must be owned by them."""
_STYLE = Style()


@dataclass(frozen=True)
class Participant:
    sedex_id: str
    case: str
    """NEW_CERT (a CRID and one-time password) or EXISTING_CERT (a keystore)."""
    image: str
    """`sedexch/sedex-client:<full tag>`."""
    namespace: str = "sedex"
    storage_class: str | None = None
    data_size: str = "1Gi"
    interface_size: str = "1Gi"

    @property
    def name(self) -> str:
        return f"sedex-client-{self.sedex_id.lower()}"

    @property
    def generation(self) -> Generation:
        found = generation(self.image)
        if found is None:
            raise ValueError(f"{self.image} has no full tag")
        return found

    @property
    def has_interface_store(self) -> bool:
        return self.generation.container >= (1,)

    @property
    def secret(self) -> str:
        return f"{self.name}-init"

    def variables(self) -> tuple[str, ...]:
        """What the init script reads (SDX023, SDX024), all from the Secret."""
        if self.case == EXISTING_CERT:
            return ("SEDEX_ID", "KEYSTORE", "KEYSTORE_PW")
        if self.has_interface_store:
            return ("SEDEX_ID", "SEDEX_CRID", "SEDEX_OTP")
        return ("SEDEX_ID", "CRID", "OTP")


def manifests(participant: Participant, kustomize: bool = False) -> dict[str, str]:
    """File name -> text, in the order to apply them (the Job after the claims)."""
    name = participant.name
    files = {f"{name}-data-pvc.yaml": _claim(participant, "data", participant.data_size)}
    if participant.has_interface_store:
        files[f"{name}-interface-pvc.yaml"] = _claim(
            participant, "interface", participant.interface_size
        )
    files[f"{name}-init-job.yaml"] = _job(participant)
    files[f"{name}-deployment.yaml"] = _deployment(participant)
    files[f"{name}-service.yaml"] = _service(participant)
    if kustomize:
        files["kustomization.yaml"] = _kustomization(sorted(files))
    return files


def _yaml(comment: str, value: dict[str, Any]) -> str:
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return head + "\n".join(block_mapping(value, 0, _STYLE)) + "\n"


def _metadata(participant: Participant, name: str) -> dict[str, Any]:
    return {"name": name, "namespace": participant.namespace,
            "labels": {"app": participant.name}}  # fmt: skip


def _claim(participant: Participant, store: str, size: str) -> str:
    spec: dict[str, Any] = {"accessModes": ["ReadWriteOnce"]}
    if participant.storage_class is not None:
        spec["storageClassName"] = participant.storage_class
    spec["resources"] = {"requests": {"storage": size}}
    what = {
        "data": "sedex-data: the client's configuration with the participant certificate and\n"
        "private key, its message database, logs and monitoring. Never delete it.",
        "interface": "sedex-interface (container 1.0 and later): inbox, outbox, processed and\n"
        "receipts. Business applications that exchange messages mount this claim;\n"
        "with ReadWriteOnce their pods must run on the client's node.",
    }[store]
    return _yaml(
        what,
        {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
         "metadata": _metadata(participant, f"{participant.name}-{store}-pvc"), "spec": spec},
    )  # fmt: skip


def _volumes(participant: Participant) -> tuple[list[Any], list[Any]]:
    stores = [("sedex-data", "/sedex-data", "data")]
    if participant.has_interface_store:
        stores.append(("sedex-interface", "/sedex-interface", "interface"))
    mounts = [{"name": volume, "mountPath": path} for volume, path, _ in stores]
    volumes = [
        {"name": volume,
         "persistentVolumeClaim": {"claimName": f"{participant.name}-{store}-pvc"}}
        for volume, _, store in stores
    ]  # fmt: skip
    return mounts, volumes


def _pod_security() -> dict[str, Any]:
    return {"runAsNonRoot": True, "runAsUser": USER, "runAsGroup": GROUP, "fsGroup": GROUP}


def _container_security() -> dict[str, Any]:
    return {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True}


def _job(participant: Participant) -> str:
    mounts, volumes = _volumes(participant)
    env = [
        {"name": variable,
         "valueFrom": {"secretKeyRef": {"name": participant.secret, "key": variable}}}
        for variable in participant.variables()
    ]  # fmt: skip
    container = {
        "name": "init",
        "image": participant.image,
        "command": [SCRIPTS[participant.case]],
        "env": env,
        "securityContext": _container_security(),
        "volumeMounts": mounts,
    }
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": _metadata(participant, f"{participant.name}-init"),
        "spec": {
            "backoffLimit": 0,
            "template": {
                "metadata": {"labels": {"app": f"{participant.name}-init"}},
                "spec": {
                    "restartPolicy": "Never",
                    "securityContext": _pod_security(),
                    "containers": [container],
                    "volumes": volumes,
                },
            },
        },
    }
    return _yaml(
        "Phase 1, the initial configuration: apply it ONCE, before the client's first start,\n"
        "wait until it completes, then delete it and its Secret. Running it again can lose\n"
        "the private key or messages. Its variables come from the Secret "
        f"{participant.secret}.",
        job,
    )


def _deployment(participant: Participant) -> str:
    mounts, volumes = _volumes(participant)
    major = participant.generation.client[0]
    monitoring = 9443 if major >= 8 else 8000
    container = {
        "name": "sedex-client",
        "image": participant.image,
        "securityContext": _container_security(),
        "ports": [{"name": "monitoring", "containerPort": monitoring},
                  {"name": "wsp-https", "containerPort": 8443}],
        "resources": {"requests": {"cpu": "250m", "memory": "1Gi"}, "limits": {"memory": "2Gi"}},
        "startupProbe": {**monitoring_check(major), "periodSeconds": 10, "failureThreshold": 60},
        "livenessProbe": liveness(),
        "readinessProbe": readiness(major),
        "volumeMounts": mounts,
    }  # fmt: skip
    labels = {"app": participant.name}
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _metadata(participant, participant.name),
        "spec": {
            "replicas": 1,
            "strategy": {"type": "Recreate"},
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "terminationGracePeriodSeconds": 65,
                    "securityContext": _pod_security(),
                    "containers": [container],
                    "volumes": volumes,
                },
            },
        },
    }
    return _yaml(
        f"The sedex Client of participant {participant.sedex_id}: exactly one pod, replaced with\n"
        "Recreate, never scaled or autoscaled above 1. The startup probe gives the client\n"
        f"up to 10 minutes to become healthy. It runs as user {USER} and group {GROUP} (the\n"
        "documentation's example): the stores must be owned by them.",
        deployment,
    )


def _service(participant: Participant) -> str:
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _metadata(participant, participant.name),
        "spec": {
            "type": "ClusterIP",
            "selector": {"app": participant.name},
            "ports": [{"name": "wsp-https", "port": 8443, "targetPort": 8443}],
        },
    }
    return _yaml("The WS-Proxy (and REST API) over HTTPS, inside the cluster only.", service)


def _kustomization(files: list[str]) -> str:
    resources = [name for name in files if not name.endswith("-init-job.yaml")]
    return _yaml(
        "The participant's steady state. The Phase 1 Job is left out on purpose: it runs\n"
        "once, applied by hand (see the next steps sedex-lint init printed).",
        {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
         "resources": resources},
    )  # fmt: skip
