"""GitHub Actions workflow commands: one annotation per finding, escaped as actions/toolkit does.

`file=` is the absolute path: the runner rewrites a path below GITHUB_WORKSPACE to the
repository-relative one, whereas a relative path is taken as repository-relative as it is
and would be wrong whenever sedex-lint runs in a `working-directory` below the root. A
finding of rendered output whose source file is known is annotated on that file.

Besides the toolkit's escapes (`%`, CR and LF; also `:` and `,` in properties), other control
characters are written as escapes (printable.py): the runner echoes annotations into the
log, whose viewer interprets ANSI sequences.
"""

from __future__ import annotations

import os

from sedex_lint.model import STDIN, Finding, InputError, InternalError, Report, Severity
from sedex_lint.printable import printable
from sedex_lint.reporters.options import RenderOptions

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
Property = tuple[str, str | int | None]


def render(report: Report, fail_on: Severity, options: RenderOptions | None = None) -> str:
    lines = [_finding(finding) for finding in report.findings]
    lines += [_input_error(error) for error in report.errors]
    lines += [_internal_error(error) for error in report.internal_errors]
    # suppressed findings stay silent: an annotation is a request to act
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: list[Property], message: str) -> str:
    """One workflow command; like the toolkit, properties with no value are left out."""
    pairs = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties
        if value is not None and str(value) != ""
    )
    return f"::{name}{' ' + pairs if pairs else ''}::{escape_data(message)}"


def annotation_file(file: str) -> str | None:
    return None if file == STDIN else os.path.abspath(file)


def _finding(finding: Finding) -> str:
    message = finding.message
    if finding.source is not None:
        source = finding.source
        at = f"{finding.file}:{finding.line}:{finding.column}"
        message += f" (rendered at {at}; {_origin(finding)})"
        properties: list[Property] = [
            ("file", annotation_file(source.file)),
            ("line", source.line),
            ("col", source.column),
            ("title", f"{finding.code} {finding.name}"),
        ]
        return command(COMMAND[finding.severity], properties, message)
    if finding.origin is not None:
        message += f" ({_origin(finding)})"
    position = finding.position
    properties = [("file", annotation_file(finding.file))]
    properties.append(("line", position.line))
    # the runner drops columns of a range that spans lines, so they would only mislead a reader
    single_line = position.end_line == position.line
    properties.append(("col", position.column if single_line else None))
    properties.append(("endLine", position.end_line))
    properties.append(("endColumn", position.end_column if single_line else None))
    properties.append(("title", f"{finding.code} {finding.name}"))
    return command(COMMAND[finding.severity], properties, message)


def _origin(finding: Finding) -> str:
    return finding.origin.describe() if finding.origin is not None else ""


def _input_error(error: InputError) -> str:
    properties: list[Property] = [
        ("file", annotation_file(error.file)),
        ("line", error.line),
        ("col", error.column),
        ("title", "sedex-lint input error"),
    ]
    return command("error", properties, error.message)


def _internal_error(error: InternalError) -> str:
    message = f"{error.culprit} crashed on {error.file}: {error.message}"
    return command("error", [("title", "sedex-lint internal error")], message)
