"""``bo-graph shared A B`` as an analyst runs it on the Lakeshore case: what two subjects have
in common, in text and ``--json``, its errors, and its line in the audit trail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shared")
    done = run("import", str(SAMPLES / "case-lakeshore.jsonl"), cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def shared_json(case: Path, *args: str) -> dict[str, Any]:
    done = run("shared", *args, "--json", cwd=case)
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in entries}


def test_two_layers_share_the_trust_and_the_nominators_side(case: Path) -> None:
    document = shared_json(case, "ent-calder-bridge", "ent-sable-reach")
    assert document["schema"] == "bo-graph/shared/1"
    assert document["a"]["id"] == "ent-calder-bridge" and document["b"]["id"] == "ent-sable-reach"
    upstream = by_id(document["upstream"])
    assert {
        "per-malcolm-ashdown",
        "per-rowena-castellane",
        "ent-cordillera-azul",
        "ent-larkspur-settlement",
        "ent-nomination-sable",
        "per-elena-vargas-quintero",
        "ent-tamarind-fiduciary",
        "unspecified:rel-unspecified-tamarind/interestedParty",
    } <= set(upstream)
    assert "ent-norhaven-capital" not in upstream, "Norhaven owns Calder Bridge only"
    malcolm = upstream["per-malcolm-ashdown"]
    assert malcolm["particulars"] == "born 1961-04; nationality United Kingdom; resident in Monaco"
    assert malcolm["in_a"]["beneficial_owner"] is True and malcolm["in_b"]["beneficial_owner"]
    assert round(malcolm["in_a"]["share"]["min"], 2) == 27.27
    assert malcolm["in_b"]["share"]["min"] == 30
    assert document["a_upstream_of_b"] is None
    sable = document["b_upstream_of_a"]
    assert sable["direct"] is False and round(sable["share"]["min"], 2) == 90.91
    assert document["truncated"] == {
        "a_owners": {},
        "b_owners": {},
        "a_holdings": {},
        "b_holdings": {},
    }


def test_the_text_names_the_common_parties_with_each_sides_status_and_share(case: Path) -> None:
    done = run("shared", "ent-calder-bridge", "ent-sable-reach", cwd=case)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "Calder Bridge Holdings Ltd [ent-calder-bridge]" in text.splitlines()[0]
    assert (
        "Sable Reach Holdings Ltd is upstream of Calder Bridge Holdings Ltd, indirectly: "
        "share 90.91%" in text
    )
    malcolm = text[text.index("Malcolm James Ashdown") :]
    assert malcolm.splitlines()[1].strip() == (
        "born 1961-04; nationality United Kingdom; resident in Monaco"
    )
    assert "in Calder Bridge Holdings Ltd: YES, share 27.27%" in malcolm
    assert "in Sable Reach Holdings Ltd: YES, share 30%" in malcolm
    assert "Downstream of both (" in text


def test_the_ashdown_brothers_hold_calder_bridge_and_lakeshore(case: Path) -> None:
    document = shared_json(case, "per-malcolm-ashdown", "per-graham-ashdown")
    downstream = by_id(document["downstream"])
    assert set(downstream) == {"ent-calder-bridge", "ent-lakeshore-civil"}
    calder = downstream["ent-calder-bridge"]
    assert round(calder["of_a"]["share"]["min"], 2) == 27.27
    assert calder["of_b"]["share"]["max"] == 0 and calder["of_b"]["controls"] is True
    assert document["upstream"] == []
    text = run("shared", "per-malcolm-ashdown", "per-graham-ashdown", cwd=case).stdout
    assert "No party is upstream of both." in text
    assert "of Graham Robert Ashdown: 0% (controls)" in text


def test_the_pryces_share_lakeshore(case: Path) -> None:
    document = shared_json(case, "per-darren-pryce", "per-shona-pryce")
    [lakeshore] = document["downstream"]
    assert lakeshore["id"] == "ent-lakeshore-civil"
    assert (lakeshore["of_a"]["share"]["min"], lakeshore["of_b"]["share"]["min"]) == (24.5, 24)


def test_a_holder_replaced_before_the_date_is_shared_then_and_not_now(case: Path) -> None:
    then = shared_json(case, "ent-calder-bridge", "ent-lakeshore-civil", "--as-of", "2022-06-30")
    now = shared_json(case, "ent-calder-bridge", "ent-lakeshore-civil")
    assert "ent-greyfriars-holdings" in by_id(then["upstream"])
    assert "ent-greyfriars-holdings" not in by_id(now["upstream"])
    assert "ent-aldermoor-infrastructure" in by_id(now["upstream"])
    assert then["a_upstream_of_b"]["direct"] is True
    assert then["when"] == {"as_of": "2022-06-30", "known_at": None}


def test_no_overlap_says_so_and_exits_0(case: Path) -> None:
    """Two Pryce subcontractors at the formation agent's address: Shona's and Darren's."""
    done = run("shared", "ent-pellam-plant-hire", "ent-oakhurst-civil", cwd=case)
    assert done.returncode == 0, done.stderr
    assert (
        "Pellam Plant Hire Ltd and Oakhurst Civil Solutions Ltd share no owner or controller and "
        "no holding, and neither is upstream of the other" in " ".join(done.stdout.split())
    )
    document = shared_json(case, "ent-pellam-plant-hire", "ent-oakhurst-civil")
    assert document["upstream"] == [] and document["downstream"] == []
    assert document["a_upstream_of_b"] is None and document["b_upstream_of_a"] is None
    pellam = shared_json(case, "ent-pellam-plant-hire", "ent-lakeshore-civil")
    assert [o["id"] for o in pellam["upstream"]] == ["per-shona-pryce"]


def test_an_unknown_ref_is_a_usage_error(case: Path) -> None:
    done = run("shared", "ent-calder-bridge", "ent-nobody", cwd=case)
    assert done.returncode == 2 and "'ent-nobody': no node" in done.stderr
    assert done.stdout == ""
    with_json = run("shared", "ent-nobody", "ent-calder-bridge", "--json", cwd=case)
    assert with_json.returncode == 2
    error = json.loads(with_json.stdout)["error"]
    assert error["type"] == "NotFound" and "'ent-nobody'" in error["message"]


def test_the_same_party_twice_is_a_usage_error(case: Path) -> None:
    done = run("shared", "ent-calder-bridge", "Calder Bridge Holdings Ltd", "--json", cwd=case)
    assert done.returncode == 2
    assert "expected two different parties, found 'ent-calder-bridge' twice" in done.stderr
    assert json.loads(done.stdout)["error"]["type"] == "ConfigError"


def test_it_is_written_down_in_the_audit_trail_with_its_threshold(case: Path) -> None:
    audit = case / "audit.jsonl"
    env = {**os.environ, "BO_GRAPH_AUDIT_LOG": str(audit)}
    args = ["shared", "ent-calder-bridge", "ent-sable-reach", "--threshold", "10", "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "bo_graph", *args],
        cwd=case,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["threshold"] == {"percent": 10.0, "rule": ">="}
    [line] = [json.loads(text) for text in audit.read_text().splitlines()]
    assert line["action"] == "shared" and line["threshold"] == 10.0
    assert line["params"]["a"] == "ent-calder-bridge" and line["params"]["b"] == "ent-sable-reach"
