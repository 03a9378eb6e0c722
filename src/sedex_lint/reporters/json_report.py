"""The versioned JSON report, described by schemas/report.schema.json."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sedex_lint import __version__
from sedex_lint.model import Finding, Path, Report, Severity, Suppression
from sedex_lint.reporters.json_stream import Lazy, dumps, pieces
from sedex_lint.reporters.options import RenderOptions

REPORT_VERSION = 2


def render(report: Report, fail_on: Severity, options: RenderOptions | None = None) -> str:
    return dumps(document(report, fail_on))


def render_pieces(
    report: Report, fail_on: Severity, options: RenderOptions | None = None
) -> Iterator[str]:
    """`render`, written as it is made (a report of many findings is never held whole)."""
    return pieces(document(report, fail_on))


def document(report: Report, fail_on: Severity) -> dict[str, Any]:
    """The report as JSON values; the findings' lists are made as they are written."""
    totals = report.by_severity()
    counts = report.counts
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "sedex-lint", "version": __version__},
        "findings": Lazy(lambda: map(_finding, report.findings)),
        "suppressed": Lazy(
            lambda: (_suppressed(f, f.suppression) for f in report.suppressed if f.suppression)
        ),
        "stale_baseline": [
            {"code": e.code, "file": e.file, "object": e.object, "path": e.path}
            for e in report.stale_baseline
        ],
        "errors": [
            {"file": e.file, "line": e.line, "column": e.column, "message": e.message}
            for e in report.errors
        ],
        "internal_errors": [
            {"code": e.code, "plugin": e.plugin, "file": e.file, "message": e.message}
            for e in report.internal_errors
        ],
        "summary": {
            "files": counts.files,
            "documents": counts.documents,
            "objects": counts.objects,
            "sedex_workloads": counts.sedex_workloads,
            "skipped_documents": counts.skipped_documents,
            "not_checked": [
                {"code": code, "what": what, "objects": count}
                for code, what, count in counts.not_checked
            ],
            "suppressed": len(report.suppressed),
            "findings": {severity.label: totals[severity] for severity in reversed(Severity)},
            "errors": len(report.errors),
            "internal_errors": len(report.internal_errors),
            "fail_on": fail_on.label,
            "exit_code": report.exit_code(fail_on),
        },
    }


def _suppressed(finding: Finding, suppression: Suppression) -> dict[str, Any]:
    by = {"kind": suppression.kind, "reason": suppression.reason}
    return {**_finding(finding), "suppression": by}


def _finding(finding: Finding) -> dict[str, Any]:
    position = finding.position
    ref = finding.object
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "file": finding.file,
        "line": position.line,
        "column": position.column,
        "end_line": position.end_line,
        "end_column": position.end_column,
        "path": json_path(finding.path),
        "template": finding.template,
        "origin": None
        if finding.origin is None
        else {
            "tool": finding.origin.tool,
            "path": finding.origin.path,
            "repo": finding.origin.repo,
            "ref": finding.origin.ref,
        },
        "source": None
        if finding.source is None
        else {
            "file": finding.source.file,
            "line": finding.source.line,
            "column": finding.source.column,
        },
        "object": None
        if ref is None
        else {
            "apiVersion": ref.api_version,
            "kind": ref.kind,
            "name": ref.name,
            "namespace": ref.namespace,
        },
    }


def json_path(path: Path) -> str:
    """`spec.template.spec.containers[0].livenessProbe`, as kubectl explain spells fields."""
    text = ""
    for segment in path:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text
