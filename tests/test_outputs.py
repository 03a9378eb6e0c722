"""Several reports from one run (`-f NAME[:FILE]`), as the command writes them: a real process."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from tests.conftest import BROKEN as CLI_BROKEN
from tests.conftest import FORMAT_SCHEMAS
from tests.conftest import sedex_lint as run_cli

# the CLI tests' manifest, in a namespace
BROKEN = CLI_BROKEN.replace(
    "  name: sedex-client\n", "  name: sedex-client\n  namespace: sedex\n", 1
)
MESSAGE = (
    "Deployment runs 2 replicas of the sedex Client, but at most one client may run per sedex "
    "participant, or messages get lost; set spec.replicas to 1"
)
TEXT = (
    "broken.yaml\n"
    "  broken.yaml:7:13  error  SDX001 single-replica  Deployment sedex-client\n"
    f"    {MESSAGE}\n"
    "    7 |   replicas: 2\n"
    "      |             ^\n"
    "\n"
    "1 file, 1 object, 1 sedex workload: 1 error, 0 warnings, 0 info — failed "
    "(fail on error and above)\n"
)
FORMATS = "text, json, sarif, junit, github, gitlab"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "broken.yaml").write_text(BROKEN)
    return tmp_path


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((FORMAT_SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FORMAT_SCHEMAS / "junit.xsd")))


def test_text_to_stdout_sarif_and_junit_to_files(
    work: Path, sarif_validator: jsonschema.Draft4Validator, junit_schema: etree.XMLSchema
) -> None:
    result = run_cli(
        "-f", "text", "-f", "sarif:out/lint.sarif", "-f", "junit:junit.xml", "broken.yaml", cwd=work
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, TEXT, "")
    assert sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()) == [
        "broken.yaml",
        "junit.xml",
        "out/lint.sarif",
    ]

    log = json.loads((work / "out" / "lint.sarif").read_text(encoding="utf-8"))
    sarif_validator.validate(log)
    (run,) = log["runs"]
    assert run["invocations"][0]["exitCode"] == 1
    assert [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ] == [
        (
            "SDX001",
            "error",
            MESSAGE,
            {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"},
            {"startLine": 7, "startColumn": 13, "endLine": 7, "endColumn": 14},
        )
    ]

    xml = etree.parse(str(work / "junit.xml"))
    junit_schema.assertValid(xml)
    root = xml.getroot()
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == (
        "testsuites",
        "1",
        "1",
        "0",
    )
    (case,) = root.iter("testcase")
    assert (case.get("classname"), case.get("name")) == (
        "sedex-lint.broken_yaml",
        "SDX001 single-replica in Deployment sedex/sedex-client at spec.replicas",
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "SDX001"
    assert failure.text is not None
    assert failure.text.startswith(f"broken.yaml:7:13: error SDX001 single-replica: {MESSAGE}\n")


def test_every_report_can_go_to_a_file_leaving_stdout_empty(work: Path) -> None:
    result = run_cli(
        "-f", "text:report.txt", "-f", "json:report.json", "-f", "gitlab:cq.json", "broken.yaml",
        cwd=work,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert (work / "report.txt").read_text(encoding="utf-8") == TEXT  # no colour in a file
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in report["findings"]] == [
        ("SDX001", "broken.yaml", 7, 13)
    ]
    quality = json.loads((work / "cq.json").read_text(encoding="utf-8"))
    assert [(e["check_name"], e["location"]["path"], e["location"]["lines"]) for e in quality] == [
        ("SDX001", "broken.yaml", {"begin": 7, "end": 7})
    ]


def test_one_stdout_format_next_to_files_is_that_format_alone(work: Path) -> None:
    result = run_cli("-f", "sarif:lint.sarif", "-f", "json", "broken.yaml", cwd=work)
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["code"] == "SDX001"
    assert (work / "lint.sarif").is_file()


@pytest.mark.parametrize(
    ("formats", "names"),
    [
        (["-f", "text", "-f", "json"], "text, json"),
        (["--format", "sarif", "--format", "junit:j.xml", "--format", "github"], "sarif, github"),
        (["-f", "json", "-f", "json"], "json, json"),
    ],
)
def test_two_formats_on_stdout_is_a_usage_error(work: Path, formats: list[str], names: str) -> None:
    result = run_cli(*formats, "broken.yaml", cwd=work)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: --format: formats {names} would all go to standard output; "
        "send all but one to files with NAME:FILE\n"
    )
    assert not (work / "j.xml").exists()  # refused before anything is written


@pytest.mark.parametrize("spec", ["xml", "SARIF", "sarif2:lint.sarif", ":lint.sarif"])
def test_unknown_format_is_a_usage_error(work: Path, spec: str) -> None:
    result = run_cli("-f", spec, "broken.yaml", cwd=work)
    name = spec.partition(":")[0]
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"sedex-lint: error: --format: unknown format {name!r} (choose from {FORMATS})\n"
    )
    assert sorted(p.name for p in work.iterdir()) == ["broken.yaml"]


def test_output_path_that_is_a_directory_exits_2_with_one_line(work: Path) -> None:
    (work / "out").mkdir()
    result = run_cli("-q", "-f", "sarif:out", "broken.yaml", cwd=work)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "sedex-lint: error: cannot write out: Is a directory\n"


def test_output_below_a_regular_file_exits_2_after_the_other_reports(work: Path) -> None:
    (work / "notadir").write_text("")
    result = run_cli("-f", "text", "-f", "junit:notadir/junit.xml", "broken.yaml", cwd=work)
    assert result.returncode == 2
    assert result.stdout == TEXT  # the reports before the failing one are complete
    assert result.stderr.startswith("sedex-lint: error: cannot write notadir/junit.xml: ")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert "Traceback" not in result.stderr


def test_github_actions_without_format_prints_text_then_annotations(work: Path) -> None:
    result = run_cli("broken.yaml", env={"GITHUB_ACTIONS": "true"}, cwd=work)
    assert result.returncode == 1
    annotation = (
        f"::error file={work / 'broken.yaml'},line=7,col=13,endLine=7,endColumn=14,"
        f"title=SDX001 single-replica::{MESSAGE}\n"
    )
    assert result.stdout == TEXT + annotation
    assert result.stderr == ""


def test_github_actions_adds_annotations_to_text_on_stdout_only(work: Path) -> None:
    result = run_cli("-f", "json", "broken.yaml", env={"GITHUB_ACTIONS": "true"}, cwd=work)
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["exit_code"] == 1  # no annotation lines mixed in
    text = run_cli(
        "-f", "text", "-f", "sarif:lint.sarif", "broken.yaml", env={"GITHUB_ACTIONS": "true"},
        cwd=work,
    )  # fmt: skip
    assert text.stdout.startswith(TEXT)
    annotations = text.stdout[len(TEXT) :].splitlines()
    assert annotations and all(line.startswith("::error file=") for line in annotations)
    assert (work / "lint.sarif").is_file()


def test_text_and_github_may_share_stdout(work: Path) -> None:
    both = run_cli("-f", "text", "-f", "github", "broken.yaml", cwd=work)
    assert both.returncode == 1
    assert both.stdout.startswith(TEXT)
    assert both.stdout[len(TEXT) :].startswith("::error file=")


@pytest.mark.parametrize("value", ["false", "1", ""])
def test_only_github_actions_true_adds_annotations(work: Path, value: str) -> None:
    result = run_cli("broken.yaml", env={"GITHUB_ACTIONS": value}, cwd=work)
    assert (result.returncode, result.stdout) == (1, TEXT)


def test_clean_run_writes_empty_reports_and_exits_0(
    work: Path, sarif_validator: jsonschema.Draft4Validator, junit_schema: etree.XMLSchema
) -> None:
    (work / "broken.yaml").write_text(BROKEN.replace("replicas: 2", "replicas: 1"))
    result = run_cli(
        "-q", "-f", "text", "-f", "sarif:lint.sarif", "-f", "junit:junit.xml",
        "-f", "gitlab:cq.json", "-f", "github:annotations.txt", "broken.yaml", cwd=work,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    log = json.loads((work / "lint.sarif").read_text(encoding="utf-8"))
    sarif_validator.validate(log)
    assert log["runs"][0]["results"] == []
    xml = etree.parse(str(work / "junit.xml"))
    junit_schema.assertValid(xml)
    assert xml.getroot().get("failures") == "0"
    assert json.loads((work / "cq.json").read_text(encoding="utf-8")) == []
    assert (work / "annotations.txt").read_text(encoding="utf-8") == ""
