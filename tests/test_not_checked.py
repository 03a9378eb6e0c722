"""Objects a rule had nothing to check against (`NotChecked`): counted per rule and what was
missing, never findings, in the text summary and the JSON report (with --jobs too)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema

from sedex_lint.api import lint, lint_text
from sedex_lint.model import Severity
from sedex_lint.reporters import json_report, text

REPO = Path(__file__).resolve().parent.parent
GATEWAY = """\
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw-{n}
spec: {{}}
"""
WIDGET = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"


def test_custom_resources_without_a_schema_are_counted_not_reported() -> None:
    text_in = "---\n".join([GATEWAY.format(n=1), GATEWAY.format(n=2), WIDGET])
    report = lint_text(text_in, "crds.yaml")
    assert report.findings == ()
    assert report.counts.not_checked == (
        ("SDX090", "example.com/v1 Widget", 1),
        ("SDX090", "networking.istio.io/v1 Gateway", 2),
    )
    out = io.StringIO()
    text.render(report, Severity.ERROR, out, color=False, quiet=False)
    assert (
        "SDX090 could not check 3 objects "
        "(no schema for networking.istio.io/v1 Gateway, example.com/v1 Widget)"
    ) in out.getvalue()
    data = json.loads(json_report.render(report, Severity.ERROR))
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["summary"]["not_checked"] == [
        {"code": "SDX090", "what": "example.com/v1 Widget", "objects": 1},
        {"code": "SDX090", "what": "networking.istio.io/v1 Gateway", "objects": 2},
    ]


def test_counts_add_up_across_files_and_jobs(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"gw{n}.yaml").write_text(GATEWAY.format(n=n), encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    for jobs in (1, 2):
        report = lint(files, jobs=jobs)
        assert report.counts.not_checked == (("SDX090", "networking.istio.io/v1 Gateway", 3),)
