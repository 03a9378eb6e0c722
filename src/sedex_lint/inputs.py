"""Command-line paths to the inputs to lint: files, directories walked recursively, or stdin."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import fnmatch
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from sedex_lint.model import STDIN, InputError

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")


class Input(NamedTuple):
    name: str
    """The path as the user wrote it (joined with what the walk found), or '-' for stdin."""
    label: str | None = None
    """What reports call standard input: --stdin-filename (ruff's and eslint's option)."""

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN

    @property
    def shown(self) -> str:
        """The name in findings and reports."""
        return self.label if self.label is not None else self.name


def expand(
    paths: Iterable[str], stdin_name: str | None = None
) -> tuple[list[Input], list[InputError]]:
    """Inputs in the order given; a directory's manifests in sorted order, hidden ones skipped.

    A file named explicitly is linted whatever its suffix (a hook passes exactly the files it
    wants). The same file reached twice (named and inside a named directory, `dir` and
    `./dir`, a link and its target) is linted once, under the first spelling. Symbolic links
    to directories are not followed, so a link loop cannot trap the walk.
    """
    inputs: dict[str, Input] = {}
    errors: list[InputError] = []
    for path in paths:
        if path == STDIN or (os.path.lexists(path) and not os.path.isdir(path)):
            found = [(path, identity(path))]
        elif os.path.isdir(path):
            found = _walk(path)
        else:
            errors.append(InputError(path, 1, 1, "no such file or directory"))
            continue
        for name, same in found:
            label = stdin_name if name == STDIN else None
            inputs.setdefault(same, Input(name, label))
    return list(inputs.values()), errors


def identity(name: str) -> str:
    """What makes two spellings the same input: the resolved path; '-' is itself."""
    return name if name == STDIN else os.path.realpath(name)


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


def read_by_run(
    target: str,
    paths: Sequence[str],
    inputs: Sequence[Input],
    is_excluded: Callable[[Input], bool],
) -> str | None:
    """Why writing `target` would clobber what this run reads, or None when it would not.

    Refused: a file that is an input (named, or found below a named directory, in any
    spelling), and a file that does not exist yet but that the walk of a named directory
    would pick up: otherwise the first run passes and the next one lints, then overwrites,
    its own report.
    """
    wanted = identity(target)
    for item in inputs:
        if not item.is_stdin and identity(item.name) == wanted:
            return f"would overwrite the input {item.name}; write it elsewhere"
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            continue
        directory = os.path.realpath(path)
        if os.path.commonpath([directory, wanted]) != directory:
            continue
        parts = PurePosixPath(Path(os.path.relpath(wanted, directory)).as_posix()).parts
        if wanted == directory or any(part.startswith(".") for part in parts):
            continue  # the directory itself cannot be written; hidden paths are not walked
        manifest = parts[-1].lower().endswith(MANIFEST_SUFFIXES)
        if manifest and not is_excluded(Input(os.path.join(path, *parts))):
            return (
                f"would write into the input directory {path}, where it would be linted; "
                "write it elsewhere or exclude it in the configuration"
            )
    return None


def _walk(directory: str) -> list[tuple[str, str]]:
    """The manifests below a directory with their `identity`, in the order of os.walk from the
    top (whose rules it follows: a symbolic link to a directory is not walked, a directory
    that cannot be listed is skipped). Only a symbolic link needs os.path.realpath (a system
    call per component of its path): any other entry's is its directory's, joined."""
    found: list[tuple[str, str]] = []
    pending = [(directory, os.path.realpath(directory))]
    while pending:
        top, real = pending.pop()
        try:
            with os.scandir(top) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            continue
        directories = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_dir(entry):
                if not _is_symlink(entry):
                    directories.append((os.path.join(top, name), os.path.join(real, name)))
            elif name.lower().endswith(MANIFEST_SUFFIXES):
                path = os.path.join(top, name)
                same = os.path.realpath(path) if _is_symlink(entry) else os.path.join(real, name)
                found.append((path, same))
        pending.extend(reversed(directories))
    return found


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_symlink(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
