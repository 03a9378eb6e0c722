"""Adopting sedex-lint in an existing repository: record today's findings, report only new ones.

The baseline is a JSON file of fingerprints (rule, file, object, field path: no line numbers),
so edits elsewhere in a file do not resurrect recorded findings. An entry that no longer
occurs is reported as stale, so the baseline shrinks as findings get fixed.

Files are recorded relative to the baseline file's directory, normalised, with `/`
separators, and each finding's file is resolved the same way before it is compared: so
`manifests/`, `./manifests/`, an absolute path and a run from another directory all name the
same file. Standard input stays `-`. Version 1 baselines recorded files as they were spelled;
they are read as relative to the current directory (where the writing run was, as far as one
can tell) and rewritten as version 2 by the next --write-baseline.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from sedex_lint import __version__
from sedex_lint.fingerprints import field_path_of, fingerprint, identity_fingerprint, subject_of
from sedex_lint.model import STDIN, BaselineEntry, Finding, Suppression
from sedex_lint.settings_file import SettingsError

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)


@cache  # one resolution per file, however many findings it has
def recorded_name(file: str, base_dir: str) -> str:
    """`file` as a baseline in `base_dir` records it: relative to it, with `/` separators.

    The file's directory is resolved (symbolic links, `..`) but not the file itself, so a
    link keeps its own name; `base_dir` must be resolved too.
    """
    if file == STDIN:
        return file
    absolute = os.path.abspath(file)
    resolved = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    try:
        return PurePath(os.path.relpath(resolved, base_dir)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return PurePath(resolved).as_posix()


def shown_name(recorded: str, base_dir: str) -> str:
    """A recorded file as the user would name it from the current directory."""
    if recorded == STDIN:
        return recorded
    try:
        return PurePath(os.path.relpath(os.path.join(base_dir, recorded))).as_posix()
    except ValueError:
        return recorded


@dataclasses.dataclass(frozen=True)
class Baseline:
    file: str
    entries: tuple[BaselineEntry, ...]
    """Files recorded relative to `base_dir`; fingerprints computed with those names."""
    base_dir: str = "."

    def key(self, finding: Finding) -> str:
        return fingerprint(finding, recorded_name(finding.file, self.base_dir))

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new findings, findings the baseline knows, marked as suppressed).

        Counted per fingerprint: if the baseline knows two occurrences and there are now
        three, one is new.
        """
        remaining = Counter(entry.fingerprint for entry in self.entries)
        new, known = [], []
        reason = Suppression("baseline", f"recorded in baseline {self.file}")
        for finding in findings:
            key = self.key(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
                known.append(finding._replace(suppression=reason))
            else:
                new.append(finding)
        return new, known

    def stale(self, findings: list[Finding]) -> tuple[BaselineEntry, ...]:
        """Entries with no matching finding among `findings` (new and known alike), each
        with its file as named from the current directory."""
        present = Counter(self.key(finding) for finding in findings)
        stale = []
        for entry in self.entries:
            if present[entry.fingerprint] > 0:
                present[entry.fingerprint] -= 1
            else:
                stale.append(entry._replace(file=shown_name(entry.file, self.base_dir)))
        return tuple(stale)


def entry_of(finding: Finding, base_dir: str) -> BaselineEntry:
    file = recorded_name(finding.file, base_dir)
    subject, path = subject_of(finding), field_path_of(finding)
    return BaselineEntry(
        fingerprint=identity_fingerprint(finding.code, file, subject, path),
        code=finding.code,
        file=file,
        object=subject,
        path=path,
        message=finding.message,
    )


def write_baseline(path: Path, findings: list[Finding]) -> None:
    base_dir = _base_dir(path)
    entries = sorted(
        (entry_of(f, base_dir) for f in findings), key=lambda e: (e.file, e.code, e.fingerprint)
    )
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "sedex-lint", "version": __version__},
        "findings": [entry._asdict() for entry in entries],
    }
    path.parent.mkdir(parents=True, exist_ok=True)  # as for reports: `-f sarif:out/x.sarif`
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
    version = document.get("version") if isinstance(document, dict) else None
    if version not in READABLE_VERSIONS or not isinstance(findings, list):
        raise SettingsError(name, 1, 1, "not a sedex-lint baseline (version 1 or 2)")
    try:
        entries = tuple(BaselineEntry(**_named(entry, version)) for entry in findings)
        if not all(isinstance(value, str) for e in entries for value in e):
            raise TypeError
    except TypeError:
        raise SettingsError(
            name,
            1,
            1,
            "baseline entries must have fingerprint, code, file, object, path and message",
        ) from None
    base_dir = _base_dir(path)
    if version == 1:
        entries = tuple(_from_version_1(entry, base_dir) for entry in entries)
    return Baseline(name, entries, base_dir)


def _named(entry: Any, version: int) -> Any:
    """Version 1 called a rule's code `rule`."""
    if version == 1 and isinstance(entry, dict) and "rule" in entry:
        return {("code" if key == "rule" else key): value for key, value in entry.items()}
    return entry


def _from_version_1(entry: BaselineEntry, base_dir: str) -> BaselineEntry:
    """Version 1 recorded the file as spelled; take it as relative to the current directory."""
    file = recorded_name(entry.file, base_dir)
    return entry._replace(
        file=file,
        fingerprint=identity_fingerprint(entry.code, file, entry.object, entry.path),
    )


def _base_dir(baseline: Path) -> str:
    return os.path.realpath(os.path.dirname(os.path.abspath(baseline)))
