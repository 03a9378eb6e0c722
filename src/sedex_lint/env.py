"""A container's environment as Kubernetes builds it: literal values, references, envFrom."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from typing import Any, NamedTuple

from sedex_lint.model import Path
from sedex_lint.workload import Container, mapping, sequence

_REFERENCES = ("secretKeyRef", "configMapKeyRef", "fieldRef", "resourceFieldRef")


class EnvVar(NamedTuple):
    name: str
    path: Path
    """Path of the `env` entry inside the object."""
    value: Any
    """The literal `value`, or None when the entry takes it from elsewhere (or sets none)."""
    reference: str | None = None
    """`secretKeyRef`, `configMapKeyRef`, `fieldRef` or `resourceFieldRef`."""
    source_name: str | None = None
    """The Secret or ConfigMap a key reference names."""

    @property
    def literal(self) -> bool:
        return self.reference is None and self.value is not None

    @property
    def value_path(self) -> Path:
        return (*self.path, "value") if self.reference is None else (*self.path, "valueFrom")


class EnvSource(NamedTuple):
    """One `envFrom` entry: every key of a ConfigMap or Secret, with an optional prefix."""

    kind: str
    """`configMapRef` or `secretRef`."""
    name: str | None
    prefix: str
    path: Path


def env_vars(container: Container) -> dict[str, EnvVar]:
    """The `env` entries by name; for a name given twice the last entry wins, as in Kubernetes."""
    found: dict[str, EnvVar] = {}
    for index, entry in enumerate(sequence(container.data.get("env"))):
        entry = mapping(entry)
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        path = (*container.path, "env", index)
        value_from = mapping(entry.get("valueFrom"))
        reference = next((r for r in _REFERENCES if r in value_from), None)
        if reference is not None:
            source = mapping(value_from[reference]).get("name")
            found[name] = EnvVar(name, path, None, reference, _text(source))
        else:
            found[name] = EnvVar(name, path, entry.get("value"))
    return found


def env_sources(container: Container) -> list[EnvSource]:
    sources = []
    for index, entry in enumerate(sequence(container.data.get("envFrom"))):
        entry = mapping(entry)
        for kind in ("configMapRef", "secretRef"):
            if kind in entry:
                prefix = entry.get("prefix")
                sources.append(
                    EnvSource(
                        kind,
                        _text(mapping(entry[kind]).get("name")),
                        prefix if isinstance(prefix, str) else "",
                        (*container.path, "envFrom", index, kind),
                    )
                )
    return sources


def literal_text(var: EnvVar | None) -> str | None:
    """A literal value as the container sees it (YAML `true` arrives as the string "true")."""
    if var is None or not var.literal:
        return None
    value = var.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
