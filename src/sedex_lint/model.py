"""The data that flows through sedex-lint: violations, findings, input errors and the report."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Callable
from enum import IntEnum
from typing import NamedTuple

STDIN = "-"
"""The name of standard input, as an input and in reports."""
PathSegment = str | int
Path = tuple[PathSegment, ...]


class Key(str):
    """The last segment of a path that names a mapping key itself, not its value: a finding
    about an unknown field points at the key (`livenesProbe:`), where the typo is."""

    __slots__ = ()


class Severity(IntEnum):
    """Ordered so that a threshold comparison (`severity >= fail_on`) reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


class Position(NamedTuple):
    """1-based line and column of a node's start, and of the character after its end."""

    line: int
    column: int
    end_line: int
    end_column: int


class ObjectRef(NamedTuple):
    api_version: str | None
    kind: str | None
    name: str | None
    namespace: str | None

    def describe(self) -> str:
        name = self.name or "<unnamed>"
        return f"{self.kind or 'object'} {name}"


class Violation(NamedTuple):
    """What a check reports: where in the object (a path) and what is wrong.

    A check never knows files, lines or its configured severity; the engine adds them.
    When `path` does not exist in the object, the finding points at the nearest existing
    parent key, which is where the user has to add the missing field.
    """

    path: Path
    message: str


class NotChecked(NamedTuple):
    """What a check yields for an object it has nothing to check against (SDX090: a kind
    with no schema). Not a finding: the run counts these, so a gap in coverage is visible."""

    what: str
    """What was missing, e.g. 'networking.istio.io/v1 Gateway'."""


class Suppression(NamedTuple):
    """Why a finding does not count: an annotation, a YAML comment or a baseline entry."""

    kind: str
    """'annotation', 'comment' or 'baseline'."""
    reason: str


HELM = "helm"
KUSTOMIZE = "kustomize"


class Origin(NamedTuple):
    """Where a rendered document came from, as the tool that rendered it says: Helm's
    `# Source: CHART/templates/FILE` comment, or Kustomize's `config.kubernetes.io/origin`
    annotation (`buildMetadata: [originAnnotations]`)."""

    tool: str
    """HELM or KUSTOMIZE."""
    path: str
    """As the tool wrote it: chart-relative for Helm, relative to the kustomization for
    Kustomize (a generated object: the kustomization that configured it)."""
    repo: str | None = None
    """Kustomize: the remote repository the source is in (then it is not a local file)."""
    ref: str | None = None

    @property
    def title(self) -> str:
        return "Helm template" if self.tool == HELM else "Kustomize source"

    @property
    def where(self) -> str:
        where = self.path if self.repo is None else f"{self.repo}//{self.path}"
        return where + (f" at {self.ref}" if self.ref else "")

    def describe(self) -> str:
        """`Helm template: sedex/templates/deployment.yaml`, as messages name it."""
        return f"{self.title}: {self.where}"


class SourceLocation(NamedTuple):
    """The place in a repository file (a Helm template, a Kustomize base) that a finding of
    rendered output comes from: found by looking for the finding's field path in that file."""

    file: str
    """Spelled like the input names: relative to the working directory, or absolute."""
    line: int
    column: int


class Snippet(NamedTuple):
    """The line a finding points at, as it was linted, for a code frame. A long line is kept
    only around the finding's column, so that memory stays bounded on one-line manifests."""

    text: str
    first_column: int = 1
    """The column of the line at which `text` starts (1 unless the start was cut)."""
    cut: bool = False
    """Whether the line goes on after `text`."""


class Finding(NamedTuple):
    code: str
    name: str
    severity: Severity
    message: str
    file: str
    position: Position
    object: ObjectRef | None = None
    path: Path = ()
    origin: Origin | None = None
    """The Helm template or Kustomize source that produced the object, if the input says."""
    suppression: Suppression | None = None
    source: SourceLocation | None = None
    """Where `origin` is in the repository, when that file exists (see source_map)."""
    snippet: Snippet | None = None

    @property
    def template(self) -> str | None:
        """The Helm template that produced the document (its `# Source:` comment), if any."""
        return self.origin.path if self.origin is not None and self.origin.tool == HELM else None

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column

    def sort_key(self) -> tuple[int, int, str]:
        return (self.position.line, self.position.column, self.code)


class InputError(NamedTuple):
    """A file (or stdin) that could not be read, decoded or parsed: it fails the gate."""

    file: str
    line: int
    column: int
    message: str


class InternalError(NamedTuple):
    """A rule or plugin that crashed on an input; the other rules still ran."""

    code: str | None
    """The rule whose check crashed; None when a plugin failed to load."""
    file: str
    message: str
    plugin: str | None = None
    """The plugin (entry point and distribution) that failed, when it is one."""

    @property
    def culprit(self) -> str:
        return f"rule {self.code}" if self.code is not None else f"plugin {self.plugin}"


_RULE_META_COMPARED = (
    "code",
    "name",
    "severity",
    "default_severity",
    "summary",
    "help_uri",
    "description",
)


class RuleMeta:
    """What reporters need to describe a rule that ran (SARIF's tool.driver.rules and peers).

    Immutable by convention; equal and hashed as a value of every field but `page`."""

    __slots__ = (
        "code",
        "default_severity",
        "description",
        "help_uri",
        "name",
        "page",
        "severity",
        "summary",
    )

    code: str
    name: str
    severity: Severity
    """The effective severity of this run."""
    default_severity: Severity
    summary: str
    help_uri: str
    description: str
    """The rule's rationale (Markdown), for SARIF's fullDescription and peers."""
    page: Callable[[], str] | None
    """Renders the rule's whole page (Markdown, as `sedex-lint explain` shows it) for SARIF's
    help: on demand, since no other format needs it and start-up should not pay for it."""

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        default_severity: Severity,
        summary: str,
        help_uri: str,
        description: str = "",
        page: Callable[[], str] | None = None,
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.default_severity = default_severity
        self.summary = summary
        self.help_uri = help_uri
        self.description = description
        self.page = page

    def _compared(self) -> tuple[str, str, Severity, Severity, str, str, str]:
        return (
            self.code,
            self.name,
            self.severity,
            self.default_severity,
            self.summary,
            self.help_uri,
            self.description,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, RuleMeta)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        shown = zip(_RULE_META_COMPARED, self._compared(), strict=True)  # all but `page`
        fields = ", ".join(f"{name}={value!r}" for name, value in shown)
        return f"{type(self).__name__}({fields})"


class BaselineEntry(NamedTuple):
    """A finding recorded by --write-baseline, identified without line numbers."""

    fingerprint: str
    code: str
    file: str
    object: str
    path: str
    message: str


class Counts(NamedTuple):
    files: int = 0
    documents: int = 0
    objects: int = 0
    sedex_workloads: int = 0
    skipped_documents: int = 0
    not_checked: tuple[tuple[str, str, int], ...] = ()
    """(rule, what it had nothing to check against, objects), sorted: see `NotChecked`."""


class Report(NamedTuple):
    findings: tuple[Finding, ...]
    """Findings that count: not suppressed. Sorted by file (input order), line, column, rule."""
    errors: tuple[InputError, ...] = ()
    internal_errors: tuple[InternalError, ...] = ()
    counts: Counts = Counts()
    files: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    """Findings silenced by an annotation, comment or baseline; each has `suppression` set."""
    rules: tuple[RuleMeta, ...] = ()
    """The rules that ran, in code order."""
    stale_baseline: tuple[BaselineEntry, ...] = ()
    """Baseline entries that no longer occur: fixed, so they can leave the baseline."""

    def by_severity(self) -> dict[Severity, int]:
        totals = {severity: 0 for severity in Severity}
        for finding in self.findings:
            totals[finding.severity] += 1
        return totals

    def exit_code(self, fail_on: Severity) -> int:
        """0 clean, 1 findings at or above the threshold, 2 unreadable input, 3 internal error.

        Unreadable input outranks findings so that a gate never passes what it could not read;
        an internal error outranks everything because no result can be trusted then.
        """
        if self.internal_errors:
            return 3
        if self.errors:
            return 2
        if any(finding.severity >= fail_on for finding in self.findings):
            return 1
        return 0
