"""Whole-run rules that need the same facts of an object share them: computed once, kept once
(the facts of a 50,000-document run are most of its memory)."""

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
    result = engine_for(build_policy(Config(base_dir=tmp_path))).lint_text(
        "run.yaml", CONFIG_MAP_AND_SERVICE
    )
    (configmap_keys,) = [f for f in result.facts["SDX021"] if isinstance(f, SourceKeys)]
    init_keys = [f for f in result.facts["SDX023"] if isinstance(f, SourceKeys)]
    assert init_keys[0] is configmap_keys
    exposure = [result.facts[code] for code in ("SDX050", "SDX051", "SDX052")]
    assert len(exposure[0]) == 1
    assert exposure[1][0] is exposure[0][0] and exposure[2][0] is exposure[0][0]


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
