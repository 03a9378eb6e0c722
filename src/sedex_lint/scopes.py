"""What a check is called on: one typed signature per scope.

A rule names a check; the check's scope says what the engine hands it:

- `WorkloadScope`: each workload that runs the sedex image (a client or Phase 1), and only
  those, as a `Workload`;
- `ObjectScope`: every Kubernetes object, with its `Workload` if it runs pods;
- `DocumentScope`: each YAML document as read, before it is split into objects (the
  duplicate keys the loader saw);
- `FileScope`: each file once its findings are known (its suppression marks, and which of
  them silenced something);
- `RunScope`: every object of one run, across files and standard input. Its `collect` runs
  beside the object checks and keeps only small facts (names, labels, IDs, claims, anchors);
  its `check` sees the facts of the whole run at the end. Facts travel back from `--jobs`
  workers, so they must be plain, picklable data, and memory stays flat in the run's size.

The engine dispatches on these types; it knows no rule and no check by name.
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from sedex_lint.construct import DuplicateKey
from sedex_lint.model import NotChecked, ObjectRef, Origin, Path, Position, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.suppressions import Mark
from sedex_lint.workload import Workload

Parameters = Mapping[str, Any]
Fact = TypeVar("Fact")


class WorkloadCheck(Protocol):
    def __call__(self, workload: Workload, params: Parameters, /) -> Iterable[Violation]: ...


class ObjectCheck(Protocol):
    def __call__(
        self, obj: K8sObject, workload: Workload | None, params: Parameters, /
    ) -> Iterable[Violation | NotChecked]: ...


class Located(NamedTuple):
    """A violation with its position already known: checks that see nodes or marks, not
    objects, report this way."""

    position: Position
    message: str
    path: Path = ()


class DocumentView:
    __slots__ = ("duplicate_keys",)

    duplicate_keys: Sequence[DuplicateKey]

    def __init__(self, duplicate_keys: Sequence[DuplicateKey]) -> None:
        self.duplicate_keys = duplicate_keys


class DocumentCheck(Protocol):
    def __call__(self, document: DocumentView, params: Parameters, /) -> Iterable[Located]: ...


class FileView:
    __slots__ = ("enabled_rules", "known_rules", "marks", "used")

    marks: Sequence[Mark]
    used: frozenset[int]
    """Indices into `marks` of the suppressions that silenced at least one finding."""
    known_rules: frozenset[str]
    """Codes and names of every rule sedex-lint knows, enabled or not."""
    enabled_rules: frozenset[str]
    """Codes and names of the rules of this run."""

    def __init__(
        self,
        marks: Sequence[Mark],
        used: frozenset[int],
        known_rules: frozenset[str],
        enabled_rules: frozenset[str],
    ) -> None:
        self.marks = marks
        self.used = used
        self.known_rules = known_rules
        self.enabled_rules = enabled_rules


class FileCheck(Protocol):
    def __call__(self, file: FileView, params: Parameters, /) -> Iterable[Located]: ...


class Anchor(NamedTuple):
    """A place in a real file that a whole-run finding is reported at."""

    file: str
    position: Position
    object: ObjectRef
    path: Path
    """Path inside the document (an object's prefix included)."""
    document: int
    prefix: Path
    """Where the object sits in its document, to match its suppression annotation."""
    origin: Origin | None = None


Locator = Callable[[Path], Anchor]
"""Turns a path inside the current object into an Anchor."""


class Collector(Protocol[Fact]):  # type: ignore[misc]  # Fact is produced, not consumed
    def __call__(
        self, obj: K8sObject, workload: Workload | None, at: Locator, /
    ) -> Iterable[Fact]: ...


class RunViolation(NamedTuple):
    anchor: Anchor
    message: str


class RunCheck(Protocol[Fact]):  # type: ignore[misc]  # Fact is consumed, not produced
    def __call__(self, facts: Sequence[Fact], params: Parameters, /) -> Iterable[RunViolation]: ...


# The scopes are created once per check and never compared: plain classes, which cost nothing
# to define at start-up. Treat them as immutable.


class WorkloadScope:
    __slots__ = ("check",)

    check: WorkloadCheck

    def __init__(self, check: WorkloadCheck) -> None:
        self.check = check


class ObjectScope:
    __slots__ = ("check",)

    check: ObjectCheck

    def __init__(self, check: ObjectCheck) -> None:
        self.check = check


class DocumentScope:
    __slots__ = ("check",)

    check: DocumentCheck

    def __init__(self, check: DocumentCheck) -> None:
        self.check = check


class FileScope:
    __slots__ = ("check",)

    check: FileCheck

    def __init__(self, check: FileCheck) -> None:
        self.check = check


class RunScope(Generic[Fact]):
    __slots__ = ("check", "collect")

    collect: Collector[Fact]
    check: RunCheck[Fact]

    def __init__(self, collect: Collector[Fact], check: RunCheck[Fact]) -> None:
        self.collect = collect
        self.check = check


CheckScope = WorkloadScope | ObjectScope | DocumentScope | FileScope | RunScope[Any]
"""A check bound to its scope: what the registry and plugins declare."""
