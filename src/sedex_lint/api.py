"""The one entry point that the command line, the pre-commit hook and tests share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sedex_lint.baseline import Baseline
from sedex_lint.engine import Engine
from sedex_lint.inputs import Input, excluded, expand
from sedex_lint.model import Report
from sedex_lint.policy import Policy
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.runner import lint_inputs, read_input


def engine_for(policy: Policy) -> Engine:
    return Engine(policy.rules, policy.recognition, policy.known_rules, policy.limits)


def lint(
    paths: Sequence[str],
    rules: RuleSet | None = None,
    reader: Callable[[Input], bytes] | None = None,
    policy: Policy | None = None,
    baseline: Baseline | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint files, directories (recursively) and '-' (stdin).

    With a `policy` (configuration, selection, plugins) its rules run; otherwise `rules`, or
    the built-in rules with their defaults.
    """
    inputs, missing = expand(paths)
    if policy is not None:
        inputs = [item for item in inputs if not excluded(item, policy.exclude, policy.base_dir)]
        engine = engine_for(policy)
        max_bytes = policy.limits.max_file_bytes
        reader = reader or (lambda item: read_input(item, max_bytes))
        report = lint_inputs(
            engine, inputs, missing, reader, baseline, policy.docs_url, jobs, progress
        )
        if policy.plugin_errors:
            from dataclasses import replace

            errors = (*policy.plugin_errors, *report.internal_errors)
            report = replace(report, internal_errors=errors)
        return report
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(
        engine, inputs, missing, reader or read_input, baseline, jobs=jobs, progress=progress
    )


def lint_text(text: str | bytes, name: str = "<string>", rules: RuleSet | None = None) -> Report:
    """Lint one manifest held in memory; handy in tests and for editor integrations."""
    data = text.encode() if isinstance(text, str) else text
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(engine, [Input(name)], reader=lambda _item: data)


__all__ = ["Report", "engine_for", "lint", "lint_text"]
