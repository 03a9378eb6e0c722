"""689 real manifests from public projects, none of them a sedex client."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedex_lint.api import lint
from sedex_lint.inputs import expand
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "real"
# Files that upstream (or the corpus notes) say must fail, and how sedex-lint reports each.
DUPLICATE_KEY_FILES = {
    "kubernetes__examples/_archived/openshift-origin/etcd-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/etcd-discovery-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/openshift-controller.yaml",
    "kubernetes__examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
    "kubernetes__examples/_archived/volumes/scaleio/sc-pvc.yaml",
    "stackrox__kube-linter/tests/checks/cel.yml",
    "yannh__kubeconform/invalid/fixtures/duplicate_property.yaml",
}
UNPARSEABLE_FILES = {"stackrox__kube-linter/invalid/pkg/command/lint/testdata/invalid.yaml"}


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    assert CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}"
    return lint([str(CORPUS)])


def relative(name: str) -> str:
    return Path(name).relative_to(CORPUS).as_posix()


def test_every_manifest_file_is_read(report) -> None:  # type: ignore[no-untyped-def]
    inputs, _ = expand([str(CORPUS)])
    assert len(inputs) == 689
    assert report.counts.files == 689
    assert report.internal_errors == ()


def test_no_sedex_finding_on_other_apps(report) -> None:  # type: ignore[no-untyped-def]
    assert report.counts.sedex_workloads == 0
    assert [f for f in report.findings if f.rule != "SDX010"] == []


def test_duplicate_keys_are_reported_as_sdx010(report) -> None:  # type: ignore[no-untyped-def]
    assert {relative(f.file) for f in report.findings} == DUPLICATE_KEY_FILES


def test_broken_files_are_errors_with_positions(report) -> None:  # type: ignore[no-untyped-def]
    assert {relative(e.file) for e in report.errors} == UNPARSEABLE_FILES
    assert all(e.line >= 1 and e.column >= 1 for e in report.errors)
