"""`--kubernetes-version` sets the target of every rule that has one (SDX090-SDX092)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import sedex_lint

HPA = """\
apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
"""


def test_the_option_moves_every_schema_rule_to_that_version(tmp_path: Path) -> None:
    manifest = tmp_path / "hpa.yaml"
    manifest.write_text(HPA)
    newest = sedex_lint("--no-color", str(manifest), cwd=tmp_path)
    assert newest.returncode == 1
    assert "SDX091 removed-api" in newest.stdout
    assert "removed in Kubernetes 1.26" in newest.stdout
    older = sedex_lint("--no-color", "--kubernetes-version", "v1.25.4", str(manifest), cwd=tmp_path)
    assert older.returncode == 0, older.stdout
    assert "SDX092 deprecated-api" in older.stdout
    assert "SDX090" not in older.stdout  # served in 1.25, and valid against its schema


def test_an_unbundled_version_is_a_usage_error(tmp_path: Path) -> None:
    manifest = tmp_path / "hpa.yaml"
    manifest.write_text(HPA)
    result = sedex_lint("--kubernetes-version", "1.12", str(manifest), cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "--kubernetes-version: no bundled schemas for Kubernetes '1.12'; bundled: 1.25 to 1.37"
        in (result.stderr)
    )


def test_the_version_and_schema_dirs_are_rule_parameters_in_the_configuration(
    tmp_path: Path,
) -> None:
    manifest = tmp_path / "hpa.yaml"
    manifest.write_text(HPA)
    config = tmp_path / ".sedex-lint.yaml"
    config.write_text(
        "rules:\n  SDX091:\n    parameters: {kubernetes_version: '1.25'}\n"
        "  SDX090:\n    parameters: {kubernetes_version: '1.25', schema_dirs: [crds]}\n"
    )
    result = sedex_lint("--no-color", str(manifest), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    # SDX091 targets 1.25, which still serves autoscaling/v2beta2; SDX092 targets the newest,
    # which no longer does, so for it the API is removed, not deprecated
    assert "SDX09" not in result.stdout
    config.write_text("rules:\n  SDX090:\n    parameters: {kubernetes_version: one.two}\n")
    refused = sedex_lint(str(manifest), cwd=tmp_path)
    assert refused.returncode == 2
    assert ".sedex-lint.yaml:3:38" in refused.stderr
    assert "does not match" in refused.stderr
