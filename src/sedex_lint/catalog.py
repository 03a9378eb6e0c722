"""`sedex-lint rules`, `sedex-lint explain CODE` and `sedex-lint config`: the policy, shown;
and `sedex-lint completion SHELL`, the shell completion script (completion.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from sedex_lint.cli_support import fail, policy_and_baseline, split_values
from sedex_lint.terminal import wants_color

catalog_app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="Configuration file.")]
SelectOption = Annotated[list[str] | None, typer.Option("--select", help="Rules to enable.")]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="Rules to disable.")]


@catalog_app.command(help="List every rule: code, name, severities, whether enabled, origin.")
def rules(
    config: ConfigOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    policy, _ = policy_and_baseline(config, select, ignore, None, None)
    rows: list[dict[str, Any]] = [
        {
            "code": rule.code,
            "name": rule.name,
            "default_severity": (rule.default_severity or rule.severity).label,
            "severity": rule.severity.label,
            "enabled": rule.code in policy.enabled,
            "origin": rule.origin,
            "topic": rule.topic,
            "summary": rule.summary,
        }
        for rule in policy.available.rules
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "default", "severity", "enabled", "origin", "topic"):
        table.add_column(column, no_wrap=True)
    topics = list(dict.fromkeys(row["topic"] for row in rows))  # in the order of their codes
    for topic in topics:
        for row in (row for row in rows if row["topic"] == topic):
            table.add_row(
                row["code"], row["name"], row["default_severity"], row["severity"],
                "yes" if row["enabled"] else "no", row["origin"], topic,
            )  # fmt: skip
    _console().print(table)


@catalog_app.command(help="Show a rule's documentation: what it checks, why, how to fix it.")
def explain(
    rule: Annotated[str, typer.Argument(help="Code or name, e.g. SDX004 or memory-allocation.")],
    config: ConfigOption = None,
) -> None:
    policy, _ = policy_and_baseline(config, None, None, None, None)
    found = policy.available.find(rule)
    if found is None:
        fail(f"no rule {rule!r}; `sedex-lint rules` lists them")
    from sedex_lint.rule_docs import render_rule

    page = render_rule(found)
    if not sys.stdout.isatty():
        # a pipe or a file gets the Markdown itself: rich would pad every line to a width
        typer.echo(page.rstrip("\n"))
        return
    from rich.markdown import Markdown

    _console().print(Markdown(page))


@catalog_app.command(name="config", help="Show the effective configuration and where it came from.")
def show_config(
    config: ConfigOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> None:
    policy, _ = policy_and_baseline(config, split_values(select) or None, ignore, None, None)
    effective: dict[str, Any] = {
        "config_file": policy.config_file,
        "fail_on": policy.fail_on.label,
        "enabled_rules": sorted(policy.enabled),
        "disabled_rules": sorted(
            r.code for r in policy.available.rules if r.code not in policy.enabled
        ),
        "rules": {
            r.code: {"severity": r.severity.label, "parameters": dict(r.parameters)}
            for r in policy.available.rules
        },
        "exclude": list(policy.exclude),
        "docs_url": policy.docs_url,
        "sedex": {
            "images": [
                "sedexch/sedex-client (any registry, tag or digest)",
                *policy.recognition.images,
            ],
            "labels": dict(policy.recognition.labels),
            "containers": list(policy.recognition.containers),
        },
    }
    typer.echo(json.dumps(effective, indent=2))


@catalog_app.command(
    help="Print the shell completion script for bash, zsh or fish. Install it with "
    'eval "$(sedex-lint completion bash)" in ~/.bashrc (zsh: the same in ~/.zshrc), or '
    "sedex-lint completion fish > ~/.config/fish/completions/sedex-lint.fish."
)
def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    from sedex_lint.completion_scripts import SHELLS, script

    if shell not in SHELLS:
        fail(f"no completion for {shell!r}; choose from {', '.join(SHELLS)}")
    sys.stdout.write(script(shell))


def _console() -> Any:
    from rich.console import Console

    color = wants_color(sys.stdout)
    # a pipe gets whole lines (no terminal width to fit), so names are never cut short
    width = None if sys.stdout.isatty() else 200
    return Console(no_color=not color, soft_wrap=False, highlight=False, width=width)
