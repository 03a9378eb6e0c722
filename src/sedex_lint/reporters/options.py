"""What a run asks of its reports, beyond the findings: one value for every reporter."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from pathlib import Path
from typing import NamedTuple


class RenderOptions(NamedTuple):
    root: Path | None = None
    """What SARIF, GitLab and JUnit paths are relative to (--root); None: the working
    directory. Text, JSON and GitHub annotations do not use it (see docs/ci.md)."""
    show_suppressed: bool = False
    """Text lists suppressed findings; SARIF carries them as results with `suppressions`."""
    show_source: bool = True
    """Text shows each finding's line with a caret under the column."""

    @property
    def base(self) -> Path:
        return self.root if self.root is not None else Path.cwd()
