"""Kubernetes ``resource.Quantity`` values (memory sizes in bytes), parsed as the API server
parses them (apimachinery's `Quantity.UnmarshalJSON` and `ParseQuantity`).

What is accepted is exactly what Kubernetes accepts, with two limits of our own (64 characters,
exponents up to 100) that keep a hostile value from costing unbounded time; see docs/usage.md.
Kubernetes trims spaces around a quoted quantity (`"1Gi "`), but only the spaces that reach it
as themselves: kubectl's JSON writes a tab or line break as an escape (`\t`), which is not
trimmed. A sign, a point or a suffix alone is zero (`Gi`, `.`, `-`), as in `ParseQuantity`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache

__all__ = ["QuantityError", "parse_quantity"]

MAX_LENGTH = 64
MAX_EXPONENT = 100
_NANO = -9
_BINARY_CAP = 2**63 - 1
"""`ParseQuantity` silently caps a binary-suffixed quantity (`8Ei`) at 2^63-1."""

_BINARY_SI: dict[str, int] = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL_SI: dict[str, int] = {
    "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
}  # fmt: skip
# Letters people type for a prefix, mapped to the valid decimal and binary spellings.
_PREFIX_HINTS: dict[str, tuple[str, str]] = {
    "k": ("k", "Ki"), "m": ("M", "Mi"), "g": ("G", "Gi"),
    "t": ("T", "Ti"), "p": ("P", "Pi"), "e": ("E", "Ei"),
}  # fmt: skip
# Go's strings.TrimSpace, less what Go's JSON encoder escapes (tab, CR, LF, VT, FF, U+2028,
# U+2029): Quantity.UnmarshalJSON trims the JSON text, escapes and all.
_TRIMMED = " \u0085\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# The scanner of ParseQuantity ([0-9], not \d: \d also matches non-ASCII digits).
_QUANTITY = re.compile(
    r"(?P<sign>[+-]?)(?P<whole>[0-9]*)(?:\.(?P<fraction>[0-9]*))?"
    r"(?P<suffix>[eEinumkKMGTP]*[-+]?[0-9]*)"
)


@cache
def _exponent() -> re.Pattern[str]:  # compiled on first use: most runs never need it
    return re.compile(r"[eE](?P<exp>[+-]?[0-9]+)")


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


def _parse_text(written: str) -> Decimal:
    text = written.strip(_TRIMMED)
    if not text:
        raise _fail(written, "it is empty")
    if len(text) > MAX_LENGTH:
        raise _fail(written, f"it is longer than {MAX_LENGTH} characters")
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise _fail(written, _scanner_reason(text))
    whole, fraction, suffix = match["whole"], match["fraction"] or "", match["suffix"]
    has_number = bool(whole) or match["fraction"] is not None
    digits = int(whole + fraction or "0")
    scale = -len(fraction)
    if suffix in _DECIMAL_SI:
        scale += _DECIMAL_SI[suffix]
    elif suffix in _BINARY_SI:
        digits *= 1024 ** _BINARY_SI[suffix]
    elif exponent := _exponent().fullmatch(suffix):
        power = int(exponent["exp"])
        if abs(power) > MAX_EXPONENT:
            raise _fail(written, f"the exponent is larger than {MAX_EXPONENT} in magnitude")
        scale += power
    else:
        raise _fail(written, _suffix_reason(suffix) if has_number else _NO_NUMBER)
    if scale < _NANO:  # Kubernetes keeps nano precision, rounding away from zero
        digits = -(-digits // 10 ** (_NANO - scale))
        scale = _NANO
    if suffix in _BINARY_SI and scale <= 0 and digits > _BINARY_CAP * 10**-scale:
        digits, scale = _BINARY_CAP, 0
    # Drop trailing zeros so equal amounts share one canonical Decimal (1000m -> 1, not 1.000).
    while scale < 0 and digits and digits % 10 == 0:
        digits //= 10
        scale += 1
    if digits == 0:
        return Decimal(0)
    signed = -digits if match["sign"] == "-" else digits
    if scale >= 0:
        return Decimal(signed * 10**scale)
    return Decimal(f"{signed}E{scale}")


_NO_NUMBER = "it must start with a number"


def _scanner_reason(text: str) -> str:
    if any(character.isspace() for character in text):
        return "it must not contain whitespace, except spaces at either end"
    if text.count(".") > 1:
        return "it has more than one decimal point"
    number = re.match(r"[+-]?[0-9]*(\.[0-9]*)?", text)  # only an invalid quantity gets here
    assert number is not None  # every part of the pattern is optional
    if not number.group().lstrip("+-"):
        return _NO_NUMBER
    return _suffix_reason(text[number.end() :])


def parse_quantity(value: object) -> Decimal:
    """The number of base units (bytes for memory) that Kubernetes stores for ``value``, the
    value of a manifest field as the loader reads it (a string, an int or a float)."""
    if isinstance(value, bool):
        raise QuantityError(f"{value!r} is not a valid Kubernetes quantity: it is a boolean")
    if isinstance(value, int):
        return Decimal(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QuantityError(f"{value!r} is not a valid Kubernetes quantity: it is not finite")
        # Kubernetes parses the shortest text that JSON writes for the float, as repr does:
        # YAML's 1e9 is exactly 10**9, not a binary float.
        return _parse_text(float.__repr__(value))
    if isinstance(value, str):
        return _parse_text(str.__str__(value))
    raise QuantityError(
        f"a value of type {type(value).__name__} is not a valid Kubernetes quantity: "
        "expected a string or a number"
    )
