"""Whether a stream is a person's terminal that may get colour: the one decision for every
command, so that NO_COLOR, pipes and CI logs are treated alike."""

from __future__ import annotations

import os
from typing import TextIO


def wants_color(stream: TextIO, refused: bool = False) -> bool:
    """Colour only on a terminal, unless `--no-color` (`refused`) or NO_COLOR says no."""
    return not refused and "NO_COLOR" not in os.environ and stream.isatty()


def interactive(stream: TextIO) -> bool:
    """Animated output (a progress bar) only for a person at a terminal, never in CI logs."""
    return wants_color(stream) and not os.environ.get("CI")
