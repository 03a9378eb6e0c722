#!/usr/bin/env python3
"""Seeded, deterministic generator of a GitOps-like corpus of Kubernetes manifests.

The corpus mixes sedex Client workloads (compliant, and broken in each of the five ways the
sedex rules check) with the ordinary objects of a GitOps repository: Deployments,
StatefulSets, Services, ConfigMaps, Ingresses, PersistentVolumeClaims and a few others, in
single- and multi-document files (1 to 8 documents), `kind: List` files, `helm template`
output with `# Source:` comments, files using YAML anchors, aliases and merge keys, and a few
JSON manifests. With the defaults (seed 42, 2,000 files) it holds about 3.1 documents per
file, like the reference corpus of issue 6 (2,000 files, 6,214 documents).

    python benchmarks/generate_corpus.py --out /tmp/corpus                  # 2,000 files
    python benchmarks/generate_corpus.py --files 100 --out /tmp/corpus-100
    python benchmarks/generate_corpus.py --single-file-docs 10000 --out /tmp/big
    python benchmarks/generate_corpus.py --small --out /tmp/small          # one Deployment

The same seed and options always write the same bytes. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_SEED = 42
DEFAULT_FILES = 2000

SEDEX_VARIANTS = ("compliant", "replicas", "strategy", "emptydir", "memory", "probes")
"""`compliant`, then the five ways to break a sedex Client: SDX001 to SDX005 in order."""
SEDEX_VARIANT_WEIGHTS = (40, 12, 12, 12, 12, 12)
EXPECTED_RULE = {
    "replicas": "SDX001",
    "strategy": "SDX002",
    "emptydir": "SDX003",
    "memory": "SDX004",
    "probes": "SDX005",
}
"""The rule each broken variant violates (and the only one it violates)."""

FILE_KINDS = ("single", "app", "sedex", "helm", "list", "anchors", "json")
FILE_KIND_WEIGHTS = (22, 32, 10, 12, 8, 10, 6)

SEDEX_IMAGES = (
    "sedexch/sedex-client:8.0.1_container-1.2.0",
    "sedexch/sedex-client:8.0.1_container-1.2.0",
    "docker.io/sedexch/sedex-client:8.0.0_container-1.1.0",
    "registry.example.ch/mirror/sedexch/sedex-client:8.0.1_container-1.2.0",
    "sedexch/sedex-client@sha256:4f6d1c8e0b6a3f1e9d2c7b5a8e3f0d1c2b4a6e8f0d2c4b6a8e0f2d4c6b8a0e2f",
)
APP_IMAGES = (
    "nginx:1.27.3",
    "registry.example.ch/portal/web:2.14.0",
    "eclipse-temurin:21-jre",
    "python:3.12-slim",
    "ghcr.io/example/api-gateway:v3.2.1",
    "registry.example.ch/gis/tile-server:1.8.4",
    "quay.io/keycloak/keycloak:25.0.6",
    "node:20-alpine",
)
STATEFUL_IMAGES = (
    ("postgres:16.4", 5432, "/var/lib/postgresql/data"),
    ("redis:7.4.1", 6379, "/data"),
    ("docker.elastic.co/elasticsearch/elasticsearch:8.15.3", 9200, "/usr/share/elasticsearch/data"),
    ("rabbitmq:3.13-management", 5672, "/var/lib/rabbitmq"),
)
APPS = (
    "portal",
    "billing",
    "gis",
    "tax",
    "registry",
    "payroll",
    "archive",
    "notifications",
    "auth",
    "search",
    "reports",
    "forms",
    "calendar",
    "mail-relay",
    "permits",
    "elections",
    "school-admin",
    "social-aid",
    "land-register",
    "document-store",
)
NAMESPACES = (
    "finance",
    "gis",
    "portal",
    "registry",
    "platform",
    "education",
    "health",
    "elections",
    "social",
    "sedex",
)
ENVIRONMENTS = ("dev", "int", "prod")
CHARTS = ("web-app", "backend", "common-service", "sedex-client")


# --- a small block-style YAML writer, with anchors, aliases, merge keys and flow collections ---


@dataclass(frozen=True)
class Anchor:
    """Writes `&name` before the value (a mapping value only)."""

    name: str
    value: Any


@dataclass(frozen=True)
class Alias:
    """Writes `*name`; as the value of the key `<<` it is a merge key."""

    name: str


@dataclass(frozen=True)
class Flow:
    """A small collection of plain scalars written inline: `{cpu: 250m, memory: 1Gi}`."""

    value: dict[str, Any] | list[Any]


MERGE = "<<"
_RESERVED = frozenset({"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_NUMBER = re.compile(
    r"[-+]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?"
    r"|\.[0-9_]+([eE][-+]?[0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
    r"|\.(inf|Inf|INF|nan|NaN|NAN))"
)
_PLAIN = re.compile(r"[A-Za-z0-9/_.$][^\s#,\[\]{}:]*(?:[ :][^\s#,\[\]{}:]+)*")


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Alias):
        return f"*{value.name}"
    if isinstance(value, Flow):
        return _flow(value.value)
    if isinstance(value, dict):
        return "{}" if not value else _flow(value)
    if isinstance(value, list):
        return "[]" if not value else _flow(value)
    text = str(value)
    if text == MERGE:
        return text
    if text.lower() in _RESERVED or _NUMBER.fullmatch(text) or not _PLAIN.fullmatch(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _flow(value: dict[str, Any] | list[Any]) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v) for v in value) + "]"


def to_yaml(document: dict[str, Any]) -> str:
    lines: list[str] = []
    _block(document, 0, lines)
    return "\n".join(lines) + "\n"


def _block(value: dict[str, Any] | list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _entry(f"{pad}{scalar(key)}:", item, indent + 2, lines)
        return
    for item in value:
        if isinstance(item, dict) and item:
            start = len(lines)
            _block(item, indent + 2, lines)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        else:
            _entry(f"{pad}-", item, indent + 2, lines)


def _entry(head: str, item: Any, indent: int, lines: list[str]) -> None:
    anchor = ""
    if isinstance(item, Anchor):
        anchor, item = f" &{item.name}", item.value
    if isinstance(item, (dict, list)) and item:
        lines.append(head + anchor)
        _block(item, indent, lines)
    elif isinstance(item, str) and "\n" in item:
        chomp = "" if item.endswith("\n") else "-"
        lines.append(f"{head}{anchor} |{chomp}")
        pad = " " * indent
        lines.extend(f"{pad}{line}" if line else "" for line in item.rstrip("\n").split("\n"))
    else:
        lines.append(f"{head}{anchor} {scalar(item)}")


# --- the corpus ---


@dataclass
class Stats:
    files: int = 0
    documents: int = 0
    objects: int = 0
    bytes: int = 0
    file_kinds: Counter[str] = field(default_factory=Counter)
    object_kinds: Counter[str] = field(default_factory=Counter)
    sedex: Counter[str] = field(default_factory=Counter)
    """sedex Client workloads by variant."""

    def summary(self) -> str:
        sedex_total = sum(self.sedex.values())
        variants = ", ".join(f"{v} {self.sedex[v]}" for v in SEDEX_VARIANTS)
        kinds = ", ".join(f"{k} {self.file_kinds[k]}" for k in FILE_KINDS if self.file_kinds[k])
        objects = ", ".join(f"{k} {n}" for k, n in sorted(self.object_kinds.items()))
        return (
            f"wrote {self.files} files, {self.documents} documents, {self.objects} objects, "
            f"{self.bytes / 2**20:.1f} MiB\n"
            f"  sedex Client workloads: {sedex_total} ({variants})\n"
            f"  files by layout: {kinds}\n"
            f"  objects by kind: {objects}"
        )


@dataclass
class Document:
    """One YAML document: its text (without `---`) and the objects it holds."""

    text: str
    objects: list[dict[str, Any]]
    sedex_variants: list[str]


class CorpusGenerator:
    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    # names and small pieces

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def _labels(self, app: str, helm: bool) -> dict[str, Any]:
        labels: dict[str, Any] = {"app": app}
        if helm:
            labels["app.kubernetes.io/name"] = app
            labels["app.kubernetes.io/managed-by"] = "Helm"
            labels["helm.sh/chart"] = f"{self.rng.choice(CHARTS)}-1.{self.rng.randint(0, 9)}.0"
        elif self.rng.random() < 0.5:
            labels["app.kubernetes.io/part-of"] = self.rng.choice(APPS)
            labels["team"] = self.rng.choice(NAMESPACES)
        return labels

    def _metadata(self, name: str, namespace: str, labels: Any) -> dict[str, Any]:
        metadata: dict[str, Any] = {"name": name, "namespace": namespace, "labels": labels}
        if self.rng.random() < 0.2:
            metadata["annotations"] = {
                "argocd.argoproj.io/sync-wave": str(self.rng.randint(-1, 5)),
                "example.ch/owner": f"team-{self.rng.choice(NAMESPACES)}@example.ch",
            }
        return metadata

    def _resources(self, cpu: str, memory: str, limit: str, flow: bool) -> dict[str, Any]:
        requests = {"cpu": cpu, "memory": memory}
        limits = {"memory": limit}
        if flow:
            return {"requests": Flow(requests), "limits": Flow(limits)}
        return {"requests": requests, "limits": limits}

    def _env(self, count: int) -> list[dict[str, Any]]:
        names = ("LOG_LEVEL", "TZ", "JAVA_OPTS", "SPRING_PROFILES_ACTIVE", "DB_HOST", "DB_PORT")
        values = ("info", "Europe/Zurich", "-Xmx512m -XX:+UseG1GC", "prod", "postgres", "5432")
        env: list[dict[str, Any]] = []
        for index in range(count):
            env.append({"name": names[index % len(names)], "value": values[index % len(values)]})
        if self.rng.random() < 0.3:
            env.append(
                {
                    "name": "DB_PASSWORD",
                    "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "password"}},
                }
            )
        return env

    # sedex Client workloads

    def sedex_workload(
        self, variant: str, kind: str, anchors: bool = False, sidecar: bool | None = None
    ) -> dict[str, Any]:
        rng = self.rng
        if variant == "strategy":
            kind = "Deployment"
        participant = f"{rng.randint(1, 7)}-{rng.randint(100, 9999)}-{self._next()}"
        name = f"sedex-client-{participant}"
        namespace = "sedex" if rng.random() < 0.7 else rng.choice(NAMESPACES)
        labels: dict[str, Any] = {"app": name, "app.kubernetes.io/part-of": "sedex"}
        memory, limit = "1Gi", rng.choice(("1Gi", "2Gi", "1536Mi"))
        if variant == "memory":
            memory, limit = rng.choice((("768Mi", "950Mi"), ("512Mi", "1Gi"), ("900M", "900M")))
        client: dict[str, Any] = {
            "name": "sedex-client",
            "image": rng.choice(SEDEX_IMAGES),
            "ports": [
                {"name": "monitoring", "containerPort": 8000},
                {"name": "wsp-https", "containerPort": 8443},
            ],
        }
        if rng.random() < 0.4:
            client["env"] = [
                {"name": "TZ", "value": "Europe/Zurich"},
                {"name": "WSPROXY_HTTPS_HOSTNAME", "value": f"{name}.{namespace}.svc"},
            ]
        client["resources"] = self._resources("250m", memory, limit, flow=rng.random() < 0.2)
        if rng.random() < 0.5:
            client["startupProbe"] = {
                "httpGet": {"path": "/monitoring", "port": 8000},
                "periodSeconds": 10,
                "failureThreshold": 60,
            }
        liveness: dict[str, Any] = {
            "exec": {"command": ["/opt/sedex-client/scripts/check-health.sh"]},
            "initialDelaySeconds": 5,
            "periodSeconds": 5,
        }
        readiness: dict[str, Any] = {
            "httpGet": {"path": "/monitoring", "port": 8000},
            "initialDelaySeconds": 5,
            "periodSeconds": 5,
        }
        drop = rng.choice(("liveness", "readiness", "both")) if variant == "probes" else ""
        liveness_value: Any = liveness
        if anchors:
            # readiness reuses liveness through a merge key and overrides one field
            liveness = {"httpGet": dict(readiness["httpGet"]), **liveness}
            liveness.pop("exec")
            liveness_value = Anchor("probe", liveness)
            if drop != "liveness":
                readiness = {MERGE: Alias("probe"), "periodSeconds": 10}
        if drop not in ("liveness", "both"):
            client["livenessProbe"] = liveness_value
        if drop not in ("readiness", "both"):
            client["readinessProbe"] = readiness
        client["volumeMounts"] = [
            {"name": "sedex-data", "mountPath": "/sedex-data"},
            {"name": "sedex-interface", "mountPath": "/sedex-interface"},
        ]
        containers = [client]
        if sidecar if sidecar is not None else rng.random() < 0.25:
            containers.append(
                {
                    "name": "log-shipper",
                    "image": "cr.fluentbit.io/fluent/fluent-bit:3.1.9",
                    "resources": self._resources("50m", "64Mi", "128Mi", flow=True),
                    "volumeMounts": [{"name": "logs", "mountPath": "/logs", "readOnly": True}],
                }
            )
        volumes: list[dict[str, Any]] = []
        statefulset = kind == "StatefulSet"
        if variant == "emptydir":
            volumes.append({"name": "sedex-data", "emptyDir": {}})
        elif not statefulset:
            volumes.append(
                {"name": "sedex-data", "persistentVolumeClaim": {"claimName": f"{name}-data-pvc"}}
            )
        volumes.append(
            {
                "name": "sedex-interface",
                "persistentVolumeClaim": {"claimName": f"{name}-interface-pvc"},
            }
        )
        if len(containers) > 1:
            volumes.append({"name": "logs", "emptyDir": {"sizeLimit": "256Mi"}})
        pod_labels: Any = Alias("labels") if anchors else dict(labels)
        pod_spec: dict[str, Any] = {"terminationGracePeriodSeconds": 65}
        if rng.random() < 0.3:
            pod_spec["securityContext"] = {"runAsNonRoot": True, "fsGroup": 1000}
        pod_spec["containers"] = containers
        pod_spec["volumes"] = volumes
        spec: dict[str, Any] = {}
        if statefulset:
            spec["serviceName"] = name
        spec["replicas"] = rng.choice((2, 3)) if variant == "replicas" else 1
        if not statefulset:
            if variant == "strategy":
                if rng.random() < 0.5:
                    spec["strategy"] = {
                        "type": "RollingUpdate",
                        "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1},
                    }
            else:
                spec["strategy"] = {"type": "Recreate"}
        spec["selector"] = {"matchLabels": Alias("labels") if anchors else dict(labels)}
        spec["template"] = {"metadata": {"labels": pod_labels}, "spec": pod_spec}
        if statefulset and variant != "emptydir":
            spec["volumeClaimTemplates"] = [
                {
                    "metadata": {"name": "sedex-data"},
                    "spec": {
                        "accessModes": ["ReadWriteOnce"],
                        "resources": {"requests": {"storage": "1Gi"}},
                    },
                }
            ]
        return {
            "apiVersion": "apps/v1",
            "kind": kind,
            "metadata": {
                "name": name,
                "namespace": namespace,
                "labels": Anchor("labels", labels) if anchors else labels,
            },
            "spec": spec,
        }

    # ordinary objects

    def deployment(self, app: str, namespace: str, helm: bool, anchors: bool) -> dict[str, Any]:
        rng = self.rng
        labels = self._labels(app, helm)
        container: dict[str, Any] = {
            "name": app.split("-")[0],
            "image": rng.choice(APP_IMAGES),
            "imagePullPolicy": "IfNotPresent",
            "ports": [{"name": "http", "containerPort": rng.choice((80, 8080, 3000, 8000))}],
        }
        env = self._env(rng.randint(0, 6))
        if env:
            container["env"] = Anchor("env", env) if anchors else env
        cpu = rng.choice(("50m", "100m", "250m", "500m"))
        memory = rng.choice(("128Mi", "256Mi", "512Mi", "1Gi"))
        container["resources"] = self._resources(cpu, memory, memory, flow=rng.random() < 0.2)
        if rng.random() < 0.7:
            probe = {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10}
            container["readinessProbe"] = probe
            if rng.random() < 0.6:
                container["livenessProbe"] = dict(probe, initialDelaySeconds=30)
        container["volumeMounts"] = [{"name": "cache", "mountPath": "/var/cache"}]
        pod_spec: dict[str, Any] = {}
        if rng.random() < 0.4:
            pod_spec["serviceAccountName"] = app
        pod_spec["containers"] = [container]
        if anchors and env:  # after `containers`, which holds the anchor
            pod_spec["initContainers"] = [
                {
                    "name": "migrate",
                    "image": container["image"],
                    "command": ["/bin/sh", "-c", "./migrate --wait"],
                    "env": Alias("env"),
                }
            ]
        pod_spec["volumes"] = [{"name": "cache", "emptyDir": {}}]
        if rng.random() < 0.3:
            pod_spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        template_labels: Any = dict(labels)
        if anchors:
            template_labels = {MERGE: Alias("labels"), "version": f"v{rng.randint(1, 9)}"}
        spec: dict[str, Any] = {
            "replicas": rng.randint(1, 5),
            "revisionHistoryLimit": 3,
            "selector": {"matchLabels": Alias("labels") if anchors else dict(labels)},
        }
        if rng.random() < 0.5:
            spec["strategy"] = {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0},
            }
        spec["template"] = {"metadata": {"labels": template_labels}, "spec": pod_spec}
        metadata = self._metadata(app, namespace, Anchor("labels", labels) if anchors else labels)
        return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata, "spec": spec}

    def statefulset(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        rng = self.rng
        image, port, data_path = rng.choice(STATEFUL_IMAGES)
        labels = self._labels(app, helm)
        container: dict[str, Any] = {
            "name": app.split("-")[0],
            "image": image,
            "ports": [{"name": "main", "containerPort": port}],
            "env": self._env(rng.randint(1, 4)),
            "resources": self._resources("500m", "1Gi", "2Gi", flow=False),
            "readinessProbe": {"tcpSocket": {"port": port}, "periodSeconds": 10},
            "volumeMounts": [{"name": "data", "mountPath": data_path}],
        }
        return {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": self._metadata(app, namespace, labels),
            "spec": {
                "serviceName": app,
                "replicas": rng.choice((1, 3)),
                "selector": {"matchLabels": dict(labels)},
                "template": {
                    "metadata": {"labels": dict(labels)},
                    "spec": {"containers": [container]},
                },
                "volumeClaimTemplates": [
                    {
                        "metadata": {"name": "data"},
                        "spec": {
                            "accessModes": ["ReadWriteOnce"],
                            "storageClassName": "standard-rwo",
                            "resources": {"requests": {"storage": f"{rng.choice((5, 10, 50))}Gi"}},
                        },
                    }
                ],
            },
        }

    def cronjob(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        labels = self._labels(app, helm)
        return {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": self._metadata(f"{app}-cleanup", namespace, labels),
            "spec": {
                "schedule": f"{self.rng.randint(0, 59)} {self.rng.randint(0, 5)} * * *",
                "concurrencyPolicy": "Forbid",
                "jobTemplate": {
                    "spec": {
                        "template": {
                            "spec": {
                                "restartPolicy": "OnFailure",
                                "containers": [
                                    {
                                        "name": "cleanup",
                                        "image": self.rng.choice(APP_IMAGES),
                                        "args": ["cleanup", "--older-than", "30d"],
                                    }
                                ],
                            }
                        }
                    }
                },
            },
        }

    def service(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        labels = self._labels(app, helm)
        spec: dict[str, Any] = {
            "type": self.rng.choice(("ClusterIP", "ClusterIP", "ClusterIP", "NodePort")),
            "selector": {"app": app},
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
        }
        if self.rng.random() < 0.3:
            spec["ports"].append({"name": "metrics", "port": 9090, "targetPort": 9090})
        return {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": self._metadata(app, namespace, labels),
            "spec": spec,
        }

    def configmap(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "LOG_LEVEL": rng.choice(("info", "debug", "warn")),
            "FEATURE_FLAGS": "search,export,audit",
            "MAX_UPLOAD_MB": str(rng.choice((10, 25, 100))),
        }
        lines = [
            "server:",
            f"  port: {rng.choice((8080, 8000, 3000))}",
            "  shutdown: graceful",
            "spring:",
            "  datasource:",
            f"    url: jdbc:postgresql://postgres.{namespace}.svc:5432/{app.replace('-', '_')}",
            "    hikari:",
            f"      maximum-pool-size: {rng.randint(5, 30)}",
            "management:",
            "  endpoints:",
            "    web:",
            "      exposure:",
            "        include: health,info,prometheus",
        ]
        for index in range(rng.randint(0, 25)):
            lines.append(f"feature-{index}: {rng.choice(('enabled', 'disabled'))}")
        data["application.yaml"] = "\n".join(lines) + "\n"
        return {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": self._metadata(f"{app}-config", namespace, self._labels(app, helm)),
            "data": data,
        }

    def ingress(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        host = f"{app}.{self.rng.choice(ENVIRONMENTS)}.example.ch"
        metadata = self._metadata(app, namespace, self._labels(app, helm))
        metadata["annotations"] = {
            "cert-manager.io/cluster-issuer": "letsencrypt",
            "nginx.ingress.kubernetes.io/proxy-body-size": "25m",
        }
        return {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": metadata,
            "spec": {
                "ingressClassName": "nginx",
                "tls": [{"hosts": [host], "secretName": f"{app}-tls"}],
                "rules": [
                    {
                        "host": host,
                        "http": {
                            "paths": [
                                {
                                    "path": "/",
                                    "pathType": "Prefix",
                                    "backend": {"service": {"name": app, "port": {"name": "http"}}},
                                }
                            ]
                        },
                    }
                ],
            },
        }

    def pvc(self, name: str, namespace: str, helm: bool) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": self._metadata(name, namespace, self._labels(name, helm)),
            "spec": {
                "accessModes": [self.rng.choice(("ReadWriteOnce", "ReadWriteMany"))],
                "resources": {"requests": {"storage": f"{self.rng.choice((1, 5, 20))}Gi"}},
            },
        }

    def namespace(self, name: str) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {"name": name, "labels": {"example.ch/tenant": name}},
        }

    def service_account(self, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        return {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": self._metadata(app, namespace, self._labels(app, helm)),
        }

    # documents

    def _app_name(self) -> str:
        return f"{self.rng.choice(APPS)}-{self._next()}"

    def _ordinary(self, kind: str, app: str, namespace: str, helm: bool) -> dict[str, Any]:
        makers: dict[str, Callable[[], dict[str, Any]]] = {
            "Deployment": lambda: self.deployment(app, namespace, helm, anchors=False),
            "StatefulSet": lambda: self.statefulset(app, namespace, helm),
            "CronJob": lambda: self.cronjob(app, namespace, helm),
            "Service": lambda: self.service(app, namespace, helm),
            "ConfigMap": lambda: self.configmap(app, namespace, helm),
            "Ingress": lambda: self.ingress(app, namespace, helm),
            "PersistentVolumeClaim": lambda: self.pvc(f"{app}-data", namespace, helm),
            "ServiceAccount": lambda: self.service_account(app, namespace, helm),
        }
        return makers[kind]()

    def _sedex_variant(self) -> str:
        return self.rng.choices(SEDEX_VARIANTS, SEDEX_VARIANT_WEIGHTS)[0]

    def _sedex_kind(self) -> str:
        return "StatefulSet" if self.rng.random() < 0.25 else "Deployment"

    def _document(self, obj: dict[str, Any], variants: Sequence[str] = ()) -> Document:
        return Document(to_yaml(obj), [obj], list(variants))

    def app_documents(self, count: int, helm: bool) -> list[Document]:
        rng = self.rng
        app, namespace = self._app_name(), rng.choice(NAMESPACES)
        documents: list[Document] = []
        if rng.random() < 0.08:
            variant = self._sedex_variant()
            documents.append(
                self._document(self.sedex_workload(variant, self._sedex_kind()), [variant])
            )
        else:
            workload = rng.choices(("Deployment", "StatefulSet", "CronJob"), (80, 15, 5))[0]
            documents.append(self._document(self._ordinary(workload, app, namespace, helm)))
        extras = ("Service", "ConfigMap", "Ingress", "PersistentVolumeClaim", "ServiceAccount")
        while len(documents) < count:
            kind = rng.choices(extras, (30, 30, 15, 10, 15))[0]
            documents.append(self._document(self._ordinary(kind, app, namespace, helm)))
        return documents

    def sedex_documents(self, count: int, anchors: bool = False) -> list[Document]:
        rng = self.rng
        variant, kind = self._sedex_variant(), self._sedex_kind()
        workload = self.sedex_workload(variant, kind, anchors=anchors)
        name, namespace = workload["metadata"]["name"], workload["metadata"]["namespace"]
        before: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        pool = ["interface-pvc", "service", "data-pvc", "namespace", "configmap"]
        if kind == "StatefulSet" or variant == "emptydir":
            pool.remove("data-pvc")
        for piece in pool[: count - 1]:
            if piece == "namespace":
                before.insert(0, self.namespace(namespace))
            elif piece.endswith("pvc"):
                pvc = self.pvc(f"{name}-{piece}", namespace, helm=False)
                pvc["spec"]["accessModes"] = ["ReadWriteOnce"]
                before.append(pvc)
            elif piece == "service":
                service = self.service(name, namespace, helm=False)
                service["spec"]["ports"] = [{"name": "monitoring", "port": 8000}]
                after.append(service)
            else:
                after.append(self.configmap(name, namespace, helm=False))
        while len(before) + len(after) + 1 < count:
            after.append(self.service_account(f"{name}-{rng.randint(1, 99)}", namespace, False))
        documents = [self._document(obj) for obj in before]
        documents.append(self._document(workload, [variant]))
        documents.extend(self._document(obj) for obj in after)
        return documents

    def anchor_documents(self, count: int) -> list[Document]:
        """Documents that use anchors, aliases and merge keys (each within its document)."""
        documents: list[Document] = []
        if self.rng.random() < 0.4:
            variant = self._sedex_variant()
            workload = self.sedex_workload(variant, self._sedex_kind(), anchors=True)
            documents.append(self._document(workload, [variant]))
        else:
            app, namespace = self._app_name(), self.rng.choice(NAMESPACES)
            deployment = self.deployment(app, namespace, helm=False, anchors=True)
            documents.append(self._document(deployment))
        while len(documents) < count:
            app, namespace = self._app_name(), self.rng.choice(NAMESPACES)
            documents.append(self._document(self.configmap(app, namespace, helm=False)))
        return documents

    def list_document(self, items: int) -> Document:
        objects: list[dict[str, Any]] = []
        variants: list[str] = []
        app, namespace = self._app_name(), self.rng.choice(NAMESPACES)
        for _ in range(items):
            if self.rng.random() < 0.15:
                variant = self._sedex_variant()
                objects.append(self.sedex_workload(variant, self._sedex_kind()))
                variants.append(variant)
            else:
                kind = self.rng.choice(("Deployment", "Service", "ConfigMap", "ServiceAccount"))
                objects.append(self._ordinary(kind, app, namespace, helm=False))
        document = {"apiVersion": "v1", "kind": "List", "items": objects}
        return Document(to_yaml(document), objects, variants)

    def json_text(self) -> tuple[str, Document]:
        """A JSON manifest as `kubectl get -o json` writes it: one object, or a List."""
        app, namespace = self._app_name(), self.rng.choice(NAMESPACES)
        roll = self.rng.random()
        variants: list[str] = []
        if roll < 0.25:
            variant = self._sedex_variant()
            objects = [self.sedex_workload(variant, self._sedex_kind())]
            variants.append(variant)
        else:
            kinds = ("Deployment", "Service", "ConfigMap")
            count = self.rng.randint(2, 4) if roll > 0.8 else 1
            objects = [
                self._ordinary(self.rng.choice(kinds), app, namespace, False) for _ in range(count)
            ]
        value: dict[str, Any] = objects[0]
        if len(objects) > 1:
            value = {"apiVersion": "v1", "kind": "List", "items": objects, "metadata": {}}
        text = json.dumps(value, indent=2, ensure_ascii=False, default=_unwrap_flow) + "\n"
        return text, Document(text, objects, variants)

    def single_document(self) -> Document:
        kinds = (
            "sedex",
            "Deployment",
            "StatefulSet",
            "Service",
            "ConfigMap",
            "Ingress",
            "PersistentVolumeClaim",
            "ServiceAccount",
        )
        kind = self.rng.choices(kinds, (10, 20, 5, 20, 20, 10, 10, 5))[0]
        if kind == "sedex":
            variant = self._sedex_variant()
            return self._document(self.sedex_workload(variant, self._sedex_kind()), [variant])
        app, namespace = self._app_name(), self.rng.choice(NAMESPACES)
        return self._document(self._ordinary(kind, app, namespace, helm=False))

    def file_documents(self, layout: str) -> list[Document]:
        """The documents of one YAML file of the given layout (not `json`)."""
        rng = self.rng
        if layout == "single":
            return [self.single_document()]
        if layout == "app":
            count = rng.choices(range(2, 9), (10, 20, 20, 20, 15, 8, 7))[0]
            return self.app_documents(count, helm=False)
        if layout == "sedex":
            count = rng.choices(range(1, 7), (5, 10, 20, 30, 20, 15))[0]
            return self.sedex_documents(count)
        if layout == "helm":
            count = rng.choices(range(3, 9), (20, 20, 20, 15, 15, 10))[0]
            return self.app_documents(count, helm=True)
        if layout == "list":
            return [self.list_document(rng.randint(2, 8))]
        if layout == "anchors":
            return self.anchor_documents(rng.randint(1, 4))
        raise ValueError(f"unknown layout {layout!r}")

    def yaml_file(self, layout: str, documents: list[Document], whole_file: bool = True) -> str:
        """Join documents the way tools write them: `---` between, sometimes around.

        Without `whole_file` the text has no header comment and does not start with `---`,
        so that pieces joined by `---` hold exactly their documents and no empty ones.
        """
        rng = self.rng
        parts: list[str] = []
        if layout == "helm":
            chart = rng.choice(CHARTS)
            for document in documents:
                template = document.objects[0]["kind"].lower() if document.objects else "x"
                parts.append(f"---\n# Source: {chart}/templates/{template}.yaml\n{document.text}")
            text = "".join(parts)
            return text if whole_file else text[len("---\n") :]
        if not whole_file:
            return "---\n".join(document.text for document in documents)
        header = ""
        if rng.random() < 0.3:
            header = "# Managed by Argo CD: edit in git, not in the cluster.\n"
        leading = "---\n" if rng.random() < 0.25 else ""
        return header + leading + "---\n".join(document.text for document in documents)


def _unwrap_flow(value: object) -> Any:
    if isinstance(value, Flow):
        return value.value
    raise TypeError(f"{type(value).__name__} has no JSON form")


def _count(stats: Stats, documents: list[Document]) -> None:
    stats.documents += len(documents)
    for document in documents:
        stats.objects += len(document.objects)
        stats.object_kinds.update(str(obj["kind"]) for obj in document.objects)
        stats.sedex.update(document.sedex_variants)


def _prepare(out: str) -> None:
    if os.path.isdir(out) and os.listdir(out):
        raise SystemExit(f"generate_corpus: {out} is not empty; give a new or empty directory")
    os.makedirs(out, exist_ok=True)


def _write(path: str, text: str, stats: Stats) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    stats.files += 1
    stats.bytes += len(data)


def write_corpus(out: str, files: int = DEFAULT_FILES, seed: int = DEFAULT_SEED) -> Stats:
    """`files` manifests below `out`, laid out as clusters/<env>/<namespace>/<app>.<ext>."""
    _prepare(out)
    generator = CorpusGenerator(seed)
    rng = generator.rng
    stats = Stats()
    for index in range(files):
        layout = rng.choices(FILE_KINDS, FILE_KIND_WEIGHTS)[0]
        directory = os.path.join(out, "clusters", rng.choice(ENVIRONMENTS), rng.choice(NAMESPACES))
        stem = f"{rng.choice(APPS)}-{index:05d}"
        if layout == "json":
            text, document = generator.json_text()
            documents = [document]
            path = os.path.join(directory, f"{stem}.json")
        else:
            documents = generator.file_documents(layout)
            text = generator.yaml_file(layout, documents)
            suffix = ".yml" if rng.random() < 0.1 else ".yaml"
            path = os.path.join(directory, f"{stem}-{layout}{suffix}")
        _write(path, text, stats)
        stats.file_kinds[layout] += 1
        _count(stats, documents)
    return stats


def write_single_file(out: str, documents: int, seed: int = DEFAULT_SEED) -> tuple[str, Stats]:
    """One YAML stream of exactly `documents` documents, with the corpus's mix of YAML layouts."""
    _prepare(out)
    generator = CorpusGenerator(seed)
    rng = generator.rng
    yaml_layouts = FILE_KINDS[:-1]
    chosen: list[Document] = []
    texts: list[str] = []
    stats = Stats()
    while len(chosen) < documents:
        layout = rng.choices(yaml_layouts, FILE_KIND_WEIGHTS[:-1])[0]
        batch = generator.file_documents(layout)[: documents - len(chosen)]
        texts.append(generator.yaml_file(layout, batch, whole_file=False))
        chosen.extend(batch)
        stats.file_kinds[layout] += 1
    path = os.path.join(out, f"manifests-{documents}.yaml")
    _write(path, "---\n".join(texts), stats)
    _count(stats, chosen)
    return path, stats


def write_small_file(out: str, seed: int = DEFAULT_SEED) -> tuple[str, Stats]:
    """One file with one compliant sedex Client Deployment, as a pre-commit hook passes it."""
    _prepare(out)
    generator = CorpusGenerator(seed)
    workload = generator.sedex_workload("compliant", "Deployment", sidecar=False)
    stats = Stats()
    path = os.path.join(out, "sedex-client.yaml")
    _write(path, to_yaml(workload), stats)
    stats.file_kinds["single"] += 1
    _count(stats, [Document("", [workload], ["compliant"])])
    return path, stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a seeded, deterministic corpus of Kubernetes manifests.",
    )
    parser.add_argument("--out", required=True, help="directory to write (new or empty)")
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help="number of files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--single-file-docs",
        type=int,
        metavar="N",
        help="instead of a corpus, write ONE file with N documents",
    )
    mode.add_argument(
        "--small",
        action="store_true",
        help="instead of a corpus, write one file with one compliant sedex Client Deployment",
    )
    args = parser.parse_args(argv)
    if args.single_file_docs is not None:
        if args.single_file_docs < 1:
            parser.error("--single-file-docs must be at least 1")
        path, stats = write_single_file(args.out, args.single_file_docs, args.seed)
        print(f"{path}")
    elif args.small:
        path, stats = write_small_file(args.out, args.seed)
        print(f"{path}")
    else:
        if args.files < 1:
            parser.error("--files must be at least 1")
        stats = write_corpus(args.out, args.files, args.seed)
        print(f"{args.out}")
    print(stats.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
