"""Time and peak memory of sedex-lint on each resource bomb of issue 5.

    python benchmarks/bombs.py [--sedex-lint PATH]

Writes each bomb to a temporary directory, runs sedex-lint on it in a fresh process, and prints
a Markdown table: wall time, peak RSS, exit code and the error sedex-lint reported.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def billion_laughs(path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\n")


def deep_nesting(path: Path) -> None:
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")


def hundred_megabytes(path: Path) -> None:
    line = "  key: " + "x" * 90 + "\n"
    with open(path, "w") as handle:
        handle.write("data:\n")
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            handle.write(line)


def million_documents(path: Path) -> None:
    path.write_text("---\na: 1\n" * 1_000_000)


def ten_megabyte_scalar(path: Path) -> None:
    path.write_text("a: " + "x" * 10_000_000 + "\n")


BOMBS: dict[str, Callable[[Path], None]] = {
    "alias expansion (billion laughs, 9^10 nodes)": billion_laughs,
    "nesting 100,000 levels deep": deep_nesting,
    "a 100 MB file": hundred_megabytes,
    "one million documents": million_documents,
    "a 10 MB single scalar": ten_megabyte_scalar,
}


def measure(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MiB, exit code and first error of one run.

    Each run goes through a fresh measuring child (`_child`), so that its peak memory is its
    own and not the largest of all runs so far.
    """
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--child", *command], capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    wall = time.perf_counter() - start
    report, _, peak = result.stdout.rpartition("\npeak-kib=")
    errors = json.loads(report)["errors"] if report.startswith("{") else []
    reason = f"{errors[0]['line']}:{errors[0]['column']} {errors[0]['message']}" if errors else ""
    code = int(result.stderr.rpartition("exit=")[2] or -1)
    return wall, int(peak or 0) / 1024, code, reason


def _child(command: list[str]) -> int:
    result = subprocess.run(command, capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stdout.write(f"{result.stdout}\npeak-kib={peak}")
    sys.stderr.write(f"exit={result.returncode}")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return _child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sedex-lint", default=shutil.which("sedex-lint") or "sedex-lint")
    args = parser.parse_args()
    print("| bomb | wall | peak RSS | exit | reported |")
    print("|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as directory:
        for name, write in BOMBS.items():
            path = Path(directory) / "bomb.yaml"
            write(path)
            wall, peak, code, reason = measure([args.sedex_lint, "-f", "json", str(path)])
            print(f"| {name} | {wall:.2f} s | {peak:.0f} MiB | {code} | {reason} |")
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
