"""Finding, reading and validating the configuration file.

Searched from the working directory up to the repository root (the first directory with a
`.git`), in each directory in this order: `.sedex-lint.yaml`, `.sedex-lint.yml`, then a
`[tool.sedex-lint]` table in `pyproject.toml`. `--config FILE` skips the search.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sedex_lint.limits import DEFAULT_LIMITS, Limits
from sedex_lint.model import Severity
from sedex_lint.registry import DOCS_BASE_URL
from sedex_lint.settings_file import (
    SettingsDocument,
    SettingsError,
    read_yaml_settings,
    toml_module,
    validate,
)
from sedex_lint.workload import Recognition

CONFIG_NAMES = (".sedex-lint.yaml", ".sedex-lint.yml")


class RuleSetting:
    """A rule's `rules:` entry. Immutable by convention."""

    __slots__ = ("parameters", "severity")

    severity: Severity | None
    parameters: Mapping[str, Any]

    def __init__(
        self, severity: Severity | None = None, parameters: Mapping[str, Any] | None = None
    ) -> None:
        self.severity = severity
        self.parameters = {} if parameters is None else parameters


class Config:
    """The configuration file as read (or the defaults). Immutable by convention."""

    __slots__ = (
        "base_dir",
        "docs_url",
        "document",
        "exclude",
        "fail_on",
        "file",
        "ignore",
        "limits",
        "recognition",
        "rule_dirs",
        "rules",
        "select",
    )

    file: str | None
    base_dir: Path
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Severity | None
    exclude: tuple[str, ...]
    rule_dirs: tuple[Path, ...]
    docs_url: str
    recognition: Recognition
    rules: Mapping[str, RuleSetting]
    limits: Limits
    document: SettingsDocument | None
    """The file it came from, to point at a setting that turns out wrong later."""

    def __init__(
        self,
        file: str | None = None,
        base_dir: Path | None = None,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: Severity | None = None,
        exclude: tuple[str, ...] = (),
        rule_dirs: tuple[Path, ...] = (),
        docs_url: str = DOCS_BASE_URL,
        recognition: Recognition | None = None,
        rules: Mapping[str, RuleSetting] | None = None,
        limits: Limits = DEFAULT_LIMITS,
        document: SettingsDocument | None = None,
    ) -> None:
        """`base_dir` defaults to the working directory, `recognition` to the official image."""
        self.file = file
        self.base_dir = Path.cwd() if base_dir is None else base_dir
        self.select = select
        self.ignore = ignore
        self.fail_on = fail_on
        self.exclude = exclude
        self.rule_dirs = rule_dirs
        self.docs_url = docs_url
        self.recognition = Recognition() if recognition is None else recognition
        self.rules = {} if rules is None else rules
        self.limits = limits
        self.document = document

    def error(
        self, path: tuple[str | int, ...], reason: str, at_key: bool = False
    ) -> SettingsError:
        if self.document is None:
            return SettingsError("<command line>", 1, 1, reason)
        return self.document.error(path, reason, at_key)


def discover(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_our_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def _has_our_table(pyproject: Path) -> bool:
    """Whether pyproject.toml configures sedex-lint: a table, not a comment that names it.

    Only a file that mentions sedex-lint at all is parsed, so that other projects' pyproject
    files cost no TOML parse. A file that does not parse counts when a line starts with our
    table header, so that its syntax error is reported rather than silently skipped.
    """
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    if "sedex-lint" not in text:
        return False
    tomllib = toml_module()
    try:
        return isinstance(tomllib.loads(text).get("tool", {}).get("sedex-lint"), dict)
    except tomllib.TOMLDecodeError:
        return (
            re.search(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?sedex-lint", text, re.M) is not None
        )


def load_config(path: Path | None) -> Config:
    """The configuration at `path`, or the defaults when there is none."""
    if path is None:
        return Config()
    document = _read(path)
    validate(document, "config.schema.json")
    return _from_document(document, path.resolve().parent)


def _read(path: Path) -> SettingsDocument:
    if path.name != "pyproject.toml":
        return read_yaml_settings(path)
    tomllib = toml_module()
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 1) or 1
        column = getattr(error, "colno", 1) or 1
        raise SettingsError(str(path), line, column, f"invalid TOML: {error}") from None
    data = table.get("tool", {}).get("sedex-lint")
    if not isinstance(data, dict):
        raise SettingsError(str(path), 1, 1, "no [tool.sedex-lint] table")
    return SettingsDocument(str(path), data, None, text)


def _from_document(document: SettingsDocument, base_dir: Path) -> Config:
    data = document.data
    sedex = data.get("sedex", {})
    rules = {
        key: RuleSetting(
            Severity.parse(value["severity"]) if "severity" in value else None,
            dict(value.get("parameters", {})),
        )
        for key, value in data.get("rules", {}).items()
    }
    return Config(
        file=document.file,
        base_dir=base_dir,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        fail_on=Severity.parse(data["fail_on"]) if "fail_on" in data else None,
        exclude=tuple(data.get("exclude", ())),
        rule_dirs=tuple(base_dir / d for d in data.get("rule_dirs", ())),
        docs_url=str(data.get("docs_url", DOCS_BASE_URL)),
        recognition=Recognition(
            images=tuple(sedex.get("images", ())),
            labels={
                str(k): str(v).lower() if isinstance(v, bool) else str(v)
                for k, v in sedex.get("labels", {}).items()
            },
            containers=tuple(sedex.get("containers", ())),
        ),
        rules=rules,
        limits=Limits(**data.get("limits", {})),
        document=document,
    )
