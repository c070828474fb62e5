"""The sample registers (the Lakeshore case) against the rules: every rule fires somewhere,
the README's red flags are found, and the scan says what ``flags`` says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bo_graph.analysis.opacity import RULES, ScanSettings, configure, load_lists, scan_store
from bo_graph.analysis.opacity.evaluate import subject_view
from bo_graph.analysis.opacity.shares import ownership_of
from bo_graph.model.codes import EntityType, InterestType, PersonType, UnspecifiedReason
from bo_graph.model.graph import NodeKind, When
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS, report
from tests.conftest import SAMPLES
from tests.helpers import import_files

TARGET = "ent-lakeshore-civil"
NOW = When(as_of="2025-12-31")
SAMPLE_PARAMS = ("min_entities=10", "min_roles=5", "min_batch=2", "min_changes=2")
"""The sample is small: a 12-company agent address, an 8-company corporate director."""

EXEMPT = {
    "OPQ-PSC-STATEMENT": "UK PSC statements come from the PSC loader, not from BODS data",
    "OPQ-GLEIF-EXCEPTION": "GLEIF reporting exceptions come from the GLEIF loader",
    "OPQ-BEARER-SHARES": "no record of the sample mentions bearer shares",
    "OPQ-IMPLAUSIBLE-DATA": "the sample's data is plausible",
    "OPQ-MISSING-RECORD": "the sample holds the record of every party its relationships name",
    "OPQ-EXEMPT-SUBJECT": "no party of the sample is exempt from disclosure or listed",
    "OPQ-DISSOLVED-ENTITY": "Greyfriars' holdings end before its dissolution: no ghost layer",
    "OPQ-INTEREST-UNKNOWN": "the sample's only unknown interests are its unspecified parties', "
    "which the owner rules report",
}
"""Rules the sample cannot trigger; each is tested on factory-built cases in test_rules.py
(the PSC and GLEIF rules on unspecified parties carrying the codes)."""


@pytest.fixture
def sample(embedded: EmbeddedStore, tmp_path: Path) -> EmbeddedStore:
    done = import_files(embedded, sorted(SAMPLES.glob("*.jsonl")), tmp_path / "q.jsonl")
    assert done.accounting.quarantined == 0
    return embedded


def test_sample_registers_trigger_every_rule_but_the_exempt_ones(sample: EmbeddedStore) -> None:
    config = configure(RULES, None, SAMPLE_PARAMS)
    lists = load_lists(TEST_LISTS)
    seen: set[str] = set()
    for when in (When(), NOW, When(as_of="2022-06-30"), When(known_at="2021-01-01")):
        for row in scan_store(sample, ScanSettings(config, lists, when)):
            seen.update(flag["code"] for flag in row["flags"])
    assert {r.code for r in RULES} - seen == set(EXEMPT)
    assert seen.isdisjoint(EXEMPT), "a rule fires on the sample now: drop its exemption"


def _by_code(store: EmbeddedStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for flag in report(store, TARGET, None, SAMPLE_PARAMS, when=NOW).flags:
        found.setdefault(flag.code, set()).add(flag.target.id)
    return found


def test_lakeshore_red_flags_of_the_readme(sample: EmbeddedStore) -> None:
    found = _by_code(sample)
    assert found["OPQ-BELOW-THRESHOLD"] == {"per-darren-pryce", "per-shona-pryce"}
    assert found["OPQ-SPLIT-HOLDING"] == {TARGET}
    assert "ent-larkspur-settlement" in found["OPQ-ARRANGEMENT"]
    assert "ent-nomination-sable" in found["OPQ-NOMINEE"]
    assert found["OPQ-PEP"] == {"per-rowena-castellane"}
    assert found["OPQ-CONTROL-NO-OWNERSHIP"] == {"rel-graham-calder"}
    assert found["OPQ-REGISTER-DISCREPANCY"] == {"ent-norhaven-capital"}  # leak vs Cyprus
    assert found["OPQ-SMO-FALLBACK"] == {"rel-andreas-norhaven"}
    assert found["OPQ-OWNER-UNKNOWN"] == {"ent-unknown-torrance-holder"}
    assert found["OPQ-PROTECTED-PARTY"] == {"per-larkspur-minor-beneficiary"}
    assert found["OPQ-RECENT-ENTITY"] == {"ent-aldermoor-infrastructure"}
    assert (
        "ent-norhaven-capital" in found["OPQ-CIRCULAR"]
        or "ent-torrance-ventures" in found["OPQ-CIRCULAR"]
    )
    assert {"ent-calder-bridge", "ent-aldermoor-infrastructure"} <= found["OPQ-ADDRESS-HUB"]
    assert "rel-calder-lakeshore" in found["OPQ-LATE-FILING"]
    assert "ent-calder-bridge" in found["OPQ-SHELF-COMPANY"]


def test_the_trusts_share_is_neither_dark_nor_lost(sample: EmbeddedStore) -> None:
    """Lakeshore's ownership ends in named persons, in dark parties, or in the Larkspur
    Settlement, which no one holds shares in and whose parties are its beneficial owners:
    the three parts cover all of it."""
    summary = report(sample, TARGET, None, SAMPLE_PARAMS, when=NOW).summary
    assert [(party, name) for party, name, _ in summary.arrangements] == [
        ("ent-larkspur-settlement", "The Larkspur Settlement")
    ]
    parts = (summary.opaque_share, summary.identified_share, summary.arrangement_share)
    assert sum(part.lo for part in parts) == pytest.approx(100, abs=1e-6)
    assert summary.arrangement_share.lo == pytest.approx(summary.arrangements[0][2].lo)
    trust = report(sample, "ent-larkspur-settlement", None, SAMPLE_PARAMS, when=NOW).summary
    assert trust.arrangement_share.lo == pytest.approx(100)


def test_where_the_trail_goes_dark(sample: EmbeddedStore) -> None:
    summary = report(sample, TARGET, None, SAMPLE_PARAMS, when=NOW).summary
    dark = {d.party: d for d in summary.dark_layers}
    assert "ent-unknown-torrance-holder" in dark
    assert "unspecified:rel-unspecified-norhaven/interestedParty" in dark
    assert "unspecified:rel-unspecified-tamarind/interestedParty" in dark
    assert dark["per-larkspur-minor-beneficiary"].lawful
    assert summary.opaque_share.lo == pytest.approx(0.515 / 11 * 100, abs=1e-6)
    assert summary.opaque_share.hi == pytest.approx(0.515 / 11 * 100, abs=1e-6)
    parts = {p.code: p for p in summary.parts}
    assert summary.score == pytest.approx(sum(p.weight * p.counted for p in parts.values()))
    assert "OPQ-PROTECTED-PARTY" not in parts and summary.lawful_flags["OPQ-PROTECTED-PARTY"] == 1


def test_flags_carry_provenance_and_dated_lists(sample: EmbeddedStore) -> None:
    body = report(sample, TARGET, None, SAMPLE_PARAMS, when=NOW).to_json()
    for flag in body["flags"]:
        assert flag["evidence"], flag["code"]
        for item in flag["evidence"]:
            if item["source"] is not None:
                assert item["statement_ids"] and item["file"].endswith("case-lakeshore.jsonl")
                assert item["position"] >= 1 and item["statement_date"]
        for used in flag["lists"]:
            assert used["date"] and used["file"].endswith(".csv")
    listed = [f for f in body["flags"] if f["code"].startswith("OPQ-JUR-")]
    assert listed and all(f["lists"] for f in listed)


def test_scan_says_what_flags_says(sample: EmbeddedStore) -> None:
    config = configure(RULES, None, SAMPLE_PARAMS)
    lists = load_lists(TEST_LISTS)
    for row in scan_store(sample, ScanSettings(config, lists, NOW)):
        subject = row["subject"]["id"]
        alone = report(sample, subject, None, SAMPLE_PARAMS, when=NOW)
        scanned = {(f["code"], f["target"]["id"], f["explanation"]) for f in row["flags"]}
        assert scanned == {(f.code, f.target.id, f.explanation) for f in alone.flags}, subject
        assert row["score"] == alone.summary.score


def test_fast_shares_equal_the_engine(sample: EmbeddedStore) -> None:
    for node in sample.iter_nodes(NodeKind.ENTITY):
        view = subject_view(sample, node.id, NOW)
        fast, engine = ownership_of(view, fast=True), ownership_of(view, fast=False)
        for party in set(fast.holders) | set(engine.holders):
            a, b = fast.share(party), engine.share(party)
            assert (a.lo, a.hi) == pytest.approx((b.lo, b.hi), abs=1e-9), (node.id, party)


def test_real_lists_when_available(sample: EmbeddedStore, reference: Path) -> None:
    lists = load_lists(reference / "jurisdictions")
    flags = report(sample, TARGET, ["OPQ-JUR-SECRECY"], when=NOW, lists=lists).flags
    scores = {f.target.id: f.values["secrecy_score"] for f in flags}
    assert scores["ent-sable-reach"] == pytest.approx(71.523, abs=1e-3)
    assert "ent-norhaven-capital" not in scores  # CY scores 63.7
    assert all(u.name == "tjn_fsi" and u.date for f in flags for u in f.lists)


def _flag_json(store: EmbeddedStore, code: str, target: str) -> dict[str, Any]:
    body = report(store, TARGET, [code], when=NOW).to_json()
    [flag] = [f for f in body["flags"] if f["target"]["id"] == target]
    return flag


def test_late_filing_of_calder_bridge_cites_the_statement_of_2021_06_30(
    sample: EmbeddedStore,
) -> None:
    flag = _flag_json(sample, "OPQ-LATE-FILING", "rel-calder-lakeshore")
    assert "shareholding from 2020-11-16 filed on 2021-06-30" in flag["explanation"]
    [edge] = [e for e in flag["evidence"] if e["role"] == "edge"]
    assert (edge["position"], edge["statement_date"]) == (53, "2021-06-30")  # not line 95


def test_shelf_company_dates_the_sale_off_the_shelf(sample: EmbeddedStore) -> None:
    flag = _flag_json(sample, "OPQ-SHELF-COMPANY", "ent-calder-bridge")
    assert "owners first changed only on 2020-09-01 (8 months later)" in flag["explanation"]
    assert "Greyfriars Holdings Ltd took over from Fenwright Formations Ltd" in flag["explanation"]
    edges = {e["id"]: e["position"] for e in flag["evidence"] if e["role"] == "edge"}
    assert edges == {"rel-greyfriars-calder": 47, "rel-fenwright-calder": 46}


CODES = re.compile(
    r"\b("
    + "|".join(
        c.value
        for e in (InterestType, UnspecifiedReason, PersonType, EntityType)
        for c in e
        if c.value != c.value.lower()  # the camelCase codes: one-word codes read as words
    )
    + r")\b"
)
"""BODS codes an analyst should read as words in a flag (the JSON ``values`` keep them)."""


def test_flag_reasons_and_dark_layers_word_bods_codes(sample: EmbeddedStore) -> None:
    result = report(sample, TARGET, None, SAMPLE_PARAMS, when=NOW)
    texts = [f.explanation for f in result.flags] + [d.kind for d in result.summary.dark_layers]
    said = [re.sub(r"BODS unspecified reason \w+", "", t) for t in texts]  # named as the code
    assert [t for t in said if CODES.search(t)] == []
    joined = "\n".join(texts)
    assert "a company, is board member of Aldermoor Infrastructure Holdings Ltd" in joined
    assert "beneficiary: 4; protector: 1; settlor: 1; trustee: 2" in joined
    assert "controls Calder Bridge Holdings Ltd (appointment of board, control via" in joined
    assert "undisclosed (subject unable to confirm or identify beneficial owner)" in texts
    assert "unknown entity" in texts
