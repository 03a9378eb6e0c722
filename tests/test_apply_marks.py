"""Suppression marks are applied as they always were (the first mark that covers a finding
wins), but a finding is compared only with the marks at its line or on its object: a file
with thousands of findings and marks is not findings x marks comparisons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sedex_lint import suppressions
from sedex_lint.model import Finding, Position, Severity, Suppression
from sedex_lint.suppressions import Applied, Mark, Owner, apply_marks

CODES = ("SDX001", "SDX002")
OWNERS = st.one_of(st.none(), st.tuples(st.integers(0, 2), st.sampled_from([(), ("items", 0)])))


def finding(code: str, line: int) -> Finding:
    return Finding(code, code.lower(), Severity.ERROR, "m", "f.yaml", Position(line, 1, line, 2))


MARKS = st.builds(
    Mark,
    kind=st.sampled_from(["comment", "annotation"]),
    rules=st.lists(st.sampled_from([*CODES, "sdx001"]), max_size=2).map(tuple),
    reason=st.sampled_from(["", "ok", "why"]),
    position=st.just(Position(1, 1, 1, 2)),
    covers_line=st.one_of(st.none(), st.integers(1, 4)),
    owner=OWNERS,
)
FINDINGS = st.lists(
    st.tuples(st.builds(finding, st.sampled_from(CODES), st.integers(1, 4)), OWNERS), max_size=8
)


def naive(findings: list[tuple[Finding, Owner | None]], marks: list[Mark]) -> Applied:
    applied = Applied()
    for found, owner in findings:
        index = next((i for i, mark in enumerate(marks) if mark.covers(found, owner)), None)
        if index is None:
            applied.kept.append(found)
            continue
        applied.used.add(index)
        applied.suppressed.append(
            found._replace(suppression=Suppression(marks[index].kind, marks[index].reason))
        )
    return applied


@settings(max_examples=500, deadline=None)
@given(findings=FINDINGS, marks=st.lists(MARKS, max_size=6))
def test_the_same_marks_apply_as_by_comparing_with_every_mark(
    findings: list[tuple[Finding, Owner | None]], marks: list[Mark]
) -> None:
    got, expected = apply_marks(findings, marks), naive(findings, marks)
    assert (got.kept, got.suppressed, got.used) == (
        expected.kept,
        expected.suppressed,
        expected.used,
    )


def test_a_finding_is_compared_only_with_the_marks_at_its_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[int] = []
    original = suppressions.Mark.covers

    def counted(mark: Mark, found: Finding, owner: Owner | None) -> bool:
        compared.append(1)
        return original(mark, found, owner)

    monkeypatch.setattr(suppressions.Mark, "covers", counted)
    position = Position(1, 1, 1, 2)
    marks = [Mark("comment", ("SDX001",), "ok", position, line) for line in range(1, 1001)]
    marks += [Mark("annotation", ("SDX002",), "ok", position, None, (i, ())) for i in range(1000)]
    findings: list[tuple[Finding, Owner | None]] = [
        (finding("SDX002", line), (line - 1, ())) for line in range(1, 1001)
    ]
    applied = apply_marks(findings, marks)
    assert len(applied.suppressed) == 1000 and applied.used == set(range(1000, 2000))
    assert len(compared) == 2000  # its line's comment and its object's annotation
