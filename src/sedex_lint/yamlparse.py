"""Text to YAML node trees with positions, using libyaml through ruamel.yaml.clib.

Linting needs positions, not round-trip fidelity, so we compose plain node trees with the C
parser and do our own typing in `construct`. The resolver is deliberately the base one: it
tags every plain scalar as a string, which keeps the source text of `1e9` or `0644` intact
and lets `construct` apply the YAML semantics that Kubernetes uses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import Reader, ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from sedex_lint.composer_guard import ComposerGuard
from sedex_lint.decoding import position_of
from sedex_lint.limits import DEFAULT_LIMITS
from sedex_lint.textsource import (
    Extent,
    MemoryText,
    Scanner,
    TextSource,
    TextStream,
    Utf8Stream,
    count_breaks,
    scan,
)

Node = Any  # ruamel.yaml.nodes.Node or the C parser's equivalent: same attributes

PLAIN_TAG = "tag:sedex-lint,2026:plain"
"""Tag of an untagged plain scalar: `construct` decides its type. Quoted ones become `!!str`."""
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
# Shared tag objects: nodes keep a given Tag as is, so `node.ctag is PLAIN` is an identity test
# instead of ruamel's per-node string decoding (the single largest cost of a run otherwise).
PLAIN, STR, MAP, SEQ = (Tag(suffix=t) for t in (PLAIN_TAG, STR_TAG, MAP_TAG, SEQ_TAG))


class _PlainMarkingResolver(VersionedResolver):
    """Keeps `!!str 123` (explicit) apart from `123` (plain), which the base resolver conflates."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return MAP if kind is MappingNode else SEQ


class ParseFailure(Exception):
    line: int
    column: int
    reason: str

    def __init__(self, line: int, column: int, reason: str) -> None:
        self.line, self.column, self.reason = line, column, reason


class _FastComposer(CParser, _PlainMarkingResolver):  # type: ignore[misc]
    """libyaml's composer, which calls back only `resolve`, `descend_resolver` and
    `ascend_resolver` on itself. ruamel.yaml's loaders also point `_parser`, `_composer`,
    `_resolver` and `loadumper` at the loader, for its Python parts, which this does not use:
    without those cycles a composer and the last nodes it holds are freed as soon as a text is
    read, not by the garbage collector after it has walked them (3% of a run)."""

    def __init__(self, stream: Utf8Stream) -> None:
        CParser.__init__(self, stream)

    # The C composer calls these around every node, for path resolvers, which we have none of:
    # the base versions look that up each time.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def documents(self) -> Iterator[Node]:
        while self.check_node():
            yield self.get_node()


class Prepared:
    """A text and what the parser must know of it before composing anything (`prepare`)."""

    __slots__ = ("extent", "may_crash", "source")

    source: TextSource
    extent: Extent
    may_crash: bool
    """Whether it could crash libyaml's composer, which `iter_documents` then rules out."""

    def __init__(self, source: TextSource, extent: Extent, may_crash: bool) -> None:
        self.source, self.extent, self.may_crash = source, extent, may_crash


def prepare(source: TextSource, scanners: Sequence[Scanner] = ()) -> Prepared:
    """Read the text once, giving its blocks to `scanners` too."""
    guard = ComposerGuard()
    extent = scan(source, (guard, *scanners))
    return Prepared(source, extent, guard.may_crash)


def iter_documents(
    text: str | Prepared, max_depth: int = DEFAULT_LIMITS.max_depth
) -> Iterator[Node]:
    """Document root nodes one at a time, so that a file of many documents never holds them
    all in memory; raises ParseFailure at the first syntax error or excess nesting."""
    prepared = text if isinstance(text, Prepared) else prepare(MemoryText(text))
    source = prepared.source
    if prepared.may_crash:
        too_deep = _too_deep(source, max_depth)
        if too_deep is not None:
            raise too_deep
    composer = _FastComposer(Utf8Stream(source))
    read = 0
    while True:
        try:
            if not composer.check_node():
                return
            node = composer.get_node()
        except MarkedYAMLError as error:
            if not _libyaml_gap(error):
                raise _failure(error, prepared.extent) from None
            yield from _pure_documents(prepared, skip=read)
            return
        except YAMLError as error:
            raise _reader_failure(error, source) from None
        read += 1
        yield node


# Valid YAML that the libyaml bundled with ruamel.yaml.clib (0.1.7) refuses, but Kubernetes
# (go-yaml) reads: `[{image: repo:tag}]` (a colon inside a flow plain scalar) and JSON's
# surrogate-pair escapes ("\ud83d\ude00"). Such files are read again by the pure-Python parser.
_LIBYAML_GAPS = ("found unexpected ':'", "invalid Unicode character escape code")


def _libyaml_gap(error: MarkedYAMLError) -> bool:
    return any(gap in (error.problem or "") for gap in _LIBYAML_GAPS)


def _pure_documents(prepared: Prepared, skip: int) -> Iterator[Node]:
    """The same node trees from ruamel.yaml's pure-Python parser, from document `skip` on."""
    from ruamel.yaml import YAML

    source = prepared.source
    _refuse_unprintable(source)
    yaml = YAML(typ="base", pure=True)
    yaml.Resolver = _PlainMarkingResolver
    documents = yaml.compose_all(TextStream(source))
    index = 0
    while True:
        try:
            node = next(documents)
        except StopIteration:
            return
        except MarkedYAMLError as error:
            raise _failure(error, prepared.extent) from None
        except YAMLError as error:
            raise _reader_failure(error, source) from None
        except RecursionError:
            raise ParseFailure(1, 1, "nesting too deep to read") from None
        if index >= skip:
            yield node
        index += 1


def _refuse_unprintable(source: TextSource) -> None:
    """The pure parser refuses a string with a character YAML does not allow before reading
    any of it, and so must a text read in blocks (it would find it only on the way)."""
    before = 0
    for block in source.blocks():
        match = Reader.NON_PRINTABLE.search(block)
        if match is not None:
            at, character = before + match.start(), ord(match.group())
            reason = "special characters are not allowed"
            error = ReaderError(TextStream.name, at, character, "unicode", reason)
            raise _reader_failure(error, source)
        before += len(block)


def compose_documents(text: str) -> tuple[list[Node], ParseFailure | None]:
    """All document root nodes up to the first syntax error, and that error (small files)."""
    documents: list[Node] = []
    try:
        documents.extend(iter_documents(text))
    except ParseFailure as failure:
        return documents, failure
    return documents, None


def _too_deep(source: TextSource, max_depth: int) -> ParseFailure | None:
    """Exact depth from the flat event stream, for a text that could crash the composer."""
    events = _FastComposer(Utf8Stream(source))
    depth = 0
    try:
        while True:
            event = events.get_event()
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    return ParseFailure(
                        mark.line + 1, mark.column + 1, f"nesting deeper than {max_depth} levels"
                    )
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
            elif name == "StreamEndEvent":
                return None
    except YAMLError:
        return None  # a syntax error: the composing pass reports it with its position


def _failure(error: MarkedYAMLError, extent: Extent) -> ParseFailure:
    mark = error.problem_mark or error.context_mark
    line, column = _clamp(mark, extent)
    reason = error.problem or error.context or type(error).__name__
    if error.problem and error.context:
        started = ""
        if error.context_mark is not None:
            started = " started at {}:{}".format(*_clamp(error.context_mark, extent))
        reason = f"{error.problem} ({error.context}{started})"
    return ParseFailure(line, column, f"invalid YAML: {_one_line(reason)}")


def _clamp(mark: Any, extent: Extent) -> tuple[int, int]:
    """1-based position of a mark; libyaml puts end-of-input one line past the last one, so
    that is moved to the end of the last line, where an editor can go."""
    if mark is None:
        return 1, 1
    if mark.line >= extent.lines:
        return extent.lines, extent.last_line + 1
    return mark.line + 1, mark.column + 1


def _reader_failure(error: YAMLError, source: TextSource) -> ParseFailure:
    """Reader errors (forbidden characters) carry a character offset instead of a mark."""
    offset = getattr(error, "position", None)
    character = getattr(error, "character", None)
    if not isinstance(offset, int) or offset < 0:
        return ParseFailure(1, 1, f"invalid YAML: {_one_line(str(error))}")
    line, column = _position_of_byte(source, offset)
    code = ord(character) if isinstance(character, str) else character
    shown = f"character #x{code:04x}" if isinstance(code, int) else "a character"
    return ParseFailure(line, column, f"invalid YAML: {shown} is not allowed in YAML")


def _position_of_byte(source: TextSource, offset: int) -> tuple[int, int]:
    """libyaml counts bytes of the UTF-8 text it was given; positions count characters."""
    lines, before = 0, 0
    for block in source.blocks():
        data = block.encode("utf-8", "surrogatepass")
        if offset < before + len(data):
            characters = len(data[: offset - before].decode("utf-8", "ignore"))
            line, column = position_of(block, characters)
            return lines + line, column
        lines, before = lines + count_breaks(block), before + len(data)
    return lines + 1, 1


def _one_line(text: str) -> str:
    return " ".join(text.split())
