"""JUnit XML as CI servers read it (Jenkins xUnit "junit-10", GitLab, Azure DevOps).

One testsuite per file. A finding at or above the --fail-on threshold is a failing testcase;
one below it is a passing testcase that carries the finding as system-out, because Jenkins
marks a build unstable on any failure and the report must not contradict the gate.

CI servers keep a test's history by classname and name, so neither holds a line number
(lines move whenever lines are added above): a case is named by rule, object and field path,
and the position is in its message. A second case of the same name in one file gets a
counter, `#2`, in file order. The classname is the file's path relative to the repository
root (see locations) after `sedex-lint.`, with the other dots made `_`: Jenkins splits a
classname at its last dot into package and class, which must not leave class `yaml`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from sedex_lint.locations import report_path
from sedex_lint.model import Finding, InputError, InternalError, Report, Severity
from sedex_lint.reporters.json_report import json_path
from sedex_lint.reporters.options import RenderOptions

INPUT_ERROR = "sedex-lint/input-error"
INTERNAL_ERROR = "sedex-lint/internal-error"
# XML 1.0 forbids these even as character references; an lxml or Java parser rejects the file
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OUTCOMES = ("failure", "error", "skipped")


def render(report: Report, fail_on: Severity, options: RenderOptions | None = None) -> str:
    base = (options or RenderOptions()).base

    def shown(file: str) -> str:
        return report_path(file, base)

    suites: dict[str, list[ET.Element]] = {shown(file): [] for file in report.files}
    for error in report.errors:
        suites.setdefault(shown(error.file), []).append(_input_error(error, shown(error.file)))
    for finding in report.findings:
        file = shown(finding.file)
        suites.setdefault(file, []).append(_finding(finding, file, fail_on, base))
    for finding in report.suppressed:
        file = shown(finding.file)
        suites.setdefault(file, []).append(_suppressed(finding, file, base))
    for internal in report.internal_errors:
        file = shown(internal.file)
        suites.setdefault(file, []).append(_internal_error(internal, file))
    root = ET.Element("testsuites", name="sedex-lint")
    totals = dict.fromkeys(("tests", *_OUTCOMES), 0)
    for file, cases in suites.items():
        if not cases:
            cases.append(_case(file, "no findings"))
        _distinct_names(cases)
        counts = {"tests": len(cases)}
        counts.update({outcome: _count(cases, outcome) for outcome in _OUTCOMES})
        suite = ET.SubElement(root, "testsuite", name=clean(file))
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failure"]))
        suite.set("errors", str(counts["error"]))
        suite.set("skipped", str(counts["skipped"]))
        suite.extend(cases)
        for key, value in counts.items():
            totals[key] += value
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failure"]))
    root.set("errors", str(totals["error"]))
    # no `skipped` on <testsuites>: junit-10.xsd does not allow it there
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def clean(text: str) -> str:
    """`text` with the characters XML 1.0 cannot hold written out as Python escapes."""
    return _NOT_XML.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def classname(file: str) -> str:
    """`sedex-lint.deploy/app_yaml`: Jenkins shows package sedex-lint, class deploy/app_yaml."""
    return "sedex-lint." + file.replace(".", "_")


def _distinct_names(cases: list[ET.Element]) -> None:
    # two findings of one rule can share object and path (both probes missing on one
    # container); CI servers key test history by classname and name, so a repeat gets a counter
    seen: dict[str, int] = {}
    for case in cases:
        name = case.get("name", "")
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            case.set("name", f"{name} #{seen[name]}")


def _count(cases: list[ET.Element], outcome: str) -> int:
    return sum(1 for case in cases if case.find(outcome) is not None)


def _case(file: str, name: str) -> ET.Element:
    return ET.Element("testcase", classname=clean(classname(file)), name=clean(name))


def _child(case: ET.Element, tag: str, text: str, **attributes: str) -> None:
    element = ET.SubElement(case, tag, {key: clean(value) for key, value in attributes.items()})
    element.text = clean(text)


def _title(finding: Finding) -> str:
    """`SDX001 single-replica in Deployment sedex/sedex-client at spec.replicas`: no line."""
    title = f"{finding.code} {finding.name}"
    ref = finding.object
    if ref is not None:
        namespace = f"{ref.namespace}/" if ref.namespace else ""
        title += f" in {ref.kind or 'object'} {namespace}{ref.name or '<unnamed>'}"
    if finding.path:
        title += f" at {json_path(finding.path)}"
    return title


def _where(finding: Finding, file: str) -> str:
    return f"{file}:{finding.line}:{finding.column}"


def _details(finding: Finding, file: str, base: Path) -> str:
    lines = [
        f"{_where(finding, file)}: {finding.severity.label} "
        f"{finding.code} {finding.name}: {finding.message}"
    ]
    if finding.object is not None:
        ref = finding.object
        namespace = f" in namespace {ref.namespace}" if ref.namespace else ""
        lines.append(f"object: {ref.describe()}{namespace}")
    if finding.origin is not None:
        lines.append(finding.origin.describe())
    if finding.source is not None:
        source = finding.source
        lines.append(f"source: {report_path(source.file, base)}:{source.line}:{source.column}")
    return "\n".join(lines)


def _finding(finding: Finding, file: str, fail_on: Severity, base: Path) -> ET.Element:
    case = _case(file, _title(finding))
    details = _details(finding, file, base)
    if finding.severity >= fail_on:
        message = f"{_where(finding, file)}: {finding.message}"
        _child(case, "failure", details, message=message, type=finding.code)
    else:
        _child(case, "system-out", details)
    return case


def _suppressed(finding: Finding, file: str, base: Path) -> ET.Element:
    case = _case(file, _title(finding))
    reason = finding.suppression.reason if finding.suppression else ""
    _child(case, "skipped", _details(finding, file, base), message=f"suppressed: {reason}")
    return case


def _input_error(error: InputError, file: str) -> ET.Element:
    case = _case(file, "input error")
    text = f"{file}:{error.line}:{error.column}: input error: {error.message}"
    _child(case, "error", text, message=f"{file}:{error.line}:{error.column}: {error.message}",
           type=INPUT_ERROR)  # fmt: skip
    return case


def _internal_error(error: InternalError, file: str) -> ET.Element:
    case = _case(file, f"internal error in {error.culprit}")
    text = f"{file}: {error.culprit} crashed: {error.message}"
    _child(case, "error", text, message=error.message, type=INTERNAL_ERROR)
    return case
