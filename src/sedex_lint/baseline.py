"""Adopting sedex-lint in an existing repository: record today's findings, report only new ones.

The baseline is a JSON file of fingerprints (rule, file, object, field path: no line numbers),
so edits elsewhere in a file do not resurrect recorded findings. An entry that no longer
occurs is reported as stale, so the baseline shrinks as findings get fixed.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any

from sedex_lint import __version__
from sedex_lint.fingerprints import fingerprint
from sedex_lint.model import BaselineEntry, Finding, Suppression
from sedex_lint.settings_file import SettingsError

FORMAT_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Baseline:
    file: str
    entries: tuple[BaselineEntry, ...]

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new findings, findings the baseline knows, marked as suppressed).

        Counted per fingerprint: if the baseline knows two occurrences and there are now
        three, one is new.
        """
        remaining = Counter(entry.fingerprint for entry in self.entries)
        new, known = [], []
        reason = Suppression("baseline", f"recorded in baseline {self.file}")
        for finding in findings:
            key = fingerprint(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
                known.append(dataclasses.replace(finding, suppression=reason))
            else:
                new.append(finding)
        return new, known

    def stale(self, findings: list[Finding]) -> tuple[BaselineEntry, ...]:
        """Entries with no matching finding among `findings` (new and known alike)."""
        present = Counter(fingerprint(finding) for finding in findings)
        stale = []
        for entry in self.entries:
            if present[entry.fingerprint] > 0:
                present[entry.fingerprint] -= 1
            else:
                stale.append(entry)
        return tuple(stale)


def entry_of(finding: Finding) -> BaselineEntry:
    ref = finding.object
    subject = "" if ref is None else f"{ref.kind}/{ref.namespace or ''}/{ref.name or ''}"
    return BaselineEntry(
        fingerprint=fingerprint(finding),
        rule=finding.rule,
        file=finding.file,
        object=subject,
        path=".".join(str(segment) for segment in finding.path),
        message=finding.message,
    )


def write_baseline(path: Path, findings: list[Finding]) -> None:
    entries = sorted((entry_of(f) for f in findings), key=lambda e: (e.file, e.rule, e.fingerprint))
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "sedex-lint", "version": __version__},
        "findings": [dataclasses.asdict(entry) for entry in entries],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Baseline:
    name = str(path)
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(
            name, 1, 1, f"cannot read baseline: {error.strerror or error}"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line, column = (
            (error.lineno, error.colno) if isinstance(error, json.JSONDecodeError) else (1, 1)
        )
        raise SettingsError(name, line, column, f"not a baseline file: {error}") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("version") != FORMAT_VERSION
        or not isinstance(findings, list)
    ):
        raise SettingsError(name, 1, 1, f"not a version {FORMAT_VERSION} sedex-lint baseline")
    try:
        entries = tuple(BaselineEntry(**entry) for entry in findings)
    except TypeError:
        raise SettingsError(
            name,
            1,
            1,
            "baseline entries must have fingerprint, rule, file, object, path and message",
        ) from None
    return Baseline(name, entries)
