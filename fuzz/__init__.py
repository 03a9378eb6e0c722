"""Fuzzing for sedex-lint: the shared property, a coverage-guided harness and a random loop.

See fuzz/README.md. `fuzz.invariants` is also used by tests/test_fuzz_properties.py.
"""
