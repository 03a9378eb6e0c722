"""Where the built-in rules/ and schemas/ are: inside the wheel, or at the top of a checkout.

The wheel carries them as package data (`sedex_lint/_data/`); an editable install or a plain
checkout reads the top-level directories directly, so editing a rule needs no reinstall.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"sedex-lint is installed without its {name}/ directory")


def rules_dir() -> Path:
    return data_dir("rules")


def schema_path(name: str) -> Path:
    return data_dir("schemas") / name
