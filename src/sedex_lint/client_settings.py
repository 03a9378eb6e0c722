"""The sedex Client's settings as a container's environment gives them (facts §7.4, §7.5).

Rules read a setting only from a literal `env` value. A value taken from a Secret or a
ConfigMap, or built from another variable with `$(NAME)`, is unknown, and unknown means no
finding. Names are read exactly as written: the documented names are upper case, and Linux
environment variables are case-sensitive, so `wsproxy_start` is another variable.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import re
from functools import cache
from typing import NamedTuple

from sedex_lint.env import EnvVar, env_sources, env_vars, literal_text
from sedex_lint.model import Path
from sedex_lint.workload import Container, mapping, sequence


@cache
def _reference() -> re.Pattern[str]:
    """`$(NAME)`, which Kubernetes replaces with another variable's value; `$$(NAME)` escapes
    it. Compiled on first use: most runs never need it."""
    return re.compile(r"(?<!\$)\$\([A-Za-z_][A-Za-z0-9_.-]*\)")


class Setting(NamedTuple):
    """A literal value of one variable, as the container sees it."""

    name: str
    text: str
    path: Path
    """Where the value is written; the `env` entry itself when it sets no `value`."""


def setting(container: Container, name: str) -> Setting | None:
    """The value of `name` when the manifest states it, else None (absent or unknown).

    For a name given twice the last entry wins, as in Kubernetes. An entry with neither a
    `value` nor a `valueFrom` sets the variable to the empty string.
    """
    var = env_vars(container).get(name)
    if var is None:
        return None
    if var.literal:
        text = literal_text(var)
        if text is None or _reference().search(text):
            return None
        return Setting(name, text, var.value_path)
    if var.reference is None and "valueFrom" not in _entry(container, var):
        return Setting(name, "", var.value_path)
    return None


def unset(container: Container, name: str) -> bool:
    """No `env` entry names the variable and no `envFrom` source could supply it."""
    if name in env_vars(container):
        return False
    return not any(name.startswith(source.prefix) for source in env_sources(container))


def flag(text: str) -> bool | None:
    """`true` or `false` as the author meant it, in any case; None for any other text."""
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def _entry(container: Container, var: EnvVar) -> dict[str, object]:
    index = var.path[-1]
    entries = sequence(container.data.get("env"))
    return mapping(entries[index]) if isinstance(index, int) and index < len(entries) else {}
