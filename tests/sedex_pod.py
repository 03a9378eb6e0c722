"""Small manifests for rule tests, with fixed line numbers so that tests can pin positions.

`pod()` writes, before any `spec` lines are added:

    1 apiVersion: v1
    2 kind: Pod
    3 metadata:
    4   name: sedex
    5 spec:
    6   containers:
    7     - name: sedex-client
    8       image: <image>            (the value starts in column 14)
    9       <container lines>...

`phase_one_job()` writes a Job that runs the initial configuration:

    8       containers:
    9         - name: init
   10           image: <image>        (column 18)
   11           command: [init-container-new-cert.sh]
   12           <container lines>...
"""

from __future__ import annotations

IMAGE = "sedexch/sedex-client:8.0.1_container-1.2.0"
PRE_1_0 = "sedexch/sedex-client:6.0.6_container-0.99-beta"


def pod(container: str = "", *, image: str = IMAGE, spec: str = "", metadata: str = "") -> str:
    """A Pod whose one container runs `image`; `container` lines (indented six spaces) are
    added to the container, `spec` lines (indented two) to the pod spec before it, `metadata`
    lines (indented two) after its name."""
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: sedex\n{metadata}spec:\n"
        f"{spec}  containers:\n    - name: sedex-client\n      image: {image}\n{container}"
    )


def phase_one_job(container: str = "", *, image: str = IMAGE) -> str:
    """A Job whose container runs the init script; `container` lines are indented ten."""
    return (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: init\nspec:\n"
        "  template:\n    spec:\n      containers:\n        - name: init\n"
        f"          image: {image}\n          command: [init-container-new-cert.sh]\n"
        f"{container}"
    )


def env(*entries: tuple[str, str], indent: int = 6) -> str:
    """Container lines for an `env` list. In `pod()`, entry i's value is on line 11 + 2i
    and starts in column 18; in `phase_one_job()` (indent=10), on line 14 + 2i, column 22."""
    pad = " " * indent
    lines = [f"{pad}env:\n"]
    for name, value in entries:
        lines.append(f"{pad}  - name: {name}\n{pad}    value: {value}\n")
    return "".join(lines)


LABELS = "  labels:\n    app: sedex\n"
"""`metadata` lines for `pod()`: the label that `service()` selects. The pod's `spec` is then
on line 7 and the container's own lines start on line 11."""


def ports(*entries: str, indent: int = 6) -> str:
    """Container lines for a `ports` list of flow mappings (`{name: http, containerPort: 8080}`).
    In `pod(metadata=LABELS)`, entry i is on line 12 + i and its `{` in column 11."""
    pad = " " * indent
    return f"{pad}ports:\n" + "".join(f"{pad}  - {entry}\n" for entry in entries)


def service(
    *entries: str, selector: str = "{app: sedex}", spec: str = "", metadata: str = ""
) -> str:
    """A Service `wsp` whose `ports` are flow mappings (`{port: 80, targetPort: 8080}`). Its
    `spec` (line 5) lists them first: entry i is on line 7 + i, its `{` in column 7. `metadata`
    lines (indented two) go after the name, `spec` lines after the selector."""
    listed = "".join(f"    - {entry}\n" for entry in entries)
    return (
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: wsp\n{metadata}spec:\n"
        f"  ports:\n{listed}  selector: {selector}\n{spec}"
    )


def ingress(backend: str, *, metadata: str = "", api: str = "networking.k8s.io/v1") -> str:
    """An Ingress `web` whose `defaultBackend` (line 6, `{` in column 19) is the flow mapping
    `backend`, e.g. `{service: {name: wsp, port: {number: 80}}}`."""
    return (
        f"apiVersion: {api}\nkind: Ingress\nmetadata:\n  name: web\n{metadata}spec:\n"
        f"  defaultBackend: {backend}\n"
    )
