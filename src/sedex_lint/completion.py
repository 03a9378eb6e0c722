"""Shell completion: `sedex-lint completion bash|zsh|fish` prints a script (completion_scripts);
the shell then runs `sedex-lint` with _SEDEX_LINT_COMPLETE set, and this module answers with
candidates.

Typer's own completion (`add_completion=True`) costs every start an import of its completion
machinery and two options; this costs the start-up one environment lookup (cli.main), and
the lint options are read from the command itself when a shell asks, so they never drift.
The protocol is one candidate per line; a line `@files` asks the shell to add file names.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from sedex_lint.completion_scripts import FILES, SHELLS


def respond(shell: str) -> None:
    """Print the candidates for the word being completed, then exit 0."""
    words = os.environ.get("_SEDEX_LINT_WORDS", "").split()[1:]  # without the program's name
    incomplete = os.environ.get("_SEDEX_LINT_CUR", "")
    sys.stdout.write("".join(f"{line}\n" for line in candidates(words, incomplete)))
    sys.exit(0)


def candidates(words: list[str], incomplete: str) -> list[str]:
    """What may come next after `words`, starting with `incomplete`."""
    from sedex_lint.cli_help import SUBCOMMANDS

    if words and words[0] in SUBCOMMANDS:
        found = _command_candidates(words[0], words[1:], incomplete)
    else:
        found = _lint_candidates(words, incomplete, first=not words)
    return [c for c in found if c == FILES or c.startswith(incomplete)]


def _lint_candidates(words: list[str], incomplete: str, first: bool) -> list[str]:
    from typer.main import get_command

    from sedex_lint.cli import app
    from sedex_lint.cli_help import SUBCOMMANDS

    options = _options(get_command(app))
    if words and words[-1] in options and options[words[-1]] is not None:
        return _values(words[-1])
    if incomplete.startswith("-"):
        return sorted(options)
    return [*(SUBCOMMANDS if first else ()), FILES]


def _command_candidates(command: str, words: list[str], incomplete: str) -> list[str]:
    if command == "completion":
        return [] if words else list(SHELLS)
    from typer.main import get_command

    if command == "init":
        from sedex_lint.init_command import init_app

        options = _options(get_command(init_app))
    else:
        from sedex_lint.catalog import catalog_app

        group: Any = get_command(catalog_app)
        options = _options(group.commands[command])
    if words and words[-1] in options and options[words[-1]] is not None:
        return _values(words[-1])
    if incomplete.startswith("-"):
        return sorted(options)
    if command == "explain" and not [w for w in words if not w.startswith("-")]:
        return _rule_codes()
    return []


def _options(command: Any) -> dict[str, str | None]:
    """Every option spelling of a click command, with its metavar (None: a flag)."""
    found: dict[str, str | None] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        takes_value = not param.is_flag and not getattr(param, "count", False)
        for spelling in (*param.opts, *param.secondary_opts):
            found[spelling] = "VALUE" if takes_value else None
    found.setdefault("--help", None)
    return found


def _values(option: str) -> list[str]:
    if option in ("-f", "--format"):
        from sedex_lint.outputs import FORMATS

        return list(FORMATS)
    if option == "--fail-on":
        return ["error", "warning", "info"]
    if option in ("--select", "--ignore"):
        return _rule_codes()
    if option == "--kubernetes-version":
        from sedex_lint.k8s_schema import bundled_versions

        return list(bundled_versions())
    if option in ("-j", "--jobs"):
        return []
    return [FILES]


def _rule_codes() -> list[str]:
    from sedex_lint.registry import builtin_rules

    rules = builtin_rules().rules
    return [rule.code for rule in rules] + [rule.name for rule in rules]
