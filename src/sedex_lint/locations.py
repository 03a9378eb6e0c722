"""Where reports say a file is: relative to the repository root, which code scanning, GitLab
and CI test histories resolve paths against, wherever in the repository sedex-lint ran.

The root is `--root`, by default the repository's top level: the nearest directory at or
above the working directory that holds `.git` (a directory, or a file in a worktree or
submodule), found without running git; outside any repository, the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from sedex_lint.model import STDIN

STDIN_NAME = "stdin"
"""How machine-readable reports name standard input when --stdin-filename did not name it."""


def repository_root(start: Path) -> Path:
    start = start.absolute()
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


def relative_to(file: str, root: Path) -> str | None:
    """`file` below `root` with `/` separators, or None when it lies outside (or is stdin)."""
    if file == STDIN:
        return None
    try:
        relative = os.path.relpath(os.path.abspath(file), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def report_path(file: str, root: Path) -> str:
    """Relative to `root` when below it, else absolute; `/`-separated; 'stdin' for '-'."""
    if file == STDIN:
        return STDIN_NAME
    relative = relative_to(file, root)
    return relative if relative is not None else Path(os.path.abspath(file)).as_posix()
