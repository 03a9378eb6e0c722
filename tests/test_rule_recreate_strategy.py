from __future__ import annotations

import pytest

from tests.conftest import messages, run, triples

TEMPLATE = """\
  template:
    spec:
      containers:
        - name: sedex-client
          image: sedexch/sedex-client:8.0.1_container-1.2.0
"""


def deployment(strategy_lines: str, kind: str = "Deployment") -> str:
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: sedex\nspec:\n"
        f"  replicas: 1\n{strategy_lines}{TEMPLATE}"
    )


def test_recreate_passes() -> None:
    assert triples(run(deployment("  strategy:\n    type: Recreate\n")), "SDX002") == []


def test_missing_strategy_points_at_spec_key() -> None:
    report = run(deployment(""))
    assert triples(report, "SDX002") == [("SDX002", 5, 1)]
    assert "uses RollingUpdate" in messages(report, "SDX002")[0]


def test_strategy_without_type_points_at_strategy_key() -> None:
    text = deployment("  strategy:\n    rollingUpdate:\n      maxSurge: 0\n")
    assert triples(run(text), "SDX002") == [("SDX002", 7, 3)]


@pytest.mark.parametrize(
    ("value", "column", "says"),
    [
        ("RollingUpdate", 11, "even with maxSurge: 0"),
        ("recreate", 11, "case-sensitive"),
        ("'Recreate '", 11, "is not 'Recreate'"),
    ],
)
def test_wrong_type_points_at_the_value(value: str, column: int, says: str) -> None:
    report = run(deployment(f"  strategy:\n    type: {value}\n"))
    assert triples(report, "SDX002") == [("SDX002", 8, column)]
    assert says in messages(report, "SDX002")[0]


def test_rolling_update_with_max_surge_zero_is_still_a_violation() -> None:
    text = deployment(
        "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0\n"
        "      maxUnavailable: 1\n"
    )
    assert triples(run(text), "SDX002") == [("SDX002", 8, 11)]


@pytest.mark.parametrize("kind", ["StatefulSet", "ReplicaSet", "DaemonSet"])
def test_only_deployments_are_checked(kind: str) -> None:
    assert triples(run(deployment("", kind=kind)), "SDX002") == []
