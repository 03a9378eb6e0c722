"""The tools: sedex-lint and its peers (yamllint, kubeconform, Checkov), found and described.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence

from measure import Case, Tool

OK_CODES = frozenset({0, 1})
"""Every tool exits 1 when it finds problems: that counts as success."""
SCHEMA_RULES = "SDX090,SDX091,SDX092"
PEERS = ("yamllint", "kubeconform", "checkov")


def _sedex_lint_argv(path: str, case: Case) -> list[str]:
    return [path, "-q", case.target]


def _sedex_lint_schema_off_argv(path: str, case: Case) -> list[str]:
    return [path, "-q", "--ignore", SCHEMA_RULES, case.target]


def _yamllint_argv(path: str, case: Case) -> list[str]:
    return [path, "-d", "relaxed", case.target]


def _checkov_argv(download: bool) -> Callable[[str, Case], list[str]]:
    def build(path: str, case: Case) -> list[str]:
        where = ["-f" if case.is_file else "-d", case.target]
        argv = [path, *where, "--framework", "kubernetes", "--quiet", "--compact"]
        return argv if download else [*argv, "--skip-download"]

    return build


def _kubeconform_argv(schema_locations: Sequence[str]) -> Callable[[str, Case], list[str]]:
    def build(path: str, case: Case) -> list[str]:
        locations = [arg for location in schema_locations for arg in ("-schema-location", location)]
        return [path, "-summary", *locations, case.target]

    return build


def tool_version(argv: Sequence[str]) -> str:
    """The first line a command prints (a version, a path...), or why there is none."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def resolve(explicit: str | None, name: str) -> str | None:
    """The executable given on the command line, else `name` from PATH or beside sys.executable."""
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise SystemExit(f"run.py: {explicit} is not an executable file")
        return os.path.abspath(explicit)
    found = shutil.which(name)
    if found is None:
        sibling = os.path.join(os.path.dirname(sys.executable), name)
        if os.path.isfile(sibling) and os.access(sibling, os.X_OK):
            found = sibling
    return found


def discover_tools(args: argparse.Namespace) -> tuple[list[Tool], list[tuple[str, str]]]:
    """sedex-lint first, then the peers found; and the peers not run, with the reason."""
    tools: list[Tool] = []
    absent: list[tuple[str, str]] = []
    sedex_lint = resolve(args.sedex_lint, "sedex-lint")
    if sedex_lint is None:
        raise SystemExit("run.py: sedex-lint not found; give --sedex-lint PATH")
    version = tool_version([sedex_lint, "--version"])
    tools.append(Tool("sedex-lint", sedex_lint, version, _sedex_lint_argv, OK_CODES))
    if args.schema_off:
        tools.append(
            Tool(
                "sedex-lint, schema rules off",
                sedex_lint,
                version,
                _sedex_lint_schema_off_argv,
                OK_CODES,
            )
        )
    peers: list[tuple[str, str | None, list[str], Callable[[str, Case], list[str]]]] = [
        ("yamllint", args.yamllint, ["--version"], _yamllint_argv),
        ("kubeconform", args.kubeconform, ["-v"], _kubeconform_argv(args.schema_location)),
        ("checkov", args.checkov, ["--version"], _checkov_argv(args.checkov_download)),
    ]
    for name, explicit, version_flag, build in peers:
        if name in args.skip:
            absent.append((name, "skipped (--skip)"))
            continue
        path = resolve(explicit, name)
        if path is None:
            absent.append((name, f"not installed (give --{name} PATH)"))
            continue
        version = tool_version([path, *version_flag])
        if name in ("checkov", "kubeconform"):
            version = f"{name} {version}"
        tools.append(Tool(name, path, version, build, OK_CODES))
    return tools, absent
