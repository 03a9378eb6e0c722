"""SDX090 kubernetes-schema: exact positions and messages of schema findings."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, manifest
from tests.rule_case import lint_rule, rule_messages, run_rule

CRD_SCHEMAS = str(REPO / "tests" / "data" / "crd-schemas")
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
"""


def test_a_valid_deployment_has_no_finding() -> None:
    assert lint_rule(DEPLOYMENT, "SDX090") == []


def test_replicas_as_a_string_is_a_wrong_type_at_the_value() -> None:
    text = DEPLOYMENT.replace("replicas: 1", 'replicas: "2"')
    assert lint_rule(text, "SDX090") == [("SDX090", 6, 13)]
    assert rule_messages(text, "SDX090") == [
        'spec.replicas: expected an integer (int32), got the string "2"'
    ]


@pytest.mark.parametrize(
    ("written", "findings"),
    [
        ("2.0", []),  # kubectl sends 2: JSON has no separate float for an integral number
        ("2e0", []),
        ("1.5", [("SDX090", 6, 13)]),
        ("3000000000", [("SDX090", 6, 13)]),  # beyond int32: the API server cannot decode it
        ("yes", [("SDX090", 6, 13)]),  # true for kubectl (YAML 1.1): no integer either way
        ("0x10", []),
        ("~", []),  # null: the field is left unset
    ],
)
def test_replicas_values_as_kubectl_reads_them(written: str, findings: list[object]) -> None:
    assert (
        lint_rule(DEPLOYMENT.replace("replicas: 1", f"replicas: {written}"), "SDX090") == findings
    )


def test_out_of_range_says_the_range() -> None:
    text = DEPLOYMENT.replace("replicas: 1", "replicas: 3000000000")
    assert rule_messages(text, "SDX090") == [
        "spec.replicas: the number 3000000000 is out of range for int32 (-2147483648 to 2147483647)"
    ]


def test_an_unknown_field_is_reported_at_its_key_with_a_suggestion() -> None:
    text = DEPLOYMENT + "          livenesProbe:\n            httpGet: {path: /, port: 80}\n"
    assert lint_rule(text, "SDX090") == [("SDX090", 16, 11)]
    assert rule_messages(text, "SDX090") == [
        'unknown field "spec.template.spec.containers[0].livenesProbe": not in the schema '
        '(Container); did you mean "livenessProbe"?'
    ]


def test_an_unknown_top_level_field_and_one_in_a_map_of_objects() -> None:
    text = DEPLOYMENT.replace("metadata:\n  name: web", "metadata:\n  name: web\n  label: x")
    text += "status2: {}\n"
    assert lint_rule(text, "SDX090") == [("SDX090", 5, 3), ("SDX090", 17, 1)]


def test_a_missing_required_field_points_at_the_object_that_lacks_it() -> None:
    text = DEPLOYMENT.replace("  selector:\n    matchLabels: {app: web}\n", "")
    assert lint_rule(text, "SDX090") == [("SDX090", 5, 1)]
    assert rule_messages(text, "SDX090") == [
        "missing required field spec.selector (DeploymentSpec)"
    ]


def test_a_missing_required_field_in_a_list_item() -> None:
    text = DEPLOYMENT.replace("        - name: web\n", "        - {}\n").replace(
        "          image: nginx:1.27\n", ""
    )
    assert rule_messages(text, "SDX090") == [
        "missing required field spec.template.spec.containers[0].name (Container)"
    ]
    assert lint_rule(text, "SDX090") == [("SDX090", 14, 11)]


def test_a_value_outside_the_allowed_set() -> None:
    text = DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  strategy: {type: recreate}\n")
    assert lint_rule(text, "SDX090") == [("SDX090", 7, 20)]
    assert rule_messages(text, "SDX090") == [
        'spec.strategy.type: the string "recreate" is not one of "Recreate", "RollingUpdate" '
        "(or empty, for the default)"
    ]
    assert lint_rule(text.replace("recreate", "Recreate"), "SDX090") == []
    assert lint_rule(text.replace("recreate", '""'), "SDX090") == []


def test_wrong_types_in_labels_ports_and_int_or_string() -> None:
    text = manifest(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels: {version: 1.0}
        spec:
          ports:
            - port: "80"
              targetPort: http
            - port: 81
              targetPort: 8081
            - port: 82
              targetPort: 1.5
        """
    )
    assert lint_rule(text, "SDX090") == [("SDX090", 5, 21), ("SDX090", 8, 13), ("SDX090", 13, 19)]
    assert rule_messages(text, "SDX090")[2] == (
        "spec.ports[2].targetPort: expected a string or an integer, got the number 1.5"
    )


def test_every_violation_is_one_finding_in_document_order() -> None:
    text = DEPLOYMENT.replace("replicas: 1", 'replicas: "1"').replace(
        "image: nginx:1.27", "image: 7"
    )
    text = text.replace("  selector:\n    matchLabels: {app: web}\n", "")
    assert lint_rule(text, "SDX090") == [("SDX090", 5, 1), ("SDX090", 6, 13), ("SDX090", 13, 18)]


def test_items_of_a_list_are_validated_where_they_are() -> None:
    text = manifest(
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            data: {size: 3}
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            dat: {}
        """
    )
    assert lint_rule(text, "SDX090") == [("SDX090", 7, 18), ("SDX090", 11, 5)]


def test_the_target_version_decides_which_schema_applies() -> None:
    # scheduling.k8s.io/v1beta1 Workload is served from 1.37 on: no schema in 1.36
    text = manifest(
        """
        apiVersion: scheduling.k8s.io/v1beta1
        kind: Workload
        metadata: {name: w}
        spec: {unknownField: 1}
        """
    )
    assert lint_rule(text, "SDX090") == [("SDX090", 4, 8)]
    report = run_rule(text, "SDX090", kubernetes_version="1.36")
    assert report.findings == ()
    assert report.counts.not_checked == (("SDX090", "scheduling.k8s.io/v1beta1 Workload", 1),)


def test_an_unbundled_version_is_an_internal_error_naming_the_bundled_ones() -> None:
    report = run_rule(DEPLOYMENT, "SDX090", kubernetes_version="1.20")
    assert [e.message for e in report.internal_errors] == [
        "UnknownVersion: no bundled schemas for Kubernetes '1.20'; bundled: 1.25 to 1.37"
    ]


def test_custom_resources_without_a_schema_are_counted_not_reported() -> None:
    text = manifest(
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: a}
        spec: {anything: 1}
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: b}
        ---
        apiVersion: example.com/v1alpha1
        kind: Widget
        metadata: {name: c}
        """
    )
    report = run_rule(text, "SDX090")
    assert report.findings == ()
    assert report.counts.not_checked == (
        ("SDX090", "example.com/v1alpha1 Widget", 1),
        ("SDX090", "monitoring.coreos.com/v1 ServiceMonitor", 2),
    )


def test_schema_dirs_validate_custom_resources_in_kubeconform_layouts() -> None:
    text = manifest(
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: a}
        spec:
          selector: {matchLabels: {app: a}}
          endpoints:
            - port: web
              interval: 30s
              targetPort: 8080
              scheme: HTTP
            - interval: 30 seconds
              prot: web
        ---
        apiVersion: example.com/v1alpha1
        kind: Widget
        metadata: {name: c}
        spec: {size: 11}
        """
    )
    found = run_rule(text, "SDX090", schema_dirs=[CRD_SCHEMAS])
    assert [(f.line, f.column) for f in found.findings] == [(10, 15), (11, 17), (12, 7), (17, 14)]
    assert [f.message for f in found.findings] == [
        'spec.endpoints[0].scheme: the string "HTTP" is not one of "http", "https"',
        'spec.endpoints[1].interval: the string "30 seconds" does not match '
        "'^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?"
        "(([0-9]+)ms)?)$'",
        'unknown field "spec.endpoints[1].prot": not in the schema; did you mean "port"?',
        "spec.size: the number 11 is above the maximum 10",
    ]
    assert found.counts.not_checked == ()


def test_schema_dirs_accept_a_kubeconform_template() -> None:
    text = "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: c}\nspec: {size: 0}\n"
    template = CRD_SCHEMAS + "/{{ .ResourceKind }}{{ .KindSuffix }}.json"
    assert lint_rule(text, "SDX090", schema_dirs=[template]) == [("SDX090", 4, 14)]


def test_an_apiversion_cannot_lead_outside_the_schema_directories() -> None:
    # tests/data/crd-schemas/monitoring.coreos.com/servicemonitor_v1.json exists, but an
    # apiVersion is no path: one with a slash in its group names no schema file
    api_version = "crd-schemas/monitoring.coreos.com/v1"
    text = f"apiVersion: {api_version}\nkind: ServiceMonitor\nmetadata: {{name: c}}\n"
    report = run_rule(text, "SDX090", schema_dirs=[str(REPO / "tests" / "data")])
    assert report.findings == ()
    assert report.counts.not_checked == (("SDX090", f"{api_version} ServiceMonitor", 1),)
