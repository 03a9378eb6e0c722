"""Case (p): the pre-commit hook as users run it, beside the bare command.

A throwaway git repository in the work directory holds the small file of case (d) and a
.pre-commit-config.yaml whose `repo:` is a sedex-lint checkout at `rev:` = its HEAD commit,
hook id `sedex-lint`. PRE_COMMIT_HOME is a directory in the work directory, so the user's
cache is not touched. One untimed warm-up run of `pre-commit run sedex-lint --files FILE`
builds the hook's environment (pre-commit clones the checkout and pip-installs it from the
package index); then the timed rounds run, in the repository, with the file name as
pre-commit passes it:

- `sedex-lint FILE`: the sedex-lint under test (--sedex-lint);
- `sedex-lint FILE` from the hook's environment: what pre-commit starts;
- `pre-commit run sedex-lint --files FILE`: what a user waits for.

pre-commit's own overhead is the last minus the second, round by round.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field

from measure import Case, Tool, progress
from peers import OK_CODES, tool_version

HOOK_ID = "sedex-lint"
FILE_NAME = "sedex-client.yaml"
BARE = "sedex-lint"
HOOK_BARE = "sedex-lint (hook's environment)"
PRE_COMMIT = "pre-commit run sedex-lint"
_UNSET = (
    "SKIP", "PRE_COMMIT_HOME", "PRE_COMMIT_COLOR", "PRE_COMMIT_ALLOW_NO_CONFIG",
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "PYTHONPATH", "PYTHONHOME", "NO_COLOR", "GITHUB_ACTIONS",
)  # fmt: skip
"""Variables that would make pre-commit, git or the hook's Python behave differently."""


@dataclass
class HookCase:
    case: Case
    tools: list[Tool] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    """Why the case could not be set up; None when it can be measured."""


def default_repo() -> str:
    """The checkout this script lives in (or its directory, which then fails clearly)."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        done = subprocess.run(
            ["git", "-C", here, "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return os.path.dirname(here)
    return done.stdout.strip() if done.returncode == 0 else os.path.dirname(here)


def _git(*args: str, cwd: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} in {cwd}: {done.stderr.strip()[-300:]}")
    return done.stdout.strip()


def _bare_argv(path: str, case: Case) -> list[str]:
    return [path, case.target]


def _pre_commit_argv(path: str, case: Case) -> list[str]:
    return [path, "run", HOOK_ID, "--files", case.target, "--color", "never"]


def prepare(
    pre_commit: str, repo: str, small: Case, sedex_lint: Tool, work: str, timeout: float
) -> HookCase:
    """Set up the repository and the hook's environment; the tools of case (p)."""
    base = os.path.join(work, "case-p")
    home = os.path.join(base, "pre-commit-home")
    repository = os.path.join(base, "manifests")
    os.makedirs(home)
    os.makedirs(repository)
    env = {key: value for key, value in os.environ.items() if key not in _UNSET}
    env["PRE_COMMIT_HOME"] = home
    case = Case(
        "p",
        "the pre-commit hook on one small file",
        FILE_NAME,
        1,
        small.documents,
        small.objects,
        small.size_bytes,
        True,
    )
    hook = HookCase(case)
    pre_commit_version = tool_version([pre_commit, "--version"])
    hook.info["pre-commit"] = f"{pre_commit_version} ({pre_commit})"
    hook.info["PRE_COMMIT_HOME of case (p)"] = home
    try:
        rev = _git("rev-parse", "HEAD", cwd=repo, env=env)
        _git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml", cwd=repo, env=env)
        dirty = _git("status", "--porcelain", "--untracked-files=no", cwd=repo, env=env)
        hook.info["hook of case (p)"] = f"id {HOOK_ID} from {repo} at rev {rev[:12]}" + (
            " (its uncommitted changes are not in the hook)" if dirty else ""
        )
        _git("init", "--quiet", cwd=repository, env=env)
        _git("config", "user.name", "sedex-lint benchmark", cwd=repository, env=env)
        _git("config", "user.email", "benchmark@sedex-lint.invalid", cwd=repository, env=env)
        _git("config", "commit.gpgsign", "false", cwd=repository, env=env)
        shutil.copyfile(small.target, os.path.join(repository, FILE_NAME))
        # JSON is YAML: no quoting questions for the checkout's path
        config = {"repos": [{"repo": repo, "rev": rev, "hooks": [{"id": HOOK_ID}]}]}
        with open(os.path.join(repository, ".pre-commit-config.yaml"), "w") as handle:
            handle.write(json.dumps(config, indent=2) + "\n")
        _git("add", "--all", cwd=repository, env=env)
        _git("commit", "--quiet", "--no-verify", "-m", "one small file", cwd=repository, env=env)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        hook.problem = f"could not set up the repository of case (p): {error}"
        return hook

    progress("warming up pre-commit: building the hook's environment (untimed)")
    try:
        warm = subprocess.run(
            _pre_commit_argv(pre_commit, case),
            cwd=repository,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        hook.problem = f"the warm-up run of pre-commit failed: {error}"
        return hook
    output = warm.stdout + warm.stderr
    status = [line for line in output.splitlines() if line.startswith(f"{HOOK_ID}.")]
    if warm.returncode not in OK_CODES or not status or status[0].endswith("Skipped"):
        tail = " | ".join(output.strip().splitlines()[-6:])
        hook.problem = f"the warm-up run of pre-commit failed (exit {warm.returncode}): {tail}"
        return hook

    tools = [Tool(BARE, sedex_lint.path, sedex_lint.version, _bare_argv, OK_CODES, repository, env)]
    found = sorted(glob.glob(os.path.join(home, "repo*", "py_env-*", "bin", "sedex-lint")))
    if len(found) == 1:
        version = f"{tool_version([found[0], '--version'])}, rev {rev[:12]}"
        hook.info[HOOK_BARE] = f"{version} ({found[0]})"
        tools.append(Tool(HOOK_BARE, found[0], version, _bare_argv, OK_CODES, repository, env))
    else:
        hook.info[HOOK_BARE] = f"not found in {home} ({len(found)} candidates)"
    tools.append(
        Tool(
            PRE_COMMIT, pre_commit, pre_commit_version, _pre_commit_argv, OK_CODES, repository, env
        )
    )
    hook.tools = tools
    return hook
