"""Identities of findings that survive edits elsewhere in the file.

A fingerprint hashes the rule, the file, the object (kind, namespace, name) and the field path
inside it, never line numbers, so moving a block or adding lines above it keeps the identity.
SARIF partialFingerprints, GitLab Code Quality and the baseline all use it.
"""

from __future__ import annotations

import hashlib

from sedex_lint.model import Finding


def finding_identity(finding: Finding) -> str:
    ref = finding.object
    subject = "" if ref is None else f"{ref.kind}/{ref.namespace or ''}/{ref.name or ''}"
    path = ".".join(str(segment) for segment in finding.path)
    return "\x1f".join((finding.rule, finding.file, subject, path))


def fingerprint(finding: Finding) -> str:
    return hashlib.sha256(finding_identity(finding).encode("utf-8")).hexdigest()
