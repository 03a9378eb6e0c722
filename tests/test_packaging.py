"""rules/ and schemas/ must work from the wheel as well as from a checkout (editable install)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import sedex_lint
from sedex_lint.resources import rules_dir, schema_path
from tests.conftest import REPO


@pytest.mark.skipif(
    not Path(sedex_lint.__file__).resolve().is_relative_to(REPO / "src"),
    reason="sedex-lint is installed from a wheel here, not run from the checkout",
)
def test_checkout_reads_the_top_level_directories() -> None:
    assert rules_dir() == REPO / "rules"
    assert schema_path("report.schema.json") == REPO / "schemas" / "report.schema.json"


def test_wheel_ships_rules_and_schemas_and_lints_examples(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("sedex_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule in [*(REPO / "rules").glob("*.yaml"), REPO / "rules" / "index.json"]:
        assert f"sedex_lint/_data/rules/{rule.name}" in names
    for schema in ("rule.schema.json", "report.schema.json"):
        assert f"sedex_lint/_data/schemas/{schema}" in names
    for data in (REPO / "src" / "sedex_lint" / "k8s_schemas").iterdir():  # SDX090-SDX092
        assert f"sedex_lint/k8s_schemas/{data.name}" in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)

    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # The wheel's copy must win over the checkout: run from an empty directory, wheel first.
    environment = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import sedex_lint.resources as r; print(r.rules_dir())"],
        capture_output=True, text=True, env=environment, cwd=tmp_path,
    )  # fmt: skip
    assert probe.stdout.strip() == str(target / "sedex_lint" / "_data" / "rules")
    result = subprocess.run(
        [sys.executable, "-m", "sedex_lint", "-f", "json", str(REPO / "examples")],
        capture_output=True, text=True, env=environment, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert '"code": "SDX001"' in result.stdout
