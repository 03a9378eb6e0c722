"""Every example, every rule's bad example and a corpus of broken sedex manifests in many
styles (tests/data/fix-corpus: comments, flow, JSON, kubectl output, 4-space indentation,
several documents, `...`, a BOM with CRLF and no final line break, anchors, a syntax error):
the fix leaves no safe fix behind, changes only the fixed lines, is a no-op the second time,
and `patch -p1` of its diff gives the same bytes."""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sedex_lint.fixes.files import unified_diff
from sedex_lint.registry import builtin_rules
from tests.conftest import CORPUS as VENDORED
from tests.conftest import NO_SHARED_CORPUS, REPO, SHARED_CORPUS
from tests.fix_case import changed_lines, fix_paths, fixed

CORPUS = REPO / "tests" / "data" / "fix-corpus"
EXAMPLES = sorted((REPO / "examples").rglob("*.yaml"))
FILES = [*EXAMPLES, *sorted(CORPUS.iterdir())]
BAD_EXAMPLES = {rule.code: rule.bad_example for rule in builtin_rules().rules}
SEDEX_IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"


@pytest.fixture(params=[*FILES, *BAD_EXAMPLES], ids=lambda p: str(p).replace(str(REPO), ""))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the file (or of the rule's bad example) in a fresh directory."""
    source = request.param
    if isinstance(source, Path):
        target = tmp_path / source.name
        target.write_bytes(source.read_bytes())
    else:
        target = tmp_path / f"{source}-bad.yaml"
        target.write_text(BAD_EXAMPLES[source], encoding="utf-8")
    return target


def _touched_lines(text: str, starts: list[int], edits: list[tuple[int, int]]) -> set[int]:
    touched: set[int] = set()
    for start, end in edits:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        if end == start and start in starts:
            continue  # a whole line inserted before this one: nothing of it changes
        touched.update(range(first, last + 1))
    return touched


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\n", text))]


def test_fix_leaves_no_safe_fix_and_changes_only_the_fixed_lines(case: Path) -> None:
    source, fixes = fix_paths([case])[case]
    assert fixes.error is None
    starts = _line_starts(source.text)
    touched = _touched_lines(source.text, starts, [(e.start, e.end) for e in fixes.edits])
    assert changed_lines(source.text, fixes.fixed) <= touched
    data = source.encode(fixes.fixed)
    assert data.startswith(source.bom)
    if "\r\n" in source.text and not re.search(r"(?<!\r)\n", source.text):
        assert not re.search(rb"(?<!\r)\n", data), "a CRLF file got a bare LF"
    case.write_bytes(data)
    again = fix_paths([case])[case][1]
    assert again.applied == [], [a.plan.title for a in again.applied]
    assert again.fixed == fixes.fixed


def test_a_file_with_an_input_error_is_left_byte_for_byte(tmp_path: Path) -> None:
    broken = tmp_path / "syntax-error.yaml"
    broken.write_bytes((CORPUS / "syntax-error.yaml").read_bytes())
    source, fixes = fix_paths([broken])[broken]
    assert fixes.applied == []
    assert source.encode(fixes.fixed) == (CORPUS / "syntax-error.yaml").read_bytes()


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch binary")
def test_patch_of_the_diff_gives_the_fixed_bytes(case: Path) -> None:
    source, fixes = fix_paths([case])[case]
    if not fixes.changed:
        return
    diff = unified_diff(case.name, source, fixes.fixed)
    result = subprocess.run(
        ["patch", "-p1", "--quiet", "--no-backup-if-mismatch"],
        input=diff.encode("utf-8"), cwd=case.parent, capture_output=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert case.read_bytes() == source.encode(fixes.fixed)


def test_the_corpus_is_fixed_where_it_should_be() -> None:
    """What the safe fixes leave behind in the corpus, by file: only what has no safe fix."""
    paths = sorted(p for p in CORPUS.iterdir() if p.name != "syntax-error.yaml")
    results = fix_paths(paths)
    applied = {p.name: sorted(a.finding.code for a in r.applied) for p, (_, r) in results.items()}
    assert applied["block-comments.yaml"] == ["SDX001", "SDX002", "SDX004", "SDX009"]
    assert applied["anchors.yaml"] == ["SDX001", "SDX009"]  # the memory is a shared anchor
    assert applied["multi-document.yaml"] == ["SDX002", "SDX004", "SDX004", "SDX006", "SDX009"]
    assert results[CORPUS / "multi-document.yaml"][1].unsafe_left == 1  # minReplicas: 2
    # two CronJobs (Replace, no policy, parallelism 2) fixed; the DaemonSet's SDX001 has no fix
    assert applied["jobs.yaml"] == ["SDX001", "SDX001", "SDX001", "SDX004", "SDX009"]
    assert applied["kubectl-get.json"] == ["SDX001", "SDX002", "SDX004", "SDX006", "SDX009"]
    assert applied["bom-crlf-no-final-newline.yaml"] == [
        "SDX001", "SDX002", "SDX004", "SDX009"
    ]  # fmt: skip


_IMAGE = re.compile(r'(image"?\s*:\s*)"?[^\s",}]+"?')


@pytest.mark.parametrize("root", [VENDORED, SHARED_CORPUS], ids=["vendored", "shared"])
def test_real_world_layouts_running_the_sedex_image(root: Path) -> None:
    """The real-world corpus with every image replaced by the sedex Client's: thousands of
    fixes on layouts nobody wrote for sedex-lint, each verified, none needed twice."""
    if not root.is_dir():
        pytest.skip(NO_SHARED_CORPUS)
    applied = 0
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml", ".json")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        text = _IMAGE.sub(lambda m: f'{m.group(1)}"{SEDEX_IMAGE}"', text)
        result = fixed(text, unsafe=True)
        assert result.error is None, path
        if result.changed:
            applied += len(result.applied)
            assert fixed(result.fixed, unsafe=True).applied == [], path
    assert applied > 100
