"""SDX090 agrees with `kubeconform -strict` (Kubernetes 1.37 schemas) object by object: every
resource kubeconform calls invalid gets a finding, none it calls valid does, and a kind it
has no schema for is one SDX090 does not check either. The verdicts are kubeconform's own
(KUBECONFORM.tsv beside each corpus); the differences are the ones docs/schemas.md explains."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from sedex_lint.api import lint
from sedex_lint.checks import kubernetes_schema
from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.decoding import decode_manifest
from sedex_lint.model import NotChecked, Severity
from sedex_lint.objects import objects_of
from sedex_lint.yamlparse import ParseFailure, iter_documents
from tests.conftest import CORPUS, NO_SHARED_CORPUS, SHARED_CORPUS

Key = tuple[str, str, str, str]
"""(file, kind, name, apiVersion), as kubeconform names a resource."""

# kubeconform calls these valid; the API server refuses them, and SDX090 says why
# (docs/schemas.md, "Differences from kubeconform").
KNOWN_DIFFERENCES = {
    ("kubernetes__examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml", "Pod", "aws-web", "v1"),
    ("kubernetes__examples/_archived/volumes/cinder/cinder-web.yaml", "Pod", "cinder-web", "v1"),
}


def kubeconform_verdicts(root: Path) -> dict[Key, list[tuple[str, str]]]:
    verdicts: dict[Key, list[tuple[str, str]]] = defaultdict(list)
    lines = (root / "KUBECONFORM.tsv").read_text().splitlines()
    for line in lines[2:]:  # a comment naming the run, then the header
        file, kind, name, api_version, status, *detail = line.split("\t")
        verdicts[(file, kind, name, api_version)].append((status, detail[0] if detail else ""))
    return verdicts


def our_verdicts(root: Path, files: set[str]) -> dict[Key, list[str]]:
    """'valid', 'invalid' or 'no schema' for every object, in document order."""
    verdicts: dict[Key, list[str]] = defaultdict(list)
    for file in sorted(files):
        text = decode_manifest((root / file).read_bytes())
        try:
            for index, node in enumerate(iter_documents(text)):
                try:
                    built = construct_document(node)
                except TooLarge:  # a document kubectl refuses (a bad merge): no object
                    continue
                for obj in objects_of(file, index, built.value, node):
                    out = list(kubernetes_schema.check(obj, None, {}))
                    verdict = "invalid" if out else "valid"
                    if any(isinstance(item, NotChecked) for item in out):
                        verdict = "no schema"
                    verdicts[
                        (file, obj.ref.kind or "", _name(obj.data), obj.ref.api_version or "")
                    ].append(verdict)
        except ParseFailure:
            continue  # kubeconform cannot read these either: they are its 'error' rows
    return verdicts


def _name(data: dict[str, object]) -> str:
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return ""
    if isinstance(metadata.get("generateName"), str):
        return f"{metadata['generateName']}{{{{ generateName }}}}"
    return metadata["name"] if isinstance(metadata.get("name"), str) else ""


def disagreements(root: Path) -> tuple[dict[str, int], set[Key]]:
    theirs = kubeconform_verdicts(root)
    ours = our_verdicts(root, {key[0] for key in theirs})
    counts: dict[str, int] = defaultdict(int)
    different: set[Key] = set()
    for key, rows in theirs.items():
        mine = ours.pop(key, [])
        for index, (status, detail) in enumerate(rows):
            verdict = mine[index] if index < len(mine) else "not an object"
            if status == "statusError" and detail.startswith("could not find schema"):
                expected = "no schema"
            elif status in ("statusValid", "statusInvalid"):
                expected = "valid" if status == "statusValid" else "invalid"
            else:
                continue  # unreadable for kubeconform: duplicate keys, no kind (SDX010, ...)
            if key[1].endswith("List") and key[1] != "List" and verdict == "not an object":
                # kubeconform validates a typed List whole, sedex-lint item by item
                items = [v for k, vs in ours.items() if k[0] == key[0] for v in vs]
                verdict = "invalid" if "invalid" in items else "valid" if items else verdict
            counts[f"{expected}/{verdict}"] += 1
            if verdict != expected:
                different.add(key)
    return counts, different


def test_agrees_with_kubeconform_on_the_vendored_corpus() -> None:
    counts, different = disagreements(CORPUS)
    assert different == set()
    assert counts == {"valid/valid": 401, "invalid/invalid": 157, "no schema/no schema": 137}


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED_CORPUS)
def test_agrees_with_kubeconform_on_the_shared_corpus() -> None:
    counts, different = disagreements(SHARED_CORPUS)
    assert different == KNOWN_DIFFERENCES
    assert counts["invalid/invalid"] == 201
    assert counts["valid/invalid"] == len(KNOWN_DIFFERENCES)
    assert set(counts) == {"valid/valid", "valid/invalid", "invalid/invalid", "no schema/no schema"}


# kubeconform's and kube-score's invalid/ fixtures whose problem is the schema, not the YAML:
# a full default run reports each at the offending field.
INVALID_BY_SCHEMA = {
    "yannh__kubeconform/invalid/fixtures/extra_property.yaml": [("SDX090", 7, 3)],
    "yannh__kubeconform/invalid/fixtures/invalid.yaml": [("SDX090", 6, 13), ("SDX090", 9, 3)],
    "yannh__kubeconform/invalid/fixtures/list_invalid.yaml": [
        ("SDX090", 26, 15),
        ("SDX090", 29, 5),
    ],
    "yannh__kubeconform/invalid/fixtures/multi_invalid.yaml": [("SDX090", 12, 11)],
    "yannh__kubeconform/invalid/fixtures/duplicate_property.yaml": [
        ("SDX090", 7, 3),
        ("SDX010", 16, 7),
    ],
    "zegl__kube-score/invalid/parser/testdata/invalid-yaml.yaml": [
        ("SDX090", 9, 11),
        ("SDX090", 11, 15),
    ],
}


@pytest.mark.parametrize("file", sorted(INVALID_BY_SCHEMA))
def test_invalid_fixtures_are_reported_at_the_offending_field(file: str) -> None:
    report = lint([str(CORPUS / file)])
    assert [(f.code, f.line, f.column) for f in report.findings] == INVALID_BY_SCHEMA[file]
    assert report.exit_code(Severity.ERROR) == 1
