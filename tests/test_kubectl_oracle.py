"""The loader reads every manifest as kubectl does: kubectl itself is the judge.

Each file is read twice, by sedex-lint's loader and by `kubectl annotate --local` (see
tests/kubectl_oracle.py), and the two must agree on every value, type included, and on which
files cannot be read. Two sources of files: the real-world corpora, and documents generated
by hypothesis around what YAML readers disagree on (merge keys, anchors and aliases, integer,
float, boolean and null spellings, quoted and unquoted whitespace, duplicate keys, tags). The
deliberate exceptions listed in docs/usage.md ("How manifests are read") are not generated.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, NO_SHARED_CORPUS, SHARED_CORPUS
from tests.kubectl_oracle import Reading, difference, kubectl_read, loader_read

DOCUMENTS = 2000
BATCHES = 100
# kubectl's words for a document it refuses, and the loader's for the same refusal.
REFUSALS = {
    "json: unsupported value": "is not a number",
    "map merge requires map or sequence of maps": "'<<' merges only a mapping",
    "value contains itself": "an anchor contains an alias to itself",
    "unsupported map key of type": "not a JSON key",
    "invalid map key": "a mapping or sequence cannot be a key",
    "cannot decode !!": "cannot decode !!",
    "!!binary value contains invalid base64 data": "!!binary value contains invalid base64",
    "yaml: line": "invalid YAML",
}


def disagreement(path: Path, ours: Reading, theirs: Reading) -> str | None:
    """Why the loader's reading of a file is not kubectl's, or None when they agree."""
    if theirs.errors:
        found = [ours_words for words, ours_words in REFUSALS.items() if words in theirs.errors[0]]
        assert found, f"{path}: kubectl error of an unknown kind: {theirs.errors}"
        if not any(found[0] in error for error in ours.errors):
            return f"{path}: kubectl refuses it ({theirs.errors[0]}), the loader: {ours.errors}"
    elif ours.errors:
        return f"{path}: the loader refuses ({ours.errors[0]}), kubectl reads it"
    if ours.undecodable != theirs.undecodable:
        return f"{path}: {ours.undecodable} objects without a kind, kubectl {theirs.undecodable}"
    different = difference(ours.objects, theirs.objects)
    return f"{path}: {different}" if different else None


def compare(paths: list[Path]) -> list[str]:
    theirs = kubectl_read(paths)
    return [
        problem
        for path, kubectl_reading in zip(paths, theirs, strict=True)
        if (problem := disagreement(path, loader_read(path), kubectl_reading))
    ]


def manifests(root: Path) -> list[Path]:
    suffixes = (".yaml", ".yml", ".json")
    return sorted(path for path in root.rglob("*") if path.suffix in suffixes and path.is_file())


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(CORPUS, id="vendored"),
        pytest.param(
            SHARED_CORPUS,
            id="shared",
            marks=pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=NO_SHARED_CORPUS),
        ),
    ],
)
def test_every_corpus_object_reads_as_kubectl_reads_it(root: Path) -> None:
    paths = manifests(root)
    assert len(paths) > 300
    assert compare(paths) == []


# --------------------------------------------------------------------------------------------
# Generated documents. Every spelling below was a point where some reader disagreed.

INTEGERS = (
    "0", "-0", "+0", "00", "7", "-7", "+7", "010", "-010", "+010", "08", "09", "0_7", "0o7",
    "0O7", "0o_7", "0O8", "0x1F", "0X2", "+0x2", "-0x2", "0x_2", "0b10", "0B10", "-0b11",
    "+0b10", "0b_1", "0b1_0", "1_000", "1__0", "1_", "1_000_", "-_1", "+_1", "_1", "0x", "0b",
    "0o", "0xg", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "0x8000000000000000", "0xFFFFFFFFFFFFFFFF", "0x10000000000000000", "-0x8000000000000000",
    "-0x8000000000000001", "+0x8000000000000000", "+9223372036854775808",
    "99999999999999999999999", "0b" + "1" * 64, "0b" + "1" * 65, "00000000000000000000000017",
)  # fmt: skip
FLOATS = (
    "1e3", "1E3", "1e+3", "1e-3", "1.0e+3", ".5", "-.5", "+.5", "1.", "1.e3", "2.0", "-0.0",
    "-0e0", "1_000.5", "0._5", "1._5", "1.5_", "1e_3", "1e3_", "1_e3", "1e3_0", ".5_0", "._5",
    ".5e3", ".5E+3", ".5e3_0", ".5e+3_0", ".5__0", ".5_", ".5_e3", ".5e_3", ".e3", ".5e",
    "0x1p3", "1e20", "1e21", "1e-7", "1e-6", "0.1", "123456789.123456789", "1e400", "-1e400",
    "1e-400", ".5e400", "1e3.5", "1.5e3", "9007199254740993.0", "1e18", "1e19", "+Inf", "Inf",
    "-Infinity", "+.nan", "1:20",
)  # fmt: skip
WORDS = (
    "yes", "Yes", "YES", "y", "Y", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF", "oFF", "yEs", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "~", "null",
    "Null", "NULL", "nULL", "a", "sedex", "1Gi", "512Mi", "0X40000000", "2001-12-14",
    "2001-12-14T21:59:43.10-05:00", "a b", "/sedex-data", "<<", "=", "<",
)  # fmt: skip
QUOTED = (
    " 1Gi", "1Gi ", "\t1Gi", "1Gi\n", "a\u00a0", " ", "", "yes", "010", "~", "<<", "1e3",
    "/sedex-data ", "it's", 'say "hi"', "\\", "é", "\U0001f600",
)  # fmt: skip
TAGGED = (
    "!!str 010", '!!int "010"', "!!float 3", "!!bool yes", "!!int 0x10", "!!int 0b101",
    "!!float 0x10", '!!float ".5_0"', "!foo 3", "!!python/object:x 3", "!!binary aGVsbG8=",
    '!!null ""', "!!null ~", '!!float "1e3"', '!!int "1_0"', '!!bool "yes"', "!!str ~",
    "!<tag:yaml.org,2002:int> '7'", "!!binary /w==", '!!binary ""',
)  # fmt: skip
# Keys that name the same JSON key are always of one Go type here: kubectl picks at random
# between `1:` and `"1":` (docs/usage.md), so a document never holds both.
KEYS = (
    "a", "b", "name", "value", "'a'", '"b"', "yes", "on", "y", "True", "off", "n", "NO",
    "1", "01", "0x1", "0b1", "+1", "010", "8", "0o10", "1.5", "0.1", "1e3", "2.0", ".5",
    "123456789.5", "1e39", "-0.0", "99999999999999999999999", "-9223372036854775809",
    '!!int "7"', "!!float 3", "!!binary aGk=",
)  # fmt: skip
REFUSED_KEYS = ("~", "null", "0x8000000000000000", "[a]", "{a: 1}", "!!int abc")
REFUSED_VALUES = (
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "!!int abc", "!!int 1.5", "!!int 08", "!!bool 1",
    "!!null x", "!!float .inf", "!!binary '!!'", "!!float 9223372036854775808",
)  # fmt: skip
REFUSALS_MADE = ("value", "key", "merge", "cycle")


class _Writer:
    """Writes one document's YAML from a random source that hypothesis seeds (drawing every
    small choice through hypothesis would cost 10 ms a document). At most one feature that
    makes kubectl refuse the document, so that both readers meet the same refusal first."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.refusal = rng.choice((None,) * 6 + REFUSALS_MADE)
        self.anchors: list[tuple[str, str]] = []  # (name, "map" | "seq" | "scalar")
        self.open: list[str] = []

    def chance(self, percent: int) -> bool:
        return self.rng.randrange(100) < percent

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(options)

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def anchor(self, kind: str) -> str:
        if not self.chance(25):
            return ""
        name = f"a{len(self.anchors)}"
        self.anchors.append((name, kind))
        return f"&{name} "

    def alias(self, kind: str | None = None) -> str | None:
        names = [n for n, k in self.anchors if kind in (None, k) and n not in self.open]
        if self.refusal == "cycle" and self.open and self.chance(30):
            return "*" + self.pick(self.open)
        return "*" + self.pick(names) if names else None

    def scalar(self, flow: bool) -> str:
        kind = self.pick(("int", "float", "word", "quoted", "tagged", "alias", "refused"))
        if kind == "alias" and (found := self.alias("scalar")):
            return found
        if kind == "refused" and self.refusal == "value":
            return self.pick(REFUSED_VALUES)
        if kind == "tagged":
            return self.pick(TAGGED)
        if kind == "quoted":
            return quoted(self.pick(QUOTED), double=self.chance(50))
        text = self.pick({"int": INTEGERS, "float": FLOATS}.get(kind, WORDS))
        if not flow and self.chance(5):
            text += self.pick(("   ", " # a comment"))
        return self.anchor("scalar") + text

    def key(self) -> str:
        if self.refusal == "key" and self.chance(10):
            return self.pick(REFUSED_KEYS)
        return self.pick(KEYS)

    def merge(self, depth: int) -> str:
        """A `<<` value: an alias to a mapping, a list of them, or a mapping written in place."""
        if self.refusal == "merge" and self.chance(40):
            return self.pick(("1", "~", "[1]", "[[a]]")) if self.chance(50) else self.alias() or "1"
        choice = self.number(0, 3)
        names = [n for n, k in self.anchors if k == "map" and n not in self.open]
        if choice == 0 or not names:
            return self.flow_mapping(depth + 1, allow_merge=False)
        picked = [self.pick(names) for _ in range(self.number(1, 3))]
        if choice == 1:
            return f"*{picked[0]}"
        items = [f"*{name}" for name in picked]
        if choice == 3:
            items.insert(0, self.flow_mapping(depth + 1, allow_merge=False))
        return "[" + ", ".join(items) + "]"

    def flow(self, depth: int) -> str:
        if depth >= 4 or self.chance(60):
            return self.scalar(flow=True)
        if self.chance(50):
            return self.flow_mapping(depth + 1)
        return self.collection(
            "seq", lambda: ", ".join(self.flow(depth + 1) for _ in range(self.count()))
        )

    def flow_mapping(self, depth: int, allow_merge: bool = True) -> str:
        def entries() -> str:
            return ", ".join(
                f"<<: {self.merge(depth)}"
                if allow_merge and self.chance(20)
                else f"{self.key()}: {self.flow(depth)}"
                for _ in range(self.count())
            )

        return self.collection("map", entries)

    def collection(self, kind: str, body: object) -> str:
        """`&a1 {…}` or `[…]`: the anchor is open (a cycle if aliased) while its body is drawn."""
        prefix = self.anchor(kind)
        name = prefix[1:-1]
        self.open += [name] if name else []
        text = body() if callable(body) else str(body)
        if name:
            self.open.remove(name)
        return prefix + ("{" + text + "}" if kind == "map" else "[" + text + "]")

    def count(self) -> int:
        return self.number(0, 3)

    def block_mapping(self, indent: int, depth: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for _ in range(self.number(1, 4)):
            if self.chance(15):
                lines.append(f"{pad}<<: {self.merge(depth)}")
            else:
                lines.extend(self.entry(pad + self.key() + ":", indent, depth))
        return lines

    def entry(self, head: str, indent: int, depth: int) -> list[str]:
        """`head VALUE`, or `head` followed by a block collection or scalar indented below."""
        style = self.number(0, 9) if depth < 4 else 0
        if style <= 5:
            return [f"{head} {self.flow(depth)}"]
        if style == 6:
            chomp = self.pick(("|", "|-", "|+", ">", ">-", ">+"))
            body = [" " * (indent + 2) + line for line in ("one ", "  two", "", "three  ")]
            return [f"{head} {chomp}", *body[: self.number(1, 4)], ""]
        kind = "seq" if style == 9 else "map"
        prefix = self.anchor(kind)
        name = prefix[1:-1]
        self.open += [name] if name else []
        if kind == "map":
            below = self.block_mapping(indent + 2, depth + 1)
        else:
            below = []
            for _ in range(self.number(1, 3)):
                below += self.entry(" " * (indent + 2) + "-", indent + 2, depth + 1)
        if name:
            self.open.remove(name)
        return [f"{head} {prefix}".rstrip(), *below]


def quoted(text: str, double: bool) -> str:
    if not double and not re.search(r"[\x00-\x1f]", text):
        return "'" + text.replace("'", "''") + "'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\t", "\\t").replace("\n", "\\n") + '"'


def document(rng: random.Random) -> str:
    writer = _Writer(rng)
    lines = ["apiVersion: v1", "kind: OracleCase", "metadata:", "  name: case", "spec:"]
    lines += writer.block_mapping(2, 1)
    text = "\n".join(lines) + ("\n" if writer.chance(70) else "")
    return text.replace("\n", "\r\n") if writer.chance(10) else text


def test_generated_documents_read_as_kubectl_reads_them(tmp_path: Path) -> None:
    texts: dict[str, None] = {}

    @settings(max_examples=BATCHES, derandomize=True, database=None, deadline=None)
    @given(st.randoms(use_true_random=True))
    def collect(rng: random.Random) -> None:
        for _ in range(DOCUMENTS // BATCHES + 1):
            texts[document(rng)] = None

    collect()
    assert len(texts) >= DOCUMENTS
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"case-{number:04d}.yaml"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    problems = compare(paths)
    assert problems == [], "\n".join(
        f"{problem}\n{Path(problem.split(':')[0]).read_text(encoding='utf-8')}"
        for problem in problems[:5]
    )
