"""Reading our own YAML settings files (configuration, rule declarations) with positions.

Problems in them are reported like problems in manifests: `file:line:column: reason`, and
a run with a broken settings file exits 2 before linting anything.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml.nodes import MappingNode, SequenceNode

from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.decoding import DecodeFailure, decode_manifest
from sedex_lint.locate import locate
from sedex_lint.model import Path as FieldPath
from sedex_lint.resources import schema_path
from sedex_lint.yamlparse import Node, compose_documents


class SettingsError(Exception):
    file: str
    line: int
    column: int
    reason: str

    def __init__(self, file: str, line: int, column: int, reason: str) -> None:
        self.file, self.line, self.column, self.reason = file, line, column, reason

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.reason}"


class SettingsDocument:
    """A settings file as read. Immutable by convention."""

    __slots__ = ("data", "file", "node", "text")

    file: str
    data: dict[str, Any]
    node: Node | None
    """None when the settings came from a TOML table, which carries no positions."""
    text: str

    def __init__(self, file: str, data: dict[str, Any], node: Node | None, text: str = "") -> None:
        self.file, self.data, self.node, self.text = file, data, node, text

    def error(self, path: FieldPath, reason: str, at_key: bool = False) -> SettingsError:
        """An error at the value at `path` or, with `at_key`, at its key (a key not allowed)."""
        if self.node is not None:
            where = _yaml_key(self.node, path) if at_key else None
            if where is None:
                position = locate(self.node, path)
                where = (position.line, position.column)
            return SettingsError(self.file, *where, reason)
        return SettingsError(self.file, *_toml_position(self.text, path, at_key), reason)


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
    try:
        built = construct_document(documents[0])
    except TooLarge as refused:  # an alias bomb, `.inf`, a null key: a setting error, not a crash
        mark = refused.node.start_mark
        raise SettingsError(name, mark.line + 1, mark.column + 1, refused.reason) from None
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
    if error is None:
        return
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        # point at the key that is not allowed, not at the mapping that holds it
        allowed = error.schema.get("properties", {})
        extra = next((key for key in error.instance if key not in allowed), None)
        if extra is not None:
            raise document.error((*path, extra), _describe(error), at_key=True)
    raise document.error(path, _describe(error))


def _yaml_key(root: Node, path: FieldPath) -> tuple[int, int] | None:
    """Line and column of the key that holds the value at `path`, if every step exists."""
    node, key = root, None
    for segment in path:
        if isinstance(node, SequenceNode) and isinstance(segment, int):
            if not 0 <= segment < len(node.value):
                return None
            node, key = node.value[segment], None
        elif isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if k.value == str(segment)]
            if not pairs:
                return None
            key, node = pairs[-1]  # the last duplicate wins, as in the built value
        else:
            return None
    if key is None:
        return None
    return key.start_mark.line + 1, key.start_mark.column + 1


def _describe(error: Any) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message


@cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


def _toml_position(text: str, path: FieldPath, at_key: bool = False) -> tuple[int, int]:
    """Line and column in pyproject.toml of the value at `path` inside [tool.sedex-lint].

    tomllib gives no positions, so the text is scanned again (it parsed, so it is valid TOML):
    table headers, dotted and quoted keys, inline tables and arrays are followed, and comments
    and strings are skipped, so a key's name written in them cannot be mistaken for it. A
    scalar is pointed at by its value, a table or array by its key, and a path that does not
    exist (a missing field) by the key of the deepest part that does, as in YAML files.
    """
    try:
        found = _TomlScan(text)
    except (IndexError, ValueError):  # not expected for valid TOML: fall back to the start
        return (1, 1)
    full = ("tool", "sedex-lint", *path)
    for size in range(len(full), 0, -1):
        prefix = full[:size]
        exact = size == len(full) and not at_key and prefix not in found.containers
        offset = found.values.get(prefix) if exact else found.keys.get(prefix)
        if offset is None:
            offset = found.values.get(prefix)  # an array item has no key
        if offset is not None:
            line_start = text.rfind("\n", 0, offset) + 1
            return text.count("\n", 0, offset) + 1, offset - line_start + 1
    return (1, 1)


class _TomlScan:
    """Character offsets of every key and value of a valid TOML text, by path."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0
        self.keys: dict[FieldPath, int] = {}
        self.values: dict[FieldPath, int] = {}
        self.containers: set[FieldPath] = set()
        self.array_tables: dict[FieldPath, int] = {}
        table: FieldPath = ()
        while self._skip(newlines=True) < len(text):
            if text.startswith("[[", self.at):
                self.at += 2
                header = self._key((), header=True)
                self.at = text.index("]]", self.at) + 2
                index = self.array_tables[header] = self.array_tables.get(header, -1) + 1
                self.containers.add(header)
                table = (*header, index)
            elif text[self.at] == "[":
                self.at += 1
                table = self._key((), header=True)
                self.at = text.index("]", self.at) + 1
                self.containers.add(table)
            else:
                self._pair(table)

    def _skip(self, newlines: bool) -> int:
        """Past blanks and comments (and line ends when `newlines`); the new offset."""
        text, blanks = self.text, " \t\r\n" if newlines else " \t"
        while self.at < len(text):
            if text[self.at] in blanks:
                self.at += 1
            elif text[self.at] == "#":
                end = text.find("\n", self.at)
                self.at = len(text) if end < 0 else end + (1 if newlines else 0)
            else:
                break
        return self.at

    def _key(self, base: FieldPath, header: bool = False) -> FieldPath:
        """A dotted key below `base`; records where each of its parts starts."""
        path = base
        while True:
            self._skip(newlines=False)
            start = self.at
            path = (*path, self._key_part())
            self.keys.setdefault(path, start)
            self._skip(newlines=False)
            if self.text[self.at] != ".":
                return path
            self.at += 1
            if header and path in self.array_tables:  # [a.b] after [[a]]: in a's last table
                path = (*path, self.array_tables[path])

    def _key_part(self) -> str:
        text, start = self.text, self.at
        if text[start] in "\"'":
            self._string()
            raw = text[start : self.at]
            return raw[1:-1] if raw[0] == "'" else str(toml_module().loads(f"k = {raw}")["k"])
        while text[self.at] not in " \t.=]":
            self.at += 1
        return text[start : self.at]

    def _pair(self, table: FieldPath) -> None:
        path = self._key(table)
        self._skip(newlines=False)
        self.at += 1  # "="
        self._skip(newlines=False)
        self._value(path)

    def _value(self, path: FieldPath) -> None:
        text = self.text
        self.values.setdefault(path, self.at)
        opening = text[self.at]
        if opening in "[{":
            self.containers.add(path)
            closing, index = "]" if opening == "[" else "}", 0
            self.at += 1
            while self._skip(newlines=True) < len(text) and text[self.at] != closing:
                if opening == "[":
                    self._value((*path, index))
                    index += 1
                else:
                    self._pair(path)
                if self._skip(newlines=True) < len(text) and text[self.at] == ",":
                    self.at += 1
            self.at += 1
        elif opening in "\"'":
            self._string()
        else:  # number, boolean, date: up to the next delimiter
            while self.at < len(text) and text[self.at] not in ",]}#\r\n":
                self.at += 1

    def _string(self) -> None:
        text, quote = self.text, self.text[self.at]
        triple = text.startswith(quote * 3, self.at)
        self.at += 3 if triple else 1
        while not text.startswith(quote * 3 if triple else quote, self.at):
            self.at += 2 if quote == '"' and text[self.at] == "\\" else 1
        self.at += 3 if triple else 1
        while triple and text.startswith(quote, self.at):  # up to two quotes end the content
            self.at += 1


def toml_module() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib
