"""GitLab Code Quality: a JSON array of Code Climate issues, as GitLab's parser reads it.

GitLab stops reading at the first invalid entry and keeps one entry per fingerprint, so every
entry carries all documented fields and fingerprints are made unique within the report. Paths
are relative to the repository root (see locations), where GitLab resolves them; a finding of
rendered output whose source file is known points at that file, the rendered position is
named in the description.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sedex_lint.fingerprints import fingerprint
from sedex_lint.locations import report_path
from sedex_lint.model import Finding, InputError, InternalError, Report, Severity
from sedex_lint.reporters.options import RenderOptions

INPUT_ERROR = "sedex-lint/input-error"
INTERNAL_ERROR = "sedex-lint/internal-error"
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(report: Report, fail_on: Severity, options: RenderOptions | None = None) -> str:
    root = (options or RenderOptions()).base
    entries = [_finding(finding, root) for finding in report.findings]
    entries += [_input_error(error, root) for error in report.errors]
    entries += [_internal_error(error, root) for error in report.internal_errors]
    seen: set[str] = set()
    for entry in entries:
        entry["fingerprint"] = _unique(entry["fingerprint"], seen)
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _unique(base: str, seen: set[str]) -> str:
    # deterministic, and the first holder of a fingerprint keeps it, so a baseline still matches
    candidate, counter = base, 1
    while candidate in seen:
        counter += 1
        candidate = hashlib.sha256(f"{base}\x1f{counter}".encode()).hexdigest()
    seen.add(candidate)
    return candidate


def _entry(
    check: str, description: str, key: str, severity: str, path: str, begin: int, end: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Bug Risk"],
        "fingerprint": key,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": begin, "end": end}},
    }


def _finding(finding: Finding, root: Path) -> dict[str, Any]:
    description = f"{finding.code} {finding.name}: {finding.message}"
    position, source = finding.position, finding.source
    if source is not None:
        rendered = f"{report_path(finding.file, root)}:{position.line}"
        description += f" (rendered at {rendered}; {_origin(finding)})"
        path, begin, end = report_path(source.file, root), source.line, source.line
    else:
        if finding.origin is not None:
            description += f" ({_origin(finding)})"
        path, begin, end = report_path(finding.file, root), position.line, position.end_line
    severity = SEVERITY[finding.severity]
    return _entry(finding.code, description, fingerprint(finding), severity, path, begin, end)


def _origin(finding: Finding) -> str:
    return finding.origin.describe() if finding.origin is not None else ""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _input_error(error: InputError, root: Path) -> dict[str, Any]:
    key = _digest(INPUT_ERROR, error.file, error.message)
    line = max(error.line, 1)
    description = f"sedex-lint input error: {error.message}"
    path = report_path(error.file, root)
    return _entry(INPUT_ERROR, description, key, "blocker", path, line, line)


def _internal_error(error: InternalError, root: Path) -> dict[str, Any]:
    key = _digest(INTERNAL_ERROR, error.culprit, error.file, error.message)
    description = f"sedex-lint internal error: {error.culprit} crashed: {error.message}"
    path = report_path(error.file, root)
    return _entry(INTERNAL_ERROR, description, key, "blocker", path, 1, 1)
