"""The flags, rules, lists and scan commands (click commands, run with CliRunner)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bo_graph.analysis.opacity import RULES
from bo_graph.cli.flags_cmds import flags_command, lists_command, rules_command, scan_command
from bo_graph.exc import ConfigError
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS
from tests.conftest import SAMPLES
from tests.factory import entity, owns, write_jsonl
from tests.helpers import import_files


@pytest.fixture
def store_file(tmp_path: Path) -> str:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    import_files(store, sorted(SAMPLES.glob("*.jsonl")), tmp_path / "q.jsonl")
    store.close()
    return str(path)


def test_flags_json(store_file: str) -> None:
    args = ["GB-COH:09471253", "--json", "--store", store_file, "--as-of", "2025-12-31"]
    done = CliRunner().invoke(flags_command, [*args, "--param", "min_entities=10"])
    assert done.exit_code == 0, done.output
    body = json.loads(done.output)
    assert body["schema"] == "bo-graph/flags/1" and body["subject"]["id"] == "ent-lakeshore-civil"
    codes = {f["code"] for f in body["flags"]}
    assert {"OPQ-SPLIT-HOLDING", "OPQ-ADDRESS-HUB", "OPQ-JUR-FATF"} <= codes
    assert body["parameters"]["OPQ-ADDRESS-HUB"]["min_entities"] == 10
    assert body["summary"]["score"]["parts"]


def test_flags_text_and_rule_selection(store_file: str) -> None:
    args = ["ent-lakeshore-civil", "--store", store_file, "--rules", "OPQ-PEP,OPQ-NOMINEE"]
    done = CliRunner().invoke(flags_command, [*args, "--lists", str(TEST_LISTS)])
    assert done.exit_code == 0, done.output
    assert "OPQ-PEP (high)" in done.output and "Rowena" in done.output
    assert "OPQ-JUR" not in done.output and "Where the trail goes dark" in done.output


def test_flags_text_names_its_date_as_the_other_reports_do(store_file: str) -> None:
    """'— in effect on D, as known on K' or '— current state', as ubo, holdings and paths."""
    base = ["ent-lakeshore-civil", "--store", store_file, "--lists", str(TEST_LISTS)]
    for extra, heading in (
        ([], "Lakeshore Civil Engineering Ltd (ent-lakeshore-civil) — current state"),
        (
            ["--as-of", "2024-01-01", "--known-at", "2025-01-01"],
            "Lakeshore Civil Engineering Ltd (ent-lakeshore-civil) — in effect on 2024-01-01, "
            "as known on 2025-01-01",
        ),
    ):
        done = CliRunner().invoke(flags_command, [*base, *extra])
        assert done.exit_code == 0, done.output
        assert done.output.splitlines()[0] == heading


def test_a_bad_parameter_is_a_usage_error(store_file: str) -> None:
    done = CliRunner().invoke(flags_command, ["x", "--store", store_file, "--param", "nope=1"])
    assert isinstance(done.exception, ConfigError) and done.exception.exit_code == 2


def test_rules_json_lists_every_rule_and_its_lists() -> None:
    done = CliRunner().invoke(rules_command, ["--json"])
    assert done.exit_code == 0, done.output
    rules = {r["code"]: r for r in json.loads(done.output)["rules"]}
    assert list(rules) == [r.code for r in RULES]
    assert rules["OPQ-JUR-FATF"]["lists_loaded"] is True
    assert rules["OPQ-JUR-SECRECY"]["lists_loaded"] is False
    threshold = next(
        p for p in rules["OPQ-BELOW-THRESHOLD"]["parameters"] if p["name"] == "threshold"
    )
    assert threshold["default"] == 25.0 and threshold["help"]
    text = CliRunner().invoke(rules_command, ["--lists", str(TEST_LISTS)]).output
    assert "OPQ-JUR-SECRECY: Secrecy jurisdiction\n" in text


def test_lists_command_shows_the_loaded_lists() -> None:
    done = CliRunner().invoke(lists_command, ["--json", "--lists", str(TEST_LISTS)])
    body = json.loads(done.output)
    assert {item["name"] for item in body["lists"]} >= {"tjn_fsi", "ti_cpi", "fatf_lists"}
    assert "fatf_lists 2026-06-19" in CliRunner().invoke(lists_command, []).output


def test_scan_csv_and_jsonl(store_file: str, tmp_path: Path) -> None:
    out = tmp_path / "flags.csv"
    args = ["--store", store_file, "--as-of", "2025-12-31", "--param", "min_entities=10"]
    done = CliRunner().invoke(scan_command, [*args, "--format", "csv", "--out", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 21 and rows[0]["subject_id"]
    hub = {r["subject_id"]: int(r["OPQ-ADDRESS-HUB"]) for r in rows}
    assert hub["ent-calder-bridge"] >= 1
    only_pep = ["--store", store_file, "--rules", "OPQ-PEP"]
    lines = CliRunner().invoke(scan_command, only_pep).output.splitlines()
    body = [json.loads(line) for line in lines if line.startswith("{")]
    assert len(body) == 21 and body[0]["schema"] == "bo-graph/scan/1"
    assert any(f["code"] == "OPQ-PEP" for row in body for f in row["flags"])


def test_registered_commands_through_the_entry_point(store_file: str) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bo_graph", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    done = run(
        "flags", "ent-lakeshore-civil", "--store", store_file, "--json", "--rules", "OPQ-PEP"
    )
    assert done.returncode == 0, done.stderr
    assert [f["code"] for f in json.loads(done.stdout)["flags"]] == ["OPQ-PEP"]
    bad = run("rules", "--param", "nope=1")
    assert bad.returncode == 2 and "no selected rule has a parameter 'nope'" in bad.stderr


@pytest.mark.parametrize("opened", [True, False])
def test_scan_and_flags_agree_on_a_company_dissolved_after_the_date(
    tmp_path: Path, opened: bool
) -> None:
    """The parent was dissolved in 2022: on 2021 it is no ghost layer, for the whole-register
    scan as for one subject's flags; on 2023 it is, for both. So too when the register gives
    the parent only by its closing statement (a retired LEI: one record, closed)."""
    records = [
        *([entity("parent", "Parent Holdings Ltd", date="2020-01-01")] if opened else []),
        entity("child", "Child Trading Ltd", date="2020-01-01"),
        owns("holds", "parent", "child", {"exact": 100}, start="2020-01-01", date="2020-01-01"),
        entity("parent", "Parent Holdings Ltd", date="2022-01-01", status="closed"),
    ]
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    store.close()
    for as_of, ghost in (("2021-01-01", False), ("2023-01-01", True)):
        base = ["--store", str(path), "--as-of", as_of, "--rules", "OPQ-DISSOLVED-ENTITY"]
        scanned = CliRunner().invoke(scan_command, base)
        assert scanned.exit_code == 0, scanned.output
        rows = [json.loads(line) for line in scanned.output.splitlines() if line.startswith("{")]
        flagged = [f for row in rows for f in row["flags"]]
        assert bool(flagged) is ghost, (as_of, flagged)
        flags = CliRunner().invoke(flags_command, ["child", *base, "--json"])
        assert flags.exit_code == 0, flags.output
        codes = [f["code"] for f in json.loads(flags.output)["flags"]]
        assert ("OPQ-DISSOLVED-ENTITY" in codes) is ghost, (as_of, codes)


def test_a_company_not_founded_yet_is_no_dark_layer(store_file: str) -> None:
    """Calder Bridge was incorporated on 2019-12-30: on 2019-01-01 it has no owner because it
    does not exist yet, so the trail does not go dark there (no flag, no dark layer, nothing
    for a request to ask); from its founding day its formation agent holds it."""
    for as_of in ("2019-01-01", "2019-12-29", "2019-12-30"):
        args = ["ent-calder-bridge", "--store", store_file, "--as-of", as_of, "--json"]
        done = CliRunner().invoke(flags_command, args)
        assert done.exit_code == 0, done.output
        report = json.loads(done.output)
        assert report["summary"]["dark_layers"] == [], as_of
        assert "OPQ-NO-NATURAL-PERSON" not in [f["code"] for f in report["flags"]], as_of
