"""What a lint run must pass before it starts: no report written over a manifest, something
to lint, a Kubernetes version sedex-lint knows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sedex_lint.cli_support import fail

if TYPE_CHECKING:
    from sedex_lint.api import Selection
    from sedex_lint.outputs import Output
    from sedex_lint.policy import Policy


def refuse_clobbering(
    selection: Selection, outputs: list[Output], write_baseline: Path | None
) -> None:
    """A report or baseline written over a manifest destroys it: refuse before anything runs."""
    targets = [(f"--format {o.format}:{o.file}", o.file) for o in outputs if o.file]
    if write_baseline is not None:
        targets.append((f"--write-baseline {write_baseline}", str(write_baseline)))
    for option, file in targets:
        reason = selection.clobbers(file)
        if reason is not None:
            fail(f"{option}: {reason} (nothing was linted or written)")


def refuse_nothing_to_lint(selection: Selection, allow_empty: bool, quiet: bool) -> None:
    """A gate that lints nothing must not pass silently: the path is probably wrong.

    Files named one by one that the configuration all excludes are the exception: that is
    what a pre-commit hook passes when only excluded files changed, and the configuration
    said so on purpose.
    """
    if not selection.empty or allow_empty:
        return
    if selection.only_excluded_files:
        if not quiet:
            sys.stderr.write("sedex-lint: every named file is excluded by the configuration\n")
        return
    fail(
        f"no manifest found under {', '.join(selection.paths)} (no *.yaml, *.yml or *.json "
        "file, or all excluded by the configuration); pass --allow-empty if that is expected"
    )


def for_kubernetes_version(policy: Policy, requested: str) -> Policy:
    from sedex_lint.k8s_schema import UnknownVersion, target_version
    from sedex_lint.policy import with_parameter

    try:
        return with_parameter(policy, "kubernetes_version", target_version(requested))
    except UnknownVersion as error:
        fail(f"--kubernetes-version: {error}")
