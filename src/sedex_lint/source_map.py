"""Where a finding of rendered output is in the repository: the Helm template or Kustomize
file that its object came from (`Finding.origin`), and the line to edit there.

The origin is resolved against the directory of the input's name, which for standard input
is `--stdin-filename`: name the stream in the chart's directory (Helm's `# Source:` paths start
with the chart's name, which stands for that directory) or in the directory of the
kustomization that was built (Kustomize writes origin paths relative to it), e.g.
`overlays/prod/rendered.yaml`. Only a regular file counts, and only inside the input's
repository (its links resolved; outside a repository, the working directory): the paths come
from the manifest, which must not make sedex-lint read `/proc/kmsg` or someone's home. A remote
Kustomize base (`repo:`) and unnamed standard input are never mapped.

The line is found in the text, because a Helm template is not YAML until rendered: the
keys of the finding's field path are looked up one below the other (indentation decides
what is below), in the document of the object's kind and name; the deepest one found is the
line, much as a reader would search. A Kustomize source that does not hold the object's kind
is the wrong file (a name was resolved against the wrong directory): no mapping then.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePosixPath

from sedex_lint.locations import repository_root
from sedex_lint.model import HELM, STDIN, Finding, ObjectRef, SourceLocation
from sedex_lint.model import Path as FieldPath

MAX_SOURCE_BYTES = 4 * 1024 * 1024
"""A template or base larger than this is not searched (it is not read whole)."""
_KUSTOMIZATIONS = ("kustomization.yaml", "kustomization.yml", "Kustomization")


@cache
def _skipped() -> re.Pattern[str]:
    """Blank lines, comments and template directives: they neither open nor close a block.
    Compiled on first use: only findings in rendered output get here."""
    return re.compile(r"^\s*(?:$|#|\{\{)")


def map_sources(findings: Iterable[Finding]) -> list[Finding]:
    """`findings` with `source` set where their origin is a file that exists."""
    texts: dict[str, list[str] | None] = {}
    mapped = []
    for finding in findings:
        file = source_file(finding)
        lines = None if file is None else _lines(file, texts)
        spot = None if file is None or lines is None else locate(lines, finding, file)
        if spot is not None and file is not None:
            finding = finding._replace(source=SourceLocation(file, *spot))
        mapped.append(finding)
    return mapped


def source_file(finding: Finding) -> str | None:
    origin = finding.origin
    if origin is None or origin.repo is not None or finding.file == STDIN:
        return None
    base = finding.file if os.path.isdir(finding.file) else os.path.dirname(finding.file)
    parts = PurePosixPath(origin.path).parts
    if origin.tool == HELM:
        if len(parts) < 2 or ".." in parts or PurePosixPath(origin.path).is_absolute():
            return None
        parts = parts[1:]  # the chart's name
    if not parts or PurePosixPath(origin.path).is_absolute():
        return None
    candidate = os.path.normpath(os.path.join(base, *parts))
    if not os.path.isfile(candidate):
        return None
    tree = _tree(base)
    try:
        inside = os.path.commonpath([tree, os.path.realpath(candidate)]) == tree
    except ValueError:  # another drive on Windows
        inside = False
    return candidate if inside else None


@cache
def _tree(base: str) -> str:
    """Where sources may be read: the repository of `base`, else the working directory."""
    root = repository_root(Path(base or os.curdir))
    if not (root / ".git").exists():
        root = Path.cwd()
    return os.path.realpath(root)


def _lines(file: str, texts: dict[str, list[str] | None]) -> list[str] | None:
    if file not in texts:
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except OSError:
            data = b""
        too_big = len(data) > MAX_SOURCE_BYTES
        texts[file] = None if too_big else data.decode("utf-8", "replace").splitlines()
    return texts[file]


def locate(lines: list[str], finding: Finding, file: str) -> tuple[int, int] | None:
    """1-based line and column in `lines` to point at, or None when the file is not it.

    A Kustomize source must declare the object (its kind), unless it is the kustomization
    whose generator made it; a Helm template may compute its kind, so any template does."""
    helm = finding.origin is not None and finding.origin.tool == HELM
    if finding.object is None and not helm:
        return None  # nothing to check the file against
    start, end = _document(lines, finding.object)
    if finding.object is not None and os.path.basename(file) in _KUSTOMIZATIONS:
        # a generated object: its generator's entry names it (the name gets a hash suffix)
        return _name_line(lines, 0, len(lines), finding.object.name or "") or (1, 1)
    if start is None:
        if not helm:
            return None
        start, end = 0, len(lines)
    return _walk(lines, start, end, finding.path)


def _documents(lines: list[str]) -> list[tuple[int, int]]:
    cuts = [n for n, line in enumerate(lines) if line.startswith("---")]
    bounds = [0, *cuts, len(lines)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _document(lines: list[str], ref: ObjectRef | None) -> tuple[int | None, int]:
    """The document that declares the object's kind, by its name when several do."""
    if ref is None or not ref.kind:
        return 0, len(lines)
    kind = re.compile(rf"^\s*kind:\s*[\"']?{re.escape(ref.kind)}[\"']?\s*(?:#.*)?$")
    declaring = [
        (a, b) for a, b in _documents(lines) if any(kind.match(line) for line in lines[a:b])
    ]
    if not declaring:
        return None, len(lines)
    for a, b in declaring:
        if ref.name and _name_line(lines, a, b, ref.name) is not None:
            return a, b
    return declaring[0]


def _name_line(lines: list[str], start: int, end: int, rendered: str) -> tuple[int, int] | None:
    """A `name:` whose value the rendered name contains (Kustomize adds prefixes, suffixes)."""
    pattern = re.compile(r"^(\s*(?:-\s+)?)name:\s*[\"']?([^\"'#\s]+)")
    for number in range(start, end):
        match = pattern.match(lines[number])
        if match and match.group(2) in rendered:
            return number + 1, len(match.group(1)) + 1
    return None


def _walk(lines: list[str], start: int, end: int, path: FieldPath) -> tuple[int, int]:
    """Each key of `path` below the one before, as far as the text has them."""
    found = _first_content(lines, start, end)
    line, indent, of_item = found[0] - 1, -1, False
    for segment in path:
        if isinstance(segment, int):
            step = _item(lines, line + 1, end, indent, segment)
        else:
            # an item's first key is on its dash line: `- name: sedex-client`
            step = _key(lines, line if of_item else line + 1, end, indent, str(segment), of_item)
        if step is None:
            break
        line, indent = step
        of_item = isinstance(segment, int)
        found = (line + 1, indent + 1)
    return found


def _first_content(lines: list[str], start: int, end: int) -> tuple[int, int]:
    skipped = _skipped()
    for number in range(start, end):
        text = lines[number]
        if not skipped.match(text) and not text.startswith("---"):
            return number + 1, _column(text) + 1
    return start + 1, 1


def _inside(text: str, indent: int, of_item: bool) -> bool:
    """Whether a content line still belongs to the block of the key or item at `indent`."""
    if indent < 0 or _column(text) > indent:
        return True
    # a key's sequence may sit at the key's own indentation (`containers:` then `- name:`)
    return _column(text) == indent and _is_dash(text) and not of_item


def _key(
    lines: list[str], start: int, end: int, indent: int, key: str, of_item: bool
) -> tuple[int, int] | None:
    pattern = re.compile(rf"^(\s*(?:-\s+)*)[\"']?{re.escape(key)}[\"']?\s*:(?:\s|$)")
    skipped = _skipped()
    for number in range(start, end):
        text = lines[number]
        if skipped.match(text):
            continue
        match = pattern.match(text)
        if match and len(match.group(1)) > indent:
            return number, len(match.group(1))
        if not (of_item and number == start) and not _inside(text, indent, of_item):
            return None
    return None


def _item(
    lines: list[str], start: int, end: int, indent: int, index: int
) -> tuple[int, int] | None:
    seen, dash = -1, None
    skipped = _skipped()
    for number in range(start, end):
        text = lines[number]
        if skipped.match(text):
            continue
        if not _inside(text, indent, False):
            return None
        if _is_dash(text) and (dash is None or _column(text) == dash):
            dash, seen = _column(text), seen + 1
            if seen == index:
                return number, dash
    return None


def _column(text: str) -> int:
    return len(text) - len(text.lstrip())


def _is_dash(text: str) -> bool:
    stripped = text.lstrip()
    return stripped == "-" or stripped.startswith("- ")
