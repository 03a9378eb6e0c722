"""SDX012: a suppression that silences nothing, or names no known rule, is stale."""

from __future__ import annotations

from collections.abc import Iterator

from sedex_lint.scopes import FileView, Located, Parameters


def check(file: FileView, params: Parameters) -> Iterator[Located]:
    for index, mark in enumerate(file.marks):
        if not mark.reason or not mark.rules:
            continue  # SDX011's finding
        unknown = [rule for rule in mark.rules if rule not in file.known_rules]
        if unknown:
            yield Located(
                mark.position, f"this suppression names no known rule: {', '.join(unknown)}"
            )
        elif index not in file.used and any(rule in file.enabled_rules for rule in mark.rules):
            # a mark for rules that are all switched off in this run cannot be judged
            yield Located(
                mark.position,
                f"this suppression of {', '.join(mark.rules)} silences nothing here; remove it",
            )
