"""`sedex-lint init`: the manifests of one participant pass sedex-lint (SDX090 included),
build with kubectl kustomize, and never overwrite anything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sedex_lint.api import lint
from sedex_lint.scaffold import EXISTING_CERT, NEW_CERT, Participant, manifests
from tests.conftest import sedex_lint

NEWEST = "sedexch/sedex-client:8.0.1_container-1.2.0"
KUBECTL = shutil.which("kubectl") or str(Path(sys.executable).parent / "kubectl")


def _write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize("case", [NEW_CERT, EXISTING_CERT])
@pytest.mark.parametrize("tag", ["8.0.1_container-1.2.0", "7.0.4_container-1.1.0"])
def test_every_generation_and_case_passes_at_info(tmp_path: Path, case: str, tag: str) -> None:
    participant = Participant("3-CH-17", case, f"sedexch/sedex-client:{tag}", "sedex-prod")
    directory = _write(tmp_path / "out", manifests(participant, kustomize=True))
    report = lint([str(directory)])
    assert report.errors == () and report.internal_errors == ()
    assert [(f.code, f.file, f.line) for f in report.findings] == []
    assert "SDX090" in {rule.code for rule in report.rules}
    assert report.counts.not_checked == (
        ("SDX090", "kustomize.config.k8s.io/v1beta1 Kustomization", 1),
    )


def test_a_pre_1_0_image_has_one_store_and_the_old_variable_names(tmp_path: Path) -> None:
    image = "sedexch/sedex-client:6.0.6_container-0.99-beta"
    files = manifests(Participant("1-4711-1", NEW_CERT, image))
    assert "sedex-client-1-4711-1-interface-pvc.yaml" not in files
    job = files["sedex-client-1-4711-1-init-job.yaml"]
    assert "key: CRID\n" in job and "key: OTP\n" in job and "SEDEX_CRID" not in job
    assert "port: 8000\n" in files["sedex-client-1-4711-1-deployment.yaml"]
    report = lint([str(_write(tmp_path / "old", files))])
    assert {f.code for f in report.findings} == {"SDX032"}  # the pilot image itself


def test_the_job_takes_every_variable_from_the_secret() -> None:
    files = manifests(Participant("3-CH-17", EXISTING_CERT, NEWEST))
    job = files["sedex-client-3-ch-17-init-job.yaml"]
    assert "- init-container-existing-cert.sh\n" in job
    assert "value:" not in job
    for variable in ("SEDEX_ID", "KEYSTORE", "KEYSTORE_PW"):
        assert f"- name: {variable}\n" in job
        assert f"name: sedex-client-3-ch-17-init\n                  key: {variable}\n" in job


def test_claims_take_the_storage_class_and_sizes() -> None:
    participant = Participant("2-1-1", NEW_CERT, NEWEST, "ns", "fast", "5Gi", "20Gi")
    files = manifests(participant)
    data = files["sedex-client-2-1-1-data-pvc.yaml"]
    assert "storageClassName: fast\n" in data and "storage: 5Gi\n" in data
    assert "storage: 20Gi\n" in files["sedex-client-2-1-1-interface-pvc.yaml"]
    assert "namespace: ns\n" in files["sedex-client-2-1-1-service.yaml"]


def test_init_command_writes_files_that_pass_at_warning_and_prints_next_steps(
    tmp_path: Path,
) -> None:
    result = sedex_lint("init", "--sedex-id", "3-CH-17", "--case", "new-cert", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    directory = tmp_path / "sedex-client-3-ch-17"
    assert sorted(p.name for p in directory.iterdir()) == [
        "sedex-client-3-ch-17-data-pvc.yaml",
        "sedex-client-3-ch-17-deployment.yaml",
        "sedex-client-3-ch-17-init-job.yaml",
        "sedex-client-3-ch-17-interface-pvc.yaml",
        "sedex-client-3-ch-17-service.yaml",
    ]
    assert f"image: {NEWEST}\n" in (directory / "sedex-client-3-ch-17-deployment.yaml").read_text()
    steps = result.stdout
    assert "kubectl -n sedex create secret generic sedex-client-3-ch-17-init" in steps
    assert "--from-file=SEDEX_CRID=crid.txt --from-file=SEDEX_OTP=otp.txt" in steps
    assert "kubectl apply -f sedex-client-3-ch-17/sedex-client-3-ch-17-init-job.yaml" in steps
    assert "wait --for=condition=complete" in steps and "delete job/" in steps
    assert steps.index("init-job.yaml") < steps.index("deployment.yaml")
    checked = sedex_lint("--fail-on", "warning", "sedex-client-3-ch-17", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.skipif(not Path(KUBECTL).exists(), reason="kubectl not installed")
def test_kustomize_builds_the_steady_state_without_the_job(tmp_path: Path) -> None:
    result = sedex_lint(
        "init", "--sedex-id", "1-4711-1", "--case", "existing-cert", "--kustomize",
        "--namespace", "sedex-test", "--output", "deploy", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "kubectl apply -k deploy" in result.stdout
    built = subprocess.run(
        [KUBECTL, "kustomize", str(tmp_path / "deploy")], capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    kinds = [line for line in built.stdout.splitlines() if line.startswith("kind: ")]
    assert sorted(kinds) == [
        "kind: Deployment", "kind: PersistentVolumeClaim", "kind: PersistentVolumeClaim",
        "kind: Service",
    ]  # fmt: skip
    assert sedex_lint("--fail-on", "warning", "deploy", cwd=tmp_path).returncode == 0


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    args = ("init", "--sedex-id", "3-CH-17", "--case", "new-cert", "--output", "out")
    assert sedex_lint(*args, cwd=tmp_path).returncode == 0
    service = tmp_path / "out" / "sedex-client-3-ch-17-service.yaml"
    service.write_text("# mine\n")
    again = sedex_lint(*args, "--kustomize", cwd=tmp_path)
    assert again.returncode == 2
    assert "refusing to overwrite" in again.stderr
    assert service.read_text() == "# mine\n"
    assert not (tmp_path / "out" / "kustomization.yaml").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--image-tag", "latest", "give a full tag"),
        ("--image-tag", "8.0.1", "give a full tag"),
        ("--sedex-id", "3 CH 1", "letters, digits and single hyphens"),
        ("--data-size", "1GB", "--data-size '1GB'"),
        ("--namespace", "Sedex", "not a valid Kubernetes name"),
    ],
)
def test_init_refuses_bad_values(tmp_path: Path, option: str, value: str, message: str) -> None:
    args = {"--sedex-id": "3-CH-17", option: value}
    flat = [part for pair in args.items() for part in pair]
    result = sedex_lint("init", *flat, "--case", "new-cert", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_notes_a_documentation_id(tmp_path: Path) -> None:
    result = sedex_lint("init", "--sedex-id", "1-1234-1", "--case", "new-cert", cwd=tmp_path)
    assert result.returncode == 0
    assert "note: --sedex-id 1-1234-1: a fictitious ID" in result.stderr
