"""Byte-level mutations of manifests, driven by `random.Random` so that a seed replays a run."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SEED_SUFFIXES = (".yaml", ".yml", ".json")

TOKENS: tuple[bytes, ...] = (
    # YAML structure
    b"- ", b": ", b"? ", b"{", b"}", b"[", b"]", b",", b"#", b"'", b'"', b"|", b">", b"|-\n",
    b">+\n", b"&a ", b"*a", b"&a\n", b"<<: *a\n", b"<<: [*a, *b]\n", b"---\n", b"--- ",
    b"...\n", b"%YAML 1.1\n", b"%YAML 1.2\n---\n", b"%TAG ! tag:x,2000:\n", b"!!str ",
    b"!!int ", b"!!bool ", b"!!float ", b"!!null ", b"!!binary ", b"!!map ", b"!!seq ",
    b"!!python/object/apply:os.system ['id']", b"!!python/name:os.system ", b"!custom ",
    b"!<tag:yaml.org,2002:str> ", b"\\u", b"\\x", b"\\U0001F600", b"\\",
    # whitespace and line ends
    b"\t", b"\n", b"\r\n", b"\r", b"  ", b"        ",
    # encodings and odd characters
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xff", b"\xc3\xa9", b"\xc2\x85",
    b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"\x1b[31m", b"\x7f",
    # scalars with interesting types
    b"~", b"null", b"true", b"yes", b"on", b"0644", b"0o644", b"0x1F", b"1e9", b"1e999",
    b"-1", b".nan", b".inf", b"1_000", b"9" * 40,
    # Kubernetes and sedex
    b"apiVersion: apps/v1\n", b"kind: Deployment\n", b"kind: StatefulSet\n", b"kind: List\n",
    b"kind: CronJob\n", b"items:\n", b"metadata:\n", b"spec:\n", b"template:\n",
    b"containers:\n", b"initContainers:\n", b"image: sedexch/sedex-client:8.0.1\n",
    b"sedexch/sedex-client", b"replicas: 2\n", b"replicas: '1'\n", b"strategy:\n",
    b"type: Recreate\n", b"type: RollingUpdate\n", b"memory: 1Gi\n", b"memory: 512Mi\n",
    b"memory: 1GB\n", b"memory: 1e3\n", b"resources:\n", b"requests:\n", b"limits:\n",
    b"livenessProbe:\n", b"readinessProbe:\n", b"volumeMounts:\n", b"mountPath: /sedex-data\n",
    b"emptyDir: {}\n", b"persistentVolumeClaim:\n", b"volumeClaimTemplates:\n",
    b"restartPolicy: Always\n", b"command: [init-container-setup.sh]\n", b"readOnly: yes\n",
    b"sedex-lint.io/ignore: ", b"SDX005: reason", b"# sedex-lint: ignore SDX001 -- reason\n",
    b"# sedex-lint: ignore SDX004\n", b"# Source: chart/templates/deployment.yaml\n",
)  # fmt: skip


def seed_files(*roots: Path, max_bytes: int = 64 * 1024) -> list[Path]:
    """Manifest files below `roots` (files or directories), sorted, at most `max_bytes` each."""
    found: set[Path] = set()
    for root in roots:
        if root.is_file():
            found.add(root)
        elif root.is_dir():
            found.update(p for p in root.rglob("*") if p.suffix in SEED_SUFFIXES and p.is_file())
    return sorted(p for p in found if p.stat().st_size <= max_bytes)


def mutate(rng: random.Random, data: bytes, others: Sequence[bytes] = ()) -> bytes:
    """One random edit: insert, delete, flip, duplicate, replace or splice a slice."""
    buffer = bytearray(data)
    position = rng.randint(0, len(buffer))
    length = rng.choice((1, 1, 2, 4, 8, 16, 64, 256))
    operation = rng.randrange(8)
    if operation == 0:  # insert random bytes, mostly ASCII
        alphabet = range(256) if rng.random() < 0.2 else range(9, 127)
        buffer[position:position] = bytes(rng.choice(alphabet) for _ in range(min(length, 8)))
    elif operation == 1:  # insert a token
        buffer[position:position] = rng.choice(TOKENS)
    elif operation == 2:  # delete a slice
        del buffer[position : position + length]
    elif operation == 3 and buffer:  # flip a bit
        index = min(position, len(buffer) - 1)
        buffer[index] ^= 1 << rng.randrange(8)
    elif operation == 4:  # duplicate a slice elsewhere
        start = rng.randint(0, len(buffer))
        buffer[position:position] = buffer[start : start + length]
    elif operation == 5:  # overwrite with a token
        token = rng.choice(TOKENS)
        buffer[position : position + len(token)] = token
    elif operation == 6 and others:  # splice a slice of another seed
        other = rng.choice(others)
        start = rng.randint(0, len(other))
        buffer[position:position] = other[start : start + length * 4]
    else:  # repeat a line-sized slice (deep nesting, many documents, long scalars)
        start = rng.randint(0, len(buffer))
        chunk = bytes(buffer[start : start + rng.randint(1, 80)])
        buffer[position:position] = chunk * rng.choice((2, 8, 64, 512))
    return bytes(buffer)


def random_input(rng: random.Random, seeds: Sequence[bytes]) -> bytes:
    """An input for one run: mostly stacked mutations of a seed, sometimes token soup or noise."""
    roll = rng.random()
    if roll < 0.85 and seeds:
        data = rng.choice(seeds)
        for _ in range(rng.choice((1, 1, 2, 3, 4, 8, 16))):
            data = mutate(rng, data, seeds)
        return data
    if roll < 0.95:
        return b"".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 60)))
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 512)))


def minimize(data: bytes, still_fails: Callable[[bytes], bool], seconds: float = 120) -> bytes:
    """Shrink `data` by deleting chunks while `still_fails(candidate)` holds (ddmin-style),
    for at most `seconds`."""
    deadline = time.monotonic() + seconds
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        shrunk = False
        start = 0
        while start < len(data) and time.monotonic() < deadline:
            candidate = data[:start] + data[start + chunk :]
            if still_fails(candidate):
                data, shrunk = candidate, True
            else:
                start += chunk
        if not shrunk:
            chunk //= 2
    return data
