"""GitLab Code Quality: a JSON array of Code Climate issues, as GitLab's parser reads it.

GitLab stops reading at the first invalid entry and keeps one entry per fingerprint, so every
entry carries all documented fields and fingerprints are made unique within the report.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sedex_lint.fingerprints import fingerprint
from sedex_lint.model import STDIN, Finding, InputError, InternalError, Report, Severity
from sedex_lint.reporters.sarif import relative_to_cwd

INPUT_ERROR = "sedex-lint/input-error"
INTERNAL_ERROR = "sedex-lint/internal-error"
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(report: Report, fail_on: Severity) -> str:
    entries = [_finding(finding) for finding in report.findings]
    entries += [_input_error(error) for error in report.errors]
    entries += [_internal_error(error) for error in report.internal_errors]
    seen: set[str] = set()
    for entry in entries:
        entry["fingerprint"] = _unique(entry["fingerprint"], seen)
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def report_path(file: str) -> str:
    """Relative to the working directory (the repository root in a GitLab job), `/`-separated."""
    if file == STDIN:
        return "stdin"
    relative = relative_to_cwd(file)
    return relative if relative is not None else Path(os.path.abspath(file)).as_posix()


def _unique(base: str, seen: set[str]) -> str:
    # deterministic, and the first holder of a fingerprint keeps it, so a baseline still matches
    candidate, counter = base, 1
    while candidate in seen:
        counter += 1
        candidate = hashlib.sha256(f"{base}\x1f{counter}".encode()).hexdigest()
    seen.add(candidate)
    return candidate


def _entry(
    check: str, description: str, key: str, severity: str, file: str, begin: int, end: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Bug Risk"],
        "fingerprint": key,
        "severity": severity,
        "location": {"path": report_path(file), "lines": {"begin": begin, "end": end}},
    }


def _finding(finding: Finding) -> dict[str, Any]:
    description = f"{finding.code} {finding.name}: {finding.message}"
    if finding.template is not None:
        description += f" (Helm template: {finding.template})"
    position = finding.position
    severity = SEVERITY[finding.severity]
    key = fingerprint(finding)
    return _entry(
        finding.code, description, key, severity, finding.file, position.line, position.end_line
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _input_error(error: InputError) -> dict[str, Any]:
    key = _digest(INPUT_ERROR, error.file, error.message)
    line = max(error.line, 1)
    description = f"sedex-lint input error: {error.message}"
    return _entry(INPUT_ERROR, description, key, "blocker", error.file, line, line)


def _internal_error(error: InternalError) -> dict[str, Any]:
    key = _digest(INTERNAL_ERROR, error.culprit, error.file, error.message)
    description = f"sedex-lint internal error: {error.culprit} crashed: {error.message}"
    return _entry(INTERNAL_ERROR, description, key, "blocker", error.file, 1, 1)
