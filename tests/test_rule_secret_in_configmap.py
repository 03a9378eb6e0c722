"""SDX021 secret-in-configmap: a credential taken from a ConfigMap, directly or through an
envFrom whose ConfigMap in the run has such a key."""

from __future__ import annotations

from tests.run_case import lint_run, run_messages


def client(env: str = "", env_from: str = "", namespace: str | None = "prod") -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex{ns}
spec:
  template:
    spec:
      containers:
        - name: client
          image: sedexch/sedex-client:8.0.1_container-1.2.0
          envFrom:
            - configMapRef:
                name: settings{env_from}
          env:
            - name: TZ
              value: UTC{env}
"""


def config_map(data: str = "KEYSTORE_PW: x", namespace: str | None = "prod") -> str:
    ns = f"\n  namespace: {namespace}" if namespace is not None else ""
    return f"""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings{ns}
data:
  {data}
"""


KEY_REF = """
            - name: keystore_pw
              valueFrom:
                configMapKeyRef: {name: other, key: pw}"""


def test_envfrom_with_a_credential_key_in_another_file_or_stdin_is_reported() -> None:
    files = {"client.yaml": client(), "-": "# piped\n" + config_map()}
    assert lint_run(files, "SDX021") == [("SDX021", "client.yaml", 13, 15)]
    assert run_messages(files, "SDX021")[0].startswith(
        "ConfigMap settings gives the container the credentials KEYSTORE_PW: "
    )


def test_a_config_map_key_ref_to_a_credential_is_reported_without_the_config_map() -> None:
    assert lint_run({"client.yaml": client(env=KEY_REF)}, "SDX021") == [
        ("SDX021", "client.yaml", 19, 15)
    ]


def test_the_prefix_makes_a_key_a_credential_or_not() -> None:
    files = {
        "c.yaml": client(env_from="\n              prefix: PROXY_"),
        "m.yaml": config_map("PW: x"),
    }
    assert lint_run(files, "SDX021") == [("SDX021", "c.yaml", 13, 15)]
    files = {"c.yaml": client(env_from="\n              prefix: X"), "m.yaml": config_map("_PW: x")}
    assert run_messages(files, "SDX021")[0].startswith(
        "ConfigMap settings gives the container the credentials X_PW: "
    )


def test_binary_data_counts_and_harmless_keys_do_not() -> None:
    binary = config_map("TZ: UTC\nbinaryData:\n  KEYSTORE: AAAA")
    assert lint_run({"c.yaml": client(), "m.yaml": binary}, "SDX021") == [
        ("SDX021", "c.yaml", 13, 15)
    ]
    assert lint_run({"c.yaml": client(), "m.yaml": config_map("TZ: UTC")}, "SDX021") == []


def test_a_variable_that_env_sets_itself_is_not_taken_from_the_config_map() -> None:
    own = "\n            - name: KEYSTORE_PW\n              valueFrom: {secretKeyRef: {name: s}}"
    assert lint_run({"c.yaml": client(env=own), "m.yaml": config_map()}, "SDX021") == []


def test_the_config_map_must_be_in_the_same_namespace_unset_matching_only_unset() -> None:
    pairs = {(None, None): True, ("default", "default"): True, (None, "default"): False}
    pairs |= {("default", None): False, ("prod", "test"): False}
    for (first, second), found in pairs.items():
        files = {"c.yaml": client(namespace=first), "m.yaml": config_map(namespace=second)}
        assert bool(lint_run(files, "SDX021")) is found, (first, second)


def test_a_business_app_is_not_checked() -> None:
    app = client(env=KEY_REF).replace("sedexch/sedex-client:8.0.1_container-1.2.0", "nginx")
    assert lint_run({"c.yaml": app, "m.yaml": config_map()}, "SDX021") == []


def test_parallel_run_over_many_files_reports_as_the_serial_one() -> None:
    files = {f"c{i:02}.yaml": client(namespace=f"n{i}") for i in range(16)}
    files |= {f"m{i:02}.yaml": config_map(namespace=f"n{i}") for i in range(0, 16, 4)}
    serial = lint_run(files, "SDX021")
    assert len(serial) == 4
    assert lint_run(files, "SDX021", jobs=2) == serial
