"""Reading our own YAML settings files (configuration, rule declarations) with positions.

Problems in them are reported like problems in manifests: `file:line:column: reason`, and
a run with a broken settings file exits 2 before linting anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sedex_lint.construct import construct_document
from sedex_lint.decoding import DecodeFailure, decode_manifest
from sedex_lint.locate import locate
from sedex_lint.model import Path as FieldPath
from sedex_lint.resources import schema_path
from sedex_lint.yamlparse import Node, compose_documents


@dataclass(frozen=True)
class SettingsError(Exception):
    file: str
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.reason}"


@dataclass(frozen=True)
class SettingsDocument:
    file: str
    data: dict[str, Any]
    node: Node | None
    """None when the settings came from a TOML table, which carries no positions."""
    text: str = ""

    def error(self, path: FieldPath, reason: str) -> SettingsError:
        if self.node is not None:
            position = locate(self.node, path)
            return SettingsError(self.file, position.line, position.column, reason)
        return SettingsError(self.file, *_toml_position(self.text, path), reason)


def read_yaml_settings(path: Path) -> SettingsDocument:
    name = str(path)
    try:
        text = decode_manifest(path.read_bytes())
    except OSError as error:
        raise SettingsError(name, 1, 1, f"cannot read: {error.strerror or error}") from None
    except DecodeFailure as failure:
        raise SettingsError(name, failure.line, failure.column, failure.reason) from None
    documents, broken = compose_documents(text)
    if broken is not None:
        raise SettingsError(name, broken.line, broken.column, broken.reason)
    if len(documents) != 1:
        raise SettingsError(name, 1, 1, "expected exactly one YAML document")
    built = construct_document(documents[0])
    if built.duplicate_keys:
        again = built.duplicate_keys[0].again
        mark = again.start_mark
        raise SettingsError(name, mark.line + 1, mark.column + 1, f"duplicate key {again.value!r}")
    if not isinstance(built.value, dict):
        raise SettingsError(name, 1, 1, "expected a YAML mapping")
    return SettingsDocument(name, built.value, documents[0], text)


def validate(document: SettingsDocument, schema_name: str) -> None:
    """Raise SettingsError at the field of the most relevant JSON Schema error."""
    import jsonschema  # deferred: only runs with settings files pay for the import

    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    error = jsonschema.exceptions.best_match(validator.iter_errors(document.data))
    if error is not None:
        raise document.error(tuple(error.absolute_path), _describe(error))


def _describe(error: Any) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message


@cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


def _toml_position(text: str, path: FieldPath) -> tuple[int, int]:
    """Best effort for pyproject.toml: the line that names the deepest key we can find."""
    best = (1, 1)
    start = text.find("[tool.sedex-lint")
    if start < 0:
        return best
    best = (text.count("\n", 0, start) + 1, 1)
    for segment in path:
        if not isinstance(segment, str):
            continue
        found = text.find(segment, start)
        if found < 0:
            break
        line_start = text.rfind("\n", 0, found) + 1
        best = (text.count("\n", 0, found) + 1, found - line_start + 1)
        start = found
    return best
