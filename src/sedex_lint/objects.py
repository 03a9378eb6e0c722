"""Loaded documents to Kubernetes objects: one per document, or one per item of a `*List`."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

from ruamel.yaml.nodes import MappingNode, SequenceNode

from sedex_lint.locate import child_node, locate
from sedex_lint.model import ObjectRef, Path, Position
from sedex_lint.yamlparse import Node


class K8sObject(NamedTuple):
    """One Kubernetes object with the node tree it came from, for positions."""

    file: str
    document: int
    data: dict[str, Any]
    node: Node
    ref: ObjectRef
    prefix: Path = ()
    """Where the object sits in its document: () or ("items", n) inside a List."""

    def position(self, path: Path) -> Position:
        return locate(self.node, path)


def is_object(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("kind"), str)
        and isinstance(value.get("apiVersion"), str)
    )


def objects_of(file: str, document: int, value: Any, node: Node) -> Iterator[K8sObject]:
    """The objects a document holds; nothing for documents that are not Kubernetes objects."""
    if not is_object(value):
        return
    items = value.get("items")
    if value["kind"].endswith("List") and isinstance(items, list):
        item_nodes = _items_node(node)
        for index, item in enumerate(items):
            if is_object(item) and item_nodes is not None and index < len(item_nodes.value):
                yield _make(file, document, item, item_nodes.value[index], ("items", index))
        return
    yield _make(file, document, value, node, ())


def stray_items(value: Any, node: Node) -> Node | None:
    """The `items` key of a document that lists Kubernetes objects without saying it is a
    List (no `kind`, no `apiVersion`): kubectl refuses it, so it must not pass unchecked."""
    if not isinstance(value, dict) or "kind" in value or "apiVersion" in value:
        return None
    items = value.get("items")
    if not isinstance(items, list) or not any(is_object(item) for item in items):
        return None
    return _items_key(node)


def _items_key(node: Node) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, _ in reversed(node.value):
            if key_node.value == "items":
                return key_node
    return node


def _items_node(node: Node) -> Node | None:
    """The node the `items` value was built from: the last key, or a merge that supplied it."""
    items = child_node(node, "items")
    return items if isinstance(items, SequenceNode) else None


def _make(file: str, document: int, data: dict[str, Any], node: Node, prefix: Path) -> K8sObject:
    metadata = data.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    ref = ObjectRef(
        api_version=shared(data["apiVersion"]),
        kind=shared(data["kind"]),
        name=_text(metadata.get("name")),
        namespace=shared(_text(metadata.get("namespace"))),
    )
    return K8sObject(file, document, data, node, ref, prefix)


def shared(value: Any) -> Any:
    """One string object for all equal strings (other values as they are): a run keeps the
    references and whole-run facts of its objects to its end, and the few distinct kinds,
    namespaces, label values and port names would otherwise be held once per document."""
    return sys.intern(str(value)) if isinstance(value, str) else value


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
