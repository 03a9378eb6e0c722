"""How Kubernetes reads typed fields, for checks that need a bool or an integer.

The API server decodes manifests with Go's YAML 1.1 rules, so `readOnly: yes` is true and
`replicas: 010` is eight. Our loader types scalars by YAML 1.2, so a field that Kubernetes
reads as a bool or int may reach a check as a string; these helpers give the answer the
cluster would.
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
    if isinstance(value, str) and _YAML11_INT.match(value):
        sign = -1 if value.startswith("-") else 1
        digits = value.lstrip("+-").replace("_", "")
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    return None
