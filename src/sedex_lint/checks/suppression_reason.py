"""SDX011: a suppression without a reason is not honoured, and says so."""

from __future__ import annotations

from collections.abc import Iterator

from sedex_lint.scopes import FileView, Located, Parameters
from sedex_lint.suppressions import ANNOTATION, Mark


def check(file: FileView, params: Parameters) -> Iterator[Located]:
    for mark in file.marks:
        if not mark.reason or not mark.rules:
            yield Located(
                mark.position,
                f"this {mark.kind} suppression gives no reason, so it is not honoured; write "
                + _example(mark),
            )


def _example(mark: Mark) -> str:
    rules = ", ".join(mark.rules) or "SDX004"
    if mark.kind == "comment":
        return f"'# sedex-lint: ignore {rules} -- why'"
    return f"'{ANNOTATION}: \"{rules}: why\"'"
