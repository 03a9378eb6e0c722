"""SDX050-SDX052 keep, for the end of a run, only the Service and container ports that can lead
to a port they report: a number leads only to itself, a name can lead anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sedex_lint.api import lint_text
from sedex_lint.checks import network_facts
from sedex_lint.checks.network_facts import ContainerPort, ServicePort
from tests.sedex_pod import IMAGE

CLIENT = f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: client}}
spec:
  selector: {{matchLabels: {{app: client}}}}
  template:
    metadata: {{labels: {{app: client}}}}
    spec:
      containers:
        - name: sedex-client
          image: {IMAGE}
          ports:
            - {{name: wsp-https, containerPort: 8443}}
            - {{name: wsp-http, containerPort: 8080}}
            - {{name: monitoring, containerPort: 8000, hostPort: 8000}}
"""
HOST_PORT = ("SDX051", 15, 65)
"""The monitoring port's hostPort, in every case."""


def service(ports: str, kind: str = "NodePort") -> str:
    return (
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        f"spec:\n  type: {kind}\n  selector: {{app: client}}\n  ports: {ports}\n"
    )


def kept_facts(monkeypatch: pytest.MonkeyPatch, text: str) -> list[Any]:
    kept: list[Any] = []
    original = network_facts._collect

    def recorded(*args: Any) -> Iterator[Any]:
        for fact in original(*args):
            kept.append(fact)
            yield fact

    monkeypatch.setattr(network_facts, "_collect", recorded)
    lint_text(text, "run.yaml")
    return kept


def test_ports_that_lead_to_no_watched_port_are_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    ports = "[{port: 443, targetPort: 8443}, {port: 8443}, {port: 80, targetPort: wsp-http}]"
    facts = kept_facts(monkeypatch, "---\n".join([CLIENT, service(ports)]))
    container = sorted(f.number for f in facts if isinstance(f, ContainerPort))
    assert container == [8000, 8080]
    assert [(f.port, f.target) for f in facts if isinstance(f, ServicePort)] == [(80, "wsp-http")]


@pytest.mark.parametrize(
    ("ports", "expected"),
    [
        ("[{port: 443, targetPort: 8443}]", [HOST_PORT]),
        ("[{port: 8080}]", [HOST_PORT, ("SDX050", 23, 18)]),
        ("[{port: 80, targetPort: wsp-http}]", [HOST_PORT, ("SDX050", 23, 34)]),
        ("[{port: 80, targetPort: monitoring}]", [HOST_PORT, ("SDX051", 23, 34)]),
        ("[{port: 80, targetPort: wsp-https}]", [HOST_PORT]),
    ],
)
def test_the_findings_are_those_of_every_port(ports: str, expected: list[Any]) -> None:
    text = "---\n".join([CLIENT, service(ports)])
    report = lint_text(text, "run.yaml")
    found = [(f.code, f.line, f.column) for f in report.findings if f.code.startswith("SDX05")]
    assert found == expected
