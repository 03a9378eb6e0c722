"""The machine and the code under test, as the report's header describes them.

Part of benchmarks/run.py; standard library only.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import time
from collections.abc import Sequence

from measure import Tool
from peers import tool_version


def machine_info(tools: Sequence[Tool], absent: Sequence[tuple[str, str]]) -> dict[str, str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    sedex_lint = next(tool for tool in tools if tool.name == "sedex-lint")
    info = {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} logical, {usable} usable by this process",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "python (benchmark runner)": platform.python_version(),
        "python (sedex-lint)": _interpreter_version(sedex_lint.path),
        "sedex-lint code": source_fingerprint(sedex_lint.path),
        "load average at start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    for tool in tools:
        info[tool.name] = f"{tool.version} ({tool.path})"
    info.update(absent)
    return info


def _interpreter(script: str) -> list[str] | None:
    """The Python that a console script runs, from its `#!` line."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    return first[2:].split() if first.startswith("#!") else None


def _interpreter_version(script: str) -> str:
    interpreter = _interpreter(script)
    if interpreter is None:
        return "unknown (not a Python script)"
    version = tool_version([*interpreter, "-c", "import sys; print(sys.version.split()[0])"])
    return f"{version} ({' '.join(interpreter)})"


def source_fingerprint(script: str) -> str:
    """Where the sedex_lint package that `script` imports lives, and a digest of its files.

    Others may change an editable install while the benchmark runs: comparing the digest at
    the start and at the end shows whether every run measured the same code.
    """
    interpreter = _interpreter(script)
    if interpreter is None:
        return "unknown"
    code = "import os, sedex_lint; print(os.path.dirname(os.path.abspath(sedex_lint.__file__)))"
    package = tool_version([*interpreter, "-c", code])
    if not os.path.isdir(package):
        return f"unknown ({package})"
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json")):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, package).encode() + b"\0")
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    described = f"{package}, files sha256 {digest.hexdigest()[:12]}"
    try:
        head = subprocess.run(
            ["git", "-C", package, "log", "-1", "--format=%h %cI"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        changed = subprocess.run(
            ["git", "-C", package, "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return described
    if head.returncode == 0 and head.stdout.strip():
        dirty = ", with uncommitted changes" if changed.stdout.strip() else ""
        described += f", git commit {head.stdout.strip()}{dirty}"
    return described


def code_digest(fingerprint: str) -> str | None:
    """The digest of sedex-lint's files in a source_fingerprint, whatever directory held them."""
    found = re.search(r"files sha256 ([0-9a-f]+)", fingerprint)
    return found.group(1) if found else None
