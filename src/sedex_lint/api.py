"""The one entry point that the command line, the pre-commit hook and tests share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sedex_lint.engine import Engine, lint_inputs, read_input
from sedex_lint.inputs import Input, expand
from sedex_lint.model import Report
from sedex_lint.registry import RuleSet, builtin_rules


def lint(
    paths: Sequence[str],
    rules: RuleSet | None = None,
    reader: Callable[[Input], bytes] = read_input,
) -> Report:
    """Lint files, directories (recursively) and '-' (stdin) with the given or built-in rules."""
    inputs, missing = expand(paths)
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(engine, inputs, missing, reader)


def lint_text(text: str | bytes, name: str = "<string>", rules: RuleSet | None = None) -> Report:
    """Lint one manifest held in memory; handy in tests and for editor integrations."""
    data = text.encode() if isinstance(text, str) else text
    engine = Engine(rules if rules is not None else builtin_rules())
    return lint_inputs(engine, [Input(name)], reader=lambda _item: data)
