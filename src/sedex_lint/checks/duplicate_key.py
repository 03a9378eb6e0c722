"""SDX010: a mapping key written twice; the cluster silently keeps only the last value."""

from __future__ import annotations

from collections.abc import Iterator

from sedex_lint.locate import locate
from sedex_lint.scopes import DocumentView, Located, Parameters


def check(document: DocumentView, params: Parameters) -> Iterator[Located]:
    for duplicate in document.duplicate_keys:
        first = duplicate.first.start_mark
        yield Located(
            locate(duplicate.again, ()),
            f"key {duplicate.again.value!r} is already set at {first.line + 1}:"
            f"{first.column + 1}; some tools refuse the file, others (the API server, older "
            "kubectl) silently keep only this last value; remove one of the two",
            duplicate.path,
        )
