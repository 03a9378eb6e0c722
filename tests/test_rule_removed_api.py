"""SDX091 removed-api and SDX092 deprecated-api: the deprecation guide's table and the
versions the bundled schemas serve, against the target Kubernetes version."""

from __future__ import annotations

import json

import pytest

from sedex_lint import k8s_schema
from sedex_lint.checks.api_lifecycle import assess
from tests.conftest import manifest
from tests.rule_case import lint_rule, rule_messages

PLC = "PriorityLevelConfiguration"


def object_of(api_version: str, kind: str) -> str:
    return f"apiVersion: {api_version}\nkind: {kind}\nmetadata:\n  name: x\n"


@pytest.mark.parametrize(
    ("api_version", "kind", "removed", "use"),
    [
        ("extensions/v1beta1", "Deployment", "1.16", "use apiVersion: apps/v1"),
        ("apps/v1beta2", "StatefulSet", "1.16", "use apiVersion: apps/v1"),
        ("extensions/v1beta1", "Ingress", "1.22", "use apiVersion: networking.k8s.io/v1"),
        ("rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.22",
         "use apiVersion: rbac.authorization.k8s.io/v1"),
        ("batch/v1beta1", "CronJob", "1.25", "use apiVersion: batch/v1"),
        ("policy/v1beta1", "PodSecurityPolicy", "1.25", "there is no replacement API"),
        ("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26",
         "use apiVersion: autoscaling/v2"),
        ("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27",
         "use apiVersion: storage.k8s.io/v1"),
        ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "1.32",
         "use apiVersion: flowcontrol.apiserver.k8s.io/v1"),
    ],
)  # fmt: skip
def test_removed_apis_of_the_guide(api_version: str, kind: str, removed: str, use: str) -> None:
    text = object_of(api_version, kind)
    assert lint_rule(text, "SDX091") == [("SDX091", 1, 13)]
    assert lint_rule(text, "SDX092") == []
    [message] = rule_messages(text, "SDX091")
    assert message.startswith(
        f"{api_version} {kind} is no longer served: removed in Kubernetes {removed}"
    )
    assert "(target version 1.37); " + use in message


def test_a_removed_api_message_in_full() -> None:
    assert rule_messages(object_of("policy/v1beta1", "PodSecurityPolicy"), "SDX091") == [
        "policy/v1beta1 PodSecurityPolicy is no longer served: removed in Kubernetes 1.25, "
        "deprecated since 1.21 (target version 1.37); there is no replacement API (use Pod "
        "Security Admission, set by namespace labels, or an admission webhook); see "
        "https://kubernetes.io/docs/reference/using-api/deprecation-guide/"
    ]


@pytest.mark.parametrize(
    ("api_version", "kind", "version", "expected"),
    [
        # deprecated and still served: a warning (SDX092), not an error
        ("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.25", "deprecated"),
        ("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "removed"),
        ("flowcontrol.apiserver.k8s.io/v1beta3", PLC, "1.29", "deprecated"),
        ("flowcontrol.apiserver.k8s.io/v1beta3", PLC, "1.31", "deprecated"),
        ("flowcontrol.apiserver.k8s.io/v1beta3", PLC, "1.32", "removed"),
        ("flowcontrol.apiserver.k8s.io/v1beta3", PLC, "1.28", None),
        ("v1", "Endpoints", "1.32", None),
        ("v1", "Endpoints", "1.33", "deprecated"),
        # alpha APIs the guide does not list: from the versions whose schemas serve them
        ("resource.k8s.io/v1alpha2", "ResourceClaim", "1.30", None),
        ("resource.k8s.io/v1alpha2", "ResourceClaim", "1.31", "removed"),
        ("lifecycle.k8s.io/v1alpha1", "EvictionRequest", "1.36", "removed"),  # not yet served
        ("apps/v1", "Deployment", "1.25", None),
        ("monitoring.coreos.com/v1", "ServiceMonitor", "1.37", None),  # a custom resource
        ("extensions/v1beta1", "Widget", "1.37", None),  # unknown kind in a built-in group
    ],
)  # fmt: skip
def test_status_by_target_version(
    api_version: str, kind: str, version: str, expected: str | None
) -> None:
    found = assess(version, api_version, kind)
    assert (found[0] if found else None) == expected
    code = {"removed": "SDX091", "deprecated": "SDX092"}
    for rule in ("SDX091", "SDX092"):
        findings = lint_rule(object_of(api_version, kind), rule, kubernetes_version=version)
        assert findings == ([(rule, 1, 13)] if code.get(expected or "") == rule else [])


def test_messages_derived_from_the_bundled_schemas() -> None:
    assert assess("1.37", "resource.k8s.io/v1alpha2", "ResourceClaim") == (
        "removed",
        "resource.k8s.io/v1alpha2 ResourceClaim is no longer served: removed in Kubernetes "
        "1.31 (served up to 1.30; target version 1.37); use apiVersion: resource.k8s.io/v1",
    )
    assert assess("1.36", "lifecycle.k8s.io/v1alpha1", "EvictionRequest") == (
        "removed",
        "lifecycle.k8s.io/v1alpha1 EvictionRequest is not served yet by Kubernetes 1.36: it is "
        "served from 1.37 on; raise the target version (kubernetes_version) or use an API the "
        "target serves",
    )
    assert assess("1.33", "v1", "Endpoints") == (
        "deprecated",
        "v1 Endpoints is deprecated since Kubernetes 1.33 (no removal is scheduled) (target "
        "version 1.33); use discovery.k8s.io/v1 EndpointSlice (the Endpoints type will probably "
        "never be removed, but the API server warns on every read and write); see "
        "https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/",
    )


def test_every_replacement_in_the_table_is_served_by_the_newest_version() -> None:
    served = k8s_schema.kinds(k8s_schema.target_version(None))
    table = json.loads((k8s_schema.DATA / "deprecations.json").read_text())
    assert table["source"] == "https://kubernetes.io/docs/reference/using-api/deprecation-guide/"
    for row in table["apis"]:
        replacement = row["replacement"]
        if replacement is None or row.get("note", "").startswith("policy/v1beta1"):
            continue
        api_version, _, kind = replacement.partition(" ")
        assert f"{api_version}/{kind or row['kind']}" in served, row
        assert f"{row['apiVersion']}/{row['kind']}" not in served or not row["removed"], row


def test_a_removed_api_in_a_list_points_at_the_item() -> None:
    text = manifest(
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: DaemonSet
            metadata: {name: a}
        """
    )
    assert lint_rule(text, "SDX091") == [("SDX091", 4, 17)]
