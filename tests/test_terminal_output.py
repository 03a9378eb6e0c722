"""What reaches a person's terminal: escapes from manifests are shown, never obeyed, and each
finding shows its line with a caret under the column (a code frame)."""

from __future__ import annotations

import io
import json
import re

from sedex_lint.api import lint_text
from sedex_lint.model import Finding, Position, Report, Severity, Snippet
from sedex_lint.printable import UNSAFE, printable, width
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.reporters import github, text
from sedex_lint.snippets import BEFORE, LONG_LINE, WIDTH, snippets_for
from tests.conftest import BROKEN, sedex_lint

ERROR = Severity.ERROR
HOSTILE_NAME = "evil\x1b]0;pwned\x07\x1b[8mhidden\x1b[0m\r\nfake\u202eline\x9b31m"
ESCAPED_NAME = "evil\\x1b]0;pwned\\x07\\x1b[8mhidden\\x1b[0m\\r\\nfake\\u202eline\\x9b31m"


def seed(code: str) -> RuleSet:
    rules = builtin_rules()
    return RuleSet(tuple(rule for rule in rules.rules if rule.code == code), rules.checks)


def rendered(report: Report, **options: bool) -> str:
    stream = io.StringIO()
    text.render(report, ERROR, stream, color=False, quiet=False, **options)
    return stream.getvalue()


def hostile_manifest() -> str:
    quoted = json.dumps(HOSTILE_NAME)  # a JSON string is a YAML double-quoted scalar
    return BROKEN.replace("  name: sedex-client\n", f"  name: {quoted}\n", 1)


def test_printable_escapes_controls_and_keeps_the_rest() -> None:
    assert printable(HOSTILE_NAME) == ESCAPED_NAME
    assert printable("plain ü 😀 text") == "plain ü 😀 text"
    assert printable("a\tb\x7f\x00\u2028") == "a\\tb\\x7f\\x00\\u2028"
    assert printable("one\r\ntwo", keep="\r\n") == "one\r\ntwo"


def test_every_unsafe_character_is_unprintable_to_python() -> None:
    # printable() returns text that str.isprintable() passes without looking for UNSAFE in it
    unsafe = re.findall(UNSAFE, "".join(map(chr, range(0x110000))))
    assert len(unsafe) == 79
    assert not any(char.isprintable() for char in unsafe)


def test_an_object_name_with_escape_sequences_reaches_the_terminal_escaped() -> None:
    report = lint_text(hostile_manifest(), "evil.yaml", seed("SDX001"))
    out = rendered(report)
    assert f"Deployment {ESCAPED_NAME}" in out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\x9b" not in out
    assert "\u202e" not in out
    # one finding: heading, message, two lines of code frame, blank, summary
    assert len(out.splitlines()) == 1 + 4 + 1 + 1


def test_colour_output_escapes_them_too() -> None:
    report = lint_text(hostile_manifest(), "evil.yaml", seed("SDX001"))
    stream = io.StringIO()
    text.render(report, ERROR, stream, color=True, quiet=False)
    out = stream.getvalue()
    assert ESCAPED_NAME in out
    assert "\x1b]0;" not in out and "\x07" not in out and "\r" not in out


def test_a_line_break_in_a_house_rule_message_keeps_the_layout() -> None:
    finding = Finding(
        "ACME001", "house-rule", ERROR, "first\r\n::error::injected\x1b[2K", "a.yaml",
        Position(1, 1, 1, 2),
    )  # fmt: skip
    out = rendered(Report((finding,), files=("a.yaml",)))
    assert "    first\\r\\n::error::injected\\x1b[2K\n" in out
    assert not any(line.startswith("::") for line in out.splitlines())


def test_github_annotations_escape_what_the_toolkit_does_not() -> None:
    finding = Finding(
        "SDX001", "single-replica", ERROR, "a\x1b[8mb\r\nc%", "a.yaml", Position(1, 1, 1, 2)
    )
    (line,) = github.render(Report((finding,)), ERROR).splitlines()
    # CR and LF as the toolkit escapes them, other controls as visible escapes
    assert line.endswith("::a\\x1b[8mb%0D%0Ac%25")
    assert "\x1b" not in line


def test_code_frame_puts_a_caret_under_the_value() -> None:
    report = lint_text(BROKEN, "deploy.yaml", seed("SDX001"))
    assert rendered(report).splitlines()[1:5] == [
        "  deploy.yaml:6:13  error  SDX001 single-replica  Deployment sedex-client",
        report.findings[0].message.join(("    ", "")),
        "    6 |   replicas: 2",
        "      |             ^",
    ]


def test_code_frame_underlines_the_range_and_counts_cells() -> None:
    wide = BROKEN.replace("  replicas: 2", '  "日本\\x1b": x\n  replicas: 2')
    report = lint_text(wide, "w.yaml", seed("SDX001"))
    assert report.findings[0].snippet == Snippet("  replicas: 2")
    memory = lint_text(BROKEN.replace("memory: 1Gi}", "memory: 512Mi}"), "m.yaml", seed("SDX004"))
    frame = rendered(memory).splitlines()[3:5]
    assert frame[0] == "    15 |             requests: {memory: 512Mi}"
    assert frame[1] == "       |                                ^^^^^"
    finding = Finding(
        "SDX001", "single-replica", ERROR, "m", "x.yaml", Position(3, 4, 3, 5),
        snippet=Snippet('日\x1bx: 2'),
    )  # fmt: skip
    lines = rendered(Report((finding,), files=("x.yaml",))).splitlines()
    assert lines[3:5] == ["    3 | 日\\x1bx: 2", "      |        ^"]
    assert width("日\\x1bx") == 2 + 4 + 1  # a wide character, four for the escape, x


def test_no_source_and_quiet_turn_the_code_frame_off() -> None:
    report = lint_text(BROKEN, "deploy.yaml", seed("SDX001"))
    assert " | " not in rendered(report, show_source=False)
    stream = io.StringIO()
    text.render(report, ERROR, stream, color=False, quiet=True)
    assert " | " not in stream.getvalue()


def test_code_frame_from_stdin_and_the_no_source_option() -> None:
    shown = sedex_lint("--select", "SDX001", "-", stdin=BROKEN)
    assert "    6 |   replicas: 2\n      |             ^\n" in shown.stdout
    hidden = sedex_lint("--select", "SDX001", "--no-source", "-", stdin=BROKEN)
    assert " | " not in hidden.stdout and hidden.returncode == 1


def test_only_the_lines_findings_need_are_kept_and_long_ones_only_around_the_column() -> None:
    text_ = "a\nb\r\nc\x85d\n"
    assert snippets_for(text_, [(2, 1), (4, 1)]) == {(2, 1): Snippet("b"), (4, 1): Snippet("d")}
    assert snippets_for(text_, []) == {}
    long = "k: " + "x" * 100_000
    (snippet,) = snippets_for(long, [(1, 50_000)]).values()
    assert len(snippet.text) == WIDTH and snippet.cut
    assert snippet.first_column == 50_000 - BEFORE
    assert long[snippet.first_column - 1 :].startswith(snippet.text)
    (whole,) = snippets_for("y" * LONG_LINE, [(1, 3)]).values()
    assert whole == Snippet("y" * LONG_LINE)


def test_a_cut_line_is_shown_with_ellipses_and_the_caret_in_place() -> None:
    line = "  annotations: {a: '" + "z" * 500 + "'}"
    finding = Finding(
        "SDX001", "single-replica", ERROR, "m", "x.yaml", Position(1, 300, 1, 301),
        snippet=snippets_for(line, [(1, 300)])[(1, 300)],
    )  # fmt: skip
    frame = rendered(Report((finding,), files=("x.yaml",))).splitlines()[3:5]
    assert frame[0].startswith("    1 | …") and frame[0].endswith("…")
    assert frame[1].index("^") == frame[0].index("…") + 1 + BEFORE
