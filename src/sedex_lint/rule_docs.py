"""Markdown pages for docs/rules/, generated from the rule declarations.

Run `python -m sedex_lint.rule_docs` after editing rules/; a test fails while a page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sedex_lint.registry import Rule, RuleSet, builtin_rules


def render_rule(rule: Rule) -> str:
    lines = [
        f"# {rule.code} `{rule.name}`",
        "",
        f"**Default severity:** {rule.severity.label}"
        + (f" · **Applies to:** {', '.join(rule.applies_to)}" if rule.applies_to else ""),
        "",
        rule.summary,
        "",
        "## Why",
        "",
        rule.rationale,
        "",
    ]
    if rule.sources:
        lines += ["## Sources", ""]
        for source in rule.sources:
            lines.append(f"- [{source.title}]({source.url})")
            if source.quote:
                lines.append(f"  > {' '.join(source.quote.split())}")
        lines.append("")
    lines += ["## How to fix", "", rule.fix, ""]
    if rule.parameters:
        lines += ["## Parameters", ""]
        lines += [f"- `{key}`: default `{value}`" for key, value in rule.parameters.items()]
        lines.append("")
    lines += [
        "## Example that fails",
        "",
        "```yaml",
        rule.bad_example.rstrip("\n"),
        "```",
        "",
        "## Example that passes",
        "",
        "```yaml",
        rule.good_example.rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(lines)


def render_index(rules: RuleSet) -> str:
    lines = ["# Rules", "", "| Code | Name | Default severity | Checks |", "|---|---|---|---|"]
    for rule in rules.rules:
        page = f"{rule.code}-{rule.name}.md"
        lines.append(
            f"| [{rule.code}]({page}) | `{rule.name}` | {rule.severity.label} | {rule.summary} |"
        )
    lines.append("")
    return "\n".join(lines)


def pages(rules: RuleSet) -> dict[str, str]:
    generated = {f"{rule.code}-{rule.name}.md": render_rule(rule) for rule in rules.rules}
    generated["README.md"] = render_index(rules)
    return generated


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in pages(builtin_rules()).items():
        (target / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
