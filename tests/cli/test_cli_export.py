"""``bo-graph export``: the case files of a subject from the command line, as the Export tab
makes them, in the audit trail and in the tier the deployment is set to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bo_graph.model.loading import Rejected
from tests.cli.test_cli import run
from tests.conftest import SAMPLES
from tests.helpers import read_all

SUBJECT = "ent-lakeshore-civil"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = tmp_path_factory.mktemp("export-cli")
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=cwd)
    assert done.returncode == 0, done.stderr
    return cwd


def export(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bo_graph", "export", SUBJECT, *args],
        cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_export_writes_the_case_files_of_a_dated_view_and_is_audited(folder: Path) -> None:
    out = folder / "dated"
    out.mkdir()
    trail = folder / "audit.jsonl"
    done = export(folder, "--as-of", "2022-06-30", "--out", str(out), BO_GRAPH_AUDIT_LOG=str(trail))
    assert done.returncode == 0, done.stderr
    stem = out / f"case-{SUBJECT}-2022-06-30"
    ends = (".html", ".graphml", ".bods.json", "-tables.zip", ".requests.txt")
    written = [f"{stem}{end}" for end in ends]
    assert done.stdout.split() == written
    html = Path(written[0]).read_text()
    assert "2022-06-30" in html and "Malcolm James Ashdown" in html
    assert "Aldermoor" not in html.split("<h2>Sources")[0], "Aldermoor did not exist in 2022"
    assert not [
        i for i in read_all(Path(written[2]), validation="strict") if isinstance(i, Rejected)
    ]
    [line] = [json.loads(x) for x in trail.read_text().splitlines()]
    assert line["action"] == "export" and line["params"]["ref"] == SUBJECT
    assert line["params"]["as_of"] == "2022-06-30"


def test_a_public_deployment_exports_no_home_address(folder: Path) -> None:
    out = folder / "public"
    out.mkdir()
    done = export(folder, "--format", "bods", "--out", str(out), BO_GRAPH_TIER="public")
    assert done.returncode == 0, done.stderr
    assert "Public tier: personal data withheld" in done.stderr
    [path] = done.stdout.split()
    persons = {
        s["recordId"]: s["recordDetails"]
        for s in json.loads(Path(path).read_text())
        if s["recordType"] == "person"
    }
    assert persons["per-darren-pryce"]["addresses"] == [
        {"type": "residence", "country": {"name": "United Kingdom", "code": "GB"}}
    ]


def test_export_into_a_missing_folder_is_a_usage_error(folder: Path) -> None:
    done = export(folder, "--out", str(folder / "missing"))
    assert done.returncode == 2 and "does not exist" in done.stderr
