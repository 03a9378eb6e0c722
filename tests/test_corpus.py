"""Real manifests from public projects, none of them a sedex client.

Always on the 336 files vendored in tests/data/corpus; also on the full shared corpus of 689
files when it is beside the checkout (../shared/corpus/real, as in CI).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from sedex_lint.api import lint
from sedex_lint.inputs import expand
from sedex_lint.model import Report
from tests.conftest import CORPUS, NO_SHARED_CORPUS, SHARED_CORPUS

# Files that upstream (or the corpus notes) say must fail, and how sedex-lint reports each.
# The vendored corpus keeps all of them, so both corpora expect the same.
DUPLICATE_KEY_FILES = {
    "kubernetes__examples/_archived/openshift-origin/etcd-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/etcd-discovery-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/openshift-controller.yaml",
    "kubernetes__examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
    "kubernetes__examples/_archived/volumes/scaleio/sc-pvc.yaml",
    "stackrox__kube-linter/tests/checks/cel.yml",
    "yannh__kubeconform/invalid/fixtures/duplicate_property.yaml",
}
# Kubernetes schema rules: the corpus holds invalid and outdated manifests on purpose, and
# tests/test_kubeconform_agreement.py checks SDX090 on it object by object.
SCHEMA_RULES = {"SDX090", "SDX091", "SDX092"}
UNPARSEABLE_FILES = {
    "stackrox__kube-linter/invalid/pkg/command/lint/testdata/invalid.yaml",
    # `- <<: *common-env` merges a sequence into a mapping: kubectl refuses the file too
    "stackrox__kube-linter/pkg/templates/sortedkeys/testdata/container-with-merge.yaml",
}
REDISTRIBUTABLE = {"Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause"}
CORPORA = [
    pytest.param((CORPUS, 336), id="vendored"),
    pytest.param(
        (SHARED_CORPUS, 689),
        id="shared",
        marks=pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED_CORPUS),
    ),
]


@pytest.fixture(scope="module", params=CORPORA)
def corpus(request: pytest.FixtureRequest) -> tuple[Path, int, Report]:
    """(root, number of manifest files, report of linting the root)."""
    root, files = request.param
    assert root.is_dir(), f"the corpus is missing at {root}"
    return root, files, lint([str(root)])


def relative(name: str, root: Path) -> str:
    return Path(name).relative_to(root).as_posix()


def test_every_manifest_file_is_read(corpus: tuple[Path, int, Report]) -> None:
    root, files, report = corpus
    inputs, _ = expand([str(root)])
    assert len(inputs) == files
    assert report.counts.files == files
    assert report.internal_errors == ()


def test_no_sedex_finding_on_other_apps(corpus: tuple[Path, int, Report]) -> None:
    _, _, report = corpus
    assert report.counts.sedex_workloads == 0
    assert [f for f in report.findings if f.code not in {"SDX010", *SCHEMA_RULES}] == []


def test_duplicate_keys_are_reported_as_sdx010(corpus: tuple[Path, int, Report]) -> None:
    root, _, report = corpus
    duplicates = [f for f in report.findings if f.code not in SCHEMA_RULES]
    assert {relative(f.file, root) for f in duplicates} == DUPLICATE_KEY_FILES


def test_broken_files_are_errors_with_positions(corpus: tuple[Path, int, Report]) -> None:
    root, _, report = corpus
    assert {relative(e.file, root) for e in report.errors} == UNPARSEABLE_FILES
    assert all(e.line >= 1 and e.column >= 1 for e in report.errors)


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def test_vendored_files_are_the_upstream_blobs_under_a_redistributable_licence() -> None:
    with open(CORPUS / "FILES.tsv", encoding="utf-8", newline="") as handle:
        rows = {row["dest"]: row for row in csv.DictReader(handle, delimiter="\t")}
    inputs, _ = expand([str(CORPUS)])
    assert sorted(relative(i.name, CORPUS) for i in inputs) == sorted(rows)
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for dest, row in rows.items():
        assert git_blob_id((CORPUS / dest).read_bytes()) == row["blob"], dest
        assert row["licence"] in REDISTRIBUTABLE, dest
        assert (CORPUS / dest.split("/")[0] / "LICENSE").is_file(), dest
        assert f"`{row['path']}`" in sources, dest
    with open(CORPUS / "KUBECONFORM.tsv", encoding="utf-8", newline="") as handle:
        verdicts = list(csv.reader(handle, delimiter="\t"))[2:]  # a comment line, a header
    assert verdicts and {row[0] for row in verdicts} <= set(rows)


def test_vendored_corpus_keeps_its_variety() -> None:
    inputs, _ = expand([str(CORPUS)])
    data = {Path(i.name): Path(i.name).read_bytes() for i in inputs}
    kinds = {
        "CRLF line ends": [p for p, d in data.items() if b"\r\n" in d],
        "JSON": [p for p in data if p.suffix == ".json"],
        "several documents": [p for p, d in data.items() if d.count(b"\n---") >= 5],
        "a List": [p for p, d in data.items() if b"\nkind: List" in d],
        "Helm `# Source:` comments": [p for p, d in data.items() if b"# Source: " in d],
        "a merge key": [p for p, d in data.items() if b"<<: *" in d],
        "a CRD": [p for p, d in data.items() if b"kind: CustomResourceDefinition" in d],
        "over 64 KB": [p for p, d in data.items() if len(d) > 64 * 1024],
        "0 bytes": [p for p, d in data.items() if not d],
    }
    assert [kind for kind, paths in kinds.items() if not paths] == []
