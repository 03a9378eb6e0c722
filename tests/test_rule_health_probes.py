from __future__ import annotations

from tests.conftest import messages, run, triples

HEAD = """\
apiVersion: v1
kind: Pod
metadata:
  name: sedex
spec:
  containers:
    - name: sedex-client
      image: sedexch/sedex-client:8.0.1_container-1.2.0
"""
LIVENESS = """\
      livenessProbe:
        exec:
          command: [/opt/sedex-client/scripts/check-health.sh]
"""
READINESS = """\
      readinessProbe:
        httpGet: {path: /monitoring, port: 8000}
"""


def test_both_probes_pass() -> None:
    assert triples(run(HEAD + LIVENESS + READINESS), "SDX005") == []


def test_each_missing_probe_is_one_finding_on_the_container() -> None:
    report = run(HEAD)
    assert triples(report, "SDX005") == [("SDX005", 7, 7), ("SDX005", 7, 7)]
    messages = sorted(f.message for f in report.findings if f.code == "SDX005")
    assert "has no livenessProbe" in messages[0]
    assert "has no readinessProbe" in messages[1]


def test_startup_probe_does_not_replace_liveness() -> None:
    text = HEAD + "      startupProbe:\n        tcpSocket: {port: 8000}\n" + READINESS
    report = run(text)
    assert triples(report, "SDX005") == [("SDX005", 7, 7)]
    assert "has no livenessProbe" in messages(report, "SDX005")[0]


def test_probe_on_a_sidecar_does_not_count() -> None:
    text = HEAD + LIVENESS + "    - name: proxy\n      image: envoy:1\n" + READINESS
    report = run(text)
    assert [
        (f.line, "readinessProbe" in f.message) for f in report.findings if f.code == "SDX005"
    ] == [(7, True)]


def test_empty_probe_counts_as_missing() -> None:
    report = run(HEAD + "      livenessProbe:\n" + READINESS)
    assert [f.code for f in report.findings if f.code == "SDX005"] == ["SDX005"]


def test_init_script_container_is_not_the_client() -> None:
    text = """\
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: sedex-init
    spec:
      template:
        spec:
          containers:
            - name: init
              image: sedexch/sedex-client:6.0.6_container-0.99-beta
              command: [init-container-existing-cert.sh]
    """
    report = run(text)
    assert report.counts.sedex_workloads == 0
    assert triples(report, "SDX005") == []
