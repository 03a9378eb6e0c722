"""Python plugins: installed packages that add checks and rules through an entry point.

A plugin package declares, in its pyproject.toml,

    [project.entry-points."sedex_lint.rules"]
    ACME = "acme_sedex_rules:plugin"

where `plugin` is a `Plugin` or a function returning one. As in flake8, the entry point's name
is the plugin's code prefix: every rule it declares has a code under it (`ACME001`), and SDX
is reserved for the built-in rules. A plugin that fails to import, declares a code outside its
prefix, or whose declarations are invalid, is reported as an internal error naming the entry
point and its distribution (exit 3); every other rule still runs.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sedex_lint.image import is_sedex_image, parse_image
from sedex_lint.model import InternalError, Violation
from sedex_lint.objects import K8sObject
from sedex_lint.registry import RESERVED_PREFIX, Rule, declared_rule
from sedex_lint.scopes import (
    Anchor,
    CheckScope,
    Located,
    ObjectScope,
    RunScope,
    RunViolation,
    WorkloadScope,
)
from sedex_lint.settings_file import SettingsDocument, SettingsError, read_yaml_settings
from sedex_lint.workload import Workload

ENTRY_POINT_GROUP = "sedex_lint.rules"

__all__ = [
    "Anchor",
    "CheckScope",
    "K8sObject",
    "Located",
    "ObjectScope",
    "Plugin",
    "RunScope",
    "RunViolation",
    "Violation",
    "Workload",
    "WorkloadScope",
    "is_sedex_image",
    "load_plugins",
    "parse_image",
]
"""The plugin API: what a plugin may import from sedex_lint.plugins, and nothing else."""


class Plugin:
    """What a plugin contributes: checks by name, and rule declarations that use them.

    A declaration is a mapping in the rules/ format or the path of such a YAML file. Treat a
    Plugin as immutable.
    """

    __slots__ = ("checks", "rules")

    checks: Mapping[str, CheckScope]
    rules: Sequence[Mapping[str, Any] | Path]

    def __init__(
        self,
        checks: Mapping[str, CheckScope] | None = None,
        rules: Sequence[Mapping[str, Any] | Path] = (),
    ) -> None:
        self.checks = {} if checks is None else checks
        self.rules = rules


class LoadedPlugins:
    __slots__ = ("checks", "errors", "rules")

    checks: dict[str, CheckScope]
    rules: list[Rule]
    errors: list[InternalError]

    def __init__(self) -> None:
        self.checks, self.rules, self.errors = {}, [], []


def load_plugins(
    builtin_checks: Mapping[str, CheckScope],
    discover: Callable[[], Sequence[Any]] | None = None,
) -> LoadedPlugins:
    loaded = LoadedPlugins()
    if discover is None and not _declared_anywhere():
        return loaded
    found = discover() if discover is not None else _entry_points()
    for entry_point in sorted(found, key=lambda ep: ep.name):
        name = _plugin_name(entry_point)
        try:
            _check_prefix(entry_point.name)
            plugin = _instantiate(entry_point.load())
            checks = {**builtin_checks, **loaded.checks}
            clash = sorted(set(plugin.checks) & set(checks))
            if clash:
                raise ValueError(f"check names already taken: {', '.join(clash)}")
            checks.update(plugin.checks)
            rules = [_declared(entry_point.name, item, checks) for item in plugin.rules]
            outside = [rule.code for rule in rules if not _under(rule.code, entry_point.name)]
            if outside:
                raise ValueError(
                    f"rule codes {', '.join(outside)} are not under the plugin's prefix "
                    f"{entry_point.name} (the entry point's name)"
                )
        except SettingsError as error:
            loaded.errors.append(InternalError(None, error.file, str(error), plugin=name))
            continue
        except Exception as error:  # a broken plugin is named, never silently dropped
            where = getattr(entry_point, "value", entry_point.name)
            message = f"{type(error).__name__}: {error}"
            loaded.errors.append(InternalError(None, where, message, plugin=name))
            continue
        loaded.checks.update(plugin.checks)
        loaded.rules.extend(rules)
    return loaded


def _plugin_name(entry_point: Any) -> str:
    """`ACME (acme-sedex-rules 1.2.0)`: the entry point and the distribution that ships it."""
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return str(entry_point.name)
    return f"{entry_point.name} ({dist.name} {dist.version})"


def _check_prefix(prefix: str) -> None:
    if not re.fullmatch(r"[A-Z][A-Z0-9]{0,8}", prefix):  # only runs with plugins get here
        raise ValueError(
            f"entry point name {prefix!r} is not a code prefix: use 1 to 9 capital letters "
            "or digits starting with a letter, e.g. ACME, under which its codes are ACME001..."
        )
    if prefix.startswith(RESERVED_PREFIX):
        raise ValueError(f"the prefix {RESERVED_PREFIX} is reserved for the built-in rules")


def _under(code: str, prefix: str) -> bool:
    return code.startswith(prefix) and code[len(prefix) :].isdigit()


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


def _declared(
    plugin: str, item: Mapping[str, Any] | Path, checks: Mapping[str, CheckScope]
) -> Rule:
    if isinstance(item, Path):
        document = read_yaml_settings(item)
    else:
        document = SettingsDocument(f"<plugin {plugin}>", dict(item), None)
    return declared_rule(document, checks, f"plugin {plugin}")
