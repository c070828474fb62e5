"""Registers cross-checked (catalogue item 36): a real UK PSC line against another register's
statements about the same company, joined by its company number."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bo_graph.analysis.opacity import load_lists, opacity_json
from bo_graph.cli.flags_cmds import flags_command, scan_command
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files

CODE = "OPQ-REGISTER-DISCREPANCY"
PSC = "GB Persons of Significant Control Register"
OTHER = "Another register"
SNAPSHOT = Path("uk-psc-bods-uk-psc-pipeline") / "derived" / "psc-snapshot-sample.jsonl"


def psc_line(reference: Path) -> str:
    """The snapshot's line naming Mr Marc Anthony Feldman (born 12/1961) as holding 75-100%
    of the shares of company 08209948."""
    lines = (reference / SNAPSHOT).read_text().splitlines()
    return next(line for line in lines if "Feldman" in line and "08209948" in line)


def other_register(feldman_share: float) -> list[dict[str, Any]]:
    """The same company in another register: Marc Feldman holds ``feldman_share`` percent and
    Jane Doe the rest."""
    feldman = person("mf", "Marc Feldman")
    feldman["recordDetails"]["birthDate"] = "1961-12"
    records = [
        entity("acme", "Feldman Holdings Ltd", number="08209948"),
        feldman,
        person("jd", "Jane Doe"),
        owns("mf-acme", "mf", "acme", {"exact": feldman_share}),
        owns("jd-acme", "jd", "acme", {"exact": 100 - feldman_share}),
    ]
    for record in records:
        record["source"] = {"type": ["officialRegister"], "description": OTHER}
    return records


def load(store: GraphStore, tmp_path: Path, reference: Path, feldman_share: float) -> str:
    psc = tmp_path / "psc-snapshot.jsonl"
    psc.write_text(psc_line(reference) + "\n")
    other = write_jsonl(tmp_path / "other.jsonl", other_register(feldman_share))
    report = import_files(store, [psc, other], tmp_path / "q.jsonl")
    assert report.accounting.quarantined == 0
    return store.resolve_ref("GB-COH:08209948").id


def test_two_registers_that_disagree_are_flagged_with_both_versions(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    subject = load(store, tmp_path, reference, feldman_share=30)
    body = opacity_json(store, subject, rules=[CODE], lists=load_lists(TEST_LISTS))
    (flag,) = [f for f in body["flags"] if f["code"] == CODE]
    assert flag["target"]["id"] == subject
    assert sorted(flag["values"]["registers"]) == sorted([PSC, OTHER])
    found = " ".join(flag["values"]["discrepancies"])
    assert "Jane Doe" in found and "Marc Anthony Feldman" in found
    assert "75" in found and "30%" in found
    edges = [e for e in flag["evidence"] if e["role"] == "edge"]
    assert {e["source"] for e in edges} == {PSC, OTHER}
    assert all(e["statement_ids"] for e in edges)
    psc_edge = next(e for e in edges if e["source"] == PSC)
    assert psc_edge["file"].endswith("psc-snapshot.jsonl") and psc_edge["position"] == 1


def test_registers_that_agree_are_not_flagged(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    """Other register: Feldman 80% (within the PSC's 75-100% band), Jane Doe 20% (below the
    threshold, so the PSC register need not name her): no discrepancy."""
    subject = load(store, tmp_path, reference, feldman_share=80)
    body = opacity_json(store, subject, rules=[CODE], lists=load_lists(TEST_LISTS))
    assert [f for f in body["flags"] if f["code"] == CODE] == []


def test_scan_and_flags_report_the_discrepancy(tmp_path: Path, reference: Path) -> None:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    subject = load(store, tmp_path, reference, feldman_share=30)
    store.close()
    base = ["--store", str(path), "--rules", CODE]
    flags = CliRunner().invoke(flags_command, ["GB-COH:08209948", *base])
    assert flags.exit_code == 0, flags.output
    assert CODE in flags.output and "Jane Doe" in flags.output
    scanned = CliRunner().invoke(scan_command, base)
    assert scanned.exit_code == 0, scanned.output
    rows = [json.loads(line) for line in scanned.output.splitlines() if line.startswith("{")]
    flagged = {row["subject"]["id"] for row in rows for f in row["flags"] if f["code"] == CODE}
    assert flagged == {subject}


def test_a_register_that_says_no_one_has_significant_control_against_one_that_names_an_owner(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    """The published UK PSC statement 'no individual or entity with significant control' for
    company 1234567 (a statement without interests) against a register naming Jane Doe 60%."""
    fixture = reference / "uk-psc-register-sources-psc" / "spec" / "fixtures" / "psc_statement.json"
    psc = tmp_path / "psc-snapshot.jsonl"
    psc.write_text(json.dumps(json.loads(fixture.read_text())) + "\n")
    records = [
        entity("co", "Example Ltd", number="1234567"),
        person("jd", "Jane Doe"),
        owns("jd-co", "jd", "co", {"exact": 60}),
    ]
    for record in records:
        record["source"] = {"type": ["officialRegister"], "description": OTHER}
    other = write_jsonl(tmp_path / "other.jsonl", records)
    assert import_files(store, [psc, other], tmp_path / "q.jsonl").accounting.quarantined == 0
    subject = store.resolve_ref("GB-COH:1234567").id
    body = opacity_json(store, subject, rules=[CODE], lists=load_lists(TEST_LISTS))
    (flag,) = [f for f in body["flags"] if f["code"] == CODE]
    found = " ".join(flag["values"]["discrepancies"])
    assert "Jane Doe" in found and "no beneficial owners" in found


def test_two_datasets_of_one_publisher_are_told_apart_by_their_whole_names(
    tmp_path: Path,
) -> None:
    """FtM sources read "<publisher>: <dataset>": cut to the publisher, the message would say
    that OpenSanctions and OpenSanctions disagree."""
    records = [entity("co", "Example Ltd", number="1234567")]
    for dataset, owner in (("ds-a", "Ann Smith"), ("ds-b", "Bob Jones")):
        party = person(f"p-{dataset}", owner)
        holding = owns(f"r-{dataset}", f"p-{dataset}", "co", {"exact": 60})
        for record in (party, holding):
            record["source"] = {"type": ["thirdParty"], "description": f"OpenSanctions: {dataset}"}
        records += [party, holding]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "q.jsonl")
        body = opacity_json(store, "co", rules=[CODE], lists=load_lists(TEST_LISTS))
    finally:
        store.close()
    (flag,) = [f for f in body["flags"] if f["code"] == CODE]
    assert flag["explanation"].startswith("OpenSanctions: ds-a and OpenSanctions: ds-b disagree")
