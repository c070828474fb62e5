"""``bo-graph export``: the case files of a subject from the command line, as the Export tab
makes them, in the audit trail and in the tier the deployment is set to."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
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


def owner_status(tables: Path) -> dict[str, str]:
    """owners.csv of a case's zip: owner id -> status (yes, possible, no)."""
    with zipfile.ZipFile(tables) as archive:
        text = archive.read("owners.csv").decode("utf-8-sig")
    return {row["id"]: row["status"] for row in csv.DictReader(io.StringIO(text))}


def test_export_known_at_before_the_late_filed_sale_shows_the_registers_then(folder: Path) -> None:
    """The sale of 51.5% to Calder Bridge (2020-11-16) was filed on 2021-06-30: as the
    registers stood on 2021-01-01, Darren and Shona Pryce held over 25% each and were the
    beneficial owners, and Calder Bridge was not on file. Every file says so and is named so."""
    out = folder / "known"
    out.mkdir()
    trail = folder / "audit-known.jsonl"
    done = export(
        folder, "--known-at", "2021-01-01", "--out", str(out), BO_GRAPH_AUDIT_LOG=str(trail)
    )
    assert done.returncode == 0, done.stderr
    stem = f"case-{SUBJECT}-known-2021-01-01"
    ends = (".html", ".graphml", ".bods.json", "-tables.zip", ".requests.txt")
    assert [Path(p).name for p in done.stdout.split()] == [f"{stem}{end}" for end in ends]
    status = owner_status(out / f"{stem}-tables.zip")
    assert status["per-darren-pryce"] == status["per-shona-pryce"] == "yes"
    assert "ent-calder-bridge" not in status
    html = (out / f"{stem}.html").read_text()
    assert "Registers as they stood on</dt><dd>2021-01-01: only the statements dated" in html
    assert "Calder Bridge" not in html and "Darren Michael Pryce" in html
    bods = json.loads((out / f"{stem}.bods.json").read_text())
    assert max(s["statementDate"] for s in bods) <= "2021-01-01", "a statement filed later"
    requests = (out / f"{stem}.requests.txt").read_text()
    assert "View: as the registers stood on 2021-01-01; threshold >= 25%" in requests
    [line] = [json.loads(x) for x in trail.read_text().splitlines()]
    assert line["params"]["known_at"] == "2021-01-01" and line["params"]["rule"] == ">="
    assert line["threshold"] == 25.0


def test_export_rule_more_than_drops_the_owner_at_exactly_the_threshold(folder: Path) -> None:
    """Darren Pryce holds exactly 24.5% today: a beneficial owner at '>= 24.5%', not at
    '> 24.5%' (the UK's 'more than'), as ``ubo --rule '>'`` answers."""
    status, html = {}, {}
    for rule in (">=", ">"):
        out = folder / f"rule{len(rule)}"
        out.mkdir()
        args = ("--threshold", "24.5", "--rule", rule, "--format", "csv", "--format", "html")
        done = export(folder, *args, "--out", str(out))
        assert done.returncode == 0, done.stderr
        status[rule] = owner_status(out / f"case-{SUBJECT}-current-tables.zip")
        html[rule] = (out / f"case-{SUBJECT}-current.html").read_text()
    assert status[">="]["per-darren-pryce"] == "yes"
    assert status[">"]["per-darren-pryce"] == "no"
    assert status[">"]["per-malcolm-ashdown"] == "yes"
    assert "<dt>Threshold</dt><dd>&gt; 24.5%</dd>" in html[">"]


def test_export_json_lists_every_file_with_its_hash_and_the_settings(folder: Path) -> None:
    out = folder / "json"
    out.mkdir()
    dates = ("--as-of", "2022-06-30", "--known-at", "2021-06-30")
    done = export(folder, *dates, "--rule", ">", "--method", "control", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["schema"] == "bo-graph/export/1"
    assert document["when"] == {"as_of": "2022-06-30", "known_at": "2021-06-30"}
    assert document["threshold"] == {"percent": 25.0, "rule": ">"}
    assert (document["method"], document["tier"]) == ("control", "authority")
    files = document["files"]
    assert [f["format"] for f in files] == ["html", "graphml", "bods", "csv", "requests"]
    assert sorted(Path(f["path"]).name for f in files) == sorted(p.name for p in out.iterdir())
    for file in files:
        data = Path(file["path"]).read_bytes()
        assert file["sha256"] == hashlib.sha256(data).hexdigest(), file["path"]
        assert file["bytes"] == len(data)
        assert Path(file["path"]).name.startswith(f"case-{SUBJECT}-2022-06-30-known-2021-06-30")
    paths = {f["format"]: Path(f["path"]) for f in files}
    settings = nx.read_graphml(paths["graphml"]).graph["settings"]
    assert settings == (
        "in effect on 2022-06-30, as the registers stood on 2021-06-30; threshold > 25%; "
        "method control"
    )
    with zipfile.ZipFile(paths["csv"]) as archive:
        about = json.loads(archive.read("case.json"))
    assert (about["as_of"], about["known_at"], about["threshold_rule"]) == (
        "2022-06-30",
        "2021-06-30",
        ">",
    )
