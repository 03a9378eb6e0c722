"""The pre-commit hook, run by the real `pre-commit` against this checkout's HEAD commit.

pre-commit clones the repository at `rev`, builds a virtualenv and pip-installs sedex-lint into
it (dependencies from the package index), so the hook tests the committed HEAD, not the work
tree. That environment is built once for the module, in a private PRE_COMMIT_HOME.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import BROKEN, REPO

HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"
FIXED = BROKEN.replace("replicas: 2", "replicas: 1")
HELM_TEMPLATE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "sedex-client.fullname" . }}
  labels:
    {{- include "sedex-client.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
"""
# Variables that would make pre-commit, git or the hook's Python behave differently here.
_UNSET = (
    "SKIP", "PRE_COMMIT_HOME", "PRE_COMMIT_COLOR", "PRE_COMMIT_ALLOW_NO_CONFIG",
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "PYTHONPATH", "PYTHONHOME", "NO_COLOR", "GITHUB_ACTIONS",
)  # fmt: skip
HOOK_ENVIRONMENT_TIMEOUT = 900
RUN_TIMEOUT = 300


@dataclass(frozen=True)
class Hooks:
    env: dict[str, str]
    rev: str


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout.strip()


def pre_commit(
    *args: str, cwd: Path, env: dict[str, str], timeout: int = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def config(rev: str, exclude: str | None = None) -> str:
    hook: dict[str, str] = {"id": "sedex-lint"}
    if exclude is not None:
        hook["exclude"] = exclude
    # JSON is YAML: no quoting questions for the checkout's path
    repos = {"repos": [{"repo": str(REPO), "rev": rev, "hooks": [hook]}]}
    return json.dumps(repos, indent=2) + "\n"


def new_repository(directory: Path, hooks: Hooks, exclude: str | None = None) -> Path:
    directory.mkdir()
    git("init", "--quiet", cwd=directory, env=hooks.env)
    git("config", "user.name", "sedex-lint tests", cwd=directory, env=hooks.env)
    git("config", "user.email", "tests@sedex-lint.invalid", cwd=directory, env=hooks.env)
    git("config", "commit.gpgsign", "false", cwd=directory, env=hooks.env)
    (directory / ".pre-commit-config.yaml").write_text(config(hooks.rev, exclude))
    commit(directory, hooks, "pre-commit configuration")
    return directory


def commit(directory: Path, hooks: Hooks, message: str) -> None:
    git("add", "--all", cwd=directory, env=hooks.env)
    git("commit", "--quiet", "--no-verify", "-m", message, cwd=directory, env=hooks.env)


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    """A PRE_COMMIT_HOME in which the hook's environment for REPO at HEAD is already built."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail(
            "pre-commit is not installed: it is in the test extras, install them with "
            "pip install -e '.[test]'"
        )
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH: the pre-commit test needs it")
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout: pre-commit installs the hook from a commit")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    env["PRE_COMMIT_HOME"] = str(home)
    rev = git("rev-parse", "HEAD", cwd=REPO, env=env)
    listed = subprocess.run(
        ["git", "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"], cwd=REPO, env=env
    )
    if listed.returncode != 0:
        pytest.fail(
            f".pre-commit-hooks.yaml is not committed at HEAD ({rev}): pre-commit installs the "
            "hook from the commit, so commit it first"
        )
    found = Hooks(env, rev)
    bootstrap = new_repository(tmp_path_factory.mktemp("bootstrap") / "repo", found)
    built = pre_commit("install-hooks", cwd=bootstrap, env=env, timeout=HOOK_ENVIRONMENT_TIMEOUT)
    assert built.returncode == 0, (
        f"pre-commit could not build the hook environment:\n{built.stdout}\n{built.stderr}"
    )
    return found


def status_line(output: str) -> str:
    """`sedex-lint.......Failed` -> `sedex-lint Failed`."""
    (line,) = [line for line in output.splitlines() if line.startswith("sedex-lint.")]
    return re.sub(r"\.{3,}", " ", line)


def test_hook_definition_matches_what_the_docs_promise() -> None:
    (hook,) = YAML(typ="safe").load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert {key: value for key, value in hook.items() if key != "description"} == {
        "id": "sedex-lint",
        "name": "sedex-lint",
        "entry": "sedex-lint",
        "language": "python",
        "types_or": ["yaml", "json"],
        "require_serial": True,
        "minimum_pre_commit_version": "2.9.0",
    }
    assert hook["description"].strip()


def test_pre_commit_accepts_the_hook_definition(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    env["PRE_COMMIT_HOME"] = str(tmp_path)  # every pre-commit command opens its store
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(HOOKS_FILE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_broken_manifest_fails_the_hook_then_the_fix_passes(hooks: Hooks, tmp_path: Path) -> None:
    repository = new_repository(tmp_path / "manifests", hooks)
    (repository / "deploy").mkdir()
    (repository / "deploy" / "sedex-client.yaml").write_text(BROKEN)
    commit(repository, hooks, "a broken sedex Client")

    failed = pre_commit("run", "--all-files", cwd=repository, env=hooks.env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert status_line(failed.stdout) == "sedex-lint Failed"
    lines = failed.stdout.splitlines()
    assert "- hook id: sedex-lint" in lines
    assert "- exit code: 1" in lines
    assert (
        "  deploy/sedex-client.yaml:6:13  error  SDX001 single-replica  Deployment sedex-client"
        in lines
    )
    # two files: the manifest and .pre-commit-config.yaml, one run for both
    assert (
        "2 files, 1 object, 1 sedex workload: 1 error, 0 warnings, 0 info — failed "
        "(fail on error and above)" in lines
    )

    (repository / "deploy" / "sedex-client.yaml").write_text(FIXED)
    commit(repository, hooks, "one replica")
    passed = pre_commit("run", "--all-files", cwd=repository, env=hooks.env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert status_line(passed.stdout) == "sedex-lint Passed"
    assert "SDX001" not in passed.stdout


def test_json_manifests_are_linted_and_other_files_are_not_passed(
    hooks: Hooks, tmp_path: Path
) -> None:
    repository = new_repository(tmp_path / "manifests", hooks)
    manifest = json.dumps(YAML(typ="safe").load(BROKEN), indent=2) + "\n"
    assert manifest.splitlines()[8 - 1] == '    "replicas": 2,'
    (repository / "sedex-client.json").write_text(manifest)
    # named on the command line, sedex-lint would lint any file: types_or keeps this one out
    (repository / "notes.txt").write_text(BROKEN)
    commit(repository, hooks, "a JSON manifest and notes")

    result = pre_commit("run", "--all-files", cwd=repository, env=hooks.env)
    assert result.returncode == 1, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if "  error  " in line]
    assert findings == [
        "  sedex-client.json:8:17  error  SDX001 single-replica  Deployment sedex-client"
    ]
    assert "notes.txt" not in result.stdout


def test_unparseable_yaml_fails_with_exit_2_until_it_is_excluded(
    hooks: Hooks, tmp_path: Path
) -> None:
    repository = new_repository(tmp_path / "manifests", hooks)
    templates = repository / "charts" / "sedex-client" / "templates"
    templates.mkdir(parents=True)
    (templates / "deployment.yaml").write_text(HELM_TEMPLATE)
    commit(repository, hooks, "a Helm chart")

    result = pre_commit("run", "--all-files", cwd=repository, env=hooks.env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert status_line(result.stdout) == "sedex-lint Failed"
    lines = result.stdout.splitlines()
    assert "- exit code: 2" in lines
    assert any(
        line.startswith("  charts/sedex-client/templates/deployment.yaml:6:7  input error  ")
        for line in lines
    ), result.stdout

    # the exclude that docs/ci.md recommends for chart templates
    (repository / ".pre-commit-config.yaml").write_text(
        config(hooks.rev, exclude="^charts/[^/]+/templates/")
    )
    commit(repository, hooks, "exclude chart templates")
    excluded = pre_commit("run", "--all-files", cwd=repository, env=hooks.env)
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr
    assert status_line(excluded.stdout) == "sedex-lint Passed"
