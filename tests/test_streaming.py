"""A regular file is read in chunks (`textsource.FileText`): every result must be exactly what
the same bytes give when read whole (findings, positions, input errors and theirs,
suppressions, Helm sources, counts), wherever the chunks end."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sedex_lint import textsource
from sedex_lint.engine import Engine
from sedex_lint.inputs import Input
from sedex_lint.limits import Limits
from sedex_lint.model import Report
from sedex_lint.registry import builtin_rules
from sedex_lint.runner import lint_inputs
from sedex_lint.textsource import FileText, line_blocks
from sedex_lint.yamlparse import iter_documents, prepare
from tests.conftest import BROKEN
from tests.test_fuzz_properties import FUZZ_SETTINGS, MUTATION, SEED_BYTES, SEEDS, apply_mutations

ENGINE = Engine(builtin_rules())
CHUNKS = (1, 3, 64)
NAME = "streamed.yaml"


def whole(data: bytes, engine: Engine = ENGINE) -> Report:
    return lint_inputs(engine, [Input(NAME)], reader=lambda _item: data)


def streamed(path: Path, data: bytes, chunk: int, engine: Engine = ENGINE) -> Report:
    path.write_bytes(data)
    max_bytes = engine.limits.max_file_bytes
    reader = lambda _item: FileText(path.open("rb"), max_bytes, chunk)  # noqa: E731
    return lint_inputs(engine, [Input(NAME)], reader=reader)


def outcome(report: Report) -> tuple[object, ...]:
    return (
        report.findings,
        report.suppressed,
        report.errors,
        report.internal_errors,
        report.counts,
    )


def same_streamed(tmp_path: Path, data: bytes, engine: Engine = ENGINE) -> Report:
    """The report of `data` read whole, after checking that every chunk size gives it."""
    expected = whole(data, engine)
    for chunk in CHUNKS:
        got = streamed(tmp_path / "m.yaml", data, chunk, engine)
        assert outcome(got) == outcome(expected), f"chunks of {chunk} bytes"
    return expected


def errors(report: Report) -> list[tuple[int, int, str]]:
    return [(e.line, e.column, e.message) for e in report.errors]


def sdx001(report: Report) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in report.findings if f.code == "SDX001"]


MANY = (BROKEN + "---\n") * 3  # SDX001 at 6:13, 36:13, 66:13


def test_a_file_of_many_documents_in_small_chunks(tmp_path: Path) -> None:
    report = same_streamed(tmp_path, MANY.encode())
    assert sdx001(report) == [(6, 13), (37, 13), (68, 13)]


@pytest.mark.parametrize("end", ["\r\n", "\r", "\u2028", "\x85"])
def test_line_ends_other_than_newline(tmp_path: Path, end: str) -> None:
    report = same_streamed(tmp_path, MANY.replace("\n", end).encode())
    assert sdx001(report) == [(6, 13), (37, 13), (68, 13)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_and_wide_encodings(tmp_path: Path, encoding: str) -> None:
    data = MANY.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    report = same_streamed(tmp_path, data)
    assert sdx001(report) == [(6, 13), (37, 13), (68, 13)]


def test_a_file_without_a_final_line_break(tmp_path: Path) -> None:
    text = MANY + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  s: |\n    x"
    report = same_streamed(tmp_path, text.encode())
    assert report.errors == ()
    assert same_streamed(tmp_path, b"a: [1").errors[0].line == 1


def test_document_markers_inside_scalars(tmp_path: Path) -> None:
    indented = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  s: |\n    ---\n"
    assert same_streamed(tmp_path, (indented + "    ...\n---\n" + BROKEN).encode()).errors == ()
    # at a line's start a marker ends the document, even inside a quoted scalar
    cut = 'a: "one\n--- two"\n' + BROKEN
    assert errors(same_streamed(tmp_path, cut.encode())) == [
        (2, 1, "invalid YAML: found unexpected document indicator (while scanning a quoted "
         "scalar started at 1:4)")
    ]  # fmt: skip


def test_document_end_then_directives_then_the_next_document(tmp_path: Path) -> None:
    text = BROKEN + "...\n%YAML 1.1\n%TAG !k! tag:k,2026:\n---\n" + BROKEN + "...\n"
    report = same_streamed(tmp_path, text.encode())
    assert sdx001(report) == [(6, 13), (40, 13)]


def test_a_syntax_error_in_a_late_document_keeps_its_position(tmp_path: Path) -> None:
    report = same_streamed(tmp_path, (MANY + "kind: Pod\nspec: {a: 1\n").encode())
    assert len(sdx001(report)) == 3
    assert errors(report) == [(95, 12, "invalid YAML: did not find expected ',' or '}' (while "
                               "parsing a flow mapping started at 95:7)")]  # fmt: skip
    at_the_end = same_streamed(tmp_path, (MANY + "kind: [\n").encode())
    assert errors(at_the_end)[0][:2] == (94, 8)


def test_characters_that_yaml_refuses_late_in_the_file(tmp_path: Path) -> None:
    report = same_streamed(tmp_path, (MANY + "a: 'é\x01'\n").encode())
    assert errors(report) == [(94, 6, "invalid YAML: character #x0001 is not allowed in YAML")]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (b"a: \xff\n", (94, 4, "not valid UTF-8: byte 0xff")),
        (b"a: \xe2\x82", (94, 4, "not valid UTF-8: byte 0xe2")),
        (b"a: \x00\n", (94, 4, "contains a NUL character: not a text manifest")),
    ],
)
def test_undecodable_bytes_late_in_the_file(
    tmp_path: Path, tail: bytes, expected: tuple[int, int, str]
) -> None:
    report = same_streamed(tmp_path, MANY.encode() + tail)
    assert errors(report) == [expected]
    assert report.findings == ()  # nothing of a file that cannot be decoded


def test_a_nul_before_an_undecodable_byte_is_not_what_is_reported(tmp_path: Path) -> None:
    report = same_streamed(tmp_path, b"a: \x00\n" + MANY.encode() + b"\r\n\xff")
    assert errors(report) == [(96, 1, "not valid UTF-8: byte 0xff")]


def test_suppression_comments_and_helm_sources_in_late_documents(tmp_path: Path) -> None:
    late = BROKEN.replace("replicas: 2", "replicas: 2  # sedex-lint: ignore SDX001 -- OPS-1")
    own_line = BROKEN.replace("  replicas: 2", "  # sedex-lint: ignore SDX001 -- OPS-2\n\n"
                              "  # another comment\n  replicas: 2")  # fmt: skip
    helm = "---\n# Source: sedex/templates/deployment.yaml\n" + BROKEN
    report = same_streamed(tmp_path, (MANY + late + "---\n" + own_line + helm).encode())
    assert [(f.line, f.suppression.reason) for f in report.suppressed if f.suppression] == [
        (99, "OPS-1"),
        (133, "OPS-2"),
    ]
    assert [(f.line, f.template) for f in report.findings if f.code == "SDX001"] == [
        (6, None), (37, None), (68, None), (165, "sedex/templates/deployment.yaml")
    ]  # fmt: skip


def test_a_document_that_only_the_pure_parser_reads_late_in_the_file(tmp_path: Path) -> None:
    gap = "apiVersion: v1\nkind: List\nitems: [{image: repo:tag}]\n---\n"
    report = same_streamed(tmp_path, (MANY + gap + BROKEN).encode())
    assert report.errors == ()
    assert [f.line for f in report.findings if f.code == "SDX001"] == [6, 37, 68, 103]
    unprintable = same_streamed(tmp_path, (MANY + gap + BROKEN + "a: \x01\n").encode())
    assert [f.code for f in unprintable.findings] == []  # refused before any is read again


def test_nesting_that_could_crash_libyaml_late_in_the_file(tmp_path: Path) -> None:
    deep = "a: " + "[" * 3000 + "]" * 3000 + "\n"
    report = same_streamed(tmp_path, (MANY + deep).encode())
    assert (report.findings, errors(report)) == ((), [(94, 259, "nesting deeper than 256 levels")])
    # a line indented by 2,000 makes the exact pass run, which stops at level 257
    indented = "a:\n" + "".join(" " * i + "k:\n" for i in range(1, 300)) + " " * 2000 + "k: 1\n"
    assert errors(same_streamed(tmp_path, (MANY + indented).encode()))[0][:2] == (350, 257)


def test_the_document_limit(tmp_path: Path) -> None:
    engine = Engine(builtin_rules(), limits=Limits(max_documents=2))
    report = same_streamed(tmp_path, MANY.encode(), engine)
    assert errors(report) == [(63, 1, "more than 2 YAML documents")]


def test_a_file_that_grows_past_the_limit_while_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(MANY.encode())
    source = FileText(path.open("rb"), max_bytes=100, chunk=64)
    report = lint_inputs(ENGINE, [Input(NAME)], reader=lambda _item: source)
    assert errors(report) == [(1, 1, "input is more than 100 bytes, above the 100 bytes limit "
                               "(limits.max_file_bytes)")]  # fmt: skip


def test_a_large_file_is_never_held_whole(tmp_path: Path) -> None:
    """Documents are composed while the file is read: when the first one is composed, only
    the first chunks of the second reading have been read."""
    path = tmp_path / "big.yaml"
    document = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\n"
    path.write_bytes(document.encode() * 30_000)  # 2.1 MB
    blocks: list[int] = []

    class Counted(FileText):
        def blocks(self) -> Iterator[str]:
            for block in super().blocks():
                blocks.append(len(block))
                yield block

    with path.open("rb") as handle:
        text = prepare(Counted(handle, 10**9))
        scanned = len(blocks)
        documents = iter_documents(text)
        next(documents)
        assert scanned >= 8 and len(blocks) - scanned <= 2
        assert max(blocks) <= textsource.CHUNK + len(document)
        assert sum(1 for _ in documents) == 30_000  # and the last one, empty


def test_blocks_end_after_a_line_break_and_keep_cr_lf_whole() -> None:
    pieces = ["a\r", "\nb\rc", "\u2028d", "e"]
    assert list(line_blocks(pieces)) == ["a\r\nb\r", "c\u2028", "de\n"]
    assert list(line_blocks(["a", "b", "c\nd", "e"])) == ["abc\n", "de\n"]
    assert list(line_blocks(["x\r"])) == ["x\r"]
    assert list(line_blocks(["", ""])) == []


@settings(FUZZ_SETTINGS, max_examples=150)
@given(
    st.sampled_from(SEEDS),
    st.lists(MUTATION, max_size=4),
    st.integers(min_value=1, max_value=400),
)
def test_mutated_manifests_read_in_chunks_as_whole(
    tmp_path_factory: pytest.TempPathFactory,
    seed: Path,
    mutations: list[tuple[str, int, int, bytes]],
    chunk: int,
) -> None:
    data = apply_mutations(SEED_BYTES[seed], mutations)
    path = tmp_path_factory.mktemp("chunks") / "m.yaml"
    assert outcome(streamed(path, data, chunk)) == outcome(whole(data))


@pytest.mark.parametrize("size", [10, 49, 50, 51, 63, 64])
@pytest.mark.parametrize("stated", [0, 10, 49, 50, 64, 100])
def test_the_first_chunk_is_what_reading_a_chunk_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, stated: int
) -> None:
    """The first read is sized by the file's size, which may be stale (the file grew or shrank
    since) or wrong (0 for /proc files): it must still return what read(chunk) does."""
    path = tmp_path / "m.yaml"
    path.write_bytes(bytes(range(48, 48 + size)))

    class Stat:
        st_size = stated

    monkeypatch.setattr(textsource.os, "fstat", lambda _fd: Stat)
    with path.open("rb") as handle:
        first = FileText(handle, 10**9, chunk=50)._first_chunk()
    assert first == path.read_bytes()[:50]
