"""docs/ci.md stays copy-paste ready: its YAML parses, and its sedex-lint commands run."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from sedex_lint.outputs import FORMATS
from tests.conftest import CLEAN, REPO
from tests.conftest import sedex_lint as run_cli

DOC = REPO / "docs" / "ci.md"
PLACEHOLDER = "https://example.invalid/sedex-lint"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_OPTION = re.compile(r"^  (?:(-\w), )?(--[\w-]+)(?: (\S+))?(?:\s{2,}|$)")
# shell operators that end a command, and redirections that end its arguments
_ENDS = {"|", "||", "&&", ";", "&", "(", ")"}
_REDIRECTS = {">", ">>", "<", ">&", "<&", "2>", "&>"}


def blocks(language: str) -> list[str]:
    return [
        body for lang, body in _FENCE.findall(DOC.read_text(encoding="utf-8")) if lang == language
    ]


def load(text: str) -> Any:
    return YAML(typ="safe").load(text)


@pytest.fixture(scope="module")
def snippets() -> list[Any]:
    return [load(body) for body in blocks("yaml")]


def only(snippets: list[Any], kind: str) -> Any:
    """The one snippet of a kind, recognised by its shape."""
    shapes = {
        "github": lambda s: isinstance(s, dict) and "jobs" in s and "on" in s,
        "gitlab": lambda s: (
            isinstance(s, dict)
            and any(isinstance(job, dict) and "script" in job for job in s.values())
        ),
        "pre-commit": lambda s: isinstance(s, dict) and "repos" in s,
    }
    (found,) = [snippet for snippet in snippets if shapes[kind](snippet)]
    return found


def test_every_fence_has_a_known_language() -> None:
    languages = [lang for lang, _ in _FENCE.findall(DOC.read_text(encoding="utf-8"))]
    assert set(languages) == {"yaml", "sh"}
    assert languages.count("yaml") == 6


def test_every_yaml_block_parses_to_a_non_empty_mapping_or_list(snippets: list[Any]) -> None:
    assert snippets
    for snippet in snippets:
        assert isinstance(snippet, dict | list) and snippet, snippet


def test_github_workflow_annotates_and_uploads_sarif_even_on_failure(snippets: list[Any]) -> None:
    workflow = only(snippets, "github")
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert PLACEHOLDER in next(
        step["run"] for step in steps if "pip install" in step.get("run", "")
    )
    (lint,) = [step for step in steps if step.get("run", "").startswith("sedex-lint ")]
    assert "--show-suppressed" not in lint["run"]  # code scanning would open alerts for them
    arguments = shlex.split(lint["run"])
    # annotations: asked for, or added to text on standard output on GitHub Actions
    assert "github" in formats(arguments) or "text" in formats(arguments)
    (upload,) = [
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    assert upload["if"] == "always()"
    assert steps.index(upload) > steps.index(lint)
    assert f"sarif:{upload['with']['sarif_file']}" in formats(arguments)


def test_gitlab_job_keeps_code_quality_and_junit_reports(snippets: list[Any]) -> None:
    (job,) = only(snippets, "gitlab").values()
    assert PLACEHOLDER in job["script"][0]
    (command,) = [line for line in job["script"] if line.startswith("sedex-lint ")]
    written = formats(shlex.split(command))
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert f"gitlab:{artifacts['reports']['codequality']}" in written
    assert f"junit:{artifacts['reports']['junit']}" in written
    assert "text" in written  # the job log shows the findings too


def test_pre_commit_snippet_uses_the_hook_this_repository_defines(snippets: list[Any]) -> None:
    snippet = only(snippets, "pre-commit")
    (repo,) = snippet["repos"]
    assert repo["repo"] == PLACEHOLDER
    assert isinstance(repo["rev"], str) and repo["rev"]
    (hook,) = repo["hooks"]
    assert hook["id"] == "sedex-lint"
    hook_ids = [h["id"] for h in load((REPO / ".pre-commit-hooks.yaml").read_text())]
    assert hook["id"] in hook_ids
    assert re.search(hook["exclude"], "charts/sedex-client/templates/deployment.yaml")
    assert not re.search(hook["exclude"], "deploy/sedex-client.yaml")


def test_piped_commands_in_ci_steps_run_with_pipefail(snippets: list[Any]) -> None:
    for step in steps_with_commands(snippets):
        if re.search(r"\|\s*sedex-lint\b", step.get("run", "")):
            assert step.get("shell") == "bash", step  # bash -eo pipefail on GitHub Actions
    for body in blocks("sh"):
        lines = body.strip().splitlines()
        # a block of one-line pipelines is typed at a prompt; a script must set pipefail
        one_liners = all(re.fullmatch(r"[^|]+\| sedex-lint (?:[^|;&]+ )?-", line) for line in lines)
        if "| sedex-lint" in body and not one_liners:
            assert lines[0] == "set -o pipefail", body


def steps_with_commands(snippets: list[Any]) -> Iterator[dict[str, Any]]:
    for snippet in snippets:
        candidates = snippet if isinstance(snippet, list) else []
        if isinstance(snippet, dict):
            for job in snippet.get("jobs", {}).values():
                candidates = [*candidates, *job.get("steps", [])]
        yield from (step for step in candidates if isinstance(step, dict) and "run" in step)


# --- the sedex-lint commands ------------------------------------------------------------------


def shell_lines(snippets: list[Any]) -> list[str]:
    """Shell command lines: sh blocks, GitHub `run:` and GitLab `script:` entries."""
    texts = list(blocks("sh"))
    texts += [step["run"] for step in steps_with_commands(snippets)]
    for snippet in snippets:
        if isinstance(snippet, dict):
            for job in snippet.values():
                if isinstance(job, dict):
                    texts += [line for line in job.get("script", []) if isinstance(line, str)]
    lines = []
    for text in texts:
        lines += text.replace("\\\n", " ").splitlines()
    return lines


def commands(snippets: list[Any]) -> list[list[str]]:
    """The arguments of every `sedex-lint` invocation (the command word, not a URL or an id)."""
    found = []
    for line in shell_lines(snippets):
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        segment: list[str] = []
        for token in [*lexer, ";"]:
            if token not in _ENDS:
                segment.append(token)
                continue
            if segment and segment[0] == "sedex-lint":
                arguments = segment[1:]
                cut = [i for i, t in enumerate(arguments) if t in _REDIRECTS or t.endswith(">")]
                found.append(arguments[: cut[0]] if cut else arguments)
            segment = []
    return found


def formats(arguments: list[str]) -> list[str]:
    return [
        arguments[i + 1] for i, token in enumerate(arguments) if token in ("-f", "--format")
    ] + [token.split("=", 1)[1] for token in arguments if token.startswith("--format=")]


@pytest.fixture(scope="module")
def help_options() -> dict[str, bool]:
    """Option -> whether it takes a value, as `sedex-lint --help` lists them."""
    result = run_cli("--help")
    assert result.returncode == 0
    options: dict[str, bool] = {}
    section = result.stdout.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0]
    for line in section.splitlines():
        match = _OPTION.match(line)
        if match:
            short, long, metavar = match.groups()
            for name in (short, long):
                if name:
                    options[name] = metavar is not None
    assert {"-f", "--format", "--fail-on", "-q", "--no-color"} <= set(options)
    return options


def test_the_doc_shows_the_commands_the_tests_check(snippets: list[Any]) -> None:
    found = commands(snippets)
    # helm template | sedex-lint ... -, kustomize build | sedex-lint ... -, each stream named
    rendered = [arguments for arguments in found if arguments[-1:] == ["-"]]
    assert len(rendered) >= 5
    assert all("--stdin-filename" in arguments for arguments in rendered)
    assert len(found) >= 8


def test_every_sedex_lint_command_uses_only_options_that_help_lists(
    snippets: list[Any], help_options: dict[str, bool]
) -> None:
    for arguments in commands(snippets):
        for token in arguments:
            if token.startswith("-") and token != "-":
                assert token.split("=", 1)[0] in help_options, (token, arguments)
        for spec in formats(arguments):
            assert spec.partition(":")[0] in FORMATS, (spec, arguments)


def test_pre_commit_args_are_options_that_help_lists(
    snippets: list[Any], help_options: dict[str, bool]
) -> None:
    text = DOC.read_text(encoding="utf-8")
    for args in re.findall(r"`args: \[([^\]]*)\]`", text):
        option = args.split(",")[0].strip()
        assert option in help_options, args


def runnable(arguments: list[str], options: dict[str, bool], target: str) -> list[str]:
    """The documented arguments with every PATH replaced by `target` (stdin '-' stays)."""
    out, expect_value = [], False
    for token in arguments:
        if expect_value:
            out.append(token)
            expect_value = False
        elif token.startswith("-") and token != "-":
            out.append(token)
            expect_value = "=" not in token and options.get(token, False)
        else:
            out.append(token if token == "-" else target)
    return out


def test_every_sedex_lint_command_in_the_doc_runs(
    snippets: list[Any], help_options: dict[str, bool], tmp_path: Path
) -> None:
    """Run as documented on a compliant manifest: no usage error, exit 0, files written."""
    for number, arguments in enumerate(commands(snippets)):
        work = tmp_path / str(number)
        work.mkdir()
        (work / "sedex-client.yaml").write_text(CLEAN)
        argv = runnable(arguments, help_options, "sedex-client.yaml")
        stdin = CLEAN if "-" in argv else None
        result = run_cli(*argv, stdin=stdin, cwd=work)
        assert (result.returncode, result.stderr) == (0, ""), (arguments, result.stderr)
        for spec in formats(arguments):
            file = spec.partition(":")[2]
            if file:
                assert (work / file).is_file(), (spec, arguments)


def test_every_sarif_upload_has_its_own_category(snippets: list[Any]) -> None:
    uploads = [
        step
        for step in steps_with_uses(snippets)
        if step["uses"].startswith("github/codeql-action/upload-sarif@")
    ]
    assert len(uploads) >= 2
    categories = [step["with"]["category"] for step in uploads]
    assert len(set(categories)) == len(categories)  # a second upload would replace the first


def steps_with_uses(snippets: list[Any]) -> Iterator[dict[str, Any]]:
    for snippet in snippets:
        candidates = snippet if isinstance(snippet, list) else []
        if isinstance(snippet, dict):
            for job in snippet.get("jobs", {}).values():
                candidates = [*candidates, *job.get("steps", [])]
        yield from (step for step in candidates if isinstance(step, dict) and "uses" in step)
