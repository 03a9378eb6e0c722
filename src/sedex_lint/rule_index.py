"""The built-in declarations of rules/, read once at release time into one JSON file.

Reading 40 YAML declarations with positions costs more than the rest of a small run's
start-up put together; `index.json` holds the same mappings and loads in a fraction of that.
It is generated beside the declarations by `python -m sedex_lint.rule_docs`, and a test fails
when it is stale. At run time each declaration's size and CRC-32 are compared with the index
first: an index that does not match the files on disk (a declaration edited in a checkout, an
index forgotten) is ignored and the YAML is read, so a stale index never changes a result.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

INDEX_FILE = "index.json"
FORMAT = 1


def render_index(declarations: Sequence[tuple[Path, Mapping[str, Any]]]) -> str:
    """The index text for these declarations (their files and the mappings read from them)."""
    entries = [
        {"file": path.name, **_stamp(path.read_bytes()), "data": data}
        for path, data in declarations
    ]
    return json.dumps({"format": FORMAT, "declarations": entries}, indent=1) + "\n"


def read_index(directory: Path, files: Sequence[Path]) -> list[Mapping[str, Any]] | None:
    """The declarations' mappings from the index, or None when it is missing, of another
    format, or does not match `files` byte for byte (by size and CRC-32)."""
    try:
        index = json.loads((directory / INDEX_FILE).read_text(encoding="utf-8"))
        entries = index["declarations"] if index.get("format") == FORMAT else None
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    if not isinstance(entries, list) or len(entries) != len(files):
        return None
    for entry, path in zip(entries, files, strict=True):
        if not isinstance(entry, dict) or entry.get("file") != path.name:
            return None
        try:
            stamp = _stamp(path.read_bytes())
        except OSError:
            return None
        if any(entry.get(key) != value for key, value in stamp.items()):
            return None
    return [entry["data"] for entry in entries]


def _stamp(data: bytes) -> dict[str, int]:
    return {"size": len(data), "crc32": zlib.crc32(data)}
