"""Resource limits: what one input may cost before sedex-lint refuses it with a clear error.

sedex-lint gates pull requests, so it reads files written by anyone. Each limit turns an
input that would take unbounded time or memory into an input error (exit 2) that names the
file, the position where the limit was crossed, and the limit. Defaults are far above what
real manifests need (the largest CRDs nest about 30 levels; a large Helm release renders a
few thousand documents) and can be changed in the configuration (`limits:`).
"""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from typing import NamedTuple

MiB = 1024 * 1024


class Limits(NamedTuple):
    max_file_bytes: int = 64 * MiB
    """Bytes read from one file or from standard input."""
    max_documents: int = 100_000
    """YAML documents in one file."""
    max_depth: int = 256
    """Nesting of mappings and sequences. libyaml's composer recurses in C and would crash
    the process near 100,000 levels; far below that, Python's recursion would fail."""
    max_nodes: int = 1_000_000
    """Nodes of one document after alias expansion: stops "billion laughs" documents before
    any rule walks them."""
    max_scalar_bytes: int = 4 * MiB
    """Characters in one scalar (a ConfigMap with a large embedded dashboard stays below)."""


DEFAULT_LIMITS = Limits()
