"""Each rule's fix, on exact bytes: what it changes, what it leaves, when it is unsafe."""

from __future__ import annotations

from tests.conftest import manifest
from tests.fix_case import fixed

BASE = manifest("""
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: c
    spec:
      replicas: 1
      strategy:
        type: Recreate
      selector:
        matchLabels: {app: c}
      template:
        metadata:
          labels: {app: c}
        spec:
          terminationGracePeriodSeconds: 65
          containers:
            - name: sedex-client
              image: sedexch/sedex-client:8.0.1_container-1.2.0
              resources:
                requests:
                  memory: 1Gi
              livenessProbe: {exec: {command: [/opt/sedex-client/scripts/check-health.sh]}}
              readinessProbe: {httpGet: {path: /monitoring, port: 9443, scheme: HTTPS}}
""")


def _fix(text: str, unsafe: bool = False) -> str:
    result = fixed(text, unsafe)
    assert result.error is None
    return result.fixed


def test_the_base_manifest_needs_no_fix() -> None:
    assert _fix(BASE, unsafe=True) == BASE


# SDX001


def test_sdx001_replicas_become_one() -> None:
    text = BASE.replace("replicas: 1", "replicas: 3  # three")
    assert _fix(text) == BASE.replace("replicas: 1", "replicas: 1  # three")


def test_sdx001_statefulset_replicas_become_one() -> None:
    text = BASE.replace("kind: Deployment", "kind: StatefulSet").replace(
        "  strategy:\n    type: Recreate\n", "  serviceName: c\n"
    )
    assert _fix(text.replace("replicas: 1", "replicas: 2")) == text


def test_sdx001_has_no_fix_for_a_daemonset() -> None:
    text = BASE.replace("kind: Deployment", "kind: DaemonSet").replace("  replicas: 1\n", "")
    text = text.replace("  strategy:\n    type: Recreate\n", "")
    result = fixed(text, unsafe=True)
    assert result.fixed == text
    assert result.applied == []


def test_sdx001_cronjob_gets_forbid_and_one_pod() -> None:
    text = manifest("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              parallelism: 3
              template:
                spec:
                  restartPolicy: OnFailure
                  terminationGracePeriodSeconds: 65
                  containers:
                    - name: sedex-client
                      image: sedexch/sedex-client:8.0.1_container-1.2.0
                      resources: {requests: {memory: 1Gi}}
    """)
    assert _fix(text) == text.replace("parallelism: 3", "parallelism: 1").replace(
        "      resources: {requests: {memory: 1Gi}}\n",
        "      resources: {requests: {memory: 1Gi}}\n  concurrencyPolicy: Forbid\n",
    )


# SDX002


def test_sdx002_missing_strategy_is_added_under_spec() -> None:
    text = BASE.replace("  strategy:\n    type: Recreate\n", "")
    assert _fix(text) == text + "  strategy:\n    type: Recreate\n"


def test_sdx002_rolling_update_becomes_recreate_without_its_parameters() -> None:
    text = BASE.replace(
        "    type: Recreate\n",
        "    type: RollingUpdate # was\n    rollingUpdate:\n      maxSurge: 0\n",
    )
    assert _fix(text) == BASE.replace("type: Recreate\n", "type: Recreate # was\n")


def test_sdx002_in_flow_style_and_lower_case() -> None:
    text = BASE.replace(
        "  strategy:\n    type: Recreate\n",
        "  strategy: {rollingUpdate: {maxSurge: 1}, type: 'recreate'}\n",
    )
    assert _fix(text) == BASE.replace(
        "  strategy:\n    type: Recreate\n", "  strategy: {type: 'Recreate'}\n"
    )


def test_sdx002_missing_type_is_added() -> None:
    text = BASE.replace("    type: Recreate\n", "    rollingUpdate: {maxSurge: 1}\n")
    assert _fix(text) == BASE


def test_sdx002_has_no_fix_for_an_argo_rollout() -> None:
    text = BASE.replace(
        "apiVersion: apps/v1\nkind: Deployment", "apiVersion: argoproj.io/v1alpha1\nkind: Rollout"
    )
    text = text.replace("  strategy:\n    type: Recreate\n", "  strategy:\n    canary: {}\n")
    assert fixed(text, unsafe=True).applied == []


def test_sdx002_deployment_config_rolling_params_make_it_unsafe() -> None:
    text = manifest("""
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: {name: c}
        spec:
          replicas: 1
          strategy:
            type: Rolling
            rollingParams: {timeoutSeconds: 600}
          template:
            spec:
              terminationGracePeriodSeconds: 65
              containers:
                - name: sedex-client
                  image: sedexch/sedex-client:8.0.1_container-1.2.0
                  resources: {requests: {memory: 1Gi}}
    """)
    safe = fixed(text)
    assert safe.fixed == text
    assert safe.unsafe_left >= 1
    assert _fix(text, unsafe=True).count("rollingParams") == 0


# SDX004


def test_sdx004_request_and_a_lower_limit_rise_to_the_minimum() -> None:
    text = BASE.replace(
        "memory: 1Gi", "memory: '512Mi'\n            limits:\n              memory: 768Mi"
    )
    assert _fix(text) == BASE.replace(
        "memory: 1Gi", "memory: '1G'\n            limits:\n              memory: 1G"
    )


def test_sdx004_a_limit_below_a_large_request_rises_to_the_request() -> None:
    text = BASE.replace(
        "memory: 1Gi", "memory: 2Gi\n            limits:\n              memory: 512Mi"
    )
    assert _fix(text) == BASE.replace(
        "memory: 1Gi", "memory: 2Gi\n            limits:\n              memory: 2Gi"
    )


def test_sdx004_missing_memory_gets_a_request() -> None:
    text = BASE.replace(
        "          resources:\n            requests:\n              memory: 1Gi\n", ""
    )
    assert _fix(text) == BASE.replace("memory: 1Gi", "memory: 1G").replace(
        "          resources:\n            requests:\n              memory: 1G\n", ""
    ).replace(
        "scheme: HTTPS}}\n",
        "scheme: HTTPS}}\n          resources:\n            requests:\n              memory: 1G\n",
    )


def test_sdx004_invalid_quantity_and_sidecars_are_not_fixed() -> None:
    text = BASE.replace("memory: 1Gi", "memory: 512MB") + (
        "        - name: exporter\n          image: exporter:1\n"
    )
    result = fixed(text, unsafe=True)
    assert result.fixed == text


def test_sdx004_json_gets_a_quoted_quantity() -> None:
    text = (
        '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": '
        '{"terminationGracePeriodSeconds": 65, "containers": [{"name": "sedex-client", '
        '"image": "sedexch/sedex-client:8.0.1_container-1.2.0", '
        '"resources": {"requests": {"memory": 268435456}}}]}}\n'
    )
    assert _fix(text) == text.replace("268435456", '"1G"')


# SDX005 (unsafe)


def test_sdx005_adds_the_documentations_probes_only_when_unsafe_fixes_are_asked_for() -> None:
    text = BASE.replace(
        "          livenessProbe: {exec: {command: [/opt/sedex-client/scripts/check-health.sh]}}\n"
        "          readinessProbe: {httpGet: {path: /monitoring, port: 9443, scheme: HTTPS}}\n",
        "",
    )
    safe = fixed(text)
    assert safe.fixed == text
    assert safe.unsafe_left == 2
    assert _fix(text, unsafe=True) == text + (
        "          livenessProbe:\n"
        "            exec:\n"
        "              command:\n"
        "                - /opt/sedex-client/scripts/check-health.sh\n"
        "            initialDelaySeconds: 5\n"
        "            periodSeconds: 5\n"
        "          readinessProbe:\n"
        "            httpGet:\n"
        "              path: /monitoring\n"
        "              port: 9443\n"
        "              scheme: HTTPS\n"
        "            initialDelaySeconds: 5\n"
        "            periodSeconds: 5\n"
    )


def test_sdx005_readiness_on_8000_before_client_8_and_none_without_a_version() -> None:
    text = BASE.replace(
        "          readinessProbe: {httpGet: {path: /monitoring, port: 9443, scheme: HTTPS}}\n", ""
    )
    seven = text.replace("8.0.1_container-1.2.0", "7.0.4_container-1.1.0")
    assert "port: 8000\n" in _fix(seven, unsafe=True)
    latest = text.replace("8.0.1_container-1.2.0", "latest")
    assert "readinessProbe" not in _fix(latest, unsafe=True)


# SDX006


def test_sdx006_hpa_maximum_becomes_one() -> None:
    hpa = manifest("""
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: h}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: c}
          maxReplicas: 4
    """)
    assert _fix(BASE + hpa) == BASE + hpa.replace("maxReplicas: 4", "maxReplicas: 1")


def test_sdx006_hpa_minimum_above_one_makes_the_fix_unsafe() -> None:
    hpa = manifest("""
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: h}
        spec: {scaleTargetRef: {kind: Deployment, name: c}, minReplicas: 2, maxReplicas: 4}
    """)
    assert _fix(BASE + hpa) == BASE + hpa
    assert _fix(BASE + hpa, unsafe=True) == BASE + hpa.replace(
        "minReplicas: 2, maxReplicas: 4", "minReplicas: 1, maxReplicas: 1"
    )


def test_sdx006_keda_default_maximum_gets_an_explicit_one() -> None:
    keda = manifest("""
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: k}
        spec:
          scaleTargetRef:
            name: c
    """)
    assert _fix(BASE + keda) == BASE + keda + "  maxReplicaCount: 1\n"


# SDX009


def test_sdx009_missing_grace_period_is_added_to_the_pod_spec() -> None:
    text = BASE.replace("      terminationGracePeriodSeconds: 65\n", "")
    assert _fix(text) == text + "      terminationGracePeriodSeconds: 65\n"


def test_sdx009_short_null_quoted_and_fractional_values() -> None:
    for written, expected in (("30", "65"), ("null", "65"), ('"90"', "90"), ("70.5", "71")):
        text = BASE.replace(
            "terminationGracePeriodSeconds: 65", f"terminationGracePeriodSeconds: {written}"
        )
        assert _fix(text) == BASE.replace(
            "terminationGracePeriodSeconds: 65", f"terminationGracePeriodSeconds: {expected}"
        ), written


def test_sdx009_boolean_is_not_guessed() -> None:
    text = BASE.replace("terminationGracePeriodSeconds: 65", "terminationGracePeriodSeconds: true")
    assert fixed(text).fixed == text


def test_fixes_in_one_object_do_not_conflict() -> None:
    text = BASE.replace("replicas: 1", "replicas: 2").replace(
        "  strategy:\n    type: Recreate\n", ""
    )
    text = text.replace("      terminationGracePeriodSeconds: 65\n", "").replace(
        "memory: 1Gi", "memory: 100Mi"
    )
    result = fixed(text, unsafe=True)
    assert result.error is None
    assert sorted(a.finding.code for a in result.applied) == [
        "SDX001", "SDX002", "SDX004", "SDX009"
    ]  # fmt: skip
    assert fixed(result.fixed, unsafe=True).applied == []


def test_every_rule_page_says_whether_a_fix_exists_and_whether_it_is_safe() -> None:
    from sedex_lint.fixes.builders import BUILDERS
    from sedex_lint.fixes.safety import NOTES, fix_section
    from sedex_lint.registry import builtin_rules

    assert {code for code, note in NOTES.items() if note.safe is not None} == set(BUILDERS)
    assert NOTES["SDX005"].safe is False
    for rule in builtin_rules().rules:
        section = fix_section(rule.code)
        assert section[0] == "## Fix"
        assert section[2].startswith(("**Safe fix", "**Unsafe fix", "**No automatic fix**"))
    assert "never" in fix_section("SDX020")[2] and "never" in fix_section("SDX003")[2]
