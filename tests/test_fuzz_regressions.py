"""Every input the fuzzers once failed on stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.invariants import check_input
from tests.conftest import REPO

CRASHES = sorted(p for p in (REPO / "fuzz" / "crashes").iterdir() if p.name != "README.md")


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.name)
def test_fuzz_reproducer_holds_every_invariant(path: Path) -> None:
    check_input(path.read_bytes(), "reproducer.yaml")
