"""`sedex-lint init`: write the manifests of one participant (see `scaffold`), never over an
existing file, and print the steps that follow: the Secret, Phase 1 once, then the rest."""

from __future__ import annotations

import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sedex_lint.cli_support import fail

if TYPE_CHECKING:
    from sedex_lint.scaffold import Participant

init_app = typer.Typer(add_completion=False, rich_markup_mode=None)

_ID = re.compile(r"[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*")
_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?")
_SUBDOMAIN = re.compile(r"[a-z0-9](?:[-.a-z0-9]{0,251}[a-z0-9])?")


class Case(str, Enum):
    new_cert = "new-cert"
    existing_cert = "existing-cert"


@init_app.command(
    help="Write the manifests of one sedex participant: claims, the one-off Phase 1 Job, "
    "the client Deployment and its Service (and a kustomization.yaml).",
    context_settings={"help_option_names": ["-h", "--help"]},
)
def init(
    sedex_id: Annotated[
        str, typer.Option("--sedex-id", metavar="ID", help="The sedex ID, e.g. 3-CH-1.")
    ],
    case: Annotated[
        Case,
        typer.Option(
            "--case",
            help="new-cert: a new participant with a CRID and one-time password; "
            "existing-cert: a participant whose keystore (P12) and password exist.",
        ),
    ],
    image_tag: Annotated[
        str | None,
        typer.Option(
            "--image-tag",
            metavar="TAG",
            help="Full image tag <client>_container-<container> "
            "(default: the newest sedex-lint knows).",
        ),
    ] = None,
    namespace: Annotated[str, typer.Option("--namespace", metavar="NS")] = "sedex",
    storage_class: Annotated[
        str | None,
        typer.Option("--storage-class", metavar="SC", help="Default: the cluster's default."),
    ] = None,
    data_size: Annotated[str, typer.Option("--data-size", metavar="SIZE")] = "1Gi",
    interface_size: Annotated[str, typer.Option("--interface-size", metavar="SIZE")] = "1Gi",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="DIR", help="Default: ./sedex-client-<id>."),
    ] = None,
    kustomize: Annotated[
        bool, typer.Option("--kustomize", help="Also write a kustomization.yaml.")
    ] = False,
) -> None:
    from sedex_lint.image import NEWEST_FULL_TAG, SEDEX_REPOSITORY, generation
    from sedex_lint.scaffold import Participant, manifests

    tag = image_tag if image_tag is not None else NEWEST_FULL_TAG
    image = f"{SEDEX_REPOSITORY}:{tag}"
    found = generation(image)
    if found is None:
        fail(
            f"--image-tag {tag!r}: give a full tag <client>_container-<container>, e.g. "
            f"{NEWEST_FULL_TAG}: it names one image for good and tells its generation"
        )
    participant = Participant(
        _sedex_id(sedex_id), case.value, image, _name("--namespace", namespace, _LABEL, 63),
        None if storage_class is None else _name("--storage-class", storage_class, _SUBDOMAIN, 253),
        _size("--data-size", data_size), _size("--interface-size", interface_size),
    )  # fmt: skip
    if found.container < (1,):
        _note(f"{tag} is a pre-1.0 pilot image (SDX032): consider {NEWEST_FULL_TAG}")
    directory = output if output is not None else Path(participant.name)
    files = manifests(participant, kustomize)
    existing = [str(directory / name) for name in files if (directory / name).exists()]
    if existing:
        fail(f"refusing to overwrite {', '.join(existing)}; choose another --output")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            with open(directory / name, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as error:
        fail(f"cannot write into {directory}: {error.strerror or error}")
    typer.echo(_next_steps(participant, directory, list(files)))


def _sedex_id(value: str) -> str:
    from sedex_lint.checks.sedex_id_format import sedex_id_pattern
    from sedex_lint.checks.sedex_id_placeholder import placeholder_kind

    text = value.strip()
    if not _ID.fullmatch(text) or len(text) > 40:
        fail(f"--sedex-id {value!r}: letters, digits and single hyphens only, as 3-CH-1")
    why = placeholder_kind(text)
    if why is not None:
        _note(f"--sedex-id {text}: {why}")
    elif not sedex_id_pattern().fullmatch(text):
        _note(f"--sedex-id {text} is not of the form <number>-<number or CH>-<number> of "
              "every documented sedex ID; check it")  # fmt: skip
    return text


def _name(option: str, value: str, pattern: re.Pattern[str], limit: int) -> str:
    if not pattern.fullmatch(value) or len(value) > limit:
        fail(f"{option} {value!r}: not a valid Kubernetes name (lower case, digits, '-')")
    return value


def _size(option: str, value: str) -> str:
    from sedex_lint.quantity import QuantityError, parse_quantity

    try:
        amount = parse_quantity(value)
    except QuantityError as error:
        fail(f"{option} {value!r}: {error}")
    if amount <= 0:
        fail(f"{option} {value!r}: must be more than zero")
    return value


def _note(message: str) -> None:
    sys.stderr.write(f"sedex-lint: note: {message}\n")


def _next_steps(participant: Participant, directory: Path, names: list[str]) -> str:
    from sedex_lint.scaffold import EXISTING_CERT

    ns, secret, name = participant.namespace, participant.secret, participant.name
    where = os.path.normpath(directory)

    def path(suffix: str) -> str:
        return f"{where}/{name}-{suffix}.yaml"

    credentials = [f"--from-literal=SEDEX_ID={participant.sedex_id}"]
    files = {"KEYSTORE": "keystore.b64", "KEYSTORE_PW": "keystore-password.txt",
             "SEDEX_CRID": "crid.txt", "SEDEX_OTP": "otp.txt", "CRID": "crid.txt",
             "OTP": "otp.txt"}  # fmt: skip
    credentials += [f"--from-file={v}={files[v]}" for v in participant.variables()[1:]]
    claims = [f"-f {path('data-pvc')}"]
    if participant.has_interface_store:
        claims.append(f"-f {path('interface-pvc')}")
    rest = f"kubectl apply -k {where}" if "kustomization.yaml" in names else (
        f"kubectl apply -f {path('deployment')} -f {path('service')}")  # fmt: skip
    keystore = (
        "     (keystore.b64: base64 -w 0 participant.p12 > keystore.b64)\n"
        if participant.case == EXISTING_CERT
        else ""
    )
    listing = "".join(f"  {where}/{file}\n" for file in names)
    return (
        f"Wrote {len(names)} files:\n{listing}\n"
        "Next steps:\n"
        f"  1. If needed: kubectl create namespace {ns}\n"
        "  2. Create the Phase 1 Secret from files that hold only the value (no final line "
        "break), then delete the files:\n"
        f"     kubectl -n {ns} create secret generic {secret} \\\n"
        f"       {' '.join(credentials)}\n{keystore}"
        f"  3. Create the claims: kubectl apply {' '.join(claims)}\n"
        f"  4. Run Phase 1 once: kubectl apply -f {path('init-job')}\n"
        f"  5. Wait for it: kubectl -n {ns} wait --for=condition=complete --timeout=15m "
        f"job/{name}-init\n"
        f"     (if it fails, read kubectl -n {ns} logs job/{name}-init before anything else)\n"
        f"  6. Delete it and its Secret: kubectl -n {ns} delete job/{name}-init secret/{secret}\n"
        f"  7. Apply the rest: {rest}\n"
        "Never apply the Job again: Phase 1 runs exactly once per participant."
    )
