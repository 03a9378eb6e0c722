"""The one entry point that the command line, the pre-commit hook and tests share."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sedex_lint.engine import Engine
from sedex_lint.inputs import Input, excluded, expand, read_by_run
from sedex_lint.model import STDIN, InputError, Report
from sedex_lint.policy import Policy
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.runner import Reader, lint_inputs, open_input

if TYPE_CHECKING:  # a baseline is read only when one is given
    from sedex_lint.baseline import Baseline


def engine_for(policy: Policy) -> Engine:
    return Engine(policy.rules, policy.recognition, policy.known_rules, policy.limits)


class Selection:
    """What a run will read: the paths as given, the inputs they yield, the missing ones.
    Immutable by convention."""

    __slots__ = ("base_dir", "errors", "exclude", "inputs", "paths")

    paths: tuple[str, ...]
    inputs: tuple[Input, ...]
    errors: tuple[InputError, ...]
    exclude: tuple[str, ...]
    base_dir: Path

    def __init__(
        self,
        paths: tuple[str, ...],
        inputs: tuple[Input, ...],
        errors: tuple[InputError, ...],
        exclude: tuple[str, ...] = (),
        base_dir: Path | None = None,
    ) -> None:
        """`base_dir` defaults to the working directory."""
        self.paths = paths
        self.inputs = inputs
        self.errors = errors
        self.exclude = exclude
        self.base_dir = Path.cwd() if base_dir is None else base_dir

    @property
    def empty(self) -> bool:
        """Nothing to read and nothing missing: the paths hold no manifest at all."""
        return not self.inputs and not self.errors

    @property
    def only_excluded_files(self) -> bool:
        """Every path is a file named explicitly, and the configuration excludes them all
        (what a pre-commit hook passes when only excluded files changed)."""
        return self.empty and all(
            p != STDIN and os.path.lexists(p) and not os.path.isdir(p) for p in self.paths
        )

    def is_excluded(self, item: Input) -> bool:
        return excluded(item, self.exclude, self.base_dir)

    def clobbers(self, target: str) -> str | None:
        """Why writing `target` would overwrite what this run reads, or None."""
        return read_by_run(target, self.paths, self.inputs, self.is_excluded)


def select(
    paths: Sequence[str], policy: Policy | None = None, stdin_name: str | None = None
) -> Selection:
    """The inputs of `paths`, without those the policy's `exclude` globs match; standard
    input is reported as `stdin_name` when given."""
    inputs, missing = expand(paths, stdin_name)
    if policy is None:
        return Selection(tuple(paths), tuple(inputs), tuple(missing))
    selection = Selection(tuple(paths), (), tuple(missing), policy.exclude, policy.base_dir)
    kept = tuple(item for item in inputs if not selection.is_excluded(item))
    return Selection(selection.paths, kept, selection.errors, policy.exclude, policy.base_dir)


def lint(
    paths: Sequence[str] | Selection,
    rules: RuleSet | None = None,
    reader: Reader | None = None,
    policy: Policy | None = None,
    baseline: Baseline | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint files, directories (recursively) and '-' (stdin), or a `select`ed Selection.

    With a `policy` (configuration, selection, plugins) its rules run; otherwise `rules`, or
    the built-in rules with their defaults.
    """
    chosen = paths if isinstance(paths, Selection) else select(paths, policy)
    inputs, missing = chosen.inputs, chosen.errors
    if policy is not None:
        engine = engine_for(policy)
        max_bytes = policy.limits.max_file_bytes
        reader = reader or (lambda item: open_input(item, max_bytes))
        report = lint_inputs(
            engine, inputs, missing, reader, baseline, policy.docs_url, jobs, progress
        )
        if policy.plugin_errors:
            errors = (*policy.plugin_errors, *report.internal_errors)
            report = report._replace(internal_errors=errors)
        return report
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(
        engine, inputs, missing, reader or open_input, baseline, jobs=jobs, progress=progress
    )


def lint_text(text: str | bytes, name: str = "<string>", rules: RuleSet | None = None) -> Report:
    """Lint one manifest held in memory; handy in tests and for editor integrations."""
    data = text.encode() if isinstance(text, str) else text
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(engine, [Input(name)], reader=lambda _item: data)


__all__ = ["Report", "Selection", "engine_for", "lint", "lint_text", "select"]
