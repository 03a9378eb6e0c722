"""Coverage-guided fuzzing of `lint_text` and both renderers with atheris (libFuzzer).

    python -m fuzz.fuzz_lint -max_total_time=600 -dict=fuzz/yaml.dict fuzz/work fuzz/corpus

Any libFuzzer flag may be given. Each input is linted as one file and must satisfy the
property in fuzz/invariants.py; an uncaught exception (including a broken invariant) is a
crash, which libFuzzer saves as `crash-<sha1>` under `-artifact_prefix` and then stops.

Without atheris (it is not a test dependency, and needs a platform with its wheels), this
falls back to the plain random loop of fuzz/random_loop.py for the same `-max_total_time`.
"""

from __future__ import annotations

import pkgutil
import sys
from importlib import import_module

try:
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
except ImportError as missing:  # pragma: no cover - depends on the machine
    atheris = None
    WHY_NOT = f"{type(missing).__name__}: {missing}"
else:
    WHY_NOT = ""

INSTRUMENTED = ("sedex_lint", "ruamel.yaml")


def _import_instrumented() -> None:
    """Import every sedex_lint module under atheris's coverage instrumentation."""
    with atheris.instrument_imports(include=list(INSTRUMENTED)):
        import sedex_lint

        for module in pkgutil.walk_packages(sedex_lint.__path__, "sedex_lint."):
            if not module.name.endswith("__main__"):  # that one runs the command line
                import_module(module.name)


def test_one_input(data: bytes) -> None:
    from fuzz.invariants import check_input

    check_input(data)


def _fallback(argv: list[str]) -> int:
    from fuzz import random_loop

    seconds = "600"
    directories = []
    for argument in argv[1:]:
        if argument.startswith("-max_total_time="):
            seconds = argument.split("=", 1)[1]
        elif not argument.startswith("-"):
            directories.append(argument)
    print(f"atheris is not available ({WHY_NOT}); running the random loop instead")
    return random_loop.main(["--seconds", seconds, *directories])


def main(argv: list[str]) -> int:
    if atheris is None:
        return _fallback(argv)
    _import_instrumented()
    from fuzz.invariants import check_input

    check_input(b"")  # load the rules and schema before fuzzing starts
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
