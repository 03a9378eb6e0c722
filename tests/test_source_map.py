"""Kustomize's origin annotation read, and rendered findings mapped to the files they came
from (source_map): generated objects, remote bases, a wrong directory, Helm templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedex_lint.api import lint
from sedex_lint.kustomize import origin_of
from sedex_lint.model import KUSTOMIZE, Origin, SourceLocation


def annotated(value: str) -> dict[str, object]:
    return {"metadata": {"annotations": {"config.kubernetes.io/origin": value}}}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("path: deployment.yaml\n", Origin(KUSTOMIZE, "deployment.yaml")),
        (
            "path: examples/base/deployment.yaml\nrepo: https://github.com/org/repo\nref: v1.2.0\n",
            Origin(KUSTOMIZE, "examples/base/deployment.yaml", "https://github.com/org/repo",
                   "v1.2.0"),
        ),
        (
            "configuredIn: kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n"
            "  kind: ConfigMapGenerator\n",
            Origin(KUSTOMIZE, "kustomization.yaml"),
        ),
        ("path: 'with space.yaml'\n", Origin(KUSTOMIZE, "with space.yaml")),
        ("configuredBy:\n  path: nested.yaml\n", None),
        ("", None),
    ],
)  # fmt: skip
def test_origin_annotation(value: str, expected: Origin | None) -> None:
    assert origin_of(annotated(value)) == expected


def test_no_annotation_or_a_broken_one_is_no_origin() -> None:
    assert origin_of({}) is None
    assert origin_of({"metadata": {"annotations": {"config.kubernetes.io/origin": 3}}}) is None
    assert origin_of({"metadata": []}) is None
    remote = Origin(KUSTOMIZE, "base/d.yaml", "https://github.com/org/repo", "v1")
    assert remote.describe() == "Kustomize source: https://github.com/org/repo//base/d.yaml at v1"


CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: prod-sedex-settings-7f9g2k
  annotations:
    config.kubernetes.io/origin: |
      configuredIn: kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
data:
  mode: a
datta: {}
"""
KUSTOMIZATION = """\
resources: [deployment.yaml]
configMapGenerator:
  - name: sedex-settings
    literals: [mode=a]
"""


def sources(tmp_path: Path, stream: str, name: str) -> list[SourceLocation | None]:
    (tmp_path / ".git").mkdir(exist_ok=True)  # sources are read inside the repository only
    (tmp_path / "stream.yaml").write_text(stream)
    report = lint([str(tmp_path / "stream.yaml")])
    renamed = str(tmp_path / name)

    from sedex_lint.source_map import map_sources

    return [f.source for f in map_sources(f._replace(file=renamed) for f in report.findings)]


def test_a_generated_object_points_at_its_generator(tmp_path: Path) -> None:
    (tmp_path / "overlay").mkdir()
    (tmp_path / "overlay" / "kustomization.yaml").write_text(KUSTOMIZATION)
    kustomization = str(tmp_path / "overlay" / "kustomization.yaml")
    assert sources(tmp_path, CONFIGMAP, "overlay/rendered.yaml") == [
        SourceLocation(kustomization, 3, 5)
    ]


def test_remote_missing_or_wrong_sources_are_not_mapped(tmp_path: Path) -> None:
    remote = CONFIGMAP.replace(
        "configuredIn: kustomization.yaml", "path: d.yaml\n      repo: https://x.invalid/r"
    )
    (tmp_path / "d.yaml").write_text("kind: ConfigMap\nmetadata: {name: sedex-settings}\n")
    assert sources(tmp_path, remote, "rendered.yaml") == [None]
    missing = CONFIGMAP.replace("configuredIn: kustomization.yaml", "path: gone.yaml")
    assert sources(tmp_path, missing, "rendered.yaml") == [None]
    # a file of that name that does not declare the object's kind: the wrong directory
    (tmp_path / "d.yaml").write_text("kind: Secret\n")
    local = CONFIGMAP.replace("configuredIn: kustomization.yaml", "path: d.yaml")
    assert sources(tmp_path, local, "rendered.yaml") == [None]
    (tmp_path / "d.yaml").write_text(
        "kind: Secret\n---\nkind: ConfigMap\nmetadata:\n  name: other\n---\n"
        "kind: ConfigMap\nmetadata:\n  name: sedex-settings\ndata:\n  mode: a\n"
    )
    d = str(tmp_path / "d.yaml")
    # the unknown field's nearest parent, in the document of the object's name
    assert sources(tmp_path, local, "rendered.yaml") == [SourceLocation(d, 7, 1)]


def test_sources_outside_the_repository_are_never_read(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "overlay").mkdir(parents=True)
    outside.mkdir()
    (outside / "d.yaml").write_text("kind: ConfigMap\nmetadata: {name: sedex-settings}\n")
    (repo / "overlay" / "link.yaml").symlink_to(outside / "d.yaml")
    escaping = CONFIGMAP.replace("configuredIn: kustomization.yaml", "path: ../../outside/d.yaml")
    linked = CONFIGMAP.replace("configuredIn: kustomization.yaml", "path: link.yaml")
    assert sources(repo, escaping, "overlay/rendered.yaml") == [None]
    assert sources(repo, linked, "overlay/rendered.yaml") == [None]
    device = "path: " + "../" * 30 + "proc/kmsg"
    kmsg = CONFIGMAP.replace("configuredIn: kustomization.yaml", device)
    assert sources(repo, kmsg, "overlay/rendered.yaml") == [None]  # would block, if read
