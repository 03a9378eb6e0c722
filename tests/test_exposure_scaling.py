"""The Service matching that SDX050-SDX052 share stays linear in the size of a run: a Service
is compared only with the pods that carry its selector's first label, and with every
controller's pods only when that label is one a controller implies."""

from __future__ import annotations

import pytest

from sedex_lint.api import lint_text
from sedex_lint.checks import pod_selection
from tests.sedex_pod import IMAGE

CLIENTS = 60


def stateful_set(index: int) -> str:
    return (
        f"apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: c{index}\nspec:\n"
        f"  selector: {{matchLabels: {{app: c{index}}}}}\n  template:\n"
        f"    metadata: {{labels: {{app: c{index}}}}}\n    spec:\n      containers:\n"
        f"        - name: sedex-client\n          image: {IMAGE}\n"
        "          ports: [{name: wsp-http, containerPort: 8080}]\n"
    )


def service(index: int, selector: str) -> str:
    return (
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: s{index}\nspec:\n"
        f"  selector: {{{selector}}}\n  ports: [{{port: 80, targetPort: 8080}}]\n"
    )


def test_a_service_is_compared_with_the_pods_of_its_label_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    original = pod_selection._selects

    def counted(*args: object) -> bool:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pod_selection, "_selects", counted)
    documents = [stateful_set(i) for i in range(CLIENTS)]
    documents += [service(i, f"app: c{i}") for i in range(CLIENTS)]
    # a per-pod Service of one StatefulSet: the controller's label, which no template holds
    documents.append(service(CLIENTS, "statefulset.kubernetes.io/pod-name: c7-0"))
    report = lint_text("---\n".join(documents), "run.yaml")
    reported = sorted(f.object.name for f in report.findings if f.code == "SDX050" and f.object)
    assert reported == sorted(f"s{i}" for i in range(CLIENTS + 1))
    assert len(calls) == CLIENTS + CLIENTS  # one each, and the per-pod one against every set


@pytest.mark.parametrize("kind", sorted(pod_selection._CONTROLLER_LABELS))
def test_only_the_implied_keys_are_implied(kind: str) -> None:
    implied = pod_selection._CONTROLLER_LABELS[kind]
    for key in ("app", "name", "pod-name", "statefulset.kubernetes.io/pod", "job", "version"):
        assert not implied(key, "c-0", "c")
