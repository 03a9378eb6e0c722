"""Exact parsing of Kubernetes ``resource.Quantity`` strings (memory sizes in bytes)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

__all__ = ["QuantityError", "parse_quantity"]

MAX_LENGTH = 64
MAX_EXPONENT = 100

_BINARY_SI: dict[str, int] = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL_SI: dict[str, int] = {
    "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
}  # fmt: skip
# Letters people type for a prefix, mapped to the valid decimal and binary spellings.
_PREFIX_HINTS: dict[str, tuple[str, str]] = {
    "k": ("k", "Ki"), "m": ("M", "Mi"), "g": ("G", "Gi"),
    "t": ("T", "Ti"), "p": ("P", "Pi"), "e": ("E", "Ei"),
}  # fmt: skip
# [0-9], not \d: \d also matches non-ASCII digits, which Kubernetes rejects.
_QUANTITY = re.compile(r"(?P<sign>[+-]?)(?P<number>[0-9]+\.?[0-9]*|\.[0-9]+)(?P<suffix>.*)")
_EXPONENT = re.compile(r"[eE](?P<exp>[+-]?[0-9]+)")


class QuantityError(ValueError):
    """Raised when a value is not a valid Kubernetes quantity."""


def _fail(text: str, reason: str) -> QuantityError:
    shown = text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "..."
    return QuantityError(f"{shown!r} is not a valid Kubernetes quantity: {reason}")


def _suffix_reason(suffix: str) -> str:
    if suffix[0] in "eE" and suffix[1:2] in tuple("+-0123456789"):
        return "the exponent after 'e' must be a whole number"
    base = suffix[:-1] if len(suffix) > 1 and suffix[-1] in "Bb" else suffix
    why = "the byte unit is implied" if base != suffix else "suffixes are case-sensitive"
    for binary in _BINARY_SI:
        if base.lower() == binary.lower():
            return f"{why}, did you mean {binary!r}?"
    if len(base) == 1 and base.lower() in _PREFIX_HINTS:
        decimal, binary = _PREFIX_HINTS[base.lower()]
        return f"{why}, did you mean {decimal!r} or {binary!r}?"
    return f"unknown suffix {suffix!r}"


def _parse_text(text: str) -> Decimal:
    if not text:
        raise _fail(text, "it is empty")
    if len(text) > MAX_LENGTH:
        raise _fail(text, f"it is longer than {MAX_LENGTH} characters")
    if any(ch.isspace() for ch in text):
        raise _fail(text, "it must not contain whitespace")
    if text.count(".") > 1:
        raise _fail(text, "it has more than one decimal point")
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise _fail(text, "it must start with a number")
    whole, _, fraction = match["number"].partition(".")
    suffix = match["suffix"]
    digits = int(whole + fraction)
    scale = -len(fraction)
    exponent = _EXPONENT.fullmatch(suffix)
    if suffix in _BINARY_SI:
        digits *= 1024 ** _BINARY_SI[suffix]
    elif suffix in _DECIMAL_SI:
        scale += _DECIMAL_SI[suffix]
    elif exponent is not None:
        power = int(exponent["exp"])
        if abs(power) > MAX_EXPONENT:
            raise _fail(text, f"the exponent is larger than {MAX_EXPONENT} in magnitude")
        scale += power
    else:
        raise _fail(text, _suffix_reason(suffix))
    # Drop trailing zeros so equal amounts share one canonical Decimal (1000m -> 1, not 1.000).
    while scale < 0 and digits and digits % 10 == 0:
        digits //= 10
        scale += 1
    if digits == 0:
        return Decimal(0)
    sign = -1 if match["sign"] == "-" else 1
    if scale >= 0:
        return Decimal(sign * digits * 10**scale)
    return Decimal(f"{match['sign']}{digits}E{scale}")


def parse_quantity(value: object) -> Decimal:
    """Return the exact number of base units (bytes for memory) that ``value`` denotes."""
    if isinstance(value, bool):
        raise QuantityError(f"{value!r} is not a valid Kubernetes quantity: it is a boolean")
    if isinstance(value, int):
        return Decimal(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QuantityError(f"{value!r} is not a valid Kubernetes quantity: it is not finite")
        # The shortest repr round-trips, so YAML's 1e9 becomes exactly 10**9, not a binary float.
        return _parse_text(float.__repr__(value))
    if isinstance(value, str):
        return _parse_text(str.__str__(value))
    raise QuantityError(
        f"a value of type {type(value).__name__} is not a valid Kubernetes quantity: "
        "expected a string or a number"
    )
