"""SARIF, JUnit, GitHub annotations and GitLab Code Quality, each checked against its consumer."""

from __future__ import annotations

import hashlib
import io
import json
import re
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from sedex_lint import __version__
from sedex_lint.api import lint_text as lint_with
from sedex_lint.fingerprints import fingerprint
from sedex_lint.locations import report_path
from sedex_lint.model import (
    HELM,
    Finding,
    InputError,
    InternalError,
    ObjectRef,
    Origin,
    Position,
    Report,
    RuleMeta,
    Severity,
    Suppression,
)
from sedex_lint.registry import RuleSet, builtin_rules
from sedex_lint.reporters import github, gitlab, json_report, junit, sarif, text
from sedex_lint.reporters.options import RenderOptions
from sedex_lint.runner import rule_page
from tests.conftest import FORMAT_SCHEMAS as SCHEMAS
from tests.conftest import manifest

SEED_RULES = ("SDX001", "SDX002", "SDX003", "SDX004", "SDX005", "SDX010", "SDX011", "SDX012")


def lint_text(text: str, name: str) -> Report:
    """The formats are tested on the seed rules' findings of STREAM, so that a rule added
    later (which fires on STREAM too) leaves these tests alone."""
    rules = builtin_rules()
    seed = RuleSet(tuple(rule for rule in rules.rules if rule.code in SEED_RULES), rules.checks)
    return lint_with(text, name, seed)


ERROR = Severity.ERROR

# Every finding of this stream covers one line, so every format can carry its column.
STREAM = manifest(
    """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: sedex-config
    data:
      mode: a
      mode: b
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: sedex-client
      namespace: sedex
    spec:
      replicas: 2
      template:
        spec:
          containers:
            - name: sedex-client
              image: sedexch/sedex-client:8.0.1_container-1.2.0
              resources:
                requests: {memory: 512Mi}
              livenessProbe: {exec: {command: [/opt/sedex-client/scripts/check-health.sh]}}
              readinessProbe: {httpGet: {path: /monitoring, port: 8000}}
              volumeMounts:
                - {name: data, mountPath: /sedex-data}
          volumes:
            - name: data
              emptyDir: {}
    """
)
STREAM_FINDINGS = [
    ("SDX010", 7, 3, 7, 7),
    ("SDX002", 14, 1, 14, 5),
    ("SDX001", 15, 13, 15, 14),
    ("SDX004", 22, 32, 22, 37),
    ("SDX003", 29, 11, 29, 19),
]
# Without probes, SDX005 reports twice at the container mapping, a range over several lines.
NO_PROBES = "\n".join(line for line in STREAM.splitlines() if "Probe:" not in line) + "\n"
FILE = "deploy/app.yaml"

REF = ObjectRef("apps/v1", "Deployment", "sedex-client", "sedex")
OTHER = ObjectRef("apps/v1", "StatefulSet", "sedex-client", None)
TRICKY = "100% sure: a,b\r\nsecond line, %0A stays literal"
MEMORY_PATH = ("spec", "template", "spec", "containers", 0, "resources", "requests", "memory")
RULES = (
    RuleMeta(
        "SDX001", "single-replica", ERROR, ERROR, "At most one client pod.",
        "https://sedex-lint.example/rules/SDX001-single-replica.md",
    ),
    RuleMeta(
        "SDX004", "memory-allocation", Severity.WARNING, ERROR, "At least 1G of memory.",
        "docs/rules/SDX004-memory-allocation.md",
    ),
)  # fmt: skip
HELM_FINDING = Finding(
    "SDX001", "single-replica", ERROR, TRICKY, FILE, Position(7, 13, 7, 14), REF,
    ("spec", "replicas"), Origin(HELM, "sedex/templates/deployment.yaml"),
)  # fmt: skip
WARNING_FINDING = Finding(
    "SDX004", "memory-allocation", Severity.WARNING, "request of 512Mi is below 1G", FILE,
    Position(14, 32, 14, 37), REF, MEMORY_PATH,
)  # fmt: skip
INFO_FINDING = Finding(
    "SDX002", "recreate-strategy", Severity.INFO, "no update strategy", "deploy/other.yaml",
    Position(3, 1, 8, 1), OTHER, ("spec",),
)  # fmt: skip
BY_COMMENT = Finding(
    "SDX001", "single-replica", ERROR, "runs 2 replicas", "deploy/other.yaml",
    Position(5, 13, 5, 14), OTHER, ("spec", "replicas"),
    suppression=Suppression("comment", "scaled down by the operator"),
)  # fmt: skip
BY_BASELINE = Finding(
    "SDX004", "memory-allocation", Severity.WARNING, "request of 512Mi is below 1G",
    "deploy/other.yaml", Position(9, 3, 9, 9), OTHER, MEMORY_PATH,
    suppression=Suppression("baseline", "recorded in baseline .sedex-baseline.json"),
)  # fmt: skip
HANDMADE = Report(
    findings=(HELM_FINDING, WARNING_FINDING, INFO_FINDING),
    errors=(InputError("broken.yaml", 4, 3, "mapping values are not allowed here"),),
    internal_errors=(InternalError("SDX004", FILE, "KeyError: 'memory'"),),
    files=(FILE, "deploy/other.yaml", "deploy/clean.yaml"),
    suppressed=(BY_COMMENT, BY_BASELINE),
    rules=RULES,
)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Reporters resolve paths against the working directory; make it known."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def positions(report: Report) -> list[tuple[str, int, int, int, int]]:
    return [(f.code, *f.position) for f in report.findings]


def test_the_stream_has_the_findings_the_tests_rely_on() -> None:
    assert positions(lint_text(STREAM, FILE)) == STREAM_FINDINGS


# --- SARIF -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def sarif_log(
    report: Report, validator: jsonschema.Draft4Validator, options: RenderOptions | None = None
) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(sarif.render(report, ERROR, options))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


def test_sarif_results_carry_exact_regions_and_relative_uris(
    sarif_validator: jsonschema.Draft4Validator, in_tmp: Path
) -> None:
    report = lint_text(STREAM, FILE)
    log = sarif_log(report, sarif_validator)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": in_tmp.as_uri() + "/"}}
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("sedex-lint", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [meta.code for meta in report.rules]
    found = [
        (
            r["ruleId"],
            driver["rules"][r["ruleIndex"]]["id"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            tuple(r["locations"][0]["physicalLocation"]["region"].values()),
        )
        for r in run["results"]
    ]
    location = {"uri": FILE, "uriBaseId": "%SRCROOT%"}
    assert found == [(c, c, "error", location, (a, b, c2, d)) for c, a, b, c2, d in STREAM_FINDINGS]
    assert run["results"][2]["message"] == {"text": report.findings[2].message}
    assert run["results"][2]["properties"] == {
        "path": "spec.replicas",
        "object": {"kind": "Deployment", "namespace": "sedex", "name": "sedex-client"},
    }
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["exitCode"] == 1
    assert invocation["toolExecutionNotifications"] == []


def test_sarif_rules_describe_every_rule_that_ran(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    rules = sarif_log(HANDMADE, sarif_validator)["runs"][0]["tool"]["driver"]["rules"]
    assert rules == [
        {
            "id": "SDX001",
            "name": "single-replica",
            "shortDescription": {"text": "At most one client pod."},
            "fullDescription": {"text": "At most one client pod."},
            "help": {
                "text": "At most one client pod.\n\nRule documentation: "
                "https://sedex-lint.example/rules/SDX001-single-replica.md",
                "markdown": "At most one client pod.\n\n[Rule documentation]"
                "(https://sedex-lint.example/rules/SDX001-single-replica.md)",
            },
            "defaultConfiguration": {"level": "error"},
            "helpUri": "https://sedex-lint.example/rules/SDX001-single-replica.md",
        },
        {
            # a repository-relative page is no absolute URI, so SARIF's helpUri must stay unset,
            # and the help names no path, which would not exist in the scanned repository
            "id": "SDX004",
            "name": "memory-allocation",
            "shortDescription": {"text": "At least 1G of memory."},
            "fullDescription": {"text": "At least 1G of memory."},
            "help": {"text": "At least 1G of memory.", "markdown": "At least 1G of memory."},
            "defaultConfiguration": {"level": "error"},
        },
    ]


def test_sarif_help_is_the_rule_page_in_markdown(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    from sedex_lint.rule_docs import render_rule

    report = lint_text(STREAM, FILE)
    rules = sarif_log(report, sarif_validator)["runs"][0]["tool"]["driver"]["rules"]
    pages = {rule.code: render_rule(rule).rstrip("\n") for rule in builtin_rules().rules}
    assert {rule["id"]: rule["help"] for rule in rules} == {
        code: {"text": pages[code], "markdown": pages[code]} for code in SEED_RULES
    }
    assert all("helpUri" not in rule for rule in rules)
    sdx001 = rules[0]["help"]["markdown"]
    assert sdx001.startswith("# SDX001 `single-replica`\n")
    assert "## How to fix" in sdx001 and "```yaml" in sdx001 and "docs/rules/" not in sdx001


def test_sarif_links_the_published_page_when_docs_url_is_configured(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    (rule,) = [r for r in builtin_rules().rules if r.code == "SDX001"]
    meta = rule.meta("https://lint.example.ch/docs/rules/", partial(rule_page, rule))
    report = Report((), rules=(meta,))
    (descriptor,) = sarif_log(report, sarif_validator)["runs"][0]["tool"]["driver"]["rules"]
    url = "https://lint.example.ch/docs/rules/SDX001-single-replica.md"
    assert descriptor["helpUri"] == url
    assert descriptor["help"]["markdown"].endswith(f"\n\n[Rule documentation]({url})")
    assert descriptor["help"]["text"].endswith(f"\n\nRule documentation: {url}")


def test_sarif_maps_info_to_note_and_records_severity_overrides(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    run = sarif_log(HANDMADE, sarif_validator)["runs"][0]
    assert [(r["ruleId"], r.get("ruleIndex"), r["level"]) for r in run["results"]] == [
        ("SDX001", 0, "error"),
        ("SDX004", 1, "warning"),
        ("SDX002", None, "note"),
    ]
    assert run["invocations"][0]["ruleConfigurationOverrides"] == [
        {"descriptor": {"id": "SDX004", "index": 1}, "configuration": {"level": "warning"}}
    ]


def test_sarif_helm_template_is_a_property_and_a_related_location(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    result = sarif_log(HANDMADE, sarif_validator)["runs"][0]["results"][0]
    assert result["message"] == {"text": TRICKY}
    assert result["properties"]["helmTemplate"] == "sedex/templates/deployment.yaml"
    assert result["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {"artifactLocation": {"uri": "sedex/templates/deployment.yaml"}},
            "message": {"text": "Rendered from the Helm template sedex/templates/deployment.yaml"},
        }
    ]
    assert result["partialFingerprints"] == {"sedexLint/v1": fingerprint(HELM_FINDING)}


def test_sarif_helm_source_comes_from_a_linted_stream(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    rendered = STREAM.replace("---\n", "---\n# Source: sedex/templates/deployment.yaml\n")
    results = sarif_log(lint_text(rendered, "-"), sarif_validator)["runs"][0]["results"]
    assert [r["properties"].get("helmTemplate") for r in results] == [None] + 4 * [
        "sedex/templates/deployment.yaml"
    ]
    assert [len(r.get("relatedLocations", ())) for r in results] == [0, 1, 1, 1, 1]
    assert results[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "stdin"},
        "region": {"startLine": 15, "startColumn": 1, "endLine": 15, "endColumn": 5},
    }


def test_sarif_leaves_suppressed_findings_out(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    # GitHub code scanning ingests a result with `suppressions` as an open alert
    results = sarif_log(HANDMADE, sarif_validator)["runs"][0]["results"]
    assert len(results) == len(HANDMADE.findings) == 3
    assert all("suppressions" not in result for result in results)


def test_sarif_suppressed_findings_are_results_with_suppressions_when_shown(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    shown = RenderOptions(show_suppressed=True)
    results = sarif_log(HANDMADE, sarif_validator, shown)["runs"][0]["results"]
    assert [(r["ruleId"], r.get("ruleIndex"), r["level"]) for r in results[3:]] == [
        ("SDX001", 0, "error"),
        ("SDX004", 1, "warning"),
    ]
    assert [r.get("suppressions") for r in results] == [
        None,
        None,
        None,
        [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": "scaled down by the operator",
            }
        ],
        [
            {
                "kind": "external",
                "status": "accepted",
                "justification": "recorded in baseline .sedex-baseline.json",
            }
        ],
    ]


def test_sarif_input_and_internal_errors_are_notifications(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    (invocation,) = sarif_log(HANDMADE, sarif_validator)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 3
    assert invocation["properties"] == {"failOn": "error"}
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "mapping values are not allowed here"},
            "descriptor": {"id": "sedex-lint/input-error"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 4, "startColumn": 3},
                    }
                }
            ],
        },
        {
            "level": "error",
            "message": {"text": "rule SDX004 crashed: KeyError: 'memory'"},
            "descriptor": {"id": "sedex-lint/internal-error"},
            "associatedRule": {"id": "SDX004", "index": 1},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": FILE, "uriBaseId": "%SRCROOT%"}}}
            ],
        },
    ]


def test_sarif_input_error_alone_makes_the_execution_unsuccessful(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    log = sarif_log(lint_text("a: [1\n", "bad.yaml"), sarif_validator)
    (invocation,) = log["runs"][0]["invocations"]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (False, 2)
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.yaml"
    assert set(notification["locations"][0]["physicalLocation"]["region"]) == {
        "startLine",
        "startColumn",
    }


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("deploy/app.yaml", {"uri": "deploy/app.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./deploy/../app.yaml", {"uri": "app.yaml", "uriBaseId": "%SRCROOT%"}),
        ("my manifests/ünïcode #1.yaml", {
            "uri": "my%20manifests/%C3%BCn%C3%AFcode%20%231.yaml", "uriBaseId": "%SRCROOT%",
        }),
        ("-", {"uri": "stdin"}),
    ],
)  # fmt: skip
def test_sarif_uris_are_relative_and_percent_encoded(file: str, expected: dict[str, str]) -> None:
    assert sarif.artifact_location(file) == expected


def test_sarif_uri_outside_the_working_directory_is_an_absolute_file_uri(in_tmp: Path) -> None:
    outside = in_tmp.parent / "elsewhere dir" / "app.yaml"
    expected = {"uri": f"{in_tmp.parent.as_uri()}/elsewhere%20dir/app.yaml"}
    assert sarif.artifact_location("../elsewhere dir/app.yaml") == expected
    assert sarif.artifact_location(str(outside)) == expected
    assert sarif.artifact_location(str(in_tmp / "inside.yaml")) == {
        "uri": "inside.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_columns_count_code_points_as_declared(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    wide = STREAM.replace("requests: {memory: 512Mi}", 'requests: {"😀ü": 1, memory: 512Mi}')
    results = sarif_log(lint_text(wide, FILE), sarif_validator)["runs"][0]["results"]
    region = results[3]["locations"][0]["physicalLocation"]["region"]
    # 😀 is two UTF-16 code units; in code points the value starts 9 columns further right
    assert (results[3]["ruleId"], region["startColumn"], region["endColumn"]) == ("SDX004", 41, 46)


def test_partial_fingerprints_survive_lines_inserted_above() -> None:
    moved = STREAM.replace("---\n", "\n\n\n---\n")
    before, after = lint_text(STREAM, FILE), lint_text(moved, FILE)
    assert [f.line + 3 for f in before.findings[1:]] == [f.line for f in after.findings[1:]]

    def prints(report: Report) -> list[str]:
        results = json.loads(sarif.render(report, ERROR))["runs"][0]["results"]
        return [r["partialFingerprints"]["sedexLint/v1"] for r in results]

    assert prints(before) == prints(after)
    assert prints(before) == [fingerprint(f) for f in before.findings]
    assert len(set(prints(before))) == 5


# --- JUnit -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd")))


def junit_xml(report: Report, schema: etree.XMLSchema, fail_on: Severity = ERROR) -> Any:
    rendered = junit.render(report, fail_on)
    assert rendered.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert rendered.endswith("</testsuites>\n")
    root = etree.fromstring(rendered.encode("utf-8"))
    schema.assertValid(root)
    return root


def suite_counts(root: Any) -> list[tuple[str | None, ...]]:
    keys = ("name", "tests", "failures", "errors", "skipped")
    return [tuple(suite.get(key) for key in keys) for suite in root]


def test_junit_one_failing_testcase_per_finding(junit_schema: etree.XMLSchema) -> None:
    root = junit_xml(lint_text(STREAM, FILE), junit_schema)
    assert root.attrib == {"name": "sedex-lint", "tests": "5", "failures": "5", "errors": "0"}
    assert suite_counts(root) == [(FILE, "5", "5", "0", "0")]
    cases = root[0]
    # no line in a name (lines move), no file-extension dot in a classname (Jenkins splits
    # the classname at its last dot into package and class)
    in_deployment = "in Deployment sedex/sedex-client at"
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("sedex-lint.deploy/app_yaml", "SDX010 duplicate-key at data.mode"),
        ("sedex-lint.deploy/app_yaml", f"SDX002 recreate-strategy {in_deployment} spec.strategy"),
        ("sedex-lint.deploy/app_yaml", f"SDX001 single-replica {in_deployment} spec.replicas"),
        ("sedex-lint.deploy/app_yaml", f"SDX004 memory-allocation {in_deployment} "
         "spec.template.spec.containers[0].resources.requests.memory"),
        ("sedex-lint.deploy/app_yaml", f"SDX003 persistent-data-volume {in_deployment} "
         "spec.template.spec.volumes[0].emptyDir"),
    ]  # fmt: skip
    failure = cases[2].find("failure")
    message = lint_text(STREAM, FILE).findings[2].message
    assert failure.attrib == {"message": f"deploy/app.yaml:15:13: {message}", "type": "SDX001"}
    assert failure.text == (
        f"deploy/app.yaml:15:13: error SDX001 single-replica: {message}\n"
        "object: Deployment sedex-client in namespace sedex"
    )


def junit_names(report: Report, schema: etree.XMLSchema) -> list[tuple[str, str]]:
    root = junit_xml(report, schema)
    return [(case.get("classname"), case.get("name")) for case in root.iter("testcase")]


def test_junit_names_stay_when_lines_are_inserted(junit_schema: etree.XMLSchema) -> None:
    moved = STREAM.replace("---\n", "\n\n\n---\n").replace("spec:\n", "spec:\n  # note\n", 1)
    before, after = lint_text(STREAM, FILE), lint_text(moved, FILE)
    assert [f.line for f in before.findings] != [f.line for f in after.findings]
    assert junit_names(before, junit_schema) == junit_names(after, junit_schema)
    assert len(set(junit_names(before, junit_schema))) == 5


def test_junit_repeated_names_get_a_stable_counter_only_then(junit_schema: etree.XMLSchema) -> None:
    twin = Finding("SDX010", "duplicate-key", ERROR, "key 'a' twice", FILE, Position(2, 1, 2, 2))
    later = Finding("SDX010", "duplicate-key", ERROR, "key 'a' twice", FILE, Position(9, 1, 9, 2))
    other = Finding(
        "SDX001", "single-replica", ERROR, "runs 2", FILE, Position(5, 1, 5, 2), REF, ("spec",)
    )
    names = [name for _, name in junit_names(Report((twin, other, later)), junit_schema)]
    assert names == [
        "SDX010 duplicate-key",
        "SDX001 single-replica in Deployment sedex/sedex-client at spec",
        "SDX010 duplicate-key #2",
    ]
    moved = Report((twin._replace(position=Position(4, 1, 4, 2)), other, later))
    assert [name for _, name in junit_names(moved, junit_schema)] == names


def test_junit_handmade_report_counts_and_outcomes(junit_schema: etree.XMLSchema) -> None:
    root = junit_xml(HANDMADE, junit_schema)
    assert root.attrib == {"name": "sedex-lint", "tests": "8", "failures": "1", "errors": "2"}
    assert suite_counts(root) == [
        (FILE, "3", "1", "1", "0"),
        ("deploy/other.yaml", "3", "0", "0", "2"),
        ("deploy/clean.yaml", "1", "0", "0", "0"),
        ("broken.yaml", "1", "0", "1", "0"),
    ]
    outcome = [
        [(case.get("name"), [child.tag for child in case]) for case in suite] for suite in root
    ]
    memory = "spec.template.spec.containers[0].resources.requests.memory"
    assert outcome == [
        [
            ("SDX001 single-replica in Deployment sedex/sedex-client at spec.replicas",
             ["failure"]),
            # below --fail-on error: reported, but not a failing test
            (f"SDX004 memory-allocation in Deployment sedex/sedex-client at {memory}",
             ["system-out"]),
            ("internal error in rule SDX004", ["error"]),
        ],
        [
            ("SDX002 recreate-strategy in StatefulSet sedex-client at spec", ["system-out"]),
            ("SDX001 single-replica in StatefulSet sedex-client at spec.replicas", ["skipped"]),
            (f"SDX004 memory-allocation in StatefulSet sedex-client at {memory}", ["skipped"]),
        ],
        [("no findings", [])],
        [("input error", ["error"])],
    ]  # fmt: skip
    assert root[1][1].find("skipped").get("message") == "suppressed: scaled down by the operator"
    error = root[3][0].find("error")
    assert error.attrib == {
        "message": "broken.yaml:4:3: mapping values are not allowed here",
        "type": "sedex-lint/input-error",
    }
    assert error.text == "broken.yaml:4:3: input error: mapping values are not allowed here"
    assert root[0][2].find("error").get("type") == "sedex-lint/internal-error"


def test_junit_threshold_decides_what_fails(junit_schema: etree.XMLSchema) -> None:
    root = junit_xml(HANDMADE, junit_schema, fail_on=Severity.INFO)
    assert suite_counts(root)[:2] == [
        (FILE, "3", "2", "1", "0"),
        ("deploy/other.yaml", "3", "1", "0", "2"),
    ]


def test_junit_keeps_special_characters_and_replaces_invalid_ones(
    junit_schema: etree.XMLSchema,
) -> None:
    message = 'a <b> & "c"\tline\nnext \x00\x1b\ufffe end'
    finding = Finding(
        "SDX001", "single-replica", ERROR, message, "odd\x07.yaml", Position(1, 1, 1, 2)
    )
    root = junit_xml(Report((finding,), files=("odd\x07.yaml",)), junit_schema)
    assert root[0].get("name") == "odd\\x07.yaml"
    failure = root[0][0].find("failure")
    expected = 'a <b> & "c"\tline\nnext \\x00\\x1b\\ufffe end'
    assert failure.get("message") == f"odd\\x07.yaml:1:1: {expected}"
    assert failure.text.endswith(f"single-replica: {expected}")


# --- GitHub annotations ------------------------------------------------------------------


def unescape_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ",")):
        value = value.replace(escaped, plain)
    return value.replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """What actions/runner's ActionCommand.TryParseV2 makes of one line."""
    line = line.strip()
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, rest = line[2:end].partition(" ")
    properties = {}
    for item in rest.split(","):
        key, _, value = item.partition("=")
        if item and value:
            properties[key] = unescape_property(value)
    return name, properties, unescape_data(line[end + 2 :])


def test_github_lines_are_exact(in_tmp: Path) -> None:
    report = lint_text(STREAM, FILE)
    lines = github.render(report, ERROR).splitlines()
    where = f"file={in_tmp}/deploy/app.yaml"
    assert [line.split("::")[1] for line in lines] == [
        f"error {where},line=7,col=3,endLine=7,endColumn=7,title=SDX010 duplicate-key",
        f"error {where},line=14,col=1,endLine=14,endColumn=5,title=SDX002 recreate-strategy",
        f"error {where},line=15,col=13,endLine=15,endColumn=14,title=SDX001 single-replica",
        f"error {where},line=22,col=32,endLine=22,endColumn=37,title=SDX004 memory-allocation",
        f"error {where},line=29,col=11,endLine=29,endColumn=19,title=SDX003 persistent-data-volume",
    ]
    assert lines[2] == (
        f"::error {where},line=15,col=13,endLine=15,endColumn=14,title=SDX001 single-replica::"
        + report.findings[2].message
    )


def test_github_handmade_report(in_tmp: Path) -> None:
    lines = github.render(HANDMADE, ERROR).splitlines()
    app, other = f"{in_tmp}/deploy/app.yaml", f"{in_tmp}/deploy/other.yaml"
    assert lines == [
        f"::error file={app},line=7,col=13,endLine=7,endColumn=14,title=SDX001 single-replica"
        "::100%25 sure: a,b%0D%0Asecond line, %250A stays literal"
        " (Helm template: sedex/templates/deployment.yaml)",
        f"::warning file={app},line=14,col=32,endLine=14,endColumn=37,"
        "title=SDX004 memory-allocation::request of 512Mi is below 1G",
        # spans lines 3 to 8: the runner would drop the columns
        f"::notice file={other},line=3,endLine=8,title=SDX002 recreate-strategy"
        "::no update strategy",
        f"::error file={in_tmp}/broken.yaml,line=4,col=3,title=sedex-lint input error"
        "::mapping values are not allowed here",
        "::error title=sedex-lint internal error"
        "::rule SDX004 crashed on deploy/app.yaml: KeyError: 'memory'",
    ]


def test_github_escaping_survives_the_runner_parser(in_tmp: Path) -> None:
    finding = Finding(
        "SDX001", "single-replica", ERROR, TRICKY, "odd, name: 100%.yaml", Position(2, 4, 2, 9)
    )
    (line,) = github.render(Report((finding,)), ERROR).splitlines()
    assert parse_command(line) == (
        "error",
        {
            "file": f"{in_tmp}/odd, name: 100%.yaml",
            "line": "2",
            "col": "4",
            "endLine": "2",
            "endColumn": "9",
            "title": "SDX001 single-replica",
        },
        TRICKY,
    )
    assert "\r" not in line and "\n" not in line


def test_github_stdin_has_no_file_and_empty_report_prints_nothing() -> None:
    lines = github.render(lint_text(STREAM, "-"), ERROR).splitlines()
    assert lines[0].startswith("::error line=7,col=3,endLine=7,endColumn=7,title=SDX010")
    assert github.render(Report(()), ERROR) == ""


# --- GitLab Code Quality -----------------------------------------------------------------

DOCUMENTED_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab_entries(report: Report) -> list[dict[str, Any]]:
    rendered = gitlab.render(report, ERROR)
    assert not rendered.startswith("\ufeff") and rendered.endswith("]\n")
    entries: list[dict[str, Any]] = json.loads(rendered)
    schema = json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for entry in entries:
        assert list(validator.iter_errors(entry)) == []
        # the documented minimum, stricter than GitLab's schema
        for key in ("description", "check_name", "fingerprint", "severity"):
            assert isinstance(entry[key], str) and entry[key]
        assert entry["severity"] in DOCUMENTED_SEVERITIES
        assert isinstance(entry["location"]["path"], str)
        assert isinstance(entry["location"]["lines"]["begin"], int)
    assert len({entry["fingerprint"] for entry in entries}) == len(entries)
    return entries


def test_gitlab_entries_carry_the_documented_fields() -> None:
    report = lint_text(STREAM, FILE)
    entries = gitlab_entries(report)
    assert [
        (e["check_name"], e["severity"], e["location"]["path"], e["location"]["lines"])
        for e in entries
    ] == [(rule, "critical", FILE, {"begin": a, "end": c}) for rule, a, _, c, _ in STREAM_FINDINGS]
    assert [e["fingerprint"] for e in entries] == [fingerprint(f) for f in report.findings]
    finding = report.findings[2]
    assert entries[2] == {
        "type": "issue",
        "check_name": "SDX001",
        "description": f"SDX001 single-replica: {finding.message}",
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint(finding),
        "severity": "critical",
        "location": {"path": FILE, "lines": {"begin": 15, "end": 15}},
    }


def test_gitlab_handmade_report() -> None:
    entries = gitlab_entries(HANDMADE)
    assert [(e["check_name"], e["severity"], e["location"]) for e in entries] == [
        ("SDX001", "critical", {"path": FILE, "lines": {"begin": 7, "end": 7}}),
        ("SDX004", "major", {"path": FILE, "lines": {"begin": 14, "end": 14}}),
        ("SDX002", "info", {"path": "deploy/other.yaml", "lines": {"begin": 3, "end": 8}}),
        (
            "sedex-lint/input-error",
            "blocker",
            {"path": "broken.yaml", "lines": {"begin": 4, "end": 4}},
        ),
        ("sedex-lint/internal-error", "blocker", {"path": FILE, "lines": {"begin": 1, "end": 1}}),
    ]
    assert entries[0]["description"] == (
        f"SDX001 single-replica: {TRICKY} (Helm template: sedex/templates/deployment.yaml)"
    )
    assert (
        entries[3]["description"] == "sedex-lint input error: mapping values are not allowed here"
    )


def test_gitlab_colliding_fingerprints_are_made_distinct_deterministically() -> None:
    twin = Finding("SDX010", "duplicate-key", ERROR, "key 'a' twice", FILE, Position(2, 1, 2, 2))
    later = Finding("SDX010", "duplicate-key", ERROR, "key 'a' twice", FILE, Position(3, 1, 3, 2))
    report = Report((twin, later, later))
    base = fingerprint(twin)
    assert fingerprint(later) == base
    entries = gitlab_entries(report)
    assert [e["fingerprint"] for e in entries] == [
        base,
        hashlib.sha256(f"{base}\x1f2".encode()).hexdigest(),
        hashlib.sha256(f"{base}\x1f3".encode()).hexdigest(),
    ]
    assert gitlab.render(report, ERROR) == gitlab.render(report, ERROR)


def test_gitlab_paths(in_tmp: Path) -> None:
    assert report_path(str(in_tmp / "deploy" / "app.yaml"), in_tmp) == FILE
    assert report_path("-", in_tmp) == "stdin"
    assert report_path("../x.yaml", in_tmp) == f"{in_tmp.parent.as_posix()}/x.yaml"
    assert gitlab.render(Report(()), ERROR) == "[]\n"


# --- the same findings in every format ---------------------------------------------------

Key = tuple[str, str, int, int | None]
_TEXT_LINE = re.compile(r"^\s+(?P<file>\S+):(?P<line>\d+):(?P<col>\d+)\s+\w+\s+(?P<code>\S+)\s")


def from_text(report: Report) -> list[Key]:
    stream = io.StringIO()
    text.render(report, ERROR, stream, color=False, quiet=False)
    matches = (_TEXT_LINE.match(line) for line in stream.getvalue().splitlines())
    return [(m["code"], m["file"], int(m["line"]), int(m["col"])) for m in matches if m]


def from_json(report: Report) -> list[Key]:
    data = json.loads(json_report.render(report, ERROR))
    return [(f["code"], f["file"], f["line"], f["column"]) for f in data["findings"]]


def from_sarif(report: Report) -> list[Key]:
    keys: list[Key] = []
    for result in json.loads(sarif.render(report, ERROR))["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        uri, region = physical["artifactLocation"]["uri"], physical["region"]
        keys.append((result["ruleId"], uri, region["startLine"], region["startColumn"]))
    return keys


def from_junit(report: Report) -> list[Key]:
    keys: list[Key] = []
    for case in etree.fromstring(junit.render(report, ERROR).encode()).iter("testcase"):
        rule = case.get("name").split()[0]
        where = case.find("failure").text.split()[0].rstrip(":")
        file, line, column = where.rsplit(":", 2)
        keys.append((rule, file, int(line), int(column)))
    return keys


def from_github(report: Report, cwd: Path) -> list[Key]:
    keys: list[Key] = []
    for line in github.render(report, ERROR).splitlines():
        _, properties, _ = parse_command(line)
        file = Path(properties["file"]).relative_to(cwd).as_posix()
        column = int(properties["col"]) if "col" in properties else None
        keys.append((properties["title"].split()[0], file, int(properties["line"]), column))
    return keys


def from_gitlab(report: Report) -> list[Key]:
    return [
        (e["check_name"], e["location"]["path"], e["location"]["lines"]["begin"], None)
        for e in json.loads(gitlab.render(report, ERROR))
    ]


def test_every_format_reports_the_same_findings(in_tmp: Path) -> None:
    report = lint_text(STREAM, FILE)
    expected = [(rule, FILE, line, column) for rule, line, column, _, _ in STREAM_FINDINGS]
    assert from_text(report) == expected
    assert from_json(report) == expected
    assert from_sarif(report) == expected
    assert from_junit(report) == expected
    assert from_github(report, in_tmp) == expected
    # Code Quality has no column: GitLab reads location.lines.begin only
    assert from_gitlab(report) == [(rule, file, line, None) for rule, file, line, _ in expected]


def test_every_format_reports_the_same_findings_at_the_same_place(in_tmp: Path) -> None:
    report = lint_text(NO_PROBES, FILE)
    expected = from_json(report)
    assert [key[0] for key in expected] == [
        "SDX010", "SDX002", "SDX001", "SDX005", "SDX005", "SDX004", "SDX003",
    ]  # fmt: skip
    assert expected[3] == expected[4] == ("SDX005", FILE, 19, 11)
    assert from_text(report) == from_sarif(report) == from_junit(report) == expected
    # a missing field is pointed at by one line (the holder's first key), so columns survive
    assert from_github(report, in_tmp) == expected
    assert from_gitlab(report) == [(rule, file, line, None) for rule, file, line, _ in expected]
