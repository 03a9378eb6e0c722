"""Rule parameters: the declaration's `parameters_schema`, enforced on the effective
parameters (the declaration's defaults with a configuration's overrides on top) when the
rules of a run are put together, never inside a check."""

# No `from __future__ import annotations` here: string annotations slow NamedTuple start-up.

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple


class ParameterProblem(NamedTuple):
    path: tuple[str | int, ...]
    """Inside the parameters."""
    reason: str
    at_key: bool = False
    """Whether the key itself is wrong (one not allowed), rather than its value."""


def parameter_problem(
    schema: Mapping[str, Any] | None, parameters: Mapping[str, Any]
) -> ParameterProblem | None:
    """The first parameter that `schema` (the rule's `parameters_schema`) refuses, or None.

    The formats of `format_checker()` are asserted, so that a value a check cannot use stops
    the run at load time instead of crashing the check on every workload.
    """
    if not schema:
        return None
    import jsonschema  # deferred: only runs that configure or declare rules pay for it

    validator = jsonschema.Draft202012Validator(schema, format_checker=format_checker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(dict(parameters)))
    if error is None:
        return None
    # a format's own reason ("has more than one decimal point") beats "is not a 'x'"
    reason = f"invalid parameter: {error.cause or error.message}"
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        extra = next((key for key in error.instance if key not in allowed), None)
        if extra is not None:
            return ParameterProblem((*path, extra), reason, at_key=True)
    return ParameterProblem(path, reason)


@cache
def format_checker() -> Any:
    """JSON Schema formats for parameters, beyond the standard ones.

    `k8s-quantity`: a value Kubernetes accepts as a resource quantity (`1Gi`, `500M`, `1e9`).
    `k8s-positive-quantity`: such a value above zero, for sizes and floors; `.` and `0` are
    valid quantities, but a memory minimum of zero would silently check nothing.
    """
    import jsonschema

    from sedex_lint.quantity import QuantityError, parse_quantity

    checker = jsonschema.FormatChecker()

    @checker.checks("k8s-quantity", raises=QuantityError)
    def _quantity(value: object) -> bool:
        if isinstance(value, str):  # other types are the `type` keyword's business
            parse_quantity(value)
        return True

    @checker.checks("k8s-positive-quantity", raises=QuantityError)
    def _positive_quantity(value: object) -> bool:
        amount = parse_quantity(value) if isinstance(value, str) else 1
        if amount <= 0:
            raise QuantityError(
                f"{value!r} is {amount} as a Kubernetes quantity; it must be above zero"
            )
        return True

    return checker


def schema_problem(schema: Mapping[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    """A declaration's `parameters_schema` that is not itself a valid JSON Schema."""
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        return tuple(error.absolute_path), f"not a valid JSON Schema: {error.message}"
    return None
