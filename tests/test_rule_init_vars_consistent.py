"""SDX023 init-vars-consistent: the Phase 1 init script gets the variables of its case (from
env, and from envFrom sources of the run), and none of the other case."""

from __future__ import annotations

from tests.run_case import lint_run, run_messages

MODERN = "sedexch/sedex-client:8.0.1_container-1.2.0"
OLD = "sedexch/sedex-client:6.0.6_container-0.99-beta"


def job(
    script: str = "init-container-new-cert.sh",
    env: tuple[str, ...] = ("SEDEX_ID", "SEDEX_CRID", "SEDEX_OTP"),
    image: str = MODERN,
    env_from: str = "",
    namespace: str | None = "prod",
) -> str:
    """A Job that runs `script`; its command is on line 14 (column 15), its env names from line 16
    on (column 21, every other line), after `env_from` lines."""
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    entries = "".join(f"\n            - name: {name}\n              value: x" for name in env)
    return f"""\
apiVersion: batch/v1
kind: Job
metadata:
  name: init{ns}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: init
          image: {image}
          command:
            - {script}{env_from}
          env:{entries or " []"}
"""


def secret(data: str, namespace: str | None = "prod", name: str = "init") -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: v1
kind: Secret
metadata:
  name: {name}{ns}
stringData:
  {data}
"""


def secret_ref(name: str = "init", prefix: str = "") -> str:
    prefixed = f"\n              prefix: {prefix}" if prefix else ""
    return f"\n          envFrom:\n            - secretRef:\n                name: {name}{prefixed}"


def sdx023(files: dict[str, str]) -> list[tuple[str, str, int, int]]:
    return lint_run(files, "SDX023")


def test_the_new_participant_case_with_its_variables_is_clean() -> None:
    assert sdx023({"j.yaml": job()}) == []
    assert sdx023({"j.yaml": job(image=OLD, env=("SEDEX_ID", "CRID", "OTP"))}) == []


def test_the_existing_participant_case_with_its_variables_is_clean() -> None:
    existing = job("init-container-existing-cert.sh", ("SEDEX_ID", "KEYSTORE", "KEYSTORE_PW"))
    assert sdx023({"j.yaml": existing}) == []


def test_new_cert_needs_the_crid_and_otp_names_of_its_generation() -> None:
    files = {"j.yaml": job(env=("SEDEX_ID", "CRID", "OTP"))}
    assert sdx023(files) == [("SDX023", "j.yaml", 14, 15)]
    assert run_messages(files, "SDX023") == [
        "init-container-new-cert.sh configures a new participant (case b) but gets no "
        "SEDEX_CRID and SEDEX_OTP (the CRID and OTP names of container 1.0 or later)"
    ]
    old = {"j.yaml": job(image=OLD, env=("SEDEX_ID", "SEDEX_CRID", "OTP"))}
    assert sdx023(old) == [("SDX023", "j.yaml", 14, 15)]
    assert (
        "gets no CRID (the CRID and OTP names of a pre-1.0 container)"
        in (run_messages(old, "SDX023")[0])
    )


def test_an_unknown_generation_takes_either_pair_but_not_a_mix() -> None:
    for image in (
        "sedexch/sedex-client:latest",
        "sedexch/sedex-client:8.0.1",
        "sedexch/sedex-client@sha256:" + "a" * 64,
    ):
        for pair in (("CRID", "OTP"), ("SEDEX_CRID", "SEDEX_OTP")):
            assert sdx023({"j.yaml": job(image=image, env=("SEDEX_ID", *pair))}) == [], image
        mixed = {"j.yaml": job(image=image, env=("SEDEX_ID", "CRID", "SEDEX_OTP"))}
        assert sdx023(mixed) == [("SDX023", "j.yaml", 14, 15)]
        assert (
            "SEDEX_CRID and SEDEX_OTP (or CRID and OTP before container 1.0"
            in (run_messages(mixed, "SDX023")[0])
        )


def test_new_cert_given_a_keystore_reports_each_entry_at_its_name() -> None:
    env = ("SEDEX_ID", "SEDEX_CRID", "SEDEX_OTP", "KEYSTORE", "KEYSTORE_PW")
    files = {"j.yaml": job(env=env)}
    assert sdx023(files) == [("SDX023", "j.yaml", 22, 21), ("SDX023", "j.yaml", 24, 21)]
    assert run_messages(files, "SDX023")[0].startswith(
        "init-container-new-cert.sh configures a new participant (case b) but is given "
        "KEYSTORE, the keystore of an existing participant: run init-container-existing-cert.sh"
    )


def test_existing_cert_needs_the_keystore_and_takes_no_crid_or_otp_of_either_naming() -> None:
    script = "init-container-existing-cert.sh"
    files = {"j.yaml": job(script, ("SEDEX_ID", "KEYSTORE", "CRID", "SEDEX_OTP"))}
    assert sdx023(files) == [
        ("SDX023", "j.yaml", 14, 15),
        ("SDX023", "j.yaml", 20, 21),
        ("SDX023", "j.yaml", 22, 21),
    ]
    messages = run_messages(files, "SDX023")
    assert messages[0] == (
        "init-container-existing-cert.sh configures an existing participant (case a) but gets "
        "no KEYSTORE_PW (the keystore and its password)"
    )
    assert "is given CRID, the CRID and OTP of a new participant" in messages[1]
    assert "is given SEDEX_OTP" in messages[2]


def test_either_script_needs_the_sedex_id() -> None:
    files = {"j.yaml": job(env=("SEDEX_CRID", "SEDEX_OTP"))}
    assert sdx023(files) == [("SDX023", "j.yaml", 14, 15)]
    assert run_messages(files, "SDX023")[0].endswith("gets no SEDEX_ID: both init scripts need it")
    existing = job("init-container-existing-cert.sh", env=())
    assert sdx023({"j.yaml": existing}) == [
        ("SDX023", "j.yaml", 14, 15),
        ("SDX023", "j.yaml", 14, 15),
    ]


def test_a_secret_in_the_run_gives_its_keys_or_lacks_them() -> None:
    files = {
        "j.yaml": job(env=("SEDEX_ID",), env_from=secret_ref()),
        "-": secret("SEDEX_CRID: '1'\n  SEDEX_OTP: x"),
    }
    assert sdx023(files) == []
    files["-"] = secret("SEDEX_CRID: '1'")
    assert sdx023(files) == [("SDX023", "j.yaml", 14, 15)]
    assert "gets no SEDEX_OTP " in run_messages(files, "SDX023")[0]


def test_data_keys_of_a_secret_count_as_string_data_does() -> None:
    data = "SEDEX_CRID: MQ==\n  SEDEX_OTP: eA=="
    text = secret("x: y").replace("stringData:\n  x: y", "data:\n  " + data)
    assert sdx023({"j.yaml": job(env=("SEDEX_ID",), env_from=secret_ref()), "s.yaml": text}) == []


def test_a_secret_not_in_the_run_may_hold_anything_but_known_extras_still_count() -> None:
    files = {"j.yaml": job(env=(), env_from=secret_ref("elsewhere"))}
    assert sdx023(files) == []
    extra = {"j.yaml": job(env=("KEYSTORE",), env_from=secret_ref("elsewhere"))}
    assert sdx023(extra) == [("SDX023", "j.yaml", 19, 21)]


def test_an_extra_from_a_secret_is_reported_once_at_the_env_from_reference() -> None:
    files = {
        "j.yaml": job(env=("SEDEX_ID", "SEDEX_CRID", "SEDEX_OTP"), env_from=secret_ref()),
        "s.yaml": secret("KEYSTORE: a\n  KEYSTORE_PW: b"),
    }
    assert sdx023(files) == [("SDX023", "j.yaml", 16, 15)]
    assert "is given KEYSTORE and KEYSTORE_PW, " in run_messages(files, "SDX023")[0]


def test_the_prefix_is_added_to_the_keys() -> None:
    files = {
        "j.yaml": job(env=("SEDEX_ID",), env_from=secret_ref(prefix="SEDEX_")),
        "s.yaml": secret("CRID: '1'\n  OTP: x"),
    }
    assert sdx023(files) == []
    files["j.yaml"] = job(env=("SEDEX_ID",), env_from=secret_ref(prefix="X_"))
    assert sdx023(files) == [("SDX023", "j.yaml", 14, 15)]


def test_a_secret_of_another_namespace_is_not_the_one_used() -> None:
    pairs = {(None, None): True, ("prod", "prod"): True, (None, "default"): False}
    pairs |= {("default", None): False, ("prod", "test"): False}
    for (first, second), found in pairs.items():
        files = {
            "j.yaml": job(env=("SEDEX_ID",), env_from=secret_ref(), namespace=first),
            "s.yaml": secret("SEDEX_CRID: '1'\n  SEDEX_OTP: x", namespace=second),
        }
        # Another namespace's Secret is not in the run for this Job: nothing can be missing.
        assert sdx023(files) == [], (first, second)
        files["s.yaml"] = secret("SEDEX_CRID: '1'", namespace=second)
        assert bool(sdx023(files)) is found, (first, second)


def test_a_deployment_init_container_running_the_script_is_phase_one_and_checked() -> None:
    deployment = f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: {MODERN}
          command: [sh, -c, "init-container-existing-cert.sh && echo done"]
          env:
            - name: SEDEX_ID
              value: 1-1234-1
      containers:
        - name: client
          image: {MODERN}
          env:
            - name: CRID
              value: x
"""
    assert sdx023({"d.yaml": deployment}) == [("SDX023", "d.yaml", 11, 29)]
    assert "gets no KEYSTORE and KEYSTORE_PW" in run_messages({"d.yaml": deployment}, "SDX023")[0]


def test_the_script_as_first_argument_is_reported_at_the_argument() -> None:
    text = job(env=("SEDEX_ID",)).replace(
        "command:\n            - init-container-new-cert.sh",
        "command: [/bin/entrypoint]\n"
        "          args:\n            - /opt/init-container-new-cert.sh",
    )
    assert sdx023({"j.yaml": text}) == [("SDX023", "j.yaml", 15, 15)]


def test_a_client_container_and_other_scripts_are_not_checked() -> None:
    client = (
        job(env=("KEYSTORE",))
        .replace("kind: Job", "kind: Deployment")
        .replace("      restartPolicy: Never\n", "")
    )
    assert sdx023({"c.yaml": client}) == []
    other = job("init-container-something.sh", env=())
    assert sdx023({"j.yaml": other}) == []


def test_parallel_run_reports_as_the_serial_one() -> None:
    files = {
        f"j{i:02}.yaml": job(env=("SEDEX_ID",), env_from=secret_ref(), namespace=f"n{i}")
        for i in range(12)
    }
    files |= {
        f"s{i:02}.yaml": secret("SEDEX_CRID: '1'", namespace=f"n{i}") for i in range(0, 12, 3)
    }
    serial = lint_run(files, "SDX023")
    assert len(serial) == 4
    assert lint_run(files, "SDX023", jobs=2) == serial
