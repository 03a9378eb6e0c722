"""The lint command's options table (lint_options.py) is what typer declares now."""

from __future__ import annotations

import dataclasses
import inspect

from sedex_lint import cli
from sedex_lint.lint_options import PARAMETERS
from sedex_lint.lint_options_gen import TARGET, render
from sedex_lint.lint_run import LintOptions
from tests.conftest import REPO


def test_the_table_is_what_the_generator_writes_from_typer_now() -> None:
    committed = (REPO / TARGET).read_text(encoding="utf-8")
    assert committed == render(), "run `python -m sedex_lint.lint_options_gen`"


def test_the_options_record_has_the_lint_commands_parameters() -> None:
    """LintOptions holds every parameter of `lint_command` but --version, whose eager
    callback exits before the command runs; the table's "typer" rows are the same one and
    help, which the fast path never reads."""
    declared = list(inspect.signature(cli.lint_command).parameters)
    fields = [field.name for field in dataclasses.fields(LintOptions)]
    assert fields == [name for name in declared if name != "version"]
    read = [dest for dest, _, kind, _, _ in PARAMETERS if kind != "typer"]
    assert read == fields
