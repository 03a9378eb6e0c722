"""SDX020 secret-literal-env: credentials as a literal `value:` in a pod that runs the sedex
image, at the value, without repeating it."""

from __future__ import annotations

import pytest

from tests.rule_case import lint_rule, rule_messages

IMAGE = "sedexch/sedex-client:6.0.6_container-0.99-beta"
SECRET = "s3cr3t-Passw0rd"


def deployment(env: str, image: str = IMAGE) -> str:
    """A client whose `env` entries start on line 12 (the first `value:` is on line 13, its
    value at column 22)."""
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sedex-client
spec:
  template:
    spec:
      containers:
        - name: sedex-client
          image: {image}
          env:
{env}"""


def literal(name: str, value: str = SECRET) -> str:
    return f"            - name: {name}\n              value: {value}\n"


def from_secret(name: str) -> str:
    return (
        f"            - name: {name}\n"
        "              valueFrom:\n"
        "                secretKeyRef: {name: sedex-init, key: value}\n"
    )


def test_a_literal_keystore_password_is_reported_at_its_value_without_the_value() -> None:
    text = deployment(literal("KEYSTORE_PW"))
    assert lint_rule(text, "SDX020") == [("SDX020", 13, 22)]
    assert rule_messages(text, "SDX020") == [
        "container 'sedex-client' sets the credential KEYSTORE_PW as a literal value, so "
        "everyone who can read the manifest, its Git history or the cluster's objects can "
        "read it; take it from a Secret with valueFrom.secretKeyRef, and rotate it, since it "
        "has been exposed"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "KEYSTORE",
        "KEYSTORE_PW",
        "CRID",
        "OTP",
        "SEDEX_CRID",
        "SEDEX_OTP",
        "SEDEX_CERTIFICATE_PASSWORD",
        "OUTGOING_WEB_PROXY_PASSWORD",
        "WSPROXY_HTTPS_KEY_STORE_PASSWORD",
        "WSPROXY_HTTPS_KEY_PASSWORD",
        "DATABASE_PASSWORD",
        "ADMIN_PW",
        "keystore_pw",
        "Sedex_Otp",
        "outgoing_web_proxy_password",
    ],
)
def test_every_credential_name_is_reported_in_any_case(name: str) -> None:
    text = deployment(literal(name))
    assert lint_rule(text, "SDX020") == [("SDX020", 13, 22)]
    (message,) = rule_messages(text, "SDX020")
    assert f"sets the credential {name} as a literal value" in message
    assert SECRET not in message


@pytest.mark.parametrize(
    "name",
    [
        "SEDEX_ID",
        "OUTGOING_WEB_PROXY_USER",
        "OUTGOING_WEB_PROXY_HOST",
        "SEDEX_CERTIFICATE_FILENAME",
        "WSPROXY_HTTPS_KEY_STORE_FILE",
        "PASSWORD_FILE",
        "PW",
        "KEYSTORE_PATH",
        "OTP_HINT",
    ],
)
def test_other_names_are_not_credentials(name: str) -> None:
    assert lint_rule(deployment(literal(name)), "SDX020") == []


def test_numbers_and_booleans_are_literal_values_too() -> None:
    text = deployment(literal("OTP", "123456") + literal("CRID", "true"))
    assert lint_rule(text, "SDX020") == [("SDX020", 13, 22), ("SDX020", 15, 22)]
    assert all("123456" not in message for message in rule_messages(text, "SDX020"))


@pytest.mark.parametrize("value", ['""', "''", "", "null", "~"])
def test_an_empty_or_null_value_exposes_nothing(value: str) -> None:
    assert lint_rule(deployment(literal("KEYSTORE_PW", value)), "SDX020") == []


def test_references_pass() -> None:
    config_map = (
        "            - name: OTP\n"
        "              valueFrom:\n"
        "                configMapKeyRef: {name: sedex-init, key: otp}\n"
    )
    env = from_secret("KEYSTORE") + from_secret("KEYSTORE_PW") + config_map
    env += "          envFrom:\n            - secretRef: {name: sedex-proxy}\n"
    env += "            - configMapRef: {name: sedex-settings}\n"
    assert lint_rule(deployment(env), "SDX020") == []


def test_a_literal_given_after_a_reference_of_the_same_name_is_reported() -> None:
    # Kubernetes keeps the last entry of a name, so the container gets the literal
    text = deployment(from_secret("KEYSTORE_PW") + literal("KEYSTORE_PW"))
    assert lint_rule(text, "SDX020") == [("SDX020", 16, 22)]
    (message,) = rule_messages(text, "SDX020")
    assert "sets the credential KEYSTORE_PW as a literal value, so" in message


def test_a_literal_that_a_later_reference_overrides_is_still_exposed() -> None:
    # the container gets the Secret, but the literal is in the manifest and its history
    text = deployment(literal("KEYSTORE_PW") + from_secret("KEYSTORE_PW"))
    assert lint_rule(text, "SDX020") == [("SDX020", 13, 22)]
    assert rule_messages(text, "SDX020") == [
        "container 'sedex-client' sets the credential KEYSTORE_PW as a literal value that a "
        "later entry of the same name overrides, so everyone who can read the manifest, its "
        "Git history or the cluster's objects can read it; take it from a Secret with "
        "valueFrom.secretKeyRef, and rotate it, since it has been exposed"
    ]


def test_a_literal_given_twice_is_reported_twice() -> None:
    text = deployment(literal("OTP") + literal("OTP", "another-one"))
    assert lint_rule(text, "SDX020") == [("SDX020", 13, 22), ("SDX020", 15, 22)]


def test_a_literal_beside_a_value_from_is_reported() -> None:
    entry = from_secret("KEYSTORE_PW") + f"              value: {SECRET}\n"
    text = deployment(entry)
    assert lint_rule(text, "SDX020") == [("SDX020", 15, 22)]
    (message,) = rule_messages(text, "SDX020")
    assert "as a literal value beside valueFrom, which the API server refuses, so" in message
    assert SECRET not in message


@pytest.mark.parametrize("value", ["$(KEYSTORE_PW_FROM_SECRET)", "$(A)$(B)"])
def test_a_reference_to_another_variable_is_not_a_literal(value: str) -> None:
    # Kubernetes substitutes $(NAME) with the earlier variable, here taken from a Secret
    env = from_secret("KEYSTORE_PW_FROM_SECRET") + literal("KEYSTORE_PW", f'"{value}"')
    assert lint_rule(deployment(env), "SDX020") == []


@pytest.mark.parametrize("value", ["pre$(A)", "$(A)post", "$$(A)", "$(A", "$()"])
def test_text_around_a_reference_is_a_literal(value: str) -> None:
    env = from_secret("A") + literal("KEYSTORE_PW", f'"{value}"')
    assert lint_rule(deployment(env), "SDX020") == [("SDX020", 16, 22)]


def test_malformed_entries_are_skipped_without_an_error() -> None:
    env = (
        "            - name: [KEYSTORE_PW]\n              value: x\n"
        "            - {name: {n: OTP}, value: x}\n"
        "            - just-a-string\n"
        "            - value: x\n"
    )
    env += literal("OTP")
    assert lint_rule(deployment(env), "SDX020") == [("SDX020", 18, 22)]


def test_every_container_of_the_pod_is_checked() -> None:
    text = f"""\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: sedex-client
    spec:
      template:
        spec:
          initContainers:
            - name: setup
              image: {IMAGE}
              command: [init-container-existing-cert.sh]
              env:
                - {{name: KEYSTORE, value: MIIKeQIBAzCCCj8GCSqGSIb3DQEHAaCCCjAEggos}}
            - name: proxy
              image: registry.example.ch/proxy:1
              restartPolicy: Always
              env:
                - {{name: UPSTREAM_PASSWORD, value: {SECRET}}}
          containers:
            - name: sedex-client
              image: {IMAGE}
              env:
                - {{name: WSPROXY_HTTPS_KEY_STORE_PASSWORD, value: {SECRET}}}
            - name: exporter
              image: registry.example.ch/exporter:1
              env:
                - {{name: METRICS_PW, value: {SECRET}}}
    """
    assert lint_rule(text, "SDX020") == [
        ("SDX020", 13, 39),
        ("SDX020", 18, 48),
        ("SDX020", 23, 63),
        ("SDX020", 27, 41),
    ]
    names = [message.split("'")[1] for message in rule_messages(text, "SDX020")]
    assert names == ["setup", "proxy", "sedex-client", "exporter"]


def test_a_phase_one_job_is_checked() -> None:
    text = f"""\
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: sedex-init
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: init
              image: {IMAGE}
              command: [init-container-new-cert.sh]
              env:
                - name: SEDEX_ID
                  value: 1-1234-1
                - name: CRID
                  value: "123456789"
                - name: OTP
                  value: "987654"
    """
    assert lint_rule(text, "SDX020") == [("SDX020", 17, 22), ("SDX020", 19, 22)]


def test_a_workload_without_the_sedex_image_is_not_checked() -> None:
    text = deployment(literal("KEYSTORE_PW") + literal("DB_PASSWORD"), "postgres:16")
    assert lint_rule(text, "SDX020") == []


def test_a_job_running_another_image_with_an_init_script_name_is_not_checked() -> None:
    text = f"""\
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: other
    spec:
      template:
        spec:
          containers:
            - name: init
              image: registry.example.ch/tools:1
              command: [init-container-new-cert.sh]
              env:
                - {{name: OTP, value: {SECRET}}}
    """
    assert lint_rule(text, "SDX020") == []
