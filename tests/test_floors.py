"""The CI floors job installs .ci/floors.txt: it must pin exactly pyproject.toml's lower bounds."""

from __future__ import annotations

import re

from sedex_lint.settings_file import toml_module
from tests.conftest import REPO

FLOORS = REPO / ".ci" / "floors.txt"
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*([^;]*?)\s*(?:;.*)?$")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds() -> dict[str, str]:
    """{dependency: its `>=` version} for every runtime dependency in pyproject.toml."""
    project = toml_module().loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    bounds = {}
    for requirement in project["project"]["dependencies"]:
        match = _REQUIREMENT.match(requirement)
        assert match, requirement
        floors = [s.strip()[2:].strip() for s in match[2].split(",") if s.strip()[:2] == ">="]
        assert len(floors) == 1, f"{requirement}: every dependency needs one >= floor"
        bounds[normalized(match[1])] = floors[0]
    return bounds


def pins() -> dict[str, tuple[str, str]]:
    """{package: (version, the comment lines above it)} from .ci/floors.txt."""
    pinned, comment = {}, ""
    for line in FLOORS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comment += line + "\n"
        elif line.strip():
            name, _, version = line.partition("==")
            assert version and " " not in version.strip(), f"{line}: not a plain name==version"
            pinned[normalized(name.strip())] = (version.strip(), comment)
            comment = ""
    return pinned


def test_floors_pin_exactly_the_lower_bounds_of_pyproject() -> None:
    bounds, pinned = lower_bounds(), pins()
    assert {name: pinned.get(name, ("missing", ""))[0] for name in bounds} == bounds
    for name, (_, comment) in pinned.items():
        if name not in bounds:  # a dependency of a dependency, pinned for a reason
            assert "transitive:" in comment, f"{name}: not a runtime dependency of sedex-lint"


def test_every_floor_says_why_it_is_not_older() -> None:
    for name, (_, comment) in pins().items():
        assert comment.strip(), f"{name}: no comment in .ci/floors.txt says why this floor"
