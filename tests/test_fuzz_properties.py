"""Property-based fuzzing: whatever the bytes, sedex-lint answers, and answers well-formed.

Two kinds of input, each checked against the property in fuzz/invariants.py (no exception, no
rule crash, exit code 0/1/2, never a silent pass, positions inside the input, a JSON report
valid against its schema, a text report that shows every finding at file:line:col):

* Kubernetes-like documents built from a model (workloads with and without the sedex
  Client, Lists, ConfigMaps, junk) and written out as YAML in several styles: block, flow,
  mixed, JSON and ruamel.yaml's own emitter; with anchors, aliases and merge keys, comments,
  multiple documents, CRLF or CR line ends, and UTF-8/16/32 with a BOM. Since we know what
  the model holds, these also check what sedex-lint read: the number of objects and sedex
  workloads, no input error, no duplicate key, and exactly one SDX005 per missing probe.
* Byte-level mutations (insert, delete, flip, duplicate, splice, tokens) of the examples and
  of 50 files of the vendored real-world corpus (tests/data/corpus, so that CI and a clone on
  its own fuzz the same seeds), plus token soup and raw bytes.

Runs are derandomized with a fixed number of examples, so CI sees the same inputs each time.
"""

from __future__ import annotations

import codecs
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from fuzz.invariants import check_input
from fuzz.mutate import TOKENS, seed_files
from tests.conftest import CORPUS, REPO

FUZZ_SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NAMES = (
    "fuzz.yaml",
    "deploy/sedex client.yaml",
    "ünïcödé/清单.yml",
    "[bold]markup[/bold].yaml",
    "C:\\manifests\\sedex.json",
    "-",
)


# --------------------------------------------------------------------------------------------
# The model: Kubernetes-like values, and what sedex-lint must find in them.


@dataclass(frozen=True)
class Expect:
    objects: int = 0
    sedex_workloads: int = 0
    missing_probes: int = 0
    """Liveness or readiness probes absent (or not a mapping) on sedex Client containers."""

    def __add__(self, other: Expect) -> Expect:
        return Expect(
            self.objects + other.objects,
            self.sedex_workloads + other.sedex_workloads,
            self.missing_probes + other.missing_probes,
        )


POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
OTHER_KINDS = ("ConfigMap", "Service", "PersistentVolumeClaim", "Namespace", "SedexClient")
API_VERSIONS = ("apps/v1", "v1", "batch/v1", "batch/v1beta1", "example.ch/v1alpha1")
SEDEX_IMAGES = (
    "sedexch/sedex-client",
    "sedexch/sedex-client:8.0.1_container-1.2.0",
    "docker.io/sedexch/sedex-client:4.2",
    "registry.example.ch/mirror/sedexch/sedex-client@sha256:" + "ab" * 32,
    "localhost:5000/sedexch/sedex-client:5",
    "SEDEXCH/Sedex-Client:latest",
)
OTHER_IMAGES = (
    "nginx:1.25",
    "busybox",
    "sedexch/sedex-client-tools:1",
    "sedexch/other:1",
    "example.com/sedex-client",
    "",
    " ",
)
QUANTITIES_VALID = ("1Gi", "1G", "2Gi", "900Mi", "512Mi", "1e9", "1.5G", "0.5Gi", "1024", "1E3")
QUANTITIES_INVALID = ("1GB", "1gi", "1 G", "abc", "", "1..5G", "1e999", "-1Gi", "+", "Gi", "1Mi ")
IGNORE_VALUES = (
    "SDX005: probes come from a mutating webhook",
    "SDX001, SDX002: migration ticket OPS-42",
    "SDX004",
    "",
    "UNKNOWN999: no such rule",
    "single-replica: named by rule name\nSDX003: and a second entry",
    "SDX001: one; SDX005: two",
    ":",
)
COMMENTS = (
    "# a note",
    "#",
    "# sedex-lint: ignore SDX005 -- probes are added by the platform",
    "# sedex-lint: ignore SDX001",
    "# sedex-lint: ignore SDX004, SDX003 -- load-tested",
    "# Source: sedex/templates/deployment.yaml",
    "# expect: SDX001",
    "# ünïcödé ☃ 清单",
    "#\tkey: value",
)
IDENTIFIER = st.from_regex(r"\A[a-z][a-zA-Z0-9]{0,8}\Z")
# Printable text that libyaml accepts in any quoting (it refuses e.g. U+FEFF and U+0085).
TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp"), exclude_characters="\ufeff")
    | st.sampled_from("\t\n:#-&*!|>'\"%@`{}[],"),
    max_size=24,
)
SCALAR = st.one_of(
    TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.sampled_from(("yes", "on", "0644", "0o17", "1_000", "~", "null", "<<", "True")),
)
JUNK = st.recursive(
    SCALAR,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(IDENTIFIER, children, max_size=3)
    ),
    max_leaves=8,
)
"""Any small tree of mappings, sequences and scalars."""
JUNK_MAPPING = st.dictionaries(IDENTIFIER, JUNK, max_size=3)
PERCENT = st.integers(0, 99)
QUANTITY = st.one_of(
    st.sampled_from(QUANTITIES_VALID),
    st.sampled_from(QUANTITIES_INVALID),
    st.integers(-10, 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.tuples(
        st.integers(0, 4096), st.sampled_from(("Ki", "Mi", "Gi", "M", "G", "m", "k", "mb"))
    ).map(lambda pair: f"{pair[0]}{pair[1]}"),
)
PROBE: st.SearchStrategy[Any] = st.one_of(
    st.fixed_dictionaries(
        {"exec": st.just({"command": ["/opt/sedex-client/scripts/check-health.sh"]})},
        optional={"initialDelaySeconds": st.integers(0, 60), "periodSeconds": st.just(5)},
    ),
    st.fixed_dictionaries({"httpGet": st.just({"path": "/monitoring", "port": 8000})}),
    st.just({"tcpSocket": {"port": "https"}}),
    st.just({}),
)
NOT_A_MAPPING: st.SearchStrategy[Any] = st.sampled_from((None, "yes", 1, "exec")) | st.builds(
    list, st.just(["x"])
)
MOUNT_PATH = st.sampled_from(
    (
        "/sedex-data",
        "/sedex-data/",
        "/sedex-data/conf",
        "/sedex-interface",
        "/tmp",
        "/sedex-data/../etc",
        " /sedex-data ",
        "",
    )
) | st.integers(0, 9)
VOLUME_NAME = st.sampled_from(("sedex-data", "sedex-interface", "data", "tmp"))
VOLUME_SOURCE = st.one_of(
    st.builds(
        lambda claim, read_only: {"persistentVolumeClaim": {"claimName": claim, **read_only}},
        TEXT,
        st.sampled_from(({}, {"readOnly": True}, {"readOnly": "no"})),
    ),
    st.just({"emptyDir": {}}),
    st.just({"hostPath": {"path": "/var/sedex"}}),
    st.just({"configMap": {"name": "sedex-config"}}),
    st.just({"ephemeral": {"volumeClaimTemplate": {"spec": {}}}}),
    JUNK_MAPPING,
)
NOT_A_STRING: st.SearchStrategy[Any] = st.sampled_from((1, 1.0, None, True)) | st.builds(
    list, st.just(["Deployment"])
)
CONTAINER_NAME = st.sampled_from(("sedex-client", "sidecar")) | TEXT
NOT_AN_IMAGE: st.SearchStrategy[Any] = st.sampled_from((42, None, 1.5)) | st.builds(
    list, st.just([SEDEX_IMAGES[0]])
)
OBJECT_NAME = st.sampled_from(("sedex-client-1-1234-1", "app")) | SCALAR
NAMESPACE = st.sampled_from(("sedex", "default")) | SCALAR
IGNORE_VALUE = st.sampled_from(IGNORE_VALUES) | TEXT | st.integers() | st.none()
LABELS = st.dictionaries(IDENTIFIER, TEXT | st.integers(), max_size=3)
REPLICAS = st.one_of(
    st.integers(-2, 5),
    st.sampled_from(("1", "2", "01", "0x1", "one", "1.0", "")),
    # NaN and infinity are not JSON: kubectl refuses them, and so does the loader (an input
    # error, tested in test_yaml_semantics), so the model leaves them out
    st.floats(-2, 5),
    st.booleans(),
    st.none(),
    st.builds(list, st.just([1])),
)
STRATEGY = st.one_of(
    st.sampled_from(({"type": "Recreate"}, {"type": "RollingUpdate"}, {"type": "recreate"})),
    st.just({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}),
    NOT_A_MAPPING,
)


def chance(draw: st.DrawFn, probability: float) -> bool:
    return draw(PERCENT) < probability * 100


def maybe_put(draw: st.DrawFn, target: dict[str, Any], key: str, value: Any) -> None:
    """Sometimes set `key` to `value` (drawn when it is a strategy)."""
    if draw(st.booleans()):
        target[key] = draw(value) if isinstance(value, st.SearchStrategy) else value


def container(draw: st.DrawFn, init: bool, kind: str) -> tuple[dict[str, Any], int | None]:
    """A container, and None if it is not a sedex Client, else its number of missing probes."""
    sedex = draw(st.booleans())
    image: Any = draw(st.sampled_from(SEDEX_IMAGES if sedex else OTHER_IMAGES))
    if not sedex and chance(draw, 0.1):
        image = draw(NOT_AN_IMAGE)
    data: dict[str, Any] = {"name": draw(CONTAINER_NAME), "image": image}
    init_script = chance(draw, 0.15)
    if init_script:
        data["command"] = ["/bin/sh", "-c", "/opt/sedex-client/init-container-configure.sh"]
    elif chance(draw, 0.2):
        data["command"] = ["/opt/sedex-client/entrypoint.sh"]
    always = False
    if init:
        restart = draw(st.sampled_from(("Always", "OnFailure", "always", None)))
        if restart is not None:
            data["restartPolicy"] = restart
        always = restart == "Always"
    missing = 0
    probe_pair = draw(PROBE)  # sometimes the same mapping for both probes: an alias
    for probe in ("livenessProbe", "readinessProbe"):
        choice = draw(st.sampled_from(("probe", "shared", "absent", "junk")))
        if choice == "probe":
            data[probe] = draw(PROBE)
        elif choice == "shared":
            data[probe] = probe_pair
        elif choice == "junk":
            data[probe] = draw(NOT_A_MAPPING)
        if not isinstance(data.get(probe), dict):
            missing += 1
    if draw(st.booleans()):
        resources: dict[str, Any] = {}
        for field in ("requests", "limits"):
            if draw(st.booleans()):
                resources[field] = {"memory": draw(QUANTITY)}
                if draw(st.booleans()):
                    resources[field]["cpu"] = "250m"
        data["resources"] = resources if chance(draw, 0.9) else draw(NOT_A_MAPPING)
    if draw(st.booleans()):
        mounts = []
        for index in range(draw(st.integers(0, 3))):
            mount: dict[str, Any] = {"name": draw(VOLUME_NAME), "mountPath": draw(MOUNT_PATH)}
            if index:
                mount["readOnly"] = draw(st.sampled_from((True, False, "yes", "no")))
            mounts.append(mount)
        data["volumeMounts"] = mounts
    if chance(draw, 0.2):
        data["env"] = [{"name": draw(IDENTIFIER), "value": draw(TEXT)}]
    if chance(draw, 0.1):
        data.setdefault(draw(IDENTIFIER), draw(JUNK))
    # Phase 1 is an init script run to completion: by a Job's container or an initContainer.
    # Any other long-running container of the sedex image is a client, wrapper or not.
    # A native sidecar (restartPolicy: Always) runs for the pod's life: a client, script or not.
    phase_one = init_script and ((init and not always) or (kind == "Job" and not init))
    is_client = sedex and not phase_one and (not init or always)
    return data, (missing if is_client else None)


def pod_spec(draw: st.DrawFn, kind: str) -> tuple[dict[str, Any], Expect]:
    spec: dict[str, Any] = {}
    clients: list[int] = []
    for field, init in (("containers", False), ("initContainers", True)):
        if field == "containers" or chance(draw, 0.3):
            entries: list[Any] = []
            statuses: list[int | None] = []
            for _ in range(draw(st.integers(0 if init else 1, 3))):
                data, missing = container(draw, init, kind)
                entries.append(data)
                statuses.append(missing)
            if entries and chance(draw, 0.3):
                # the first container again under another name: a merge-key candidate, and a
                # client exactly when the first one is
                entries.append({**entries[0], "name": "copy"})
                statuses.append(statuses[0])
            clients += [missing for missing in statuses if missing is not None]
            spec[field] = entries
    if draw(st.booleans()):
        spec["volumes"] = [
            {"name": draw(VOLUME_NAME), **draw(VOLUME_SOURCE)}
            for _ in range(draw(st.integers(0, 3)))
        ]
    if chance(draw, 0.2):
        spec["restartPolicy"] = draw(st.sampled_from(("Always", "OnFailure", "Never")))
    return spec, Expect(0, int(bool(clients)), sum(clients))


def metadata(draw: st.DrawFn, labels: dict[str, Any]) -> Any:
    meta: dict[str, Any] = {}
    maybe_put(draw, meta, "name", OBJECT_NAME)
    maybe_put(draw, meta, "namespace", NAMESPACE)
    maybe_put(draw, meta, "labels", labels)
    if draw(st.booleans()):
        annotations: dict[str, Any] = {}
        maybe_put(draw, annotations, "sedex-lint.io/ignore", IGNORE_VALUE)
        maybe_put(draw, annotations, "kubectl.kubernetes.io/last-applied-configuration", TEXT)
        meta["annotations"] = annotations
    return meta if chance(draw, 0.95) else draw(NOT_A_MAPPING)


def k8s_object(draw: st.DrawFn) -> tuple[dict[str, Any], Expect]:
    kind: str = draw(st.sampled_from((*POD_SPEC_PATHS, *OTHER_KINDS)))
    header: dict[str, Any] = {"apiVersion": draw(st.sampled_from(API_VERSIONS)), "kind": kind}
    header_ok = chance(draw, 0.9)
    if not header_ok:
        broken = draw(st.sampled_from(("apiVersion", "kind")))
        if draw(st.booleans()):
            del header[broken]
        else:
            header[broken] = draw(NOT_A_STRING)
    labels = draw(LABELS)
    obj: dict[str, Any] = {**header, "metadata": metadata(draw, labels)}
    expect = Expect(objects=int(header_ok))
    if kind in POD_SPEC_PATHS:
        spec, pod = pod_spec(draw, kind)
        path = POD_SPEC_PATHS[kind]
        holder = obj
        for depth, segment in enumerate(path[:-1]):
            holder = holder.setdefault(segment, {})
            if segment == "template" and draw(st.booleans()):
                holder["metadata"] = {"labels": labels}  # the same mapping again: an alias
            if depth == 0 and kind != "Pod":
                maybe_put(draw, holder, "replicas", REPLICAS)
                maybe_put(draw, holder, "strategy", STRATEGY)
                if draw(st.booleans()):
                    holder["selector"] = {"matchLabels": labels}
        holder[path[-1]] = spec
        shape_ok = chance(draw, 0.9)
        if not shape_ok:  # something on the way to the pod spec is not a mapping
            cut = draw(st.integers(0, len(path) - 1))
            holder = obj
            for segment in path[:cut]:
                holder = holder[segment]
            holder[path[cut]] = draw(NOT_A_MAPPING)
        if header_ok and shape_ok:
            expect = expect + pod
    elif kind == "ConfigMap":
        obj["data"] = {
            "deployment.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      "
            "containers: [{image: sedexch/sedex-client}]\n",
            draw(IDENTIFIER): draw(TEXT),
        }
    else:
        # containers where no pod runs them: never a sedex workload
        obj["spec"] = {"containers": [container(draw, False, kind)[0]], **draw(JUNK_MAPPING)}
    order = draw(st.permutations(list(obj)))
    return {key: obj[key] for key in order}, expect


@st.composite
def document(draw: st.DrawFn) -> tuple[Any, Expect]:
    shape = draw(st.sampled_from(("object", "object", "object", "list", "junk")))
    if shape == "object":
        return k8s_object(draw)
    if shape == "list":
        values: list[Any] = []
        expect = Expect()
        for _ in range(draw(st.integers(0, 3))):
            value, item = k8s_object(draw)
            values.append(value)
            expect = expect + item
        if chance(draw, 0.2):
            values.append(draw(SCALAR))  # not an object: skipped
        kind = draw(st.sampled_from(("List", "DeploymentList", "ConfigMapList")))
        return {"apiVersion": "v1", "kind": kind, "items": values}, expect
    return draw(JUNK_MAPPING | JUNK), Expect()


DOCUMENTS = st.lists(document(), min_size=1, max_size=3)


# --------------------------------------------------------------------------------------------
# Writing the model out as YAML text.

_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./-]*\Z")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def _safe_char(char: str) -> bool:
    """Printable for libyaml, and not a line break, so it can stand unescaped in quotes."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    )


def double_quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif _safe_char(char):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


class Writer:
    """A YAML emitter whose every choice comes from `rng`: block or flow, indentation,
    quoting, anchors for shared mappings and sequences, merge keys, comments."""

    def __init__(self, rng: random.Random, flow: bool) -> None:
        self.rng = rng
        self.flow = flow
        self.step = rng.choice((2, 2, 4))
        self.indent_sequences = rng.random() < 0.5
        self.comments = not flow and rng.random() < 0.4
        self.merges = rng.random() < 0.6
        self.mixed = not flow and rng.random() < 0.3

    def document(self, value: Any) -> str:
        self.uses = Counter[int]()
        self._count(value)
        self.anchors: dict[int, str] = {}
        self.done: list[tuple[str, dict[Any, Any]]] = []
        if self.flow or not value or not isinstance(value, (dict, list)):
            return self.inline(value) + "\n"
        lines = self.block(value, 0)
        return "\n".join(lines) + "\n"

    def _count(self, value: Any) -> None:
        if isinstance(value, (dict, list)):
            self.uses[id(value)] += 1
            if self.uses[id(value)] == 1:
                for child in value.values() if isinstance(value, dict) else value:
                    self._count(child)

    # scalars -----------------------------------------------------------------------------

    def scalar(self, value: Any) -> str:
        rng = self.rng
        if value is None:
            return rng.choice(("null", "~", "Null", "NULL"))
        if isinstance(value, bool):
            return rng.choice(("true", "True", "TRUE")) if value else rng.choice(("false", "False"))
        if isinstance(value, int):
            if value >= 0 and rng.random() < 0.2:
                return rng.choice((f"0x{value:x}", f"0o{value:o}"))
            return str(value)
        if isinstance(value, float):
            if value != value:
                return rng.choice((".nan", ".NaN"))
            if value in (float("inf"), float("-inf")):
                return ("-" if value < 0 else rng.choice(("", "+"))) + ".inf"
            return repr(value)
        text = str(value)
        plain = _PLAIN.match(text) and text.lower() not in _RESERVED
        if plain and rng.random() < 0.8:
            return text
        if all(_safe_char(c) for c in text) and rng.random() < 0.5:
            return "'" + text.replace("'", "''") + "'"
        return double_quoted(text)

    # flow --------------------------------------------------------------------------------

    def props(self, value: Any) -> str:
        """`&name ` before a node used more than once (or by chance); `*name` after that."""
        if id(value) in self.anchors:
            return "*" + self.anchors[id(value)]
        if self.uses[id(value)] > 1 or self.rng.random() < 0.1:
            name = f"{self.rng.choice(('a', 'base', 'x_1', 'id'))}{len(self.anchors)}"
            self.anchors[id(value)] = name
            return "&" + name + " "
        return ""

    def inline(self, value: Any) -> str:
        if not isinstance(value, (dict, list)):
            return self.scalar(value)
        props = self.props(value)
        if props.startswith("*"):
            return props
        if isinstance(value, list):
            body = ", ".join(self.inline(item) for item in value)
            return f"{props}[{body}]"
        explicit, merge = self.plan_merge(value)
        parts = [f"{self.key(k)}: {self.inline(v)}" for k, v in explicit.items()]
        if merge:
            parts.insert(self.merge_slot(explicit, merge), f"<<: {merge}")
        self._finish(value)
        sep = self.rng.choice((", ", ",\n  ", " ,  ")) if self.flow else ", "
        return f"{props}{{{sep.join(parts)}}}"

    def key(self, key: Any) -> str:
        return self.scalar(key)

    def _finish(self, value: Any) -> None:
        if id(value) in self.anchors and isinstance(value, dict):
            self.done.append((self.anchors[id(value)], value))

    def plan_merge(self, mapping: dict[Any, Any]) -> tuple[dict[Any, Any], str]:
        """Keys to write, and a merge (`*a` or `[*a, *b]`) that supplies the others unchanged:
        only finished anchored mappings whose keys all occur here, with the same values."""
        if not self.merges or not mapping or self.rng.random() < 0.3:
            return mapping, ""
        sources = [
            (name, source)
            for name, source in self.done
            if source is not mapping and source.keys() <= mapping.keys()
        ]
        self.rng.shuffle(sources)
        sources = sources[: self.rng.choice((1, 1, 2))]
        if not sources:
            return mapping, ""
        supplied: dict[Any, Any] = {}
        for _, source in sources:
            for key, value in source.items():
                supplied.setdefault(key, value)
        explicit = {
            key: value
            for key, value in mapping.items()
            if key not in supplied or not same(supplied[key], value)
        }
        if len(explicit) == len(mapping):
            return mapping, ""
        # kubectl applies `<<` in order and it overwrites keys set before it, so keys that
        # differ from a source are written after the merge: they come last here, and the
        # merge goes anywhere before the first of them (see `merge_slot`)
        overridden = {key: value for key, value in explicit.items() if key in supplied}
        ordered = {key: v for key, v in explicit.items() if key not in supplied} | overridden
        names = [f"*{name}" for name, _ in sources]
        return ordered, names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"

    def merge_slot(self, explicit: dict[Any, Any], merge_sources: str) -> int:
        """Where `<<` may stand among the explicit keys: before every key it would overwrite."""
        aliases = set(merge_sources.strip("[]").split(", "))
        supplied = {key for name, source in self.done if f"*{name}" in aliases for key in source}
        free = next((i for i, key in enumerate(explicit) if key in supplied), len(explicit))
        return self.rng.randint(0, free)

    # block -------------------------------------------------------------------------------

    def comment(self) -> str:
        if self.comments and self.rng.random() < 0.15:
            return "  " + self.rng.choice(COMMENTS)
        return ""

    def block(self, value: Any, indent: int) -> list[str]:
        """Lines of a block collection at `indent` (the caller wrote its anchor, if any)."""
        pad = " " * indent
        lines: list[str] = []
        if isinstance(value, dict):
            explicit, merge = self.plan_merge(value)
            entries: list[tuple[str, Any]] = [(self.key(k) + ":", v) for k, v in explicit.items()]
            if merge:
                entries.insert(self.merge_slot(explicit, merge), ("<<:", _Alias(merge)))
            for prefix, child in entries:
                if self.comments and self.rng.random() < 0.05:
                    lines.append(pad + self.rng.choice(COMMENTS))
                lines.extend(self.entry(prefix, child, indent, is_key=True))
            self._finish(value)
        elif isinstance(value, list):
            for item in value:
                lines.extend(self.entry("-", item, indent, is_key=False))
        else:
            lines.append(pad + self.scalar(value) + self.comment())
        return lines

    def entry(self, prefix: str, value: Any, indent: int, is_key: bool) -> list[str]:
        pad = " " * indent
        if isinstance(value, _Alias):
            return [f"{pad}{prefix} {value.text}"]
        collection = isinstance(value, (dict, list)) and bool(value)
        if not collection or (self.mixed and self.rng.random() < 0.3):
            if isinstance(value, str) and "\n" in value and self.rng.random() < 0.5:
                literal = self.literal(value, indent + self.step)
                if literal is not None:
                    return [f"{pad}{prefix} {literal[0]}", *literal[1:]]
            text = self.inline(value)
            if value is None and self.rng.random() < 0.3:
                text = ""
            return [f"{pad}{prefix} {text}".rstrip() + self.comment()]
        props = self.props(value)
        if props.startswith("*"):
            return [f"{pad}{prefix} {props}" + self.comment()]
        head = f"{pad}{prefix} {props.strip()}".rstrip() + self.comment()
        if isinstance(value, list) and is_key and not self.indent_sequences:
            child_indent = indent
        else:
            child_indent = indent + (self.step if is_key else 2)
        return [head, *self.block(value, child_indent)]

    def literal(self, text: str, indent: int) -> list[str] | None:
        """`|-` or `|` block scalar lines, when the text can be written that way exactly."""
        body = text[:-1] if text.endswith("\n") else text
        lines = body.split("\n")
        if (
            not body
            or "\n" in body[-1:]
            or any(line[:1] in (" ", "\t") or line != line.rstrip() for line in lines)
            or not all(_safe_char(c) or c == "\t" for c in body.replace("\n", ""))
            or lines[0] == ""
        ):
            return None
        header = "|" if text.endswith("\n") else "|-"
        pad = " " * indent
        return [header, *[(pad + line) if line else "" for line in lines]]


@dataclass(frozen=True)
class _Alias:
    text: str


def same(left: Any, right: Any) -> bool:
    """Equal as YAML data: 1, 1.0 and True differ; NaN is never the same (so never merged)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)


def ruamel_text(value: Any, rng: random.Random) -> str:
    yaml = YAML(typ="safe", pure=True)
    # Block style only: in flow style ruamel.yaml writes `{image: nginx:1.25}` with a plain
    # `a:b` (valid YAML 1.2), which sedex-lint's libyaml refuses (see test_colon_in_flow_...).
    yaml.default_flow_style = False
    yaml.allow_unicode = rng.random() < 0.5
    yaml.width = 4096
    stream = _Stream()
    yaml.dump(value, stream)
    return stream.text


class _Stream:
    def __init__(self) -> None:
        self.text = ""

    def write(self, data: str | bytes) -> None:
        self.text += data.decode() if isinstance(data, bytes) else data


def json_text(value: Any, rng: random.Random) -> str:
    # ensure_ascii would write characters above U+FFFF as surrogate pairs, which libyaml
    # refuses (see test_json_surrogate_pair_escapes); all other text is printable.
    astral = any(ord(c) > 0xFFFF for c in json.dumps(value, ensure_ascii=False))
    return json.dumps(
        value,
        indent=rng.choice((None, 2, 4, "\t")),
        ensure_ascii=not astral and rng.random() < 0.5,
    )


STYLES: dict[str, Callable[[Any, random.Random], str]] = {
    "block": lambda value, rng: Writer(rng, flow=False).document(value),
    "flow": lambda value, rng: Writer(rng, flow=True).document(value),
    "json": json_text,
    "ruamel": ruamel_text,
}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32-le-bom")


def stream_text(documents: list[Any], style: str, rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.1:
        parts.append("%YAML 1.2\n---\n" if rng.random() < 0.5 else "# leading comment\n\n")
    for index, value in enumerate(documents):
        if index or rng.random() < 0.3 or (parts and parts[-1].startswith("%")):
            if not (parts and parts[-1].endswith("---\n")):
                parts.append("---\n")
            if style != "json" and rng.random() < 0.3:
                parts.append(f"# Source: sedex/templates/doc-{index}.yaml\n")
        text = STYLES[style](value, rng)
        parts.append(text if text.endswith("\n") else text + "\n")
        if rng.random() < 0.1:
            parts.append("...\n")
    return "".join(parts)


def encode(text: str, line_end: str, encoding: str, final_break: bool) -> bytes:
    if not final_break:
        text = text.rstrip("\n")
    text = text.replace("\n", line_end)
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "utf-32-le-bom":
        return codecs.BOM_UTF32_LE + text.encode("utf-32-le")
    return text.encode(encoding)


@dataclass(frozen=True)
class Manifest:
    data: bytes
    text: str
    expect: Expect


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    drawn = draw(DOCUMENTS)
    style = draw(st.sampled_from(tuple(STYLES)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    text = stream_text([value for value, _ in drawn], style, rng)
    line_end = draw(st.sampled_from(("\n", "\n", "\r\n", "\r")))
    if line_end == "\r" and "\r" in text:
        line_end = "\n"
    data = encode(text, line_end, draw(st.sampled_from(ENCODINGS)), chance(draw, 0.9))
    expect = Expect()
    for _, item in drawn:
        expect = expect + item
    return Manifest(data, text, expect)


# --------------------------------------------------------------------------------------------
# Byte-level mutations of real files.


def _seeds() -> list[Path]:
    examples = seed_files(REPO / "examples")
    real = seed_files(CORPUS, max_bytes=16 * 1024)
    step = max(1, len(real) // 50)
    return examples + real[::step][:50]


SEEDS = _seeds()
SEED_BYTES = {path: path.read_bytes() for path in SEEDS}
MUTATION = st.tuples(
    st.sampled_from(("insert", "delete", "flip", "duplicate", "replace", "repeat")),
    st.integers(0, 2**16),
    st.integers(1, 300),
    st.sampled_from(TOKENS)
    | st.text(st.characters(min_codepoint=9, max_codepoint=126), min_size=1, max_size=8).map(
        str.encode
    )
    | st.binary(min_size=1, max_size=8),
)


def apply_mutations(data: bytes, mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for operation, where, length, payload in mutations:
        at = where % (len(buffer) + 1)
        if operation == "insert":
            buffer[at:at] = payload
        elif operation == "delete":
            del buffer[at : at + length]
        elif operation == "flip" and buffer:
            buffer[min(at, len(buffer) - 1)] ^= 1 << (length % 8)
        elif operation == "duplicate":
            source = (where * 7919) % (len(buffer) + 1)
            buffer[at:at] = buffer[source : source + length]
        elif operation == "replace":
            buffer[at : at + len(payload)] = payload
        else:  # repeat a slice: deep indentation, many documents, long scalars
            buffer[at:at] = bytes(buffer[at : at + 1 + length % 40]) * (1 + length % 64)
    return bytes(buffer)


# --------------------------------------------------------------------------------------------
# The properties.


@settings(FUZZ_SETTINGS, max_examples=300)
@given(manifests(), st.sampled_from(NAMES))
def test_generated_manifests_are_read_exactly_in_every_style(manifest: Manifest, name: str) -> None:
    report = check_input(manifest.data, name)
    assert report.errors == (), f"valid YAML refused:\n{manifest.text}"
    counts = report.counts
    expect = manifest.expect
    assert (counts.objects, counts.sedex_workloads) == (expect.objects, expect.sedex_workloads), (
        f"objects and sedex workloads {counts.objects, counts.sedex_workloads} != "
        f"{expect.objects, expect.sedex_workloads} in:\n{manifest.text}"
    )
    assert [f for f in report.findings if f.code == "SDX010"] == [], manifest.text
    sdx005 = sum(f.code == "SDX005" for f in (*report.findings, *report.suppressed))
    assert sdx005 == expect.missing_probes, f"SDX005 {sdx005} != {expect.missing_probes}"


@settings(FUZZ_SETTINGS, max_examples=400)
@given(
    st.sampled_from(SEEDS),
    st.lists(MUTATION, min_size=1, max_size=6),
    st.sampled_from(NAMES),
)
def test_mutated_examples_and_real_manifests(
    seed: Path, mutations: list[tuple[str, int, int, bytes]], name: str
) -> None:
    check_input(apply_mutations(SEED_BYTES[seed], mutations), name)


@settings(FUZZ_SETTINGS, max_examples=150)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(b"".join) | st.binary(max_size=400))
def test_token_soup_and_raw_bytes(data: bytes) -> None:
    check_input(data)


def test_the_seed_sample_is_examples_plus_fifty_real_files() -> None:
    examples = seed_files(REPO / "examples")
    assert len(examples) >= 10
    assert len(SEEDS) == len(examples) + 50


def test_seed_files_satisfy_the_property_unchanged() -> None:
    for path in SEEDS:
        check_input(SEED_BYTES[path], str(path))


# --------------------------------------------------------------------------------------------
# Known problems found by fuzzing, kept as regression tests.

END_OF_STREAM_ERRORS = [
    pytest.param(b"{", id="open-flow-mapping"),
    pytest.param(b"a: {\nb: c", id="unclosed-flow-mapping-on-line-2"),
    pytest.param(b"- a\n- b: [1,", id="unclosed-flow-sequence"),
    pytest.param(b"apiVersion: v1\nkind: [", id="corpus-invalid-yaml-without-final-break"),
]


@pytest.mark.parametrize("data", END_OF_STREAM_ERRORS)
def test_an_error_at_the_end_of_the_input_points_inside_the_input(data: bytes) -> None:
    """libyaml marks the end of a stream that lacks a final line break one line further
    down (found on stackrox__kube-linter/invalid/.../invalid.yaml); an error there must still
    point at a line the file has."""
    report = check_input(data)
    assert len(report.errors) == 1
    assert report.errors[0].line <= data.count(b"\n") + 1


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x1e#sedex-lint:ignore X", id="atheris-crash-b5fd794e-minimized"),
        pytest.param(b"a: 1\x1e\n# sedex-lint: ignore SDX001 -- reason\n", id="record-separator"),
        pytest.param(b"a: 1\x0c\n# sedex-lint: ignore SDX001 -- reason\n", id="form-feed"),
    ],
)
def test_suppression_comments_after_a_syntax_error_are_neither_honoured_nor_reported(
    data: bytes,
) -> None:
    """Found by atheris (fuzz/crashes/crash-b5fd794e...): str.splitlines() also breaks at
    \\v, \\f and \\x1c-\\x1e, so SDX011/SDX012 pointed past the end of the file. These
    characters are syntax errors to libyaml, and a comment after a syntax error cannot be
    proved a comment: it suppresses nothing and is not reported; the input error is."""
    report = check_input(data)
    assert (report.findings, len(report.errors)) == ((), 1)


def test_suppression_comment_findings_point_at_the_comment_line() -> None:
    """U+2028 is a line break to libyaml (YAML 1.1), so the comment after it is on line 2, as
    libyaml's own marks and the findings of every other rule count lines."""
    report = check_input("a: 1\u2028# sedex-lint: ignore SDX001 -- reason\n".encode())
    assert [(f.code, f.line, f.column) for f in report.findings] == [("SDX012", 2, 1)]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"a: 1\rb: 2\r\x01", id="forbidden-character"),
        pytest.param(b"a: 1\rb: 2\r\x00", id="nul-atheris-crash-39e7bd4e"),
    ],
)
def test_input_error_position_with_lone_cr_line_ends(data: bytes) -> None:
    """A forbidden character or a NUL after lone-CR line ends (which libyaml, and so syntax
    errors, count as line breaks) was reported at line 1 with the offset as column."""
    report = check_input(data)
    assert [(e.line, e.column) for e in report.errors] == [(3, 1)]


@pytest.mark.parametrize(
    ("data", "position"),
    [
        pytest.param(b"name: Z\xc3\xbcrich\x1a\n", (1, 13), id="umlaut-then-control"),
        pytest.param(b"# \xc3\xa9t\xc3\xa9\na: 1\nb: \x01\nc: 2\n", (3, 4), id="next-lines"),
        pytest.param(b"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\x1a", (1, 5), id="loop-a275c3bc-minimized"),
    ],
)
def test_forbidden_character_position_after_non_ascii_text(
    data: bytes, position: tuple[int, int]
) -> None:
    """Found by the random loop (fuzz/crashes/loop-a275c3bc...): libyaml gives the offset of a
    forbidden character in UTF-8 bytes, and it was used as an index into the decoded text."""
    report = check_input(data)
    assert [(e.line, e.column) for e in report.errors] == [position]


FLOW_DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: sedex}\nspec:\n  replicas: 1\n"
    "  template:\n    spec:\n      containers: [{name: c, image: %s}]\n"
)


@pytest.mark.parametrize(
    "image",
    ["sedexch/sedex-client:8.0.1_container-1.2.0", "docker.io/sedexch/sedex-client:4.2"],
)
def test_a_colon_inside_a_plain_scalar_in_a_flow_collection(image: str) -> None:
    """`[{name: c, image: sedexch/sedex-client:8.0.1}]` is valid YAML 1.2 and kubectl reads
    it (go-yaml allows `a:b` in flow collections since 2018), so sedex-lint must read it too,
    not refuse it as invalid YAML."""
    report = check_input((FLOW_DEPLOYMENT % image).encode())
    assert report.errors == ()
    assert report.counts.sedex_workloads == 1


def test_json_with_surrogate_pair_escapes() -> None:
    """JSON writes characters above U+FFFF as surrogate pairs (Python's json.dumps does by
    default) and kubectl reads such a file with a JSON decoder; sedex-lint must read it too."""
    value = {"apiVersion": "v1", "kind": "ConfigMap", "data": {"greeting": "hello 😀"}}
    report = check_input(json.dumps(value).encode())
    assert report.errors == ()
    assert report.counts.objects == 1
