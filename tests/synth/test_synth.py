"""The synthetic register: reproducible, valid BODS 0.4, consistent, and realistically shaped."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from bo_graph.synth import RegisterGenerator, SynthSummary, generate, write_register
from loaders.bods_schema import schema_errors
from tests.synth import register_checks as checks

SECRECY = {"VG", "KY", "PA", "SC", "BZ", "AE", "CY", "LU", "JE", "GG", "IM"}
Statements = list[dict[str, Any]]


@pytest.fixture(scope="module")
def small() -> Statements:
    return list(generate(2_000, 11))


@pytest.fixture(scope="module")
def large() -> tuple[Statements, SynthSummary]:
    generator = RegisterGenerator(20_000, 1)
    statements = list(generator.statements())
    return statements, generator.summary()


# -- reproducible output ----------------------------------------------------------------------


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first = write_register(tmp_path / "a.jsonl", 2_000, 5)
    write_register(tmp_path / "b.jsonl", 2_000, 5)
    write_register(tmp_path / "c.jsonl", 2_000, 6)
    a, b, c = ((tmp_path / name).read_bytes() for name in ("a.jsonl", "b.jsonl", "c.jsonl"))
    assert a == b
    assert a != c
    assert first.bytes_written == len(a)
    assert first.statements == a.count(b"\n")


def test_gzip_output_is_reproducible_and_holds_the_same_lines(tmp_path: Path) -> None:
    write_register(tmp_path / "plain.jsonl", 500, 3)
    write_register(tmp_path / "a.jsonl.gz", 500, 3)
    write_register(tmp_path / "b.jsonl.gz", 500, 3)
    packed = (tmp_path / "a.jsonl.gz").read_bytes()
    assert packed == (tmp_path / "b.jsonl.gz").read_bytes()
    assert gzip.decompress(packed) == (tmp_path / "plain.jsonl").read_bytes()
    assert not list(tmp_path.glob(".*partial"))


def test_generate_yields_the_lines_write_register_writes(tmp_path: Path) -> None:
    write_register(tmp_path / "r.jsonl", 300, 9)
    lines = (tmp_path / "r.jsonl").read_bytes().splitlines()
    assert [orjson.loads(line) for line in lines] == list(generate(300, 9))


def test_too_few_companies_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        list(generate(3, 1))


# -- valid BODS 0.4 ---------------------------------------------------------------------------


def test_every_statement_is_valid_bods_04(small: Statements) -> None:
    invalid = {s["statementId"]: errors for s in small if (errors := schema_errors(s, "0.4"))}
    assert invalid == {}


def test_statement_ids_are_unique_and_32_to_64_characters(small: Statements) -> None:
    ids = [s["statementId"] for s in small]
    assert len(set(ids)) == len(ids)
    assert all(32 <= len(i) <= 64 for i in ids)


def test_envelope_names_the_seed_and_bods_version(small: Statements) -> None:
    first = small[0]
    assert first["source"] == {
        "type": ["officialRegister"],
        "description": "Synthetic register 11",
        "retrievedAt": "2026-02-01",
    }
    assert {s["publicationDetails"]["bodsVersion"] for s in small} == {"0.4"}
    assert all(s["publicationDetails"]["publisher"]["name"] for s in small)


def test_parties_are_filed_before_anything_refers_to_them(small: Statements) -> None:
    assert checks.forward_references(small) == []


def test_statement_series_are_valid_and_the_file_is_in_date_order(small: Statements) -> None:
    assert checks.series_problems(small) == []
    dates = [s["statementDate"] for s in small]
    assert dates[0] >= "2015-01-01"
    assert dates[-1] <= "2025-12-31"


# -- consistent shares ------------------------------------------------------------------------


def test_shares_never_add_up_to_more_than_100_as_declared(large: tuple[Statements, Any]) -> None:
    assert checks.declared_share_problems(large[0]) == []


def test_shares_never_add_up_to_more_than_100_in_effect(large: tuple[Statements, Any]) -> None:
    assert checks.effective_share_problems(large[0]) == []


def test_no_interest_starts_before_its_holder_is_18(small: Statements) -> None:
    born = {
        s["recordId"]: s["recordDetails"]["birthDate"]
        for s in small
        if s["recordType"] == "person" and "birthDate" in s["recordDetails"]
    }
    for s in small:
        party = s["recordDetails"].get("interestedParty")
        if s["recordType"] == "relationship" and isinstance(party, str) and party in born:
            year, month = born[party].split("-")
            for interest in s["recordDetails"]["interests"]:
                assert interest["startDate"] >= f"{int(year) + 18}-{month}", s["recordId"]


# -- the checks above do catch broken registers -----------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 8])
def test_no_party_holds_an_interest_in_itself(seed: int) -> None:
    """Seeds 2, 5 and 8 gave a new company to itself as its 'existing parent'."""
    assert checks.self_holdings(generate(2_000, seed)) == []


def test_the_checks_catch_forward_references_and_broken_series(small: Statements) -> None:
    relationship = next(i for i, s in enumerate(small) if s["recordType"] == "relationship")
    swapped = [small[relationship], *small[:relationship], *small[relationship + 1 :]]
    assert checks.forward_references(swapped)
    again_new = [*small, small[0]]
    assert checks.series_problems(again_new)


def test_the_checks_catch_shares_above_100(small: Statements) -> None:
    full = next(
        s
        for s in small
        if s["recordType"] == "relationship"
        and s["recordDetails"]["interests"]
        and s["recordDetails"]["interests"][0].get("share") == {"exact": 100}
    )
    extra = {**full, "recordId": "rel-extra", "statementId": "x" * 32}
    assert checks.declared_share_problems([*small, extra])
    assert checks.effective_share_problems([*small, extra])


# -- realistic structure (20,000 companies) ---------------------------------------------------


def first_filings(statements: Statements, record_type: str) -> list[dict[str, Any]]:
    """The details of each record as first filed."""
    return [
        s["recordDetails"]
        for s in statements
        if s["recordType"] == record_type and s["recordStatus"] == "new"
    ]


def companies_of(statements: Statements) -> list[dict[str, Any]]:
    entities = first_filings(statements, "entity")
    return [e for e in entities if e["entityType"]["type"] == "registeredEntity"]


def test_about_three_statements_per_company(large: tuple[Statements, SynthSummary]) -> None:
    statements, summary = large
    companies = len(companies_of(statements))
    assert companies == summary.companies == 20_000
    assert 2.8 <= len(statements) / companies <= 3.4


def test_summary_counts_what_was_generated(large: tuple[Statements, SynthSummary]) -> None:
    statements, summary = large
    counts = Counter((s["recordType"], s["recordStatus"]) for s in statements)
    by_type = summary.by_record_type
    assert summary.statements == len(statements)
    assert {(t, st): n for t in by_type for st, n in by_type[t].items() if n} == dict(counts)


def test_most_companies_belong_to_people_and_a_fifth_have_corporate_owners(
    large: tuple[Statements, SynthSummary],
) -> None:
    statements, summary = large
    owned_by_companies = checks.corporate_edges(statements)
    assert 0.15 <= len(owned_by_companies) / summary.companies <= 0.27
    assert summary.corporate_owned == len(owned_by_companies)
    assert summary.domestic_companies / summary.companies > 0.95


def test_corporate_chains_have_a_long_tail(large: tuple[Statements, SynthSummary]) -> None:
    statements, summary = large
    depths = checks.chain_depths(checks.corporate_edges(statements))
    deepest = max(depths.values())
    assert deepest >= 10
    assert deepest == summary.max_chain_depth
    by_depth = Counter(depths.values())
    assert by_depth[1] > by_depth[2] > by_depth[4] > by_depth[8]
    assert sum(n for d, n in by_depth.items() if d >= 10) < 0.02 * summary.companies


def test_closed_loops_are_rare_and_cross_holdings_have_outside_owners(
    large: tuple[Statements, SynthSummary],
) -> None:
    statements, summary = large
    loops, crosses = checks.mutual_holdings(statements)
    assert len(loops) == summary.closed_loops
    assert 1 <= len(loops) <= 0.001 * summary.companies
    assert len(crosses) == summary.cross_holdings > 0


def test_hub_addresses_and_nominee_directors(large: tuple[Statements, SynthSummary]) -> None:
    statements, summary = large
    addresses = Counter(c["addresses"][0]["address"] for c in companies_of(statements))
    hubs = [address for address, n in addresses.items() if n >= 100]
    assert 3 <= len(hubs) <= 20
    assert set(hubs) <= set(summary.hubs)
    seats = Counter(
        r["interestedParty"]
        for r in first_filings(statements, "relationship")
        if any(i["type"] == "boardMember" for i in r["interests"])
    )
    busiest = [party for party, n in seats.items() if n >= 100 and party.startswith("per-")]
    assert 3 <= len(busiest) <= 12


def test_trusts_nominees_and_unknown_owners(large: tuple[Statements, SynthSummary]) -> None:
    statements, summary = large
    roles = checks.party_roles(statements)
    subtypes = {
        s["recordId"]: s["recordDetails"]["entityType"].get("subtype")
        for s in statements
        if s["recordType"] == "entity"
    }
    trusts = [r for r, sub in subtypes.items() if sub == "trust"]
    nominations = [r for r, sub in subtypes.items() if sub == "nomination"]
    assert len(trusts) == summary.trusts > 0
    assert len(nominations) == summary.nominations > 0
    trust_roles = {"settlor", "trustee", "beneficiaryOfLegalArrangement"}
    assert all(trust_roles <= set(roles[t]) for t in trusts)
    assert all({"nominee", "nominator"} <= set(roles[n]) for n in nominations)
    parties = [r["interestedParty"] for r in first_filings(statements, "relationship")]
    reasons = {p["reason"] for p in parties if isinstance(p, dict)}
    assert reasons == {
        "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        "noBeneficialOwners",
        "informationUnknownToPublisher",
    }


def test_secrecy_jurisdictions_peps_and_protected_persons(
    large: tuple[Statements, SynthSummary],
) -> None:
    statements, summary = large
    where = Counter(c["jurisdiction"]["code"] for c in companies_of(statements))
    assert where.pop("GB") == summary.domestic_companies
    assert set(where) == SECRECY
    persons = [s["recordDetails"] for s in statements if s["recordType"] == "person"]
    assert any(p.get("politicalExposure", {}).get("status") == "isPep" for p in persons)
    assert any(p["personType"] == "anonymousPerson" for p in persons)
    assert any(not p["names"][0]["fullName"].isascii() for p in persons if "names" in p)


def test_changes_over_time(large: tuple[Statements, SynthSummary]) -> None:
    statements, _ = large
    changed = Counter((s["recordType"], s["recordStatus"]) for s in statements)
    assert changed["relationship", "updated"] > 0.02 * len(statements)
    assert changed["relationship", "closed"] > 0.005 * len(statements)
    assert changed["entity", "updated"] > 0
    assert changed["person", "updated"] > 0
    closed = [s for s in statements if s["recordStatus"] == "closed"]
    assert all("endDate" in i for s in closed for i in s["recordDetails"]["interests"])
    years = {s["statementDate"][:4] for s in statements}
    assert years == {str(year) for year in range(2015, 2026)}
