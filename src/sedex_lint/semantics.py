"""YAML scalars as kubectl reads them, and typed fields as the API server reads them.

kubectl (and Helm, Argo CD, every Go client) turns YAML into JSON with sigs.k8s.io/yaml over
go-yaml v2, then reads that JSON into an unstructured object and sends it on. A plain scalar
therefore ends up as what go-yaml v2 resolves it to (YAML 1.1: `yes`/`on`/`y` are true, `010`
is 8, `0x10`, `0B10`, `0o7`, `1_000` and `+0x2` are integers), then as what JSON keeps of that:

* an integral number within int64 is an integer, whether written `2`, `2.0` or `2e0` (a
  float is first rounded to its shortest digits: `4611686018427387904.0` is 4611686018427388000);
* any other number is a float: `1e20`, and integers beyond int64 (`9223372036854775808`);
* `.inf` and `.nan` have no JSON form: kubectl refuses the document (see `NON_FINITE`);
* a mapping key becomes a string: `yes:` is "true", `010:` is "8", `1.5:` is "1.5".

Every rule was confirmed with `kubectl annotate --local -f FILE -o json` (tests/kubectl_oracle.py).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import struct
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fractions import Fraction

INT64_MIN, INT64_MAX, UINT64_MAX = -(2**63), 2**63 - 1, 2**64 - 1

_NOT_FIXED = object()
# go-yaml v2's table of words; anything else that does not look like a number is a string.
_FIXED: dict[str, Any] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "off", "Off", "OFF"), False),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
NON_FINITE = frozenset(text for text, value in _FIXED.items() if isinstance(value, float))
"""Plain scalars that kubectl reads but cannot write as JSON ("json: unsupported value")."""

_NUMBER_START = frozenset("0123456789+-.")
WORDS, NUMBER_START = frozenset(_FIXED), _NUMBER_START
"""A plain scalar is plainly a string, its text both its value and its key, when it is not one
of these words and does not start with one of these characters (for callers' hot paths):
`text not in WORDS and text[0] not in NUMBER_START` (an empty one is among the words)."""
# strconv.ParseInt(text, 0, 64) after go-yaml drops every underscore: a leading 0 is octal.
_GO_INT = re.compile(r"([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)\Z")
_GO_BASES = {"x": 16, "X": 16, "b": 2, "B": 2, "o": 8, "O": 8}
# Digits beyond which a value cannot fit in 64 bits; also keeps int() away from huge texts.
_MAX_DIGITS = {16: 16, 2: 64, 8: 22, 10: 20}
_GO_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NOT_NUMBER_END = frozenset("ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ")
"""Letters that end no number `go_number` reads (_GO_INT, _GO_FLOAT, `_dot_float`): each ends
with a digit, a hexadecimal one, a "." or an underscore (dropped before reading)."""


@cache
def _dot_float() -> re.Pattern[str]:
    """A scalar starting with "." goes to strconv.ParseFloat as written: an underscore only
    between two digits. Compiled on first use: most runs never need it."""
    return re.compile(r"\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?\Z")


@cache
def _not_utf8() -> re.Pattern[str]:  # compiled on first use: most runs never need it
    return re.compile("[\udc80-\udcff]")


class Unreadable(ValueError):
    """A scalar that go-yaml or the JSON conversion refuses; the message says why."""


def resolve_plain(text: str) -> Any:
    """The value kubectl sends for an untagged plain scalar (`.inf` and `.nan` included as
    floats: the caller refuses them where they survive into the object)."""
    fixed = _FIXED.get(text, _NOT_FIXED)
    if fixed is not _NOT_FIXED:
        return fixed
    if text[0] in _NUMBER_START:
        if text.isascii() and text.isdigit() and len(text) < 19 and (text[0] != "0" or text == "0"):
            return int(text)  # the commonest number: decimal, no leading zero, within int64
        return json_value(go_number(text))
    return text


def go_number(text: str) -> int | float | str:
    """go-yaml v2's reading of a plain scalar that starts like a number: an int (above
    INT64_MAX it is Go's uint64), a float, or the text itself."""
    if text[-1] in _NOT_NUMBER_END:  # a quantity such as 1Gi or 250m: no number ends so
        return text
    if text[0] == ".":
        if _dot_float().match(text):
            value = float(text.replace("_", ""))
            if not math.isinf(value):  # ParseFloat's range error leaves a string
                return value
        return text
    plain = text.replace("_", "")
    match = _GO_INT.match(plain)
    if match is not None:
        sign, digits = match.groups()
        base = _GO_BASES.get(digits[1:2], 8 if digits[0] == "0" else 10)
        body = digits[2:] if base != 10 and digits[1:2] in _GO_BASES else digits
        significant = body.lstrip("0")
        if len(significant) <= _MAX_DIGITS[base]:
            number = int(significant or "0", base)
            number = -number if sign == "-" else number
            if INT64_MIN <= number <= INT64_MAX or (not sign and number <= UINT64_MAX):
                return number
    if _GO_FLOAT.match(plain):
        value = float(plain)
        if not math.isinf(value):
            return value
    return text


def json_value(value: Any) -> Any:
    """What the unstructured object holds once the value has been through JSON."""
    kind = type(value)
    if kind is int:
        return value if value <= INT64_MAX else float(value)
    if kind is float and value.is_integer() and abs(value) < 1e21:
        # Go writes such a float as its shortest digits padded with zeros (2^62 is
        # 4611686018427388000), and reads that back as an integer when it fits int64.
        number = int(Decimal(repr(value)))
        return number if INT64_MIN <= number <= INT64_MAX else value
    return value


def json_key(value: Any) -> str:
    """sigs.k8s.io/yaml's string for a key go-yaml resolved to `value`; Unreadable if none."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value > INT64_MAX:
            raise Unreadable("an unsigned 64-bit integer")
        return str(value)
    if isinstance(value, float):
        return _float32_g(value)
    raise Unreadable("null")


def plain_key(text: str) -> str:
    """The JSON key of an untagged plain scalar key (hot path: most keys are plain words)."""
    fixed = _FIXED.get(text, _NOT_FIXED)
    if fixed is not _NOT_FIXED:
        return json_key(fixed)
    if text[0] in _NUMBER_START:
        return json_key(go_number(text))
    return text


def _float32_g(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's names for infinity and NaN."""
    if math.isnan(value):
        return ".nan"
    try:
        single = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:  # beyond float32: Go's conversion gives an infinity
        single = math.copysign(math.inf, value)
    if math.isinf(single):
        return ".inf" if single > 0 else "-.inf"
    if single == 0:
        return "-0" if math.copysign(1, single) < 0 else "0"
    digits, point = _shortest_float32(abs(single))
    sign = "-" if single < 0 else ""
    exponent = point - 1
    if exponent < -4 or exponent >= 6:  # Go's %g for the shortest digits
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def _shortest_float32(single: float) -> tuple[str, int]:
    """Fewest significant digits that strconv reads back as this float32, the nearest if
    several; as (digits, position of the decimal point)."""
    from fractions import Fraction  # here: only float32 values need it, and it is slow to import

    low, high, even = _rounding_interval(single)
    exact = Fraction(single)
    for precision in range(1, 10):
        mantissa, _, exponent = f"{single:.{precision - 1}e}".partition("e")
        nearest = int(mantissa.replace(".", ""))
        scale = int(exponent) - precision + 1
        unit = Fraction(10) ** scale
        fits = [
            candidate
            for candidate in (nearest, nearest - 1, nearest + 1)
            if low < candidate * unit < high or (even and candidate * unit in (low, high))
        ]
        if fits:
            best = min(fits, key=lambda candidate: abs(candidate * unit - exact))
            return str(best).rstrip("0"), len(str(best)) + scale
    raise AssertionError("nine digits always identify a float32")  # pragma: no cover


def _rounding_interval(single: float) -> tuple[Fraction, Fraction, bool]:
    """The values that round to this positive float32: between the midpoints to its
    neighbours, the ends included when its mantissa is even (ties go to even)."""
    from fractions import Fraction

    bits = struct.unpack("<I", struct.pack("<f", single))[0]
    below = struct.unpack("<f", struct.pack("<I", bits - 1))[0]
    exact = Fraction(single)
    gap_below = exact - Fraction(below)
    above = struct.unpack("<f", struct.pack("<I", bits + 1))[0]
    gap_above = Fraction(above) - exact if not math.isinf(above) else gap_below
    return exact - gap_below / 2, exact + gap_above / 2, bits % 2 == 0


def resolve_tagged(tag: str, text: str) -> Any:
    """go-yaml v2's value for a scalar with an explicit tag: `!!int "3"` is 3, `!!float 3` is
    3.0, `!!binary` is decoded; a custom tag (never executed) keeps the text."""
    name = tag.rpartition(":")[2] if tag.startswith("tag:yaml.org,2002:") else ""
    if name == "binary":
        try:
            data = base64.b64decode(text.replace("\n", "").replace("\r", ""), validate=True)
        except (binascii.Error, ValueError):
            raise Unreadable("!!binary value contains invalid base64 data") from None
        # Go's JSON encoder writes U+FFFD for each byte that is not UTF-8
        return _not_utf8().sub("\ufffd", data.decode("utf-8", "surrogateescape"))
    if name not in ("int", "float", "bool", "null"):
        return text  # !!str, !!timestamp (see docs/usage.md) and every unknown tag
    fixed = _FIXED.get(text, _NOT_FIXED)
    if fixed is _NOT_FIXED:
        fixed = go_number(text) if text[:1] in _NUMBER_START else text
    found = _go_tag(fixed)
    if found == name:
        return fixed
    if name == "float" and found == "int" and fixed <= INT64_MAX:
        return float(fixed)
    raise Unreadable(f"cannot decode !!{found} `{text}` as a !!{name}")


def _go_tag(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "bool", int: "int", float: "float"}.get(type(value), "str")


def k8s_bool(value: Any) -> bool | None:
    """True/False as the cluster sees the field, None when it is absent or not a boolean.
    The loader already reads `yes`/`on` as true; a quoted "yes" reaches the API server as a
    string, which it refuses for a boolean field."""
    return value if isinstance(value, bool) else None


def k8s_int(value: Any) -> int | None:
    """An integer as the cluster sees the field, None when absent or not an integer. The loader
    already reads `2.0` as 2; a float left (2.5, 1e20) or a quoted "3" is refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value
