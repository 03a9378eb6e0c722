"""Never lose data: the fixed text is read again with the linter's own loader, and every
document must equal the original with exactly the fixed paths changed, types included."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.model import Path
from sedex_lint.yamlparse import ParseFailure, iter_documents

REMOVED = object()
"""The value of a change that deletes its key."""


@dataclass(frozen=True)
class Change:
    document: int
    path: Path
    """Inside the document: an object's prefix (`items`, n) included."""
    value: Any


class NotVerified(Exception):
    """Why the fixed text is not the original with only the fixed paths changed."""


def documents(text: str) -> list[Any]:
    """The values of a text's documents, as the linter reads them."""
    try:
        return [construct_document(root).value for root in iter_documents(text)]
    except ParseFailure as failure:
        raise NotVerified(f"the fixed text does not parse ({failure.line}:{failure.column}: "
                          f"{failure.reason})") from None  # fmt: skip
    except TooLarge as refused:
        raise NotVerified(f"the fixed text is refused: {refused.reason}") from None


def verify(original: Sequence[Any], fixed_text: str, changes: Sequence[Change]) -> None:
    expected = [_fresh(document) for document in original]
    for change in changes:
        expected[change.document] = _changed(expected[change.document], change)
    fixed = documents(fixed_text)
    if len(fixed) != len(expected):
        raise NotVerified(f"the fixed text has {len(fixed)} documents instead of {len(expected)}")
    for index, (want, got) in enumerate(zip(expected, fixed, strict=True)):
        where = _difference(want, got, ())
        if where is not None:
            shown = ".".join(map(str, where)) or "the document"
            raise NotVerified(f"document {index + 1} would change at {shown}, beyond its fixes")


def _changed(document: Any, change: Change) -> Any:
    if not change.path:
        return change.value
    holder = document
    for segment in change.path[:-1]:
        if isinstance(holder, list) and isinstance(segment, int):
            holder = holder[segment]
        else:
            if not isinstance(holder.get(segment), dict | list):
                holder[segment] = {}  # a missing or null value that the fix fills
            holder = holder[segment]
    last = change.path[-1]
    if change.value is REMOVED:
        holder.pop(last, None)
    else:
        holder[last] = _fresh(change.value)
    return document


def _fresh(value: Any) -> Any:
    """A copy in which a value reached twice through an alias is two values: a change at one
    path must not show up at the other, since the text changes only one place."""
    if isinstance(value, dict):
        return {name: _fresh(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    return value


def _difference(want: Any, got: Any, path: Path) -> Path | None:
    """The first path where the values differ, in value or type (1 is not 1.0 nor true)."""
    if type(want) is not type(got):
        return path
    if isinstance(want, dict):
        if set(want) != set(got):
            return (*path, sorted(map(str, set(want) ^ set(got)))[0])
        for name, value in want.items():
            found = _difference(value, got[name], (*path, name))
            if found is not None:
                return found
        return None
    if isinstance(want, list):
        if len(want) != len(got):
            return path
        for index, (a, b) in enumerate(zip(want, got, strict=True)):
            found = _difference(a, b, (*path, index))
            if found is not None:
                return found
        return None
    return None if want == got else path
