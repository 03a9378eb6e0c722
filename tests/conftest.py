"""Shared helpers: lint inline YAML and compare exact (rule, line, column) triples."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sedex_lint.api import lint_text
from sedex_lint.model import Report
from sedex_lint.registry import RuleSet, builtin_rules

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# Vendored copies (tests/data/*/SOURCES.md), so that the suite runs in a clone on its own.
FORMAT_SCHEMAS = REPO / "tests" / "data" / "schemas"  # SARIF, JUnit, GitLab Code Quality
CORPUS = REPO / "tests" / "data" / "corpus"
# The full real-world corpus, beside the checkout in CI; tests that use it skip without it.
SHARED_CORPUS = SHARED / "corpus" / "real"
NO_SHARED_CORPUS = "full shared corpus not present (CI has it)"
BROKEN = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex-client
spec:
  replicas: 2
  strategy:
    type: Recreate
  template:
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client:8.0.1_container-1.2.0
          resources:
            requests: {memory: 1Gi}
            limits: {memory: 1Gi}
          livenessProbe: {exec: {command: [/opt/sedex-client/scripts/check-health.sh]}}
          readinessProbe: {httpGet: {path: /monitoring, port: 8000}}
          volumeMounts:
            - {name: data, mountPath: /sedex-data}
            - {name: interface, mountPath: /sedex-interface}
          securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: sedex-data}
        - name: interface
          persistentVolumeClaim: {claimName: sedex-interface}
      terminationGracePeriodSeconds: 65
    metadata: {labels: {app: sedex-client}}
  selector: {matchLabels: {app: sedex-client}}
"""
"""The canonical manifests of the pipeline tests (reporters, suppressions, baseline, CLI):
BROKEN breaks exactly one rule (SDX001, at 6:13) and CLEAN none. When a new rule fires on
CLEAN, make CLEAN comply by adding fields at the END of their mappings, so that the lines
the tests pin stay where they are."""
CLEAN = BROKEN.replace("replicas: 2", "replicas: 1")

_EXPECT = re.compile(r"#\s*expect:\s*((?:[A-Z][A-Z0-9]*[0-9]{3}\s*)+)")


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return builtin_rules()


def manifest(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def run(text: str, name: str = "test.yaml") -> Report:
    return lint_text(manifest(text), name)


def triples(report: Report, only: str | None = None) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in report.findings if only is None or f.code == only]


def expected_markers(text: str) -> list[tuple[str, int]]:
    """(rule, line) for every `# expect: CODE [CODE...]` comment, in line order."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.extend((code, number) for code in match.group(1).split())
    return sorted(found, key=lambda item: (item[1], item[0]))


def rule_lines(report: Report) -> list[tuple[str, int]]:
    return sorted(((f.code, f.line) for f in report.findings), key=lambda i: (i[1], i[0]))


def messages(report: Report, rule: str) -> list[str]:
    return [f.message for f in report.findings if f.code == rule]


def sedex_lint(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`sedex-lint ARGS` in a subprocess, unaffected by the CI system the tests run on."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sedex_lint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )
