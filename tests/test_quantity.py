"""Tests for sedex_lint.quantity."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from ruamel.yaml import YAML

from sedex_lint.quantity import QuantityError, parse_quantity

GIB = 1024**3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1G", Decimal(10**9)),
        ("1Gi", Decimal(GIB)),
        ("1000Mi", Decimal(1048576000)),
        ("954Mi", Decimal(1000341504)),
        ("953Mi", Decimal(999292928)),
        ("950Mi", Decimal(996147200)),
        ("1e9", Decimal(10**9)),
        ("1E9", Decimal(10**9)),
        (1e9, Decimal(10**9)),
        ("0.5Gi", Decimal(536870912)),
        ("1000m", Decimal(1)),
        ("1.5", Decimal("1.5")),
        ("-1Gi", Decimal(-GIB)),
        ("+1Gi", Decimal(GIB)),
        (128974848, Decimal(128974848)),
        ("128974848", Decimal(128974848)),
        ("1Ki", Decimal(1024)),
        ("1Mi", Decimal(1024**2)),
        ("1Ti", Decimal(1024**4)),
        ("1Pi", Decimal(1024**5)),
        ("1Ei", Decimal(1024**6)),
        ("1n", Decimal("0.000000001")),
        ("1u", Decimal("0.000001")),
        ("1m", Decimal("0.001")),
        ("1k", Decimal(1000)),
        ("1M", Decimal(10**6)),
        ("1T", Decimal(10**12)),
        ("1P", Decimal(10**15)),
        ("1E", Decimal(10**18)),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("5.Gi", Decimal(5 * GIB)),
        ("1.5e+3", Decimal(1500)),
        ("2e-3", Decimal("0.002")),
        ("1e0", Decimal(1)),
        ("0", Decimal(0)),
        ("-0.0Gi", Decimal(0)),
        (0, Decimal(0)),
        (1.5, Decimal("1.5")),
        (0.1, Decimal("0.1")),
        ("0.1", Decimal("0.1")),
        (-2.5e-3, Decimal("-0.0025")),
        (1e22, Decimal(10**22)),
    ],
)
def test_parse_exact_value(value: object, expected: Decimal) -> None:
    result = parse_quantity(value)
    assert type(result) is Decimal
    assert result == expected


def test_memory_threshold_around_one_gigabyte() -> None:
    assert parse_quantity("954Mi") >= 10**9
    assert parse_quantity("953Mi") < 10**9
    assert parse_quantity("950Mi") < 10**9
    assert parse_quantity("1Gi") > parse_quantity("1G")


def test_no_precision_lost_beyond_default_decimal_context() -> None:
    mantissa = 123456789012345678901234567890123
    assert parse_quantity("123456789012345678901234567890.123E") == Decimal(f"{mantissa}E15")
    assert parse_quantity("1234567890123456789012345678.000000001") == Decimal(
        "1234567890123456789012345678.000000001"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ParseQuantity keeps nano precision, rounding a finer value away from zero
        ("1.0000000000000000000000000000000000001", Decimal("1.000000001")),
        ("1e-100", Decimal("1E-9")),
        ("0.0000000001", Decimal("1E-9")),
        ("-0.0000000001", Decimal("-1E-9")),
        ("0.0000000015Ki", Decimal("0.000001536")),
        # and silently caps a binary-suffixed quantity at 2^63-1
        ("7Ei", Decimal(7 * 2**60)),
        ("8Ei", Decimal(2**63 - 1)),
        ("123456789012345678901234567890.123Ei", Decimal(2**63 - 1)),
        ("-9Ei", Decimal(-(2**63 - 1))),
        ("9223372036854775808", Decimal(2**63)),
    ],
)
def test_rounding_and_cap_of_kubernetes(value: str, expected: Decimal) -> None:
    assert parse_quantity(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Quantity.UnmarshalJSON trims spaces around the JSON string (strings.TrimSpace)
        ("1Gi ", Decimal(GIB)),
        (" 1Gi", Decimal(GIB)),
        ("  512Mi  ", Decimal(512 * 2**20)),
        ("\u00a01Gi\u3000", Decimal(GIB)),
        ("1Gi\u2009", Decimal(GIB)),
        # a sign, a point or a suffix alone is zero to ParseQuantity
        ("Gi", Decimal(0)),
        ("e9", Decimal(0)),
        (".", Decimal(0)),
        ("-", Decimal(0)),
        ("+", Decimal(0)),
        (".Gi", Decimal(0)),
        ("-.", Decimal(0)),
        ("1E", Decimal(10**18)),
        ("1e+03", Decimal(1000)),
    ],
)
def test_what_kubernetes_also_accepts(value: str, expected: Decimal) -> None:
    assert parse_quantity(value) == expected


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("1000m", "1"), ("1G", "1000000000"), ("1.500", "1.5"), ("1500m", "1.5"), ("0.000", "0")],
)
def test_result_is_canonical(value: str, canonical: str) -> None:
    assert str(parse_quantity(value)) == canonical


def test_yaml_scalars_from_ruamel() -> None:
    doc = YAML().load(io.StringIO("a: 1e9\nb: 1073741824\nc: 0x10\nd: 512Mi\ne: 1.5\n"))
    assert parse_quantity(doc["a"]) == 10**9
    assert parse_quantity(doc["b"]) == GIB
    assert parse_quantity(doc["c"]) == 16
    assert parse_quantity(doc["d"]) == 512 * 1024**2
    assert parse_quantity(doc["e"]) == Decimal("1.5")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1gi", "suffixes are case-sensitive, did you mean 'Gi'?"),
        ("1mi", "suffixes are case-sensitive, did you mean 'Mi'?"),
        ("1KI", "suffixes are case-sensitive, did you mean 'Ki'?"),
        ("1K", "suffixes are case-sensitive, did you mean 'k' or 'Ki'?"),
        ("1g", "suffixes are case-sensitive, did you mean 'G' or 'Gi'?"),
        ("1e", "suffixes are case-sensitive, did you mean 'E' or 'Ei'?"),
        ("1GB", "the byte unit is implied, did you mean 'G' or 'Gi'?"),
        ("1Gb", "the byte unit is implied, did you mean 'G' or 'Gi'?"),
        ("1MB", "the byte unit is implied, did you mean 'M' or 'Mi'?"),
        ("1GiB", "the byte unit is implied, did you mean 'Gi'?"),
        ("1B", "unknown suffix 'B'"),
        ("1x", "unknown suffix 'x'"),
        ("1Gi1", "unknown suffix 'Gi1'"),
        ("--1", "it must start with a number"),
        ("+-1", "it must start with a number"),
        ("x", "it must start with a number"),
        ("\u0661G", "it must start with a number"),
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("1 G", "it must not contain whitespace, except spaces at either end"),
        # kubectl's JSON writes these as escapes (\t, \n, \u2028), which are not trimmed
        ("1G\n", "it must not contain whitespace, except spaces at either end"),
        ("\t1G", "it must not contain whitespace, except spaces at either end"),
        ("1G\u2028", "it must not contain whitespace, except spaces at either end"),
        ("1K5", "unknown suffix 'K5'"),
        ("1.2.3", "it has more than one decimal point"),
        ("1e1.5", "the exponent after 'e' must be a whole number"),
        ("1e+", "the exponent after 'e' must be a whole number"),
        ("1e101", "the exponent is larger than 100 in magnitude"),
        ("1e-101", "the exponent is larger than 100 in magnitude"),
    ],
)
def test_invalid_string(value: str, reason: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(value)
    assert str(info.value) == f"{value!r} is not a valid Kubernetes quantity: {reason}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "True is not a valid Kubernetes quantity: it is a boolean"),
        (False, "False is not a valid Kubernetes quantity: it is a boolean"),
        (float("nan"), "nan is not a valid Kubernetes quantity: it is not finite"),
        (float("-inf"), "-inf is not a valid Kubernetes quantity: it is not finite"),
        (1e300, "'1e+300' is not a valid Kubernetes quantity: "
                "the exponent is larger than 100 in magnitude"),
        (None, "a value of type NoneType is not a valid Kubernetes quantity: "
               "expected a string or a number"),
        ([1], "a value of type list is not a valid Kubernetes quantity: "
              "expected a string or a number"),
        (Decimal(1), "a value of type Decimal is not a valid Kubernetes quantity: "
                     "expected a string or a number"),
    ],
)  # fmt: skip
def test_invalid_non_string(value: object, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(value)
    assert str(info.value) == message


def test_length_limit() -> None:
    assert parse_quantity("1" * 64) == int("1" * 64)
    with pytest.raises(QuantityError, match="longer than 64 characters") as info:
        parse_quantity("1" * 65)
    assert str(info.value).startswith(f"'{'1' * 64}...' is not")


@pytest.mark.parametrize(("text", "expected"), [("1e100", 10**100), ("1e-100", Decimal("1E-9"))])
def test_exponent_limit_is_inclusive(text: str, expected: Decimal) -> None:
    assert parse_quantity(text) == expected


def test_error_is_value_error() -> None:
    assert issubclass(QuantityError, ValueError)
    with pytest.raises(ValueError):
        parse_quantity("1GB")
