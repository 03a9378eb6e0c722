"""Rule parameters are validated in full when the configuration is loaded, never by a crash.

The check's schema and the declaration's `parameters_schema` both apply to the effective
parameters (the declaration's defaults with the configuration's overrides on top), with the
`k8s-quantity` formats asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sedex_lint.parameters import parameter_problem
from sedex_lint.registry import builtin_rules
from tests.conftest import BROKEN, sedex_lint

TEAM_RULE = """\
code: ACME004
name: generous-memory
severity: warning
summary: The sedex Client gets 2Gi or 4Gi of memory.
check: memory_allocation
parameters:
  minimum: 2Gi
parameters_schema:
  type: object
  properties:
    minimum:
      enum: [2Gi, 4Gi]
"""


def minimum(value: str) -> str:
    return f"rules:\n  SDX004:\n    parameters:\n      minimum: {value}\n"


@pytest.mark.parametrize(
    ("value", "column", "reason"),
    [
        ('"1.2.3G"', 16, "'1.2.3G' is not a valid Kubernetes quantity: "
                         "it has more than one decimal point"),
        ("0Gi", 16, "'0Gi' is 0 as a Kubernetes quantity; it must be above zero"),
        ("1gi", 16, "'1gi' is not a valid Kubernetes quantity: "
                    "suffixes are case-sensitive, did you mean 'Gi'?"),
        ("1GB", 16, "'1GB' is not a valid Kubernetes quantity: "
                    "the byte unit is implied, did you mean 'G' or 'Gi'?"),
        ("1073741824", 16, "1073741824 is not of type 'string'"),
    ],
)  # fmt: skip
def test_a_memory_minimum_the_check_cannot_use_exits_2_at_its_value(
    tmp_path: Path, value: str, column: int, reason: str
) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text(minimum(value))
    (tmp_path / "d.yaml").write_text(BROKEN)
    result = sedex_lint("d.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    config = tmp_path / ".sedex-lint.yaml"
    assert result.stderr == f"sedex-lint: error: {config}:4:{column}: invalid parameter: {reason}\n"


def test_a_memory_minimum_of_a_lone_point_exits_2_at_its_value(tmp_path: Path) -> None:
    """Kubernetes reads `.` as zero; whether sedex-lint's parser agrees or refuses it, a
    minimum of `.` is refused at load time and never reaches the check."""
    (tmp_path / ".sedex-lint.yaml").write_text(minimum('"."'))
    (tmp_path / "d.yaml").write_text(BROKEN)
    result = sedex_lint("d.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    prefix = f"sedex-lint: error: {tmp_path / '.sedex-lint.yaml'}:4:16: invalid parameter: '.' is "
    assert result.stderr in {
        prefix + "0 as a Kubernetes quantity; it must be above zero\n",
        prefix + "not a valid Kubernetes quantity: it must start with a number\n",
    }


@pytest.mark.parametrize("value", ["1Gi", "1G", '"1e9"', "1000Mi", "0.5Gi", '"1.0G"'])
def test_a_valid_memory_minimum_is_accepted(tmp_path: Path, value: str) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text(minimum(value))
    (tmp_path / "d.yaml").write_text(BROKEN.replace("replicas: 2", "replicas: 1"))
    result = sedex_lint("d.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_the_rule_commands_validate_parameters_too(tmp_path: Path) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text(minimum('"1.2.3G"'))
    for command in (["config"], ["rules"], ["explain", "SDX004"]):
        result = sedex_lint(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert result.stderr.startswith(f"sedex-lint: error: {tmp_path / '.sedex-lint.yaml'}:4:16:")


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ACME004-generous-memory.yaml").write_text(TEAM_RULE)
    (tmp_path / "d.yaml").write_text(BROKEN)
    return tmp_path


def test_a_declarations_parameters_schema_is_enforced_on_the_overrides(team: Path) -> None:
    config = team / ".sedex-lint.yaml"
    config.write_text(
        "rule_dirs: [rules]\nrules:\n  generous-memory:\n    parameters: {minimum: 3Gi}\n"
    )
    result = sedex_lint("d.yaml", cwd=team)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: {config}:4:27: invalid parameter: '3Gi' is not one of ['2Gi', '4Gi']\n"
    )
    config.write_text(
        "rule_dirs: [rules]\nrules:\n  generous-memory:\n    parameters: {minimum: 4Gi}\n"
    )
    assert sedex_lint("d.yaml", cwd=team).returncode == 1


def test_a_declarations_defaults_must_satisfy_its_own_schema(team: Path) -> None:
    rule = team / "rules" / "ACME004-generous-memory.yaml"
    rule.write_text(TEAM_RULE.replace("  minimum: 2Gi\n", "  minimum: 3Gi\n"))
    (team / ".sedex-lint.yaml").write_text("rule_dirs: [rules]\n")
    result = sedex_lint("d.yaml", cwd=team)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: {rule}:7:12: invalid parameter: '3Gi' is not one of ['2Gi', '4Gi']\n"
    )


def test_a_parameters_schema_that_is_no_schema_exits_2_at_its_position(team: Path) -> None:
    rule = team / "rules" / "ACME004-generous-memory.yaml"
    rule.write_text(TEAM_RULE.replace("      enum: [2Gi, 4Gi]\n", "      type: quantity\n"))
    (team / ".sedex-lint.yaml").write_text("rule_dirs: [rules]\n")
    result = sedex_lint("d.yaml", cwd=team)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: {rule}:12:13: not a valid JSON Schema: "
        "'quantity' is not valid under any of the given schemas\n"
    )


@pytest.mark.parametrize("rule", builtin_rules().rules, ids=lambda r: r.code)
def test_built_in_defaults_satisfy_their_schemas(rule) -> None:  # type: ignore[no-untyped-def]
    """Built-in declarations skip validation at run time; this is where it happens."""
    assert parameter_problem(rule.parameters_schema, rule.parameters) is None


def test_the_memory_minimum_is_declared_as_a_positive_quantity() -> None:
    sdx004 = builtin_rules().find("SDX004")
    assert sdx004 is not None and sdx004.parameters_schema is not None
    assert sdx004.parameters_schema["properties"]["minimum"]["format"] == "k8s-positive-quantity"
