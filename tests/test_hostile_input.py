"""Hostile and broken input: every case ends quickly in a clean error for that input (exit 2),
never a traceback, a hang or a silent pass; the other inputs are still linted."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from sedex_lint.api import lint, lint_text
from sedex_lint.construct import TooLarge, construct_document
from sedex_lint.inputs import Input
from sedex_lint.limits import Limits
from sedex_lint.model import Severity
from sedex_lint.yamlparse import iter_documents
from tests.conftest import BROKEN, CORPUS, NO_SHARED_CORPUS, SHARED_CORPUS, sedex_lint


def errors_of(result_stdout: str) -> list[tuple[str, int, int, str]]:
    report = json.loads(result_stdout)
    return [(e["file"], e["line"], e["column"], e["message"]) for e in report["errors"]]


def test_a_100_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk and no time
    (tmp_path / "d.yaml").write_text(BROKEN)
    result = sedex_lint("-f", "json", "big.yaml", "d.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert errors_of(result.stdout) == [
        ("big.yaml", 1, 1, "input is 100 MiB, above the 64 MiB limit (limits.max_file_bytes)")
    ]
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["SDX001"]


def test_oversized_stdin_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text("limits: {max_file_bytes: 1000}\n")
    result = sedex_lint("-f", "json", "-", stdin="a: b\n" * 500, cwd=tmp_path)
    assert errors_of(result.stdout) == [
        (
            "-",
            1,
            1,
            "input is more than 1,000 bytes, above the 1,000 bytes limit (limits.max_file_bytes)",
        )
    ]


def test_a_million_documents_stop_at_the_document_limit() -> None:
    report = lint_text("---\na: 1\n" * 1_000_000, "many.yaml")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (200_002, 1, "more than 100,000 YAML documents")
    ]
    assert report.counts.documents == 100_000


def test_a_ten_megabyte_scalar_is_refused() -> None:
    report = lint_text("a: " + "x" * 10_000_000 + "\n", "scalar.yaml")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (1, 4, "scalar longer than 4,194,304 characters")
    ]


@pytest.mark.parametrize(
    "text",
    ["abcd: x", "'abcd': x", "x: abcd", "x: 'abcd'", "x: [abcd]", "x: ['abcd']", "- abcd", "abcd"],
)
def test_the_scalar_limit_holds_for_keys_values_and_items(text: str) -> None:
    (root,) = iter_documents(text + "\n")
    with pytest.raises(TooLarge, match="scalar longer than 3 characters"):
        construct_document(root, Limits(max_scalar_bytes=3))
    construct_document(root, Limits(max_scalar_bytes=4))  # at the limit: read


def test_limits_are_configurable(tmp_path: Path) -> None:
    (tmp_path / ".sedex-lint.yaml").write_text("limits: {max_documents: 2, max_depth: 3}\n")
    (tmp_path / "three.yaml").write_text("a: 1\n---\nb: 2\n---\nc: 3\n")
    (tmp_path / "deep.yaml").write_text("a: [[[[1]]]]\n")
    result = sedex_lint("-f", "json", "three.yaml", "deep.yaml", cwd=tmp_path)
    assert errors_of(result.stdout) == [
        ("three.yaml", 5, 1, "more than 2 YAML documents"),
        ("deep.yaml", 1, 6, "nesting deeper than 3 levels"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("kind: Pod\n".encode("utf-16"), None),
        ("kind: Pod\nname: Zürich\n".encode("latin-1"), "not valid UTF-8: byte 0xfc"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not valid UTF-8: byte 0x89"),
        (b"kind: Pod\x00\n", "contains a NUL character: not a text manifest"),
    ],
    ids=["utf-16-bom", "latin-1", "binary", "nul"],
)
def test_encodings(data: bytes, message: str | None) -> None:
    report = lint_text(data, "x.yaml")
    assert [e.message for e in report.errors] == ([message] if message else [])


def test_special_files_in_a_directory_walk_give_errors_and_the_walk_goes_on(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a good one.yaml").write_text(BROKEN)
    (tree / "zürich.yaml").write_text(BROKEN)
    (tree / "logo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tree / "dangling.yaml").symlink_to(tree / "missing.yaml")
    (tree / "loop1.yaml").symlink_to(tree / "loop2.yaml")
    (tree / "loop2.yaml").symlink_to(tree / "loop1.yaml")
    os.mkfifo(tree / "pipe.yaml")
    (tree / "folder.yaml").mkdir()
    (tree / "folder.yaml" / "inner.yml").write_text(BROKEN)
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to(tree, target_is_directory=True)  # a directory loop
    result = sedex_lint("-f", "json", "tree", cwd=tmp_path)
    assert result.returncode == 2
    assert errors_of(result.stdout) == [
        ("tree/dangling.yaml", 1, 1, "cannot read: No such file or directory"),
        ("tree/logo.yaml", 1, 1, "not valid UTF-8: byte 0x89"),
        ("tree/loop1.yaml", 1, 1, "cannot read: Too many levels of symbolic links"),
        ("tree/loop2.yaml", 1, 1, "cannot read: Too many levels of symbolic links"),
        ("tree/pipe.yaml", 1, 1, "not a regular file (a FIFO, socket or device?)"),
    ]
    linted = sorted({f["file"] for f in json.loads(result.stdout)["findings"]})
    assert linted == ["tree/a good one.yaml", "tree/folder.yaml/inner.yml", "tree/zürich.yaml"]


def test_a_fifo_named_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = sedex_lint("pipe.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "pipe.yaml:1:1  input error  not a regular file" in result.stdout


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    with open(name, "wb") as handle:
        handle.write(BROKEN.encode())
    result = sedex_lint("-f", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [(f["file"], f["code"]) for f in report["findings"]] == [("./caf\udce9.yaml", "SDX001")]


def test_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    # as root (CI) chmod 000 does not stop reading, so the operating system's answer is simulated
    def denied(item: Input) -> bytes:
        raise PermissionError(13, "Permission denied")

    (tmp_path / "a.yaml").write_text(BROKEN)
    report = lint([str(tmp_path / "a.yaml")], reader=denied)
    assert [e.message for e in report.errors] == ["cannot read: Permission denied"]
    assert report.exit_code(Severity.ERROR) == 2


@pytest.mark.parametrize(
    ("corpus", "files"),
    [
        pytest.param(CORPUS, 336, id="vendored"),
        pytest.param(
            SHARED_CORPUS,
            689,
            id="shared",
            marks=pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED_CORPUS),
        ),
    ],
)
def test_linting_opens_no_socket(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path, files: int
) -> None:
    opened: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        raise AssertionError("sedex-lint opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from sedex_lint.config import Config
    from sedex_lint.policy import build_policy
    from tests.conftest import REPO

    policy = build_policy(Config(base_dir=tmp_path))
    report = lint([str(REPO / "examples"), str(corpus)], policy=policy)
    assert report.counts.files > files
    assert opened == []
