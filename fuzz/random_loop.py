"""Many random inputs through `lint_text` and both renderers, counted, without coverage guidance.

    python -m fuzz.random_loop --seconds 600 fuzz/corpus ../shared/corpus/real
    python -m fuzz.random_loop --minimize fuzz/crashes/crash-<sha1>

Inputs are stacked byte-level mutations of the seed files (fuzz/mutate.py), token soup and
noise, from a fixed `--seed`, so a run replays exactly. Every input must satisfy the property
in fuzz/invariants.py. A failing input is saved under `--crashes` (`loop-<sha1>`), minimized
(`loop-<sha1>.min`), and the loop goes on; the exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from types import FrameType

from fuzz.invariants import FAIL_ON, InvariantViolation, check_input, check_report, rules
from fuzz.mutate import minimize, random_input, seed_files
from sedex_lint.api import lint_text

HERE = Path(__file__).resolve().parent


class SlowInput(Exception):
    """One input took longer than --timeout seconds."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise SlowInput("input took longer than the per-input timeout")


def signature(error: BaseException) -> str:
    """What makes two failures the same bug: the exception type and where it was raised."""
    if isinstance(error, InvariantViolation):
        words = [w for w in str(error).split() if not any(ch.isdigit() for ch in w)]
        return "InvariantViolation: " + " ".join(words[:8])
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}"


def fails_alike(data: bytes, wanted: str) -> bool:
    try:
        check_input(data)
    except Exception as error:
        return signature(error) == wanted
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("seeds", nargs="*", type=Path, default=[HERE / "corpus"])
    parser.add_argument("--seconds", type=float, default=600, help="time budget (default 600)")
    parser.add_argument("--max-inputs", type=int, default=0, help="stop after N inputs (0: no)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per input (default 20)")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes")
    parser.add_argument("--minimize", type=Path, help="shrink this failing input to FILE.min")
    parser.add_argument(
        "--slowest", type=Path, default=HERE / "work" / "slowest-input", help="save it here"
    )
    options = parser.parse_args(argv)
    if options.minimize:
        return minimize_file(options.minimize)

    seeds = [path.read_bytes() for path in seed_files(*options.seeds)]
    print(f"random loop: {len(seeds)} seed files, seed {options.seed}, {options.seconds:g} s")
    rng = random.Random(options.seed)
    signal.signal(signal.SIGALRM, _on_alarm)
    exit_codes: collections.Counter[int] = collections.Counter()
    failures: dict[str, bytes] = {}
    failed_inputs = 0
    slowest, slowest_total, slowest_data = 0.0, 0.0, b""
    runs = 0
    started = time.monotonic()
    deadline = started + options.seconds
    while time.monotonic() < deadline and (not options.max_inputs or runs < options.max_inputs):
        data = random_input(rng, seeds)
        runs += 1
        began = time.monotonic()
        signal.alarm(options.timeout)
        try:
            report = lint_text(data, "fuzz.yaml", rules=rules())
            linted = time.monotonic() - began
            check_report(report, data, "fuzz.yaml")
        except Exception as error:
            signal.alarm(0)
            failed_inputs += 1
            key = signature(error)
            if key not in failures:
                failures[key] = data
                _save(options.crashes, data, key, error)
            continue
        finally:
            signal.alarm(0)
        if linted > slowest:
            slowest, slowest_total, slowest_data = linted, time.monotonic() - began, data
        exit_codes[report.exit_code(FAIL_ON)] += 1
    elapsed = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs run:      {runs}")
    print(f"wall time:       {elapsed:.1f} s ({runs / elapsed:.0f} inputs/s)")
    print(f"exit codes:      {dict(sorted(exit_codes.items()))}")
    print(
        f"slowest input:   {slowest:.3f} s to lint, {slowest_total:.3f} s with the checks "
        f"({len(slowest_data)} bytes, saved as {options.slowest})"
    )
    options.slowest.parent.mkdir(parents=True, exist_ok=True)
    options.slowest.write_bytes(slowest_data)
    print(f"failing inputs:  {failed_inputs} ({len(failures)} distinct)")
    print(f"peak RSS:        {peak_mib:.0f} MiB")
    return 1 if failures else 0


def minimize_file(path: Path) -> int:
    """Shrink a saved failing input (from atheris or this loop) to `<path>.min`."""
    data = path.read_bytes()
    try:
        check_input(data)
    except Exception as error:
        key = signature(error)
    else:
        print(f"{path} does not fail (any more)")
        return 0
    small = minimize(data, lambda candidate: fails_alike(candidate, key))
    path.with_name(path.name + ".min").write_bytes(small)
    print(f"{key}\n  {path}: {len(data)} bytes, minimized to {len(small)}: {small!r}"[:2000])
    return 1


def _save(directory: Path, data: bytes, key: str, error: BaseException) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    name = "loop-" + hashlib.sha1(data).hexdigest()
    (directory / name).write_bytes(data)
    print(f"\nFAILURE {key}\n  input saved as {directory / name} ({len(data)} bytes)")
    traceback.print_exception(error, file=sys.stdout)
    small = minimize(data, lambda candidate: fails_alike(candidate, key))
    (directory / f"{name}.min").write_bytes(small)
    print(f"  minimized to {len(small)} bytes: {small!r}"[:2000])
    print(f"  saved as {directory / name}.min\n")


if __name__ == "__main__":
    sys.exit(main())
