"""Which files a run reads: each once, never one it writes, and never nothing by accident."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sedex_lint.inputs import MANIFEST_SUFFIXES, _walk
from tests.conftest import BROKEN, CLEAN, sedex_lint

ERROR = "sedex-lint: error: "
NOTHING_LINTED = " (nothing was linted or written)\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.yaml").write_text(BROKEN)
    (tmp_path / "deploy.yaml").write_text(BROKEN)
    (tmp_path / "link.yaml").symlink_to("deploy.yaml")
    return tmp_path


def linted(stdout: str) -> tuple[int, list[str]]:
    """Files counted, and the files of BROKEN's one SDX001 finding: other rules may see the
    copies of BROKEN together (SDX007: one data claim for two clients), which is not what
    these tests are about."""
    report = json.loads(stdout)
    return report["summary"]["files"], [
        f["file"] for f in report["findings"] if f["code"] == "SDX001"
    ]


# -- item 14: a file reached twice is linted once ----------------------------------------


@pytest.mark.parametrize(
    ("paths", "files"),
    [
        (["dir", "dir/a.yaml"], ["dir/a.yaml"]),
        (["dir/a.yaml", "dir"], ["dir/a.yaml"]),
        (["dir", "./dir"], ["dir/a.yaml"]),
        (["./dir/a.yaml", "dir/./a.yaml", "dir/../dir/a.yaml"], ["./dir/a.yaml"]),
        (["deploy.yaml", "link.yaml", "{tmp}/deploy.yaml"], ["deploy.yaml"]),
        (["link.yaml", "dir", "deploy.yaml"], ["link.yaml", "dir/a.yaml"]),
    ],
)
def test_a_file_reached_twice_is_linted_once_under_its_first_spelling(
    tree: Path, paths: list[str], files: list[str]
) -> None:
    arguments = [p.format(tmp=tree) for p in paths]
    result = sedex_lint("-f", "json", *arguments, cwd=tree)
    assert result.returncode == 1
    assert linted(result.stdout) == (len(files), files)


def test_the_walk_finds_what_os_walk_finds_with_the_resolved_path_of_each(tmp_path: Path) -> None:
    for name in ("a.yaml", "b/c.yml", "b/d/E.JSON", "f.yaml/g.yaml", ".h/i.yaml", "j/.k.yaml"):
        (tmp_path / "t" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "t" / name).write_text(CLEAN)
    (tmp_path / "t" / "b" / "link.yaml").symlink_to("../a.yaml")
    (tmp_path / "t" / "b" / "dangling.yaml").symlink_to("missing.yaml")
    (tmp_path / "t" / "b" / "up").symlink_to(tmp_path / "t", target_is_directory=True)
    (tmp_path / "alias").symlink_to("t", target_is_directory=True)
    expected = [
        os.path.join(root, file)
        for root, dirs, files in sorted_walk(str(tmp_path / "alias"))
        for file in files
    ]
    found = _walk(str(tmp_path / "alias"))
    assert [name for name, _ in found] == expected
    assert [same for _, same in found] == [os.path.realpath(name) for name in expected]
    assert len(expected) == 6


def sorted_walk(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk with the walk's rules: sorted, hidden entries skipped, manifests only."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        manifests = [f for f in files if f[0] != "." and f.lower().endswith(MANIFEST_SUFFIXES)]
        yield root, dirs, sorted(manifests)


# -- item 15: a report never overwrites an input -----------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["-f", "json:deploy.yaml", "deploy.yaml"],
            "--format json:deploy.yaml: would overwrite the input deploy.yaml; write it elsewhere",
        ),
        (
            ["-f", "text", "-f", "sarif:./deploy.yaml", "deploy.yaml"],
            "--format sarif:./deploy.yaml: would overwrite the input deploy.yaml; "
            "write it elsewhere",
        ),
        (
            ["-f", "junit:{tmp}/deploy.yaml", "link.yaml"],
            "--format junit:{tmp}/deploy.yaml: would overwrite the input link.yaml; "
            "write it elsewhere",
        ),
        (
            ["-f", "json:dir/a.yaml", "."],
            "--format json:dir/a.yaml: would overwrite the input ./dir/a.yaml; write it elsewhere",
        ),
        (
            ["-f", "gitlab:dir/report.json", "dir"],
            "--format gitlab:dir/report.json: would write into the input directory dir, where "
            "it would be linted; write it elsewhere or exclude it in the configuration",
        ),
        (
            ["--write-baseline", "./deploy.yaml", "deploy.yaml"],
            "--write-baseline deploy.yaml: would overwrite the input deploy.yaml; "
            "write it elsewhere",
        ),
    ],
)
def test_an_output_that_is_also_an_input_is_refused_before_anything_runs(
    tree: Path, arguments: list[str], message: str
) -> None:
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    result = sedex_lint(*(a.format(tmp=tree) for a in arguments), cwd=tree)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ERROR + message.format(tmp=tree) + NOTHING_LINTED
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before


def test_outputs_the_walk_skips_are_written(tree: Path) -> None:
    """Reports in a linted directory are fine when the walk would never read them."""
    (tree / ".sedex-lint.yaml").write_text("exclude: ['reports']\n")
    result = sedex_lint(
        "-f", "text", "-f", "sarif:dir/lint.sarif", "-f", "json:reports/lint.json",
        "-f", "junit:dir/.hidden.xml", ".",
        cwd=tree,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")
    for written in ("dir/lint.sarif", "reports/lint.json", "dir/.hidden.xml"):
        assert (tree / written).is_file(), written
    recorded = sedex_lint("--write-baseline", ".baseline.json", ".", cwd=tree)
    assert (recorded.returncode, recorded.stderr) == (0, "")
    assert (tree / ".baseline.json").is_file()


# -- item 19: nothing to lint is not a pass ----------------------------------------------


def no_manifest(paths: str) -> str:
    return (
        f"{ERROR}no manifest found under {paths} (no *.yaml, *.yml or *.json file, or all "
        "excluded by the configuration); pass --allow-empty if that is expected\n"
    )


@pytest.mark.parametrize(
    ("setup", "paths", "named"),
    [
        ({"empty/": ""}, ["empty"], "empty"),
        ({"chart/templates/deployment.tpl": BROKEN, "chart/NOTES.txt": ""}, ["chart"], "chart"),
        ({"a/.hidden.yaml": BROKEN}, ["a", "./a/"], "a, ./a/"),
        (
            {".sedex-lint.yaml": "exclude: [vendor]\n", "vendor/x.yaml": BROKEN},
            ["vendor"],
            "vendor",
        ),
        (
            {".sedex-lint.yaml": "exclude: [vendor]\n", "vendor/x.yaml": BROKEN, "e/": ""},
            ["vendor/x.yaml", "e"],
            "vendor/x.yaml, e",
        ),
    ],
)
def test_paths_without_a_manifest_exit_2_unless_allowed(
    tmp_path: Path, setup: dict[str, str], paths: list[str], named: str
) -> None:
    for name, text in setup.items():
        target = tmp_path / name
        if name.endswith("/"):
            target.mkdir()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    result = sedex_lint(*paths, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", no_manifest(named))
    allowed = sedex_lint("--allow-empty", *paths, cwd=tmp_path)
    assert (allowed.returncode, allowed.stderr) == (0, "")
    assert allowed.stdout.startswith("0 files, 0 objects, 0 sedex workloads: ")


def test_a_missing_path_stays_an_input_error(tmp_path: Path) -> None:
    result = sedex_lint("nope", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "")
    assert "  nope:1:1  input error  no such file or directory" in result.stdout


def test_empty_standard_input_is_an_input_with_no_document() -> None:
    result = sedex_lint("-f", "json", "-", stdin="")
    report = json.loads(result.stdout)
    assert (result.returncode, result.stderr) == (0, "")
    assert (report["summary"]["files"], report["summary"]["documents"]) == (1, 0)


@pytest.fixture
def hook_repository(tmp_path: Path) -> Path:
    """A repository as pre-commit sees it: `vendor/` excluded by the configuration."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".sedex-lint.yaml").write_text("exclude: ['vendor']\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "upstream.yaml").write_text(BROKEN)
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "broken.yaml").write_text(BROKEN)
    (tmp_path / "deploy" / "clean.yaml").write_text(CLEAN)
    return tmp_path


def test_hook_with_an_excluded_file_among_others_lints_the_others(hook_repository: Path) -> None:
    # pre-commit passes the staged files one by one, relative to the repository root
    result = sedex_lint(
        "-f", "json", "vendor/upstream.yaml", "deploy/clean.yaml", "deploy/broken.yaml",
        cwd=hook_repository,
    )  # fmt: skip
    assert result.returncode == 1
    assert linted(result.stdout) == (2, ["deploy/broken.yaml"])
    clean = sedex_lint("vendor/upstream.yaml", "deploy/clean.yaml", cwd=hook_repository)
    assert (clean.returncode, clean.stderr) == (0, "")


def test_hook_with_only_excluded_files_passes_and_says_why(hook_repository: Path) -> None:
    result = sedex_lint("vendor/upstream.yaml", cwd=hook_repository)
    assert result.returncode == 0
    assert result.stderr == "sedex-lint: every named file is excluded by the configuration\n"
    assert result.stdout.startswith("0 files, 0 objects, 0 sedex workloads: ")
    assert sedex_lint("-q", "vendor/upstream.yaml", cwd=hook_repository).stderr == ""


def test_a_report_beside_the_inputs_is_written_and_the_inputs_are_untouched(tree: Path) -> None:
    result = sedex_lint("-f", "text", "-f", "json:out/r.json", "dir", "deploy.yaml", cwd=tree)
    assert result.returncode == 1
    assert linted((tree / "out" / "r.json").read_text()) == (2, ["dir/a.yaml", "deploy.yaml"])
    assert os.path.getsize(tree / "deploy.yaml") == len(BROKEN)
