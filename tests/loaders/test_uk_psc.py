"""The UK PSC snapshot loader on the real samples (../shared/reference_data sections 4c, 5) and
on hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.model.codes import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    InterestType,
    RecordStatus,
    UnspecifiedReason,
)
from bo_graph.model.loading import LoadItem
from bo_graph.model.records import EntityDetails, PersonDetails, RelationshipDetails, Unspecified
from bo_graph.model.share import Share
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, uk_psc
from loaders.uk_psc_codes import nature_interest
from tests.loaders.loader_helpers import (
    OO_FILES,
    PSC,
    PSC_SOURCES,
    by_record,
    gzipped,
    import_twice,
    kinds,
    rejected,
    statements,
    warned,
    zipped,
)

SNAPSHOT = PSC / "derived" / "psc-snapshot-sample.jsonl"


def _relationship(items: list[LoadItem], record_id: str) -> RelationshipDetails:
    found = by_record(items)[record_id][-1].details
    assert isinstance(found, RelationshipDetails)
    return found


def test_snapshot_sample_loads_every_record(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    # 19 PSC lines: 17 named PSCs (party + relationship), 1 statement, 1 super-secure, and one
    # identifier-only record per company (18 companies, one of them has two lines).
    assert kinds(items) == {"Statement": 54, "Warned": 1}
    totals = warned(items)[0]
    assert totals.position == 20 and "12799821" in totals.warnings[0]
    assert detect_format(SNAPSHOT) == "uk-psc"
    assert all(s.provenance.source == uk_psc.SOURCE for s in statements(items))
    assert all(s.provenance.source_format == "uk-psc" for s in statements(items))


def test_individual_psc_bands_nationality_and_company_link(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    records = by_record(items)
    person = records["gb-psc:8209948/FReSTxwXcJbAHBrerDpmTylkW48"][0].details
    assert isinstance(person, PersonDetails)
    assert person.name == "Mr Marc Anthony Feldman"
    assert person.birth_date == "1961-12"
    assert [(j.name, j.code) for j in person.nationalities] == [("British", "GB")]
    rel = _relationship(items, "gb-psc:8209948/FReSTxwXcJbAHBrerDpmTylkW48#relationship")
    assert rel.subject == "GB-COH-8209948"  # company number 08209948, leading zero dropped
    (interest,) = rel.interests
    assert interest.type is InterestType.SHAREHOLDING
    assert interest.share == Share(75, 100)  # 75 or more: [75, 100]
    assert interest.beneficial_ownership_or_control is True
    assert interest.details == "ownership-of-shares-75-to-100-percent"
    company = records["GB-COH-8209948"][0].details
    assert isinstance(company, EntityDetails)
    assert [(i.scheme, i.id) for i in company.identifiers] == [("GB-COH", "08209948")]


def test_statement_keeps_the_register_spelling_and_ceases(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    statement = by_record(items)["gb-psc:8209948/Z1EPZ-AyS_CpOQyqHfFzyRcbkdg#relationship"][0]
    assert statement.record_status is RecordStatus.CLOSED
    assert statement.statement_date == "2021-12-13"
    party = statement.details.interested_party  # type: ignore[union-attr]
    assert party == Unspecified(
        UnspecifiedReason.NO_BENEFICIAL_OWNERS,
        "no-individual-or-entity-with-signficant-control",
    )


def test_corporate_psc_links_to_its_company_record(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    rel = _relationship(items, "gb-psc:7434180/4VX8NR7hszDG1wJAzQS9Oi7Z5c4#relationship")
    assert rel.interested_party == "GB-COH-686734"  # registration number 00686734
    entity = by_record(items)["GB-COH-686734"][0].details
    assert isinstance(entity, EntityDetails)
    assert entity.name == "Robert Hitchins Limited"
    assert entity.jurisdiction is not None and entity.jurisdiction.code == "GB"
    # A US registration number is not a Companies House number: it keeps the PSC id.
    rel = _relationship(items, "gb-psc:2847483/YIVGZxjcS8tcf-5WdYZBtTTW-so#relationship")
    assert rel.interested_party == "gb-psc:2847483/YIVGZxjcS8tcf-5WdYZBtTTW-so"


def test_a_corporate_psc_without_its_number_is_still_a_registered_entity(
    reference: Path, tmp_path: Path
) -> None:
    """A corporate PSC is a company on a register of its own (a Ltd, an AG, a Gibraltar
    limited company), whether or not the line gives its registration number; only a legal
    person (a government) is not."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [SNAPSHOT], tmp_path)
        kinds_of = {
            node.name: node.subkind
            for ref in (
                "gb-psc:6452920/wvnck5c6qyZHeG02DZYH-0_dGYM",  # Companies Act 2006, no number
                "gb-psc:1507964/OGSIqcY0YwpEmcz9iUdUt9gxo2I",  # legal form "Ag", Zug
                "gb-psc:OE029880/6y6IktnZ6EsCuVQyJw0Y3DdKXCQ",  # beneficial owner, Gibraltar
                "gb-psc:OE031044/28NaTOioatSpvI7hNY3qz_fKYoI",  # legal person: a government
            )
            if (node := store.get_node(ref)) is not None
        }
        assert kinds_of == {
            "Wpp Rocky Ltd": "registeredEntity",
            "Draeger Finanz Ag": "registeredEntity",
            "Parliament Lane Management Limited": "registeredEntity",
            "Government Of Czech Republic": "stateBody",
        }
    finally:
        store.close()


def test_overseas_entities_legal_persons_and_super_secure(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    records = by_record(items)
    trust = _relationship(items, "gb-psc:OE029880/6y6IktnZ6EsCuVQyJw0Y3DdKXCQ#relationship")
    assert trust.interests[0].type is InterestType.OTHER_INFLUENCE_OR_CONTROL
    assert trust.interests[0].direct_or_indirect is DirectOrIndirect.INDIRECT  # as-trust
    czech = _relationship(items, "gb-psc:OE031044/28NaTOioatSpvI7hNY3qz_fKYoI#relationship")
    assert {i.share for i in czech.interests} == {Share(25, 100, lower_open=True)}
    assert [i.direct_or_indirect for i in czech.interests][1] is DirectOrIndirect.INDIRECT
    department = records["gb-psc:7102351/I9Y9flc5ndlcZRtXPL03fjn2hDo"][0].details
    assert isinstance(department, EntityDetails)
    assert (department.entity_type, department.subtype) == (
        EntityType.STATE_BODY,
        EntitySubtype.GOVERNMENT_DEPARTMENT,
    )
    secure = _relationship(items, "gb-psc:2443921/NcZQQA0LMrXYV1u0fGRHLrGIL_I#relationship")
    assert secure.interested_party == Unspecified(
        UnspecifiedReason.INTERESTED_PARTY_EXEMPT, "super-secure-person-with-significant-control"
    )


def test_a_country_named_in_the_legal_authority_is_the_jurisdiction(reference: Path) -> None:
    """Without a country_registered, the one country legal_authority names: the Gibraltar
    company (a secrecy jurisdiction the flags must see), a government, a ministry; nothing is
    guessed from 'Companies Act 2006' or 'English Law'."""
    records = by_record(list(uk_psc.read(SNAPSHOT)))

    def code(record_id: str) -> str | None:
        details = records[record_id][0].details
        assert isinstance(details, EntityDetails)
        return details.jurisdiction.code if details.jurisdiction else None

    assert code("gb-psc:OE029880/6y6IktnZ6EsCuVQyJw0Y3DdKXCQ") == "GI"
    gibraltar = records["gb-psc:OE029880/6y6IktnZ6EsCuVQyJw0Y3DdKXCQ"][0].details
    assert gibraltar.jurisdiction.name == "Gibraltar", "the country, not the law's text"  # type: ignore[union-attr]
    assert code("gb-psc:OE031044/28NaTOioatSpvI7hNY3qz_fKYoI") == "CZ"
    assert code("gb-psc:7102351/I9Y9flc5ndlcZRtXPL03fjn2hDo") == "CN"
    assert code("gb-psc:6452920/wvnck5c6qyZHeG02DZYH-0_dGYM") is None  # Companies Act 2006


def test_an_overseas_entity_is_not_placed_in_the_uk(reference: Path) -> None:
    """OE029880 is on the UK register of overseas entities, incorporated elsewhere: its
    company record has no jurisdiction rather than GB; a UK company keeps GB."""
    records = by_record(list(uk_psc.read(SNAPSHOT)))
    overseas = records["GB-COH-OE029880"][0].details
    assert isinstance(overseas, EntityDetails) and overseas.jurisdiction is None
    uk_company = records["GB-COH-2443921"][0].details
    assert isinstance(uk_company, EntityDetails) and uk_company.jurisdiction is not None
    assert uk_company.jurisdiction.code == "GB"


def test_a_company_known_only_by_its_number_is_named_by_it(reference: Path, tmp_path: Path) -> None:
    """A PSC snapshot alone gives each company its number, not its name: reports, flags and
    the graph name it by that number rather than as one more "(registered entity)"."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [SNAPSHOT], tmp_path)
        nodes = [store.get_node(ref) for ref in ("GB-COH-2443921", "GB-COH-OE029880")]
        names = {node.id: node.name for node in nodes if node is not None}
    finally:
        store.close()
    assert names == {
        "GB-COH-2443921": "(registered entity GB-COH 02443921)",
        "GB-COH-OE029880": "(registered entity GB-COH OE029880)",
    }


def test_ceased_psc_becomes_end_dates(reference: Path) -> None:
    items = list(uk_psc.read(SNAPSHOT))
    statement = by_record(items)["gb-psc:10308742/w4N_sH7yjfQmrQl93tx5yu7WW50#relationship"][0]
    assert statement.record_status is RecordStatus.CLOSED
    assert {i.end_date for i in statement.details.interests} == {"2018-02-27"}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "share"),
    [
        ("ownership-of-shares-25-to-50-percent", Share(25, 50, lower_open=True)),
        ("voting-rights-50-to-75-percent", Share(50, 75, lower_open=True, upper_open=True)),
        ("ownership-of-shares-75-to-100-percent-as-firm", Share(75, 100)),
        (
            "ownership-of-shares-more-than-25-percent-registered-overseas-entity",
            Share(25, 100, lower_open=True),
        ),
        (
            "right-to-share-surplus-assets-25-to-50-percent-limited-liability-partnership",
            Share(25, 50, lower_open=True),
        ),
        ("right-to-appoint-and-remove-directors-as-trust", None),
    ],
)
def test_nature_bands_are_exact_intervals(code: str, share: Share | None) -> None:
    interest = nature_interest(code, beneficial=True, start=None, end=None)
    assert interest is not None and interest.share == share and interest.details == code
    indirect = "-as-trust" in code or "-as-firm" in code
    assert (interest.direct_or_indirect is DirectOrIndirect.INDIRECT) is indirect


SOURCES_EXPECTED = {
    "psc_individual.json": ("Statement", 3),
    "psc_ceased_on.json": ("Statement", 3),
    "psc_corporate.json": ("Statement", 3),
    "psc_legal.json": ("Statement", 3),
    "psc_no_country.json": ("Statement", 3),
    "psc_no_match.json": ("Statement", 3),
    "psc_not_found.json": ("Statement", 3),
    "psc_statement.json": ("Statement", 2),
    "psc_statement_ceased_on.json": ("Statement", 2),
    "psc_super_secure.json": ("Statement", 2),
    "psc_exemptions.json": ("Statement", 2),
    "psc_totals.json": ("Warned", 1),
    "psc_unknown_kind.json": ("Rejected", 1),
}


@pytest.mark.parametrize("name", sorted(SOURCES_EXPECTED))
def test_register_sources_fixtures(reference: Path, name: str) -> None:
    items = list(uk_psc.read(PSC_SOURCES / name))
    kind, count = SOURCES_EXPECTED[name]
    assert kinds(items)[kind] == count
    for statement in statements(items):
        if isinstance(statement.details, RelationshipDetails):
            assert statement.details.subject == "GB-COH-1234567"


def test_unknown_kind_is_quarantined_with_reason(reference: Path) -> None:
    (bad,) = rejected(uk_psc.read(PSC_SOURCES / "psc_unknown_kind.json"))
    assert "unknown PSC kind 'unknown-kind'" in bad.reason


def test_west_yorkshire_is_kept_as_a_name_without_a_code(reference: Path) -> None:
    items = list(uk_psc.read(PSC_SOURCES / "psc_no_match.json"))
    entity = next(
        s.details
        for s in statements(items)
        if isinstance(s.details, EntityDetails) and s.details.name == "Foo Bar Limited"
    )
    assert isinstance(entity, EntityDetails) and entity.jurisdiction is not None
    assert (entity.jurisdiction.name, entity.jurisdiction.code) == ("West Yorkshire", None)
    assert any("West Yorkshire" in w for item in warned(items) for w in item.warnings)


def test_corporate_with_uk_number_is_the_company_record(reference: Path) -> None:
    items = list(uk_psc.read(PSC_SOURCES / "psc_corporate.json"))
    assert "GB-COH-89101112" in by_record(items)
    exemptions = list(uk_psc.read(PSC_SOURCES / "psc_exemptions.json"))
    rel = statements(exemptions)[-1].details
    assert rel.interested_party == Unspecified(  # type: ignore[union-attr]
        UnspecifiedReason.SUBJECT_EXEMPT, "psc-exempt-as-shares-admitted-on-market"
    )
    assert rel.interests[0].start_date == "2016-10-29"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name",
    [
        "psc_individual-beneficial-owner.json",
        "psc_corporate-entity-beneficial-owner.json",
        "psc_legal-person-beneficial-owner.json",
        "psc_super-secure-beneficial-owner.json",
    ],
)
def test_overseas_entity_kinds_without_links(reference: Path, name: str) -> None:
    items = list(uk_psc.read(OO_FILES / name))
    assert not rejected(items)
    assert any("links.self" in w for item in warned(items) for w in item.warnings)
    rel = statements(items)[-1]
    assert rel.record_id.startswith("gb-psc:1234567/") and rel.is_relationship


def test_every_pipeline_fixture_file_loads(reference: Path) -> None:
    files = sorted((PSC / "tests" / "fixtures").glob("psc-data-*.json"))
    assert len(files) == 16
    for path in files:
        items = list(uk_psc.read(path))
        records = len(json.loads(path.read_text()))
        assert not rejected(items), path
        assert len(warned(items)) == 1  # the totals record
        assert len(statements(items)) >= 2 * (records - 1)


def test_hostile_lines_are_quarantined(tmp_path: Path) -> None:
    good = (
        SNAPSHOT.read_text().splitlines()[0]
        if SNAPSHOT.exists()
        else json.dumps(
            {
                "company_number": "1",
                "data": {
                    "kind": "individual-person-with-significant-control",
                    "links": {"self": "/company/1/x/y/abc"},
                },
            }
        )
    )
    lines = [
        good,
        "{not json",
        json.dumps({"data": {"kind": "individual-person-with-significant-control"}}),
        json.dumps(
            {
                "company_number": "1",
                "data": {"kind": STATEMENT_KIND, "statement": "x", "notified_on": "31/12/2019"},
            }
        ),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "psc.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(uk_psc.read(path))
    reasons = [r.reason for r in rejected(items)]
    assert len(reasons) == 4
    assert "invalid JSON" in reasons[0]
    assert "company_number" in reasons[1]
    assert "notified_on: expected an ISO date, found '31/12/2019'" in reasons[2]
    assert "expected" in reasons[3]


STATEMENT_KIND = "persons-with-significant-control-statement"


def test_gzip_and_zip_give_the_same_statements(reference: Path, tmp_path: Path) -> None:
    plain = [s.statement_id for s in statements(uk_psc.read(SNAPSHOT))]
    gz = gzipped(SNAPSHOT, tmp_path / "snapshot.txt.gz")
    assert [s.statement_id for s in statements(uk_psc.read(gz))] == plain
    archive = zipped([SNAPSHOT], tmp_path / "snapshot.zip")
    from_zip = statements(uk_psc.read(archive))
    assert [s.statement_id for s in from_zip] == plain
    assert from_zip[0].provenance.file.endswith("snapshot.zip!psc-snapshot-sample.jsonl")
    assert detect_format(gz) == detect_format(archive) == "uk-psc"


def test_snapshot_date_in_file_name_is_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "persons-with-significant-control-snapshot-2024-11-22.txt"
    path.write_text(
        json.dumps(
            {
                "company_number": "1",
                "data": {
                    "kind": "exemptions",
                    "exemptions": {
                        "a": {
                            "exemption_type": "psc-exempt-as-trading-on-regulated-market",
                            "items": [{"exempt_from": "2016-01-01"}],
                        }
                    },
                },
            }
        )
        + "\n"
    )
    assert {s.provenance.publication_date for s in statements(uk_psc.read(path))} == {"2024-11-22"}


def test_import_accounting_and_reimport(reference: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [SNAPSHOT], tmp_path)
        assert (first.accounting.loaded, first.accounting.quarantined) == (54, 0)
        assert first.dangling == []
        unspecified = store.counts().nodes_by_kind.get("unspecified")
        assert unspecified == 2
    finally:
        store.close()
