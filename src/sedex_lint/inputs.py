"""Command-line paths to the inputs to lint: files, directories walked recursively, or stdin."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sedex_lint.model import InputError

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    name: str
    """The path as the user wrote it (joined with what the walk found), or '-' for stdin."""

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


def expand(paths: Iterable[str]) -> tuple[list[Input], list[InputError]]:
    """Inputs in the order given; a directory's manifests in sorted order, hidden ones skipped.

    A file named explicitly is linted whatever its suffix (a hook passes exactly the files it
    wants). The same file reached twice is linted once. Symbolic links to directories are
    not followed, so a link loop cannot trap the walk.
    """
    names: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if path == STDIN or (os.path.lexists(path) and not os.path.isdir(path)):
            names.append(path)
        elif os.path.isdir(path):
            names.extend(_walk(path))
        else:
            errors.append(InputError(path, 1, 1, "no such file or directory"))
    # dict.fromkeys: a file reached twice (named and inside a named directory) is linted once
    return [Input(name) for name in dict.fromkeys(names)], errors


def excluded(item: Input, patterns: tuple[str, ...], base_dir: Path) -> bool:
    """Whether a configured glob matches the path (relative to the configuration's directory)
    or one of its parent directories. Standard input is never excluded."""
    if not patterns or item.is_stdin:
        return False
    path = Path(os.path.abspath(item.name))
    try:
        relative = path.relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    candidates = [
        relative,
        *(p.as_posix() for p in PurePosixPath(relative).parents if str(p) != "."),
    ]
    return any(fnmatch.fnmatchcase(c, pattern) for c in candidates for pattern in patterns)


def _walk(directory: str) -> list[str]:
    names = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and file.lower().endswith(MANIFEST_SUFFIXES):
                names.append(os.path.join(root, file))
    return names
