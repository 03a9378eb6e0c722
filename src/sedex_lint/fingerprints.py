"""Identities of findings that survive edits elsewhere in the file.

A fingerprint hashes the rule, the file, the object (kind, namespace, name) and the field path
inside it, never line numbers, so moving a block or adding lines above it keeps the identity.
SARIF partialFingerprints, GitLab Code Quality and the baseline all use it; the baseline passes
the file as it records it (relative to the baseline file), so that the identity does not depend
on how the path was spelled on the command line.
"""

from __future__ import annotations

import hashlib

from sedex_lint.model import Finding


def subject_of(finding: Finding) -> str:
    ref = finding.object
    return "" if ref is None else f"{ref.kind}/{ref.namespace or ''}/{ref.name or ''}"


def field_path_of(finding: Finding) -> str:
    return ".".join(str(segment) for segment in finding.path)


def identity_fingerprint(rule: str, file: str, subject: str, path: str) -> str:
    return hashlib.sha256("\x1f".join((rule, file, subject, path)).encode("utf-8")).hexdigest()


def fingerprint(finding: Finding, file: str | None = None) -> str:
    """The finding's fingerprint; `file` replaces its file name (the baseline's spelling)."""
    return identity_fingerprint(
        finding.code,
        finding.file if file is None else file,
        subject_of(finding),
        field_path_of(finding),
    )
