"""The bundled Kubernetes schemas: which versions, how big, and that they are what
tools/build_schemas.py makes of the kubernetes-validate wheel."""

from __future__ import annotations

import glob
import subprocess
import sys
from pathlib import Path

import pytest

from sedex_lint import k8s_schema
from tests.conftest import REPO

WHEELS = sorted(glob.glob("/tmp/kv/kubernetes_validate-*.whl"))


def test_at_least_the_newest_four_minor_versions_are_bundled() -> None:
    versions = k8s_schema.bundled_versions()
    minors = [k8s_schema.minor(version) for version in versions]
    assert minors == list(range(minors[0], minors[-1] + 1))
    assert len(versions) >= 4
    assert k8s_schema.target_version(None) == versions[-1] == "1.37"


@pytest.mark.parametrize(
    ("requested", "version"), [("1.34", "1.34"), ("v1.34.2", "1.34"), ("newest", "1.37")]
)
def test_target_version_spellings(requested: str, version: str) -> None:
    assert k8s_schema.target_version(requested) == version


def test_the_bundled_data_stays_small() -> None:
    size = sum(path.stat().st_size for path in k8s_schema.DATA.iterdir())
    assert size < 300_000  # the issue allows 10 MB; 13 versions take about 125 kB


def test_every_kind_of_every_version_resolves() -> None:
    for version in k8s_schema.bundled_versions():
        index = k8s_schema.version_index(version)
        for kind, name in index["kinds"].items():
            assert name in index["definitions"], (version, kind)


@pytest.mark.skipif(not WHEELS, reason="no kubernetes-validate wheel in /tmp/kv (docs/schemas.md)")
def test_the_data_is_what_the_build_script_makes_of_the_wheel(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_schemas.py"), WHEELS[-1],
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    for path in k8s_schema.DATA.iterdir():
        if path.name != "deprecations.json":
            assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
