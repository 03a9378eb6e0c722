"""How Kubernetes reads typed fields, for checks that need a bool or an integer.

The API server decodes manifests with Go's YAML 1.1 rules, so `readOnly: yes` is true and
`replicas: 010` is eight. The loader already reads integers that way (see construct), but
keeps `yes`/`on` as strings, since Kubernetes keeps them in string fields; these helpers
give the answer the cluster would for fields it types as booleans or integers.
"""

from __future__ import annotations

import re
from typing import Any

_YAML11_TRUE = frozenset({"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
_YAML11_FALSE = frozenset(
    {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}
)
_YAML11_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)\Z")


def k8s_bool(value: Any) -> bool | None:
    """True/False as the cluster sees the field, None when it is absent or not a boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value in _YAML11_TRUE:
            return True
        if value in _YAML11_FALSE:
            return False
    return None


def k8s_int(value: Any) -> int | None:
    """An integer as the cluster sees the field, None when absent or not an integer."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    # A string (a quoted "3") is not an integer to the API server: it refuses the object.
    return None


def yaml11_int(text: str) -> int | None:
    """Go's YAML 1.1 integer rules: underscores ignored, 0b binary, 0x hex, leading 0 octal."""
    if not _YAML11_INT.match(text):
        return None
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace("_", "")
    try:
        if digits.startswith(("0b", "0x")):
            return sign * int(digits, 0)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:
        return None
