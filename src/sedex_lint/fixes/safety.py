"""Which rules have a fix and whether it is safe, for the rule pages (as ruff documents fix
safety). A safe fix changes only the rule's own field; an unsafe one changes more, or adds
behaviour, and runs only with --unsafe-fixes. Secrets and storage are never fixed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FixNote:
    safe: bool | None
    """True: safe; False: unsafe only; None: no fix."""
    text: str


_SECRETS = (
    "secrets are never touched by a fix: moving a credential means creating a Secret with "
    "the real value, which no manifest should hold, and rotating the exposed one."
)
_STORAGE = (
    "storage is never changed by a fix: which claim holds the participant's data and private "
    "key is the operator's decision, and a wrong guess loses them."
)
_IMAGE = "which image version to run is the operator's decision."
_INIT = "the Phase 1 setup is run once by hand; a fix would only move the risk."

NOTES: dict[str, FixNote] = {
    "SDX001": FixNote(True,
        "Sets `spec.replicas` to 1 on a Deployment, StatefulSet, ReplicaSet, "
        "ReplicationController, DeploymentConfig or Rollout, a Job's or CronJob's `parallelism` "
        "to 1, and a CronJob's `concurrencyPolicy` to `Forbid` (added when missing). There is "
        "no fix for a DaemonSet, whose kind must change, nor for a second client container in "
        "one pod, where which one to keep is a choice."),
    "SDX002": FixNote(True,
        "Sets `spec.strategy.type` to `Recreate` (adding `strategy` when it is missing) and "
        "removes `spec.strategy.rollingUpdate`, which the API server refuses together with "
        "`Recreate`. On a DeploymentConfig it sets `Recreate` too; when that removes "
        "`rollingParams`, which may hold lifecycle hooks, the fix is unsafe. There is no fix "
        "for a `Custom` DeploymentConfig strategy nor for an Argo Rollout, which has no "
        "Recreate."),
    "SDX004": FixNote(True,
        "Raises the client container's memory request to `minimum` (default `1G`, written as "
        "configured), adds `resources.requests.memory` when the container declares no memory, "
        "and raises a memory limit below the request with it. There is no fix for a value "
        "that is not a quantity (`1GB`: what was meant is a guess), for sidecars, whose needs "
        "are unknown, nor for a pod-level `spec.resources`."),
    "SDX005": FixNote(False,
        "Adds the missing probe as in the documentation's example: liveness `exec` "
        "`/opt/sedex-client/scripts/check-health.sh`; readiness `httpGet` `/monitoring` on "
        "port 8000, or `scheme: HTTPS` on port 9443 for client 8.x; both with "
        "`initialDelaySeconds: 5` and `periodSeconds: 5`. Unsafe: a probe adds behaviour (the "
        "kubelet restarts the container or takes it out of its Services by it), and an "
        "installation's monitoring port may differ. There is no readiness fix when the image "
        "tag does not tell the client version."),
    "SDX006": FixNote(True,
        "Sets the autoscaler's `maxReplicas` (HorizontalPodAutoscaler) or `maxReplicaCount` "
        "(KEDA; added when its default of 100 applies) to 1. When `minReplicas` or "
        "`minReplicaCount` is above 1 it must come down too, and the fix is unsafe."),
    "SDX009": FixNote(True,
        "Sets `terminationGracePeriodSeconds` to `minimum` (default 65), added when it is "
        "missing or null. A number written as a string or a fraction (`\"90\"`, `70.5`) "
        "becomes a whole number, never less than `minimum`."),
    "SDX003": FixNote(None, _STORAGE),
    "SDX070": FixNote(None, _STORAGE),
    "SDX080": FixNote(None, _STORAGE),
    "SDX020": FixNote(None, _SECRETS),
    "SDX021": FixNote(None, _SECRETS),
    "SDX022": FixNote(None, _INIT),
    "SDX023": FixNote(None, _INIT),
    "SDX024": FixNote(None, _INIT),
    "SDX030": FixNote(None, _IMAGE),
    "SDX031": FixNote(None, _IMAGE),
    "SDX032": FixNote(None, _IMAGE),
    "SDX033": FixNote(None, _IMAGE),
}  # fmt: skip
_DEFAULT = FixNote(None, "the change needs a decision that the manifest does not show.")


def fix_section(code: str) -> list[str]:
    """The 'Fix' section of a rule page, in Markdown lines."""
    note = NOTES.get(code, _DEFAULT)
    if note.safe is None:
        head = "**No automatic fix**:"
    elif note.safe:
        head = "**Safe fix, sometimes available** (`sedex-lint --fix`)."
    else:
        head = "**Unsafe fix, sometimes available** (`sedex-lint --fix --unsafe-fixes`)."
    return ["## Fix", "", f"{head} {note.text}", ""]
