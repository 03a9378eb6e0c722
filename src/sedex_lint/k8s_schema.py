"""Kubernetes' own schemas, bundled per minor version, and CRD schemas from directories.

The bundled data (`k8s_schemas/`, built by tools/build_schemas.py, see docs/schemas.md) holds
every distinct definition once, shared by all versions, and one small index per version.
A run reads only its target version's index, parses a definition only when an object
reaches it, and compiles each into a validator once per process.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from sedex_lint.schema_compile import Compiler
from sedex_lint.schema_values import Problem, Validator

DATA = Path(__file__).resolve().parent / "k8s_schemas"
NEWEST = "newest"
_VERSION = re.compile(r"v?(\d+)\.(\d+)(?:\.\d+)?\Z")

Check = Callable[[Any], list[Problem]]


class UnknownVersion(ValueError):
    pass


@cache
def bundled_versions() -> tuple[str, ...]:
    """'1.25' ... '1.37', oldest first."""
    found = [p.name[1:-5] for p in DATA.glob("v*.zlib")]
    return tuple(sorted(found, key=lambda v: tuple(map(int, v.split(".")))))


def minor(version: str) -> int:
    return int(version.split(".")[1])


def target_version(requested: str | None) -> str:
    """A bundled 'MAJOR.MINOR' for `1.30`, `v1.30.2` or `newest` (the default)."""
    versions = bundled_versions()
    if not requested or requested == NEWEST:
        return versions[-1]
    match = _VERSION.match(str(requested).strip())
    version = f"{match.group(1)}.{match.group(2)}" if match else str(requested)
    if version not in versions:
        raise UnknownVersion(
            f"no bundled schemas for Kubernetes {requested!r}; "
            f"bundled: {versions[0]} to {versions[-1]}"
        )
    return version


@cache
def _lines() -> list[bytes]:
    return zlib.decompress((DATA / "definitions.zlib").read_bytes()).split(b"\n")


@cache
def version_index(version: str) -> Mapping[str, Any]:
    """{"definitions": name -> line, "kinds": "apiVersion/kind" -> definition name}."""
    data: Mapping[str, Any] = json.loads(zlib.decompress((DATA / f"v{version}.zlib").read_bytes()))
    return data


def kinds(version: str) -> Mapping[str, str]:
    kinds_of_version: Mapping[str, str] = version_index(version)["kinds"]
    return kinds_of_version


@cache
def _compiler(version: str) -> Compiler:
    lines, index = _lines(), version_index(version)["definitions"]
    return Compiler(lambda name: json.loads(lines[index[name]]))


def checker(
    version: str, api_version: str, kind: str, schema_dirs: Iterable[str] = ()
) -> Check | None:
    """The validator for objects of this apiVersion and kind, or None without a schema."""
    name = kinds(version).get(f"{api_version}/{kind}")
    if name is not None:
        return _run(_compiler(version).definition(name))
    for location in schema_dirs:
        for candidate in _candidates(location, api_version, kind, version):
            found = _file_checker(candidate)
            if found is not None:
                return found
    return None


def _run(validate: Validator) -> Check:
    def check(value: Any) -> list[Problem]:
        problems: list[Problem] = []
        validate(value, None, problems)
        return problems

    return check


def _candidates(location: str, api_version: str, kind: str, version: str) -> list[str]:
    """kubeconform's file names for a schema: a `-schema-location` template, or in a
    directory the CRDs catalog's `{group}/{kind}_{version}.json`, openapi2jsonschema's
    `{kind}_{version}.json` and kubernetes-json-schema's `{kind}-{group}-{version}.json`."""
    group, _, api = api_version.rpartition("/")
    if any(".." in part or "/" in part or "\\" in part for part in (group, api, kind)):
        return []  # a manifest's apiVersion never leads outside the schema directories
    kind_suffix = "-" + (group or api).split(".")[0].lower() + (f"-{api.lower()}" if group else "")
    values = {
        "NormalizedKubernetesVersion": f"v{version}.0",
        "StrictSuffix": "-strict",
        "ResourceKind": kind.lower(),
        "ResourceAPIVersion": api,
        "Group": group,
        "KindSuffix": kind_suffix,
    }
    if "{{" in location:
        text = re.sub(
            r"\{\{\s*\.(\w+)\s*\}\}", lambda m: values.get(m.group(1), m.group(0)), location
        )
        return [text]
    base = Path(location)
    return [
        str(base / group / f"{kind.lower()}_{api}.json"),
        str(base / f"{kind.lower()}_{api}.json"),
        str(base / f"{kind.lower()}{kind_suffix}.json"),
    ]


@cache
def _file_checker(path: str) -> Check | None:
    try:
        schema = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise SchemaFileError(f"cannot read schema {path}: {error}") from None
    return _run(Compiler(_pointer_resolver(schema)).compile(schema, Path(path).stem))


class SchemaFileError(ValueError):
    pass


def _pointer_resolver(document: Any) -> Callable[[str], Mapping[str, Any]]:
    """`#/definitions/x`-style references inside one schema file."""

    def resolve(reference: str) -> Mapping[str, Any]:
        if not reference.startswith("#"):
            return {}  # a remote reference: not followed, so it accepts anything
        node = document
        for part in reference[1:].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, dict) else {}

    return resolve


@cache
def served() -> Mapping[str, tuple[int, int]]:
    """`apiVersion/kind` -> (first, last) minor version of 1.x whose bundled schemas serve it."""
    data = json.loads((DATA / "served.json").read_text(encoding="utf-8"))
    return {key: (span[0], span[1]) for key, span in data.items()}


@cache
def deprecations() -> Mapping[tuple[str, str], Mapping[str, Any]]:
    """(apiVersion, kind) -> the deprecation guide's entry (k8s_schemas/deprecations.json)."""
    data = json.loads((DATA / "deprecations.json").read_text(encoding="utf-8"))
    return {
        (row["apiVersion"], row["kind"]): {"source": data["source"], **row} for row in data["apis"]
    }
