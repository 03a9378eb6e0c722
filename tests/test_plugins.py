"""Python plugins through the `sedex_lint.rules` entry point, installed for real."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sedex_lint.plugins import Plugin, load_plugins
from sedex_lint.registry import builtin_rules
from tests.conftest import BROKEN, REPO


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment that sees this environment's packages (sedex-lint and its
    dependencies, so nothing is downloaded) and gets the example plugin installed into it."""
    root = tmp_path_factory.mktemp("plugin-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # addsitedir, not a plain path line, so that the editable install's own .pth runs too
    ours = [p for p in site.getsitepackages() if Path(p).is_dir()]
    lines = [f"import site; site.addsitedir({p!r})" for p in ours]
    (Path(target) / "outer.pth").write_text("\n".join(lines) + "\n")
    broken = root / "broken-plugin"
    (broken / "broken_plugin").mkdir(parents=True)
    (broken / "broken_plugin" / "__init__.py").write_text(
        "raise ImportError('no module named acme_secrets')\n"
    )
    (broken / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "broken-plugin"
            version = "0.1"
            [project.entry-points."sedex_lint.rules"]
            BROKEN = "broken_plugin:plugin"
            [tool.hatch.build.targets.wheel]
            packages = ["broken_plugin"]
            """
        )
    )
    for package in (REPO / "examples" / "plugin", broken):
        installed = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
             "--no-build-isolation", "--quiet", str(package)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert installed.returncode == 0, installed.stderr
    return root


def run_in(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    return subprocess.run(
        [str(venv / "bin" / "python"), "-m", "sedex_lint", *args],
        capture_output=True, text=True, cwd=cwd, env=environment, timeout=120,
    )  # fmt: skip


def test_plugin_rule_reports_and_a_broken_plugin_exits_3(venv: Path, tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    result = run_in(venv, "-f", "json", "d.yaml", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in report["findings"]] == [
        ("SDX001", "error", 6, 13),
        ("ACME101", "warning", 13, 18),
    ]
    assert report["internal_errors"] == [
        {
            "code": None,
            "plugin": "BROKEN (broken-plugin 0.1)",
            "file": "broken_plugin:plugin",
            "message": "ImportError: no module named acme_secrets",
        }
    ]
    assert result.returncode == 3


def test_plugin_rules_are_listed_with_their_origin(venv: Path, tmp_path: Path) -> None:
    rows = json.loads(run_in(venv, "rules", "--json", cwd=tmp_path).stdout)
    assert [(r["code"], r["origin"]) for r in rows if not r["code"].startswith("SDX")] == [
        ("ACME101", "plugin ACME")
    ]


def entry_point(name: str, code: str) -> object:
    class EntryPoint:
        value = f"{name.lower()}:plugin"

        def load(self) -> Plugin:
            rule = {"code": code, "name": "x", "severity": "error", "summary": "s",
                    "check": "health_probes"}  # fmt: skip
            return Plugin(rules=[rule])

    found = EntryPoint()
    found.name = name  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("SDX", "SDX500", "ValueError: the prefix SDX is reserved for the built-in rules"),
        (
            "bad",
            "BAD001",
            "ValueError: entry point name 'bad' is not a code prefix: use 1 to 9 capital "
            "letters or digits starting with a letter, e.g. ACME, under which its codes are "
            "ACME001...",
        ),
        (
            "ACME",
            "OTHER001",
            "ValueError: rule codes OTHER001 are not under the plugin's prefix ACME (the entry "
            "point's name)",
        ),
        (
            "ACME",
            "SDX500",
            "<plugin ACME>:1:1: codes starting with SDX are reserved for built-in rules",
        ),
    ],
)
def test_a_plugin_declares_only_codes_under_its_prefix(name: str, code: str, message: str) -> None:
    loaded = load_plugins(builtin_rules().checks, lambda: [entry_point(name, code)])
    assert loaded.rules == []
    assert [(e.code, e.plugin, e.message) for e in loaded.errors] == [(None, name, message)]


def test_a_plugin_under_its_prefix_loads() -> None:
    loaded = load_plugins(builtin_rules().checks, lambda: [entry_point("ACME", "ACME001")])
    assert ([r.code for r in loaded.rules], loaded.errors) == (["ACME001"], [])


@pytest.mark.parametrize(
    ("output", "needle"),
    [
        ("text", "d.yaml:13:18  warning  ACME101 image-pinned-by-digest"),
        ("sarif", '"ruleId": "ACME101"'),
        ("junit", 'type="ACME101"'),
        ("github", "line=13,col=18"),
        ("gitlab", '"check_name": "ACME101"'),
    ],
)
def test_plugin_findings_in_every_format(
    venv: Path, tmp_path: Path, output: str, needle: str
) -> None:
    (tmp_path / "d.yaml").write_text(BROKEN)
    result = run_in(venv, "-f", output, "--fail-on", "info", "d.yaml", cwd=tmp_path)
    assert needle in result.stdout
