"""The property every input must satisfy, shared by the hypothesis tests and the fuzzers.

For any bytes at all, `lint_text`:

* raises nothing, and no rule crashes (an internal error, exit code 3, is a bug);
* exits 0, 1 or 2, and 2 whenever it reports an input error;
* never passes silently: a report without findings and without errors is only accepted when
  the bytes decode as sedex-lint documents it (UTF-8, or UTF-8/16/32 with a BOM, no NUL) and
  libyaml composes the whole text, with as many documents as the report counts;
* places every finding and error at line >= 1 and column >= 1, inside the input (on a line
  it has, at most one column past that line's end, counting lines as libyaml or as an editor
  does), and every finding's end at or after its start;
* renders a JSON report that parses and validates against schemas/report.schema.json and
  agrees with the report, and a text report in which every finding and error appears as
  `file:line:col` and whose verdict matches the exit code.

A broken invariant raises `InvariantViolation` (an AssertionError) naming it.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from sedex_lint.api import lint_text
from sedex_lint.model import Finding, InputError, Report, Severity
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.reporters import json_report, text

REPO = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = REPO / "schemas" / "report.schema.json"
FAIL_ON = Severity.ERROR
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_YAML_LINES = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as libyaml counts them (YAML 1.1)."""
_EDITOR_LINES = re.compile("\r\n|[\r\n]")


class InvariantViolation(AssertionError):
    """sedex-lint broke the fuzzing property on an input."""


@cache
def rules() -> RuleSet:
    """The built-in rules, loaded once: `lint_text` would re-read the rule files per call."""
    return builtin_rules()


@cache
def _schema_validator() -> Draft202012Validator:
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _libyaml() -> YAML:
    return YAML(typ="safe", pure=False)


def _count_documents(text: str) -> int:
    """Documents as libyaml composes them; for the two constructs that the bundled libyaml
    0.1.7 refuses although they are valid (sedex-lint re-reads those with the pure-Python
    parser), as the pure-Python parser composes them."""
    try:
        return sum(1 for _ in _libyaml().compose_all(text))
    except Exception as error:
        gaps = ("found unexpected ':'", "invalid Unicode character escape code")
        if not any(gap in str(error) for gap in gaps):
            raise
        return sum(1 for _ in YAML(typ="safe", pure=True).compose_all(text))


def check_input(data: bytes, name: str = "fuzz.yaml") -> Report:
    """Lint `data` as file `name` and check every invariant; return the report."""
    report = lint_text(data, name, rules=rules())
    check_report(report, data, name)
    return report


def check_report(report: Report, data: bytes, name: str) -> None:
    code = report.exit_code(FAIL_ON)
    _require(
        not report.internal_errors,
        f"a rule crashed (exit 3): {[(e.rule, e.message) for e in report.internal_errors]}",
    )
    _require(code in (0, 1, 2), f"exit code {code} is not 0, 1 or 2")
    _require(not report.errors or code == 2, f"input errors but exit code {code}, not 2")
    _require(report.files == (name,), f"report lists files {report.files!r}, not {name!r}")
    _require(report.counts.files == 1, f"report counts {report.counts.files} files, not 1")
    if not report.findings and not report.errors:
        _require_legitimately_clean(report, data)
    layout = _Layout(data)
    for finding in (*report.findings, *report.suppressed):
        _check_finding(finding, name, layout)
    for error in report.errors:
        _check_error(error, name, layout)
    _check_json(report, code)
    _check_text(report, code)


def decode(data: bytes) -> str | None:
    """The text sedex-lint is documented to read from `data`, or None when it must refuse it."""
    text = _decode_allowing_nul(data)
    return None if text is None or "\x00" in text else text


def _decode_allowing_nul(data: bytes) -> str | None:
    encoding = "utf-8"
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], bom_encoding
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _require_legitimately_clean(report: Report, data: bytes) -> None:
    decoded = decode(data)
    _require(decoded is not None, "silent pass: the input does not decode, but no input error")
    assert decoded is not None
    try:
        documents = _count_documents(decoded)
    except Exception as error:  # any refusal by libyaml means the input was not fully read
        raise InvariantViolation(
            f"silent pass: libyaml refuses the input ({type(error).__name__}: "
            f"{' '.join(str(error).split())[:300]}), but the report has no finding and no error"
        ) from None
    _require(
        documents == report.counts.documents,
        f"silent partial pass: libyaml composes {documents} documents, the report counts "
        f"{report.counts.documents} and has no finding and no error",
    )


class _Layout:
    """The lines of an input, to tell whether a position lies inside it."""

    def __init__(self, data: bytes) -> None:
        text = _decode_allowing_nul(data)
        self.text = text
        if text is None:  # undecodable: positions count bytes between line ends, as editors do,
            # or, after a UTF-16/32 byte-order mark, the characters decoded so far
            self.splittings = [
                [len(line) for line in re.split(pattern, data)]
                for pattern in (rb"\r\n|[\r\n]", rb"\n")
            ]
            for bom, encoding in _BOMS:
                if data.startswith(bom):
                    lenient = data[len(bom) :].decode(encoding, errors="replace")
                    self.splittings.append([len(line) for line in _EDITOR_LINES.split(lenient)])
                    break
        else:
            self.splittings = [
                [len(line) for line in pattern.split(text)]
                for pattern in (_YAML_LINES, _EDITOR_LINES)
            ]

    def inside(self, line: int, column: int) -> bool:
        """On a line the input has, at most one column past its end (under either count)."""
        return any(
            1 <= line <= len(lengths) and 1 <= column <= lengths[line - 1] + 1
            for lengths in self.splittings
        )

    def describe(self) -> str:
        return " or ".join(f"{len(lengths)} lines" for lengths in self.splittings)


def _check_finding(finding: Finding, name: str, layout: _Layout) -> None:
    where = f"{finding.code} at {finding.position}"
    position = finding.position
    _require(finding.file == name, f"{where}: file {finding.file!r}, not {name!r}")
    _require(position.line >= 1 and position.column >= 1, f"{where}: line or column below 1")
    _require(position.end_line >= 1 and position.end_column >= 1, f"{where}: end below 1")
    _require(
        (position.end_line, position.end_column) >= (position.line, position.column),
        f"{where}: ends before it starts",
    )
    _require(
        layout.inside(position.line, position.column)
        and layout.inside(position.end_line, position.end_column),
        f"{where}: outside the input ({layout.describe()})",
    )
    _require(bool(finding.message.strip()), f"{where}: empty message")


def _check_error(error: InputError, name: str, layout: _Layout) -> None:
    where = f"input error {error.message!r} at {error.line}:{error.column}"
    _require(error.file == name, f"{where}: file {error.file!r}, not {name!r}")
    _require(error.line >= 1 and error.column >= 1, f"{where}: line or column below 1")
    _require(
        layout.inside(error.line, error.column),
        f"{where}: outside the input ({layout.describe()})",
    )
    _require(bool(error.message.strip()), f"{where}: empty message")


def _check_json(report: Report, code: int) -> None:
    rendered = json_report.render(report, FAIL_ON)
    try:
        document: Any = json.loads(rendered)
    except ValueError as error:
        raise InvariantViolation(f"the JSON report does not parse: {error}") from None
    problems = sorted(_schema_validator().iter_errors(document), key=lambda e: list(e.path))
    _require(
        not problems,
        "the JSON report breaks schemas/report.schema.json: "
        + "; ".join(f"{list(p.absolute_path)}: {p.message}" for p in problems[:3]),
    )
    summary = document["summary"]
    _require(summary["exit_code"] == code, f"JSON exit_code {summary['exit_code']} != {code}")
    _require(len(document["findings"]) == len(report.findings), "JSON findings count differs")
    _require(len(document["errors"]) == len(report.errors), "JSON errors count differs")
    _require(len(document["suppressed"]) == len(report.suppressed), "JSON suppressed differs")


def _check_text(report: Report, code: int) -> None:
    plain = io.StringIO()
    text.render(report, FAIL_ON, plain, color=False, quiet=False)
    output = plain.getvalue()
    _require("\x1b[" not in output, "colour codes in the text report although color=False")
    entries: list[Finding | InputError] = [*report.findings, *report.errors]
    for entry in entries:
        where = f"{entry.file}:{entry.line}:{entry.column}"
        _require(where in output, f"{where} is missing from the text report")
    verdict = "failed" if code else "passed"
    lines = output.rstrip("\n").splitlines()
    _require(bool(lines) and verdict in lines[-1], f"text summary does not say {verdict!r}")
    # The other switches must render too (colour, quiet, suppressed findings shown).
    coloured = io.StringIO()
    text.render(report, FAIL_ON, coloured, color=True, quiet=True, show_suppressed=True)
    for finding in report.suppressed:
        where = f"{finding.file}:{finding.line}:{finding.column}"
        _require(where in coloured.getvalue(), f"suppressed {where} missing with --show-suppressed")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvariantViolation(message)
