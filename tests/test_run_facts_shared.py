"""Whole-run rules that need the same facts of an object share them: computed once, and kept
once when the rules' collect functions are the same (SDX050-SDX052)."""

from __future__ import annotations

from pathlib import Path

from sedex_lint.api import engine_for
from sedex_lint.checks.run_facts import SourceKeys, per_object
from sedex_lint.config import Config
from sedex_lint.policy import build_policy

CONFIG_MAP_AND_SERVICE = b"""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: sedex-settings
data:
  SEDEX_ID: 1-1234-1
---
apiVersion: v1
kind: Service
metadata:
  name: sedex-wsp
spec:
  selector:
    app: sedex-client
  ports:
    - port: 8080  # a port SDX050 watches: its fact is kept
"""


def test_rules_asking_for_the_same_facts_keep_the_same_objects(tmp_path: Path) -> None:
    engine = engine_for(build_policy(Config(base_dir=tmp_path)))
    result = engine.lint_text("run.yaml", CONFIG_MAP_AND_SERVICE)
    (configmap_keys,) = [f for f in result.facts["SDX021"] if isinstance(f, SourceKeys)]
    init_keys = [f for f in result.facts["SDX023"] if isinstance(f, SourceKeys)]
    assert init_keys[0] is configmap_keys
    owners = [engine.fact_owner[code] for code in ("SDX050", "SDX051", "SDX052")]
    assert owners == ["SDX050", "SDX050", "SDX050"]
    assert {"SDX051", "SDX052"}.isdisjoint(result.facts)
    assert len(result.facts["SDX050"]) == 1


def test_rules_with_their_own_collect_keep_their_own_facts(tmp_path: Path) -> None:
    engine = engine_for(build_policy(Config(base_dir=tmp_path)))
    assert engine.fact_owner["SDX021"] == "SDX021"
    assert engine.fact_owner["SDX023"] == "SDX023"


def test_a_rule_sharing_facts_keeps_them_when_the_first_is_off(tmp_path: Path) -> None:
    policy = build_policy(Config(base_dir=tmp_path, ignore=("SDX050",)))
    engine = engine_for(policy)
    assert engine.fact_owner["SDX051"] == "SDX051"
    assert engine.fact_owner["SDX052"] == "SDX051"
    result = engine.lint_text("run.yaml", CONFIG_MAP_AND_SERVICE)
    assert set(result.facts) >= {"SDX051"} and "SDX050" not in result.facts


def test_the_memo_recomputes_for_another_object() -> None:
    calls: list[object] = []

    @per_object
    def facts(obj: object, extra: int) -> tuple[object, int]:
        calls.append(obj)
        return (obj, extra)

    first, second = object(), object()
    assert facts(first, 1) is facts(first, 2)  # type: ignore[arg-type]
    assert facts(second, 1) == (second, 1)  # type: ignore[arg-type]
    assert facts(first, 3) == (first, 3)  # type: ignore[arg-type]
    assert calls == [first, second, first]
