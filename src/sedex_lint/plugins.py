"""Python plugins: installed packages that add checks and rules through an entry point.

A plugin package declares, in its pyproject.toml,

    [project.entry-points."sedex_lint.rules"]
    acme = "acme_sedex_rules:plugin"

where `plugin` is a `Plugin` or a function returning one. Its rule codes must not start with
SDX (reserved for built-in rules). A plugin that fails to import, or whose declarations are
invalid, is reported as an internal error naming it (exit 3); every other rule still runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedex_lint.checks import CheckSpec
from sedex_lint.model import InternalError, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.registry import Rule, declared_rule
from sedex_lint.settings_file import SettingsDocument, SettingsError, read_yaml_settings
from sedex_lint.workload import Workload

ENTRY_POINT_GROUP = "sedex_lint.rules"

__all__ = ["CheckSpec", "K8sObject", "Plugin", "Violation", "Workload", "load_plugins"]


@dataclass(frozen=True)
class Plugin:
    """What a plugin contributes: checks by name, and rule declarations that use them.

    A declaration is a mapping in the rules/ format or the path of such a YAML file.
    """

    checks: Mapping[str, CheckSpec] = field(default_factory=dict)
    rules: Sequence[Mapping[str, Any] | Path] = ()


@dataclass
class LoadedPlugins:
    checks: dict[str, CheckSpec] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    errors: list[InternalError] = field(default_factory=list)


def load_plugins(
    builtin_checks: Mapping[str, CheckSpec],
    discover: Callable[[], Sequence[Any]] | None = None,
) -> LoadedPlugins:
    loaded = LoadedPlugins()
    if discover is None and not _declared_anywhere():
        return loaded
    found = discover() if discover is not None else _entry_points()
    for entry_point in sorted(found, key=lambda ep: ep.name):
        name = f"plugin {entry_point.name}"
        try:
            plugin = _instantiate(entry_point.load())
            checks = {**builtin_checks, **loaded.checks}
            clash = sorted(set(plugin.checks) & set(checks))
            if clash:
                raise ValueError(f"check names already taken: {', '.join(clash)}")
            checks.update(plugin.checks)
            rules = [_declared(entry_point.name, item, checks) for item in plugin.rules]
        except SettingsError as error:
            loaded.errors.append(InternalError(name, error.file, str(error)))
            continue
        except Exception as error:  # a broken plugin is named, never silently dropped
            where = getattr(entry_point, "value", entry_point.name)
            loaded.errors.append(InternalError(name, where, f"{type(error).__name__}: {error}"))
            continue
        loaded.checks.update(plugin.checks)
        loaded.rules.extend(rules)
    return loaded


def _entry_points() -> Sequence[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def _declared_anywhere() -> bool:
    """Whether any installed distribution declares our entry point group.

    A cheap look at the entry_points.txt files on sys.path, so that the common case, no
    plugin at all, does not pay for importing importlib.metadata on every hook run.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(
                    os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8"
                ) as handle:
                    if marker in handle.read():
                        return True
            except OSError:
                continue
    return False


def _instantiate(target: Any) -> Plugin:
    plugin = target() if callable(target) and not isinstance(target, Plugin) else target
    if not isinstance(plugin, Plugin):
        raise TypeError(f"entry point gave {type(plugin).__name__}, not sedex_lint.plugins.Plugin")
    return plugin


def _declared(plugin: str, item: Mapping[str, Any] | Path, checks: Mapping[str, CheckSpec]) -> Rule:
    if isinstance(item, Path):
        document = read_yaml_settings(item)
    else:
        document = SettingsDocument(f"<plugin {plugin}>", dict(item), None)
    return declared_rule(document, checks, f"plugin {plugin}")
