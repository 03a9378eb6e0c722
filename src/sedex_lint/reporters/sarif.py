"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, IDE viewers, DefectDojo).

One run: every rule that ran is a `tool.driver.rules` entry, its page as `help`; findings are
results; unreadable input and crashed rules are `toolExecutionNotifications`, so that a file
that could not be parsed never looks like a clean file. Suppressed findings are left out,
because GitHub code scanning shows a result with `suppressions` as an open alert; with
--show-suppressed they are results with `suppressions`, for viewers that honour them.

Paths are relative to the repository root (`%SRCROOT%`, see locations). A finding of rendered
output whose source file is known (a Helm template, a Kustomize base: source_map) is located
there; the rendered position is then its related location.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from sedex_lint import __version__
from sedex_lint.fingerprints import fingerprint
from sedex_lint.locations import STDIN_NAME, relative_to
from sedex_lint.model import (
    STDIN,
    Finding,
    InputError,
    InternalError,
    Position,
    Report,
    RuleMeta,
    Severity,
)
from sedex_lint.reporters.json_report import json_path
from sedex_lint.reporters.json_stream import Lazy, dumps, pieces
from sedex_lint.reporters.options import RenderOptions

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "sedexLint/v1"
"""Versioned so that a future change of the identity does not silently re-open every alert."""
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SUPPRESSION_KIND = {"annotation": "inSource", "comment": "inSource", "baseline": "external"}


def render(report: Report, fail_on: Severity, options: RenderOptions | None = None) -> str:
    return dumps(document(report, fail_on, options))


def render_pieces(
    report: Report, fail_on: Severity, options: RenderOptions | None = None
) -> Iterator[str]:
    """`render`, written as it is made (a report of many findings is never held whole)."""
    return pieces(document(report, fail_on, options))


def document(
    report: Report, fail_on: Severity, options: RenderOptions | None = None
) -> dict[str, Any]:
    """The log as JSON values; its results are made as they are written."""
    options = options or RenderOptions()
    root = options.base
    index = {meta.code: position for position, meta in enumerate(report.rules)}
    shown = (*report.findings, *(report.suppressed if options.show_suppressed else ()))
    results = Lazy(lambda: (_result(finding, index, root) for finding in shown))
    notifications = [_input_error(error, root) for error in report.errors]
    notifications += [_internal_error(error, index, root) for error in report.internal_errors]
    invocation: dict[str, Any] = {
        "executionSuccessful": not (report.errors or report.internal_errors),
        "exitCode": report.exit_code(fail_on),
        "toolExecutionNotifications": notifications,
        "properties": {"failOn": fail_on.label},
    }
    overrides = [
        {"descriptor": {"id": meta.code, "index": index[meta.code]}, "configuration": _level(meta)}
        for meta in report.rules
        if meta.severity != meta.default_severity
    ]
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    driver = {
        "name": "sedex-lint",
        "version": __version__,
        "rules": [_rule(meta) for meta in report.rules],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root.absolute())}},
        # libyaml counts columns in characters, not in UTF-16 code units (SARIF's default)
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_location(file: str, root: Path | None = None) -> dict[str, str]:
    if file == STDIN:
        return {"uri": STDIN_NAME}
    relative = relative_to(file, root if root is not None else Path.cwd())
    if relative is None:
        return {"uri": Path(os.path.abspath(file)).as_uri()}
    # surrogateescape: an undecodable file name becomes its original bytes, percent-encoded
    return {"uri": quote(relative, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def region(position: Position) -> dict[str, int]:
    return {
        "startLine": position.line,
        "startColumn": position.column,
        "endLine": position.end_line,
        "endColumn": position.end_column,
    }


def _directory_uri(directory: Path) -> str:
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _level(meta: RuleMeta) -> dict[str, str]:
    return {"level": LEVEL[meta.severity]}


def _rule(meta: RuleMeta) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.description or meta.summary},
        "help": _help(meta),
        "defaultConfiguration": {"level": LEVEL[meta.default_severity]},
    }
    # SARIF requires an absolute URI: set only when `docs_url` names a published copy
    if _published(meta):
        descriptor["helpUri"] = meta.help_uri
    return descriptor


def _published(meta: RuleMeta) -> bool:
    return bool(urlsplit(meta.help_uri).scheme)


def _help(meta: RuleMeta) -> dict[str, str]:
    """The rule's page, which GitHub shows with the alert: a path to a page in sedex-lint's
    own repository would mean nothing in the repository being scanned."""
    page = (meta.page() if meta.page is not None else "").rstrip("\n") or meta.summary
    if not _published(meta):
        return {"text": page, "markdown": page}
    return {
        "text": f"{page}\n\nRule documentation: {meta.help_uri}",
        "markdown": f"{page}\n\n[Rule documentation]({meta.help_uri})",
    }


def _result(finding: Finding, index: dict[str, int], root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message}
    rendered = {
        "artifactLocation": artifact_location(finding.file, root),
        "region": region(finding.position),
    }
    related: list[dict[str, Any]] = []
    source = finding.source
    if source is not None:
        # the file to edit is the source; the rendered stream is where the rule saw it
        start = {"startLine": source.line, "startColumn": source.column}
        physical = {"artifactLocation": artifact_location(source.file, root), "region": start}
        at = f"{finding.file}:{finding.line}:{finding.column}"
        related.append({
            "physicalLocation": rendered,
            "message": {"text": f"Where the rendered manifest has it ({at})"},
        })  # fmt: skip
    else:
        physical = rendered
    result["locations"] = [{"physicalLocation": physical}]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding)}
    ref = finding.object
    properties: dict[str, Any] = {"path": json_path(finding.path)}
    if ref is not None:
        properties["object"] = {"kind": ref.kind, "namespace": ref.namespace, "name": ref.name}
    origin = finding.origin
    if origin is not None:
        properties["origin"] = {
            key: value
            for key, value in (("tool", origin.tool), ("path", origin.path),
                               ("repo", origin.repo), ("ref", origin.ref))
            if value is not None
        }  # fmt: skip
        if finding.template is not None:
            properties["helmTemplate"] = finding.template
        if source is None:
            # as the tool wrote it (chart- or kustomization-relative), not below %SRCROOT%
            related.append({
                "physicalLocation": {"artifactLocation": {"uri": quote(origin.path)}},
                "message": {"text": f"Rendered from the {origin.title} {origin.where}"},
            })  # fmt: skip
    if related:
        result["relatedLocations"] = [{"id": n, **r} for n, r in enumerate(related, start=1)]
    result["properties"] = properties
    if finding.suppression is not None:
        result["suppressions"] = [
            {
                "kind": SUPPRESSION_KIND.get(finding.suppression.kind, "external"),
                "status": "accepted",
                "justification": finding.suppression.reason,
            }
        ]
    return result


def _input_error(error: InputError, root: Path) -> dict[str, Any]:
    start = {"startLine": max(error.line, 1), "startColumn": max(error.column, 1)}
    location = {"artifactLocation": artifact_location(error.file, root), "region": start}
    return {
        "level": "error",
        "message": {"text": error.message},
        "descriptor": {"id": "sedex-lint/input-error"},
        "locations": [{"physicalLocation": location}],
    }


def _internal_error(error: InternalError, index: dict[str, int], root: Path) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": error.code or f"plugin:{error.plugin}"}
    if error.code in index:
        rule["index"] = index[error.code]
    return {
        "level": "error",
        "message": {"text": f"{error.culprit} crashed: {error.message}"},
        "descriptor": {"id": "sedex-lint/internal-error"},
        "associatedRule": rule,
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact_location(error.file, root)}}
        ],
    }
