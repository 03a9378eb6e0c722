"""SDX004: the sedex Client container is guaranteed its memory, with sidecars' memory on top."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from sedex_lint.model import Path, Violation
from sedex_lint.quantity import QuantityError, parse_quantity
from sedex_lint.workload import Container, Workload, mapping

_FIELDS = (("requests", "request"), ("limits", "limit"))


def check(workload: Workload, params: Mapping[str, Any]) -> Iterator[Violation]:
    minimum_text = str(params["minimum"])  # validated against the declaration at load time
    minimum = parse_quantity(minimum_text)
    pod_memory = _memory_fields(workload.pod_spec, workload.pod_spec_path)
    for client in workload.clients:
        declared = _memory_fields(client.data, client.path)
        if not declared and not pod_memory:
            yield Violation(
                (*client.path, "resources"),
                f"sedex Client container {client.name!r} declares no memory request or limit, "
                f"so nothing guarantees the {minimum_text} the sedex documentation asks for; "
                f"set resources.requests.memory and resources.limits.memory to at least "
                f"{minimum_text}",
            )

        def too_low(label: str, raw: Any, amount: Decimal, name: str = client.name) -> str:
            return (
                f"sedex Client container {name!r} has a memory {label} of {raw} "
                f"({_bytes(amount)}), below the {minimum_text} ({_bytes(minimum)}) the "
                f"sedex documentation asks for; raise it to at least {minimum_text}"
            )

        yield from _below(declared, minimum, too_low)
    yield from _sidecars(workload, minimum, minimum_text, pod_memory)


def _sidecars(
    workload: Workload,
    minimum: Decimal,
    minimum_text: str,
    pod_memory: list[tuple[Path, str, Any]],
) -> Iterator[Violation]:
    """Every other long-running container must say what it needs, since it comes on top."""
    if not workload.clients:
        return
    sidecar_total = Decimal(0)
    for container in _sidecar_containers(workload):
        declared = _memory_fields(container.data, container.path)
        if not declared:
            yield Violation(
                (*container.path, "resources"),
                f"container {container.name!r} runs beside the sedex Client but declares no "
                "memory, and the sedex documentation says sidecars' memory must be added on "
                f"top of the client's {minimum_text}; set resources.requests.memory for "
                f"{container.name!r}",
            )
            continue
        path, _, raw = declared[0]  # the request when set, else the limit, as Kubernetes does
        amount, problem = _amount(raw, path)
        if problem is not None:
            yield problem
        elif amount is not None:
            sidecar_total += amount
    needed = minimum * len(workload.clients) + sidecar_total
    yield from _below(
        pod_memory,
        needed,
        lambda label, raw, amount: (
            f"pod-level memory {label} {raw} ({_bytes(amount)}) does not cover the "
            f"sedex Client's {minimum_text} plus its sidecars' declared memory "
            f"({_bytes(needed)} in all); raise it to at least {_mebibytes_up(needed)}"
        ),
    )


def _below(
    fields: list[tuple[Path, str, Any]],
    floor: Decimal,
    describe: Callable[[str, Any, Decimal], str],
) -> Iterator[Violation]:
    """A violation for each memory value that is invalid or below `floor`."""
    for path, label, raw in fields:
        amount, problem = _amount(raw, path)
        if problem is not None:
            yield problem
        elif amount is not None and amount < floor:
            yield Violation(path, describe(label, raw, amount))


def _sidecar_containers(workload: Workload) -> Iterator[Container]:
    for container in workload.containers:
        if container.long_running and container not in workload.clients:
            yield container


def _memory_fields(holder: dict[str, Any], holder_path: Path) -> list[tuple[Path, str, Any]]:
    """(path, 'request'|'limit', raw value) for each memory value that is set, request first."""
    resources = mapping(holder.get("resources"))
    found = []
    for field, label in _FIELDS:
        raw = mapping(resources.get(field)).get("memory")
        if raw is not None:
            found.append(((*holder_path, "resources", field, "memory"), label, raw))
    return found


def _mebibytes_up(amount: Decimal) -> str:
    return f"{math.ceil(amount / 2**20)}Mi"


def _bytes(amount: Decimal) -> str:
    return (
        f"{amount:,f} bytes" if amount != amount.to_integral_value() else f"{int(amount):,} bytes"
    )


def _amount(raw: Any, path: Path) -> tuple[Decimal | None, Violation | None]:
    try:
        return parse_quantity(raw), None
    except QuantityError as error:
        return None, Violation(path, f"{error}; write it like 1Gi or 1G (units are case-sensitive)")
