"""What the lint command and the catalog commands share: errors on stderr with exit 2,
comma-separated option values, the policy (configuration, selection, baseline) of a run, and
a mistyped command name.

Nothing here imports typer: the lint command's fast path (fast_cli.py) runs without it. An
error is `SystemExit(code)`, which click's standalone mode lets through unchanged, so typer's
commands exit with the same code as they did with `typer.Exit`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:  # imported lazily at run time: start-up pays only for what a run uses
    from sedex_lint.baseline import Baseline
    from sedex_lint.model import Severity
    from sedex_lint.policy import Policy


def fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"sedex-lint: error: {message}\n")
    raise SystemExit(code)


def split_values(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def paths_to_lint(
    paths: list[str] | None, stdin_filename: str | None, root: Path | None
) -> list[str]:
    """The PATH arguments, checked with the options that refer to them."""
    if not paths and stdin_filename is not None:
        paths = ["-"]  # as ruff reads standard input when given only --stdin-filename
    if not paths:
        fail("no PATH given; name files, directories or '-' for stdin (see sedex-lint --help)")
    if stdin_filename is not None and "-" not in paths:
        fail("--stdin-filename names standard input, but '-' is not among the paths")
    if root is not None and not root.is_dir():
        fail(f"--root: {root}: not a directory")
    return paths


def policy_and_baseline(
    config: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    threshold: Severity | None,
    baseline: Path | None,
) -> tuple[Policy, Baseline | None]:
    from sedex_lint.config import discover, load_config
    from sedex_lint.policy import OptionError, build_policy
    from sedex_lint.settings_file import SettingsError

    try:
        if config is not None and not config.is_file():
            fail(f"--config: {config}: no such file")
        settings = load_config(config if config is not None else discover(Path.cwd()))
        policy = build_policy(settings, split_values(select), split_values(ignore), threshold)
        known = None
        if baseline is not None:
            from sedex_lint.baseline import read_baseline

            known = read_baseline(baseline)
    except (SettingsError, OptionError) as error:
        fail(str(error))
    return policy, known


def refuse_mistyped_command(argv: list[str], commands: Sequence[str]) -> None:
    """`sedex-lint rule` means `rules`, not a file named rule: say so (exit 2) rather than
    report `rule:1:1 no such file or directory`. A path that exists is always a path."""
    if not argv or argv[0].startswith("-") or os.path.lexists(argv[0]):
        return
    from difflib import get_close_matches

    close = get_close_matches(argv[0], commands, n=1, cutoff=0.75)
    if close:
        sys.stderr.write(
            f"sedex-lint: error: no such file or directory: {argv[0]!r}; "
            f"did you mean the command `sedex-lint {close[0]}`?\n"
        )
        sys.exit(2)
