"""Helpers of the fix tests: lint and fix as `sedex-lint --fix` does, in process."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from sedex_lint.api import lint, lint_text
from sedex_lint.fixes.files import Source
from sedex_lint.fixes.plan import FileFix, fix_text
from sedex_lint.registry import builtin_rules

PARAMETERS = {rule.code: rule.parameters for rule in builtin_rules().rules}
SAFE_CODES = ("SDX001", "SDX002", "SDX004", "SDX006", "SDX009")


def fixed(text: str, unsafe: bool = False, name: str = "test.yaml") -> FileFix:
    report = lint_text(text, name)
    return fix_text(name, text, report.findings, PARAMETERS, unsafe=unsafe)


def fix_paths(paths: list[Path], unsafe: bool = False) -> dict[Path, tuple[Source, FileFix]]:
    """Each file's source and fixes, for the findings of one run over all of them."""
    report = lint([str(path) for path in paths])
    unreadable = {error.file for error in report.errors}
    found = {}
    for path in paths:
        source = Source.read(path.read_bytes())
        findings = [f for f in report.findings if f.file == str(path)]
        if str(path) in unreadable:
            findings = []
        found[path] = (source, fix_text(str(path), source.text, findings, PARAMETERS, None, unsafe))
    return found


def changed_lines(before: str, after: str) -> set[int]:
    """0-based numbers of the lines of `before` that are not kept as they were."""
    old, new = _lines(before), _lines(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changed: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(i1, i2))
    return changed


def _lines(text: str) -> list[str]:
    return [line for line in re.split(r"(?<=\n)", text) if line]
