"""Configuration: discovery, validation with positions, and what each setting changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sedex_lint.config import discover, load_config
from sedex_lint.policy import build_policy
from sedex_lint.settings_file import SettingsError
from tests.conftest import BROKEN, sedex_lint

LOW_MEMORY = BROKEN.replace("replicas: 2", "replicas: 1").replace(
    "requests: {memory: 1Gi}", "requests: {memory: 1G}"
)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def findings(result_stdout: str) -> list[tuple[str, str, int, int]]:
    report = json.loads(result_stdout)
    return [(f["code"], f["severity"], f["line"], f["column"]) for f in report["findings"]]


def test_discovery_walks_up_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = write(tmp_path, ".sedex-lint.yaml", "fail_on: warning\n")
    nested = tmp_path / "apps" / "sedex"
    nested.mkdir(parents=True)
    assert discover(nested) == config
    assert discover(tmp_path) == config


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, ".sedex-lint.yaml", "fail_on: warning\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert discover(repo) is None


def test_pyproject_table_is_found_and_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.sedex-lint]\nignore = ["SDX005"]\n',
    )
    (tmp_path / ".git").mkdir()
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    policy = build_policy(load_config(tmp_path / "pyproject.toml"))
    assert "SDX005" not in policy.enabled and "SDX001" in policy.enabled


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("fail_on: fatal\n", 1, 10, "'fatal' is not one of ['error', 'warning', 'info']"),
        ("select: [SDX001]\nunknown: 1\n", 2, 1, "Additional properties are not allowed"),
        ("rules:\n  SDX004:\n    severity: loud\n", 3, 15, "'loud' is not one of"),
        ("rules:\n  SDX999:\n    severity: error\n", 2, 3, "unknown rule 'SDX999'"),
        ("rules:\n  SDX004:\n    parameters:\n      minimum: 1gi\n", 4, 16, "invalid parameter"),
        ("select:\n  - SDX001\n  - NOPE\n", 3, 5, "'NOPE' matches no rule"),
        ("select: [SDX001\n", 1, 16, "invalid YAML"),
    ],
)
def test_bad_configuration_exits_2_with_file_line_column(
    tmp_path: Path, text: str, line: int, column: int, reason: str
) -> None:
    write(tmp_path, ".sedex-lint.yaml", text)
    write(tmp_path, "d.yaml", BROKEN)
    result = sedex_lint("d.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    prefix = f"sedex-lint: error: {tmp_path / '.sedex-lint.yaml'}:{line}:{column}: "
    assert result.stderr.startswith(prefix), result.stderr
    assert reason in result.stderr
    assert len(result.stderr.splitlines()) == 1


DECOY = """\
[project]
name = "manifests"  # [tool.sedex-lint] fail_on minimum rules SDX004 parameters
description = "rules.SDX004.parameters.minimum = \\"fail_on\\" [tool.sedex-lint]"
readme = \"\"\"
[tool.sedex-lint]
fail_on = "x"
rules = { SDX004 = { parameters = { minimum = "y" } } }
\"\"\"
notes = '''
[tool.sedex-lint.rules.SDX004]
parameters.minimum = "z"
''''

# the real table follows; sedex-lint's keys: fail_on, minimum, rules
[[tool.other.item]]
fail_on = "not ours"
"""


@pytest.mark.parametrize(
    ("table", "line", "column", "reason"),
    [
        ('[tool.sedex-lint]\nfail_on = "fatal"\n', 18, 11, "fail_on: 'fatal' is not one of"),
        ("[tool.sedex-lint]\n\"fail_on\" = 'fatal'  # fail_on\n", 18, 13, "'fatal' is not one of"),
        (
            '[tool.sedex-lint]\nselect = ["SDX001"]\nunknown = 1\n',
            19, 1, "('unknown' was unexpected)",
        ),
        (
            '[tool.sedex-lint]\nrules.SDX004.parameters.minimum = "1.2.3G"\n',
            18, 35, "invalid parameter: '1.2.3G' is not a valid Kubernetes quantity",
        ),
        (
            '[tool.sedex-lint]\nrules = { SDX004 = { parameters = { minimum = "1gi" } } }\n',
            18, 47, "invalid parameter: '1gi' is not a valid Kubernetes quantity",
        ),
        (
            '[tool.sedex-lint]\nignore = []\n\n[tool.sedex-lint.rules.SDX004]\n'
            'severity = "error"\nparameters = { note = "minimum", minimum = "1Gi" }\n',
            22, 16, "invalid parameter: Additional properties are not allowed ('note' was",
        ),
        (
            "[tool.'sedex-lint'.rules.\"memory-allocation\"]\n# minimum = '1G'\n"
            "parameters.minimum = '1.2.3G'\n",
            19, 22, "invalid parameter: '1.2.3G' is not a valid Kubernetes quantity",
        ),
        ('[tool.sedex-lint.rules.SDX999]\nseverity = "error"\n', 17, 24, "unknown rule 'SDX999'"),
        (
            '[tool.sedex-lint]\nselect = [\n  "SDX001",  # "NOPE", ]\n  """NOPE""",\n]\n',
            20, 3, "'NOPE' matches no rule",
        ),
        (
            "[tool]\nsedex-lint.limits = { max_depth = 0 }  # max_depth = 1\n",
            18, 35, "limits.max_depth: 0 is less than the minimum of 1",
        ),
    ],
)  # fmt: skip
def test_pyproject_errors_point_at_the_key_or_value(
    tmp_path: Path, table: str, line: int, column: int, reason: str
) -> None:
    """Comments, strings, multi-line strings and other tables that name our keys, before
    the real table, must not be taken for it."""
    (tmp_path / ".git").mkdir()
    pyproject = write(tmp_path, "pyproject.toml", DECOY + table)
    write(tmp_path, "d.yaml", BROKEN)
    result = sedex_lint("d.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    prefix = f"sedex-lint: error: {pyproject}:{line}:{column}: "
    assert result.stderr.startswith(prefix), result.stderr
    assert reason in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_pyproject_that_names_sedex_lint_only_in_comments_is_not_a_configuration(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", DECOY)
    assert discover(tmp_path) is None
    write(tmp_path, "pyproject.toml", DECOY + "[tool.sedex-lint\n")  # broken: reported
    assert discover(tmp_path) == tmp_path / "pyproject.toml"


def test_severity_and_parameters_are_configurable(tmp_path: Path) -> None:
    write(tmp_path, "d.yaml", LOW_MEMORY)
    write(
        tmp_path,
        ".sedex-lint.yaml",
        "rules:\n  memory-allocation:\n    severity: warning\n"
        "    parameters:\n      minimum: 1Gi\n",
    )
    result = sedex_lint("-f", "json", "d.yaml", cwd=tmp_path)
    assert findings(result.stdout) == [("SDX004", "warning", 15, 32)]
    assert result.returncode == 0  # a warning does not fail at the default threshold
    assert sedex_lint("--fail-on", "warning", "d.yaml", cwd=tmp_path).returncode == 1


def test_fail_on_from_config_and_command_line_wins(tmp_path: Path) -> None:
    write(tmp_path, "d.yaml", LOW_MEMORY)
    write(
        tmp_path,
        ".sedex-lint.yaml",
        "fail_on: warning\nrules:\n  SDX004:\n"
        "    severity: warning\n    parameters: {minimum: 1Gi}\n",
    )
    assert sedex_lint("d.yaml", cwd=tmp_path).returncode == 1
    assert sedex_lint("--fail-on", "error", "d.yaml", cwd=tmp_path).returncode == 0


def test_select_and_ignore_by_code_prefix_and_name(tmp_path: Path) -> None:
    write(tmp_path, "d.yaml", BROKEN)
    only = sedex_lint("-f", "json", "--select", "single-replica", "d.yaml", cwd=tmp_path)
    assert findings(only.stdout) == [("SDX001", "error", 6, 13)]
    ignored = sedex_lint("-f", "json", "--ignore", "SDX00", "d.yaml", cwd=tmp_path)
    assert findings(ignored.stdout) == []
    assert ignored.returncode == 0
    bad = sedex_lint("--select", "SDX9", "d.yaml", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr == (
        "sedex-lint: error: --select: 'SDX9' matches no rule "
        "(use a code, a code prefix or a name)\n"
    )


def test_exclude_globs_are_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path, ".sedex-lint.yaml", "exclude: ['vendor', '*.generated.yaml']\n")
    write(tmp_path, "vendor/chart/d.yaml", BROKEN)
    write(tmp_path, "apps/x.generated.yaml", BROKEN)
    write(tmp_path, "apps/d.yaml", BROKEN)
    result = sedex_lint("-f", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert {f["file"] for f in report["findings"]} == {"./apps/d.yaml"}
    assert report["summary"]["files"] == 1


def test_mirrored_image_pattern_and_label_selector(tmp_path: Path) -> None:
    renamed = BROKEN.replace(
        "sedexch/sedex-client:8.0.1_container-1.2.0", "registry.example.ch/platform/sedex:8.0.1"
    )
    labelled = BROKEN.replace(
        "sedexch/sedex-client:8.0.1_container-1.2.0", "internal/messaging:3"
    ).replace(
        "  name: sedex-client\n",
        "  name: sedex-client\n  labels: {app.kubernetes.io/part-of: sedex}\n",
        1,
    )
    write(tmp_path, "renamed.yaml", renamed)
    write(tmp_path, "labelled.yaml", labelled)
    plain = sedex_lint("-f", "json", "renamed.yaml", "labelled.yaml", cwd=tmp_path)
    assert json.loads(plain.stdout)["summary"]["sedex_workloads"] == 0
    write(
        tmp_path,
        ".sedex-lint.yaml",
        "sedex:\n  images: ['registry.example.ch/*/sedex']\n"
        "  labels: {app.kubernetes.io/part-of: sedex}\n",
    )
    configured = sedex_lint("-f", "json", "renamed.yaml", "labelled.yaml", cwd=tmp_path)
    report = json.loads(configured.stdout)
    assert report["summary"]["sedex_workloads"] == 2
    assert [
        (f["file"], f["code"], f["line"]) for f in report["findings"] if f["code"] == "SDX001"
    ] == [("renamed.yaml", "SDX001", 6), ("labelled.yaml", "SDX001", 7)]


def test_explicit_config_option_and_missing_file(tmp_path: Path) -> None:
    write(tmp_path, "d.yaml", BROKEN)
    write(tmp_path, "policy/lint.yaml", "ignore: [SDX001]\n")
    result = sedex_lint("--config", "policy/lint.yaml", "d.yaml", cwd=tmp_path)
    assert result.returncode == 0
    missing = sedex_lint("--config", "nope.yaml", "d.yaml", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (
        2,
        "sedex-lint: error: --config: nope.yaml: no such file\n",
    )


def test_config_command_shows_the_effective_configuration(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        ".sedex-lint.yaml",
        "ignore: [SDX005]\nrules:\n  SDX004:\n    parameters: {minimum: 2Gi}\n",
    )
    result = sedex_lint("config", cwd=tmp_path)
    effective = json.loads(result.stdout)
    assert effective["config_file"] == str(config)
    assert effective["disabled_rules"] == ["SDX005"]
    assert effective["rules"]["SDX004"] == {"severity": "error", "parameters": {"minimum": "2Gi"}}


def test_settings_error_str_is_one_line() -> None:
    assert str(SettingsError("c.yaml", 3, 5, "bad")) == "c.yaml:3:5: bad"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("fail_on: error\nlimits: {max_depth: .inf}\n", "2:21"),
        ("fail_on: error\n~: x\n", "2:1"),
        ("a: &x [*x]\n", "1:4"),
    ],
)
def test_a_configuration_kubectl_could_not_read_is_a_setting_error(
    tmp_path: Path, text: str, where: str
) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text(text)
    (tmp_path / "a.yaml").write_text("a: 1\n")
    result = sedex_lint("a.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f".sedex-lint.yaml:{where}: " in result.stderr
    assert "Traceback" not in result.stderr and "internal" not in result.stderr
