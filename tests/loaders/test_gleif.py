"""The GLEIF loader on every real sample (../shared/reference_data section 6): XML, golden-copy
JSON, API JSON and the plain JSON twins, and on hostile input."""

from __future__ import annotations

import csv
import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from bo_graph.exc import SourceError
from bo_graph.model.codes import DirectOrIndirect, EntityType, InterestType, UnspecifiedReason
from bo_graph.model.records import EntityDetails, RelationshipDetails, Unspecified
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, gleif
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.helpers import import_files
from tests.loaders.loader_helpers import (
    GLEIF_API,
    GLEIF_GOLDEN,
    GLEIF_PIPELINES,
    import_twice,
    rejected,
    statements,
    warned,
)

GLEIF_FORMATS = ("XML", "JSON array", "JSON object", "JSON:API (data[])", "JSON object (records[])")


def _manifest() -> list[tuple[str, int]]:
    manifest = REFERENCE / "MANIFEST.csv"
    if not manifest.exists():
        return []
    with manifest.open() as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["path"], int(row["records"]))
        for row in rows
        if row["path"].startswith("gleif-") and not row["path"].endswith("-out.json")
    ]


@pytest.mark.parametrize(("path", "records"), _manifest(), ids=lambda v: str(v))
def test_every_sample_loads_with_its_manifest_count(
    reference: Path, path: str, records: int
) -> None:
    """Every record gives one statement; the LEI records of a children lookup (whose links
    name the parent) also give one relationship each (tests/loaders/test_gleif_lookups.py)."""
    items = list(gleif.read(reference / path))
    assert rejected(items) == []
    implied = [
        s
        for s in statements(items)
        if isinstance(s.details, RelationshipDetails) and s.raw.get("type") == "lei-records"
    ]
    assert len(statements(items)) - len(implied) == records
    assert len(implied) == (records if "-children_" in path else 0)
    assert detect_format(reference / path) == "gleif"


def test_lei_record_from_xml(reference: Path) -> None:
    items = statements(gleif.read(GLEIF_PIPELINES / "lei-data.xml"))
    first = items[0]
    assert first.record_id == "XI-LEI-001GPB6A9XPE8XJICC14"
    details = first.details
    assert isinstance(details, EntityDetails)
    assert details.name == "Fidelity Advisor Leveraged Company Stock Fund"
    assert details.entity_type is EntityType.LEGAL  # category FUND
    assert details.identifiers[0].scheme == "XI-LEI"
    assert details.alternate_names == (
        "FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund",
    )
    assert details.jurisdiction is not None and details.jurisdiction.code == "US-MA"
    assert first.provenance.publication_date == "2023-06-05"  # the header's ContentDate
    assert first.statement_date == "2023-05-18"
    uk = [s for s in items if any(i.scheme == "GB-COH" for i in s.details.identifiers)]  # type: ignore[union-attr]
    assert {i.id for s in uk for i in s.details.identifiers if i.scheme == "GB-COH"} >= {  # type: ignore[union-attr]
        "03004112"
    }


def test_xml_and_twin_give_the_same_records(reference: Path) -> None:
    for stem in ("lei-data", "rr-data", "repex-data"):
        xml = [s.record_id for s in statements(gleif.read(GLEIF_PIPELINES / f"{stem}.xml"))]
        twin = [s.record_id for s in statements(gleif.read(GLEIF_PIPELINES / f"{stem}.json"))]
        assert xml == twin, stem


def test_relationship_records(reference: Path) -> None:
    items = statements(gleif.read(GLEIF_PIPELINES / "rr-data.xml"))
    by_type: dict[str, RelationshipDetails] = {}
    for statement in items:
        kind = statement.record_id.split(":")[2]
        by_type.setdefault(kind, statement.details)  # type: ignore[arg-type]
    direct = by_type["IS_DIRECTLY_CONSOLIDATED_BY"].interests[0]
    ultimate = by_type["IS_ULTIMATELY_CONSOLIDATED_BY"].interests[0]
    for interest in (direct, ultimate):
        assert interest.type is InterestType.OTHER_INFLUENCE_OR_CONTROL
        assert interest.beneficial_ownership_or_control is False
        assert interest.share is None
    assert direct.direct_or_indirect is DirectOrIndirect.DIRECT
    assert ultimate.direct_or_indirect is DirectOrIndirect.INDIRECT
    managed = by_type["IS_FUND-MANAGED_BY"]
    assert managed.interests[0].details == "IS_FUND-MANAGED_BY"
    assert managed.subject == "XI-LEI-001GPB6A9XPE8XJICC14"  # the fund (start node)
    assert managed.interested_party == "XI-LEI-5493001Z012YSB2A0K51"  # its manager
    assert managed.interests[0].start_date == "2012-11-29"


def test_reporting_exceptions_are_unspecified_parties(reference: Path) -> None:
    items = statements(gleif.read(GLEIF_PIPELINES / "repex-data.xml"))
    parties = [s.details.interested_party for s in items]  # type: ignore[union-attr]
    assert all(isinstance(p, Unspecified) for p in parties)
    codes = {p.description for p in parties}  # type: ignore[union-attr]
    assert codes == {"NON_CONSOLIDATING", "NO_KNOWN_PERSON", "NON_PUBLIC"}
    no_person = next(p for p in parties if p.description == "NO_KNOWN_PERSON")  # type: ignore[union-attr]
    assert no_person.reason is UnspecifiedReason.NO_BENEFICIAL_OWNERS  # type: ignore[union-attr]
    updates = statements(gleif.read(GLEIF_PIPELINES / "repex-updates-data2.xml"))
    later = {s.details.interested_party.description for s in updates}  # type: ignore[union-attr]
    assert {"NATURAL_PERSONS", "NO_LEI"} <= later


@pytest.mark.parametrize("newer_first", [True, False])
def test_the_later_file_s_reporting_exception_is_current_in_either_import_order(
    reference: Path, tmp_path: Path, newer_first: bool
) -> None:
    """Repex records carry no date: the file's ContentDate dates them (2023-11-06 against
    2023-06-09), so the newer file's exception is the current one whatever the order."""
    newer = GLEIF_PIPELINES / "repex-updates-data2-new.xml"
    older = GLEIF_PIPELINES / "repex-data.xml"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [newer, older] if newer_first else [older, newer], tmp_path / "q")
        edge_id = "gleif-repex:004L5FPTUREIWK9T2N63:DIRECT_ACCOUNTING_CONSOLIDATION_PARENT"
        (edge,) = store.get_edges([edge_id]).values()
        assert edge.provenance is not None
        assert edge.provenance.file == str(newer)
        assert edge.provenance.statement_date == "2023-11-06"
        party = store.get_nodes([edge.interested_party]).get(edge.interested_party)
        assert party is not None and party.name == "NO_KNOWN_PERSON"
    finally:
        store.close()


def test_api_relationships_and_pagination_warning(reference: Path) -> None:
    path = GLEIF_API / "relationships" / "direct-child-relationships_21380068P1DRHMJ8KU70.json"
    items = list(gleif.read(path))
    (note,) = warned(items)
    assert "page 1 of 8" in note.warnings[0] and "106" in note.warnings[0]
    rel = statements(items)[0].details
    assert isinstance(rel, RelationshipDetails)
    assert rel.interested_party == "XI-LEI-21380068P1DRHMJ8KU70"
    assert rel.interests[0].direct_or_indirect is DirectOrIndirect.DIRECT
    empty = GLEIF_API / "relationships" / "direct-child-relationships_254900LNRYNOQ9YPU758.json"
    assert list(gleif.read(empty)) == []


def test_api_lei_record_matches_xml_mapping(reference: Path) -> None:
    path = GLEIF_API / "lei_records" / "single_lei_record_5493001KJTIIGC8Y1R12.json"
    (statement,) = statements(gleif.read(path))
    details = statement.details
    assert isinstance(details, EntityDetails)
    assert statement.record_id == "XI-LEI-5493001KJTIIGC8Y1R12"
    assert details.name == "Bloomberg Finance L.P."
    assert statement.provenance.publication_date == "2025-05-15"
    exception = GLEIF_API / "reporting_exceptions"
    (repex,) = statements(
        gleif.read(exception / "direct-parent-reporting-exception_21380068P1DRHMJ8KU70.json")
    )
    assert repex.details.interested_party.description == "NO_KNOWN_PERSON"  # type: ignore[union-attr]


def test_golden_copy_json_is_unwrapped(reference: Path) -> None:
    path = next(GLEIF_GOLDEN.glob("*.json"))
    items = statements(gleif.read(path))
    assert len(items) == 577
    first = items[0].details
    assert isinstance(first, EntityDetails)
    assert first.name == "ALFA REY s.r.o."
    assert first.alternate_names == ("ALFA REY SRO",)
    assert items[0].provenance.publication_date == "2024-05-05"


def test_hostile_records_are_quarantined(tmp_path: Path) -> None:
    records = [
        {"LEI": "SHORT", "Entity": {"LegalName": "X"}},
        {
            "LEI": "001GPB6A9XPE8XJICC14",
            "ExceptionCategory": "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
            "ExceptionReason": "BECAUSE",
        },
        {
            "Relationship": {
                "StartNode": {"NodeID": "001GPB6A9XPE8XJICC14"},
                "EndNode": {"NodeID": "5493001Z012YSB2A0K51"},
                "RelationshipType": "OWNS",
            }
        },
        {
            "Relationship": {
                "StartNode": {"NodeID": "001GPB6A9XPE8XJICC14"},
                "EndNode": {"NodeID": "001GPB6A9XPE8XJICC14"},
                "RelationshipType": "IS_DIRECTLY_CONSOLIDATED_BY",
            }
        },
        {"something": "else"},
    ]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(records))
    reasons = [r.reason for r in rejected(gleif.read(path))]
    assert len(reasons) == 5
    assert "20-character LEI" in reasons[0]
    assert "unknown code 'BECAUSE'" in reasons[1]
    assert "unknown code 'OWNS'" in reasons[2]
    assert "differ" in reasons[3]


def test_truncated_xml_is_a_source_error(reference: Path, tmp_path: Path) -> None:
    data = (GLEIF_PIPELINES / "lei-data.xml").read_bytes()
    path = tmp_path / "lei.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="invalid XML"):
        list(gleif.read(path))


def _big_xml(count: int) -> bytes:
    record = (
        "<lei:LEIRecord><lei:LEI>{lei}</lei:LEI><lei:Entity><lei:LegalName>Company {n}"
        "</lei:LegalName><lei:LegalJurisdiction>GB</lei:LegalJurisdiction></lei:Entity>"
        "<lei:Registration><lei:RegistrationStatus>ISSUED</lei:RegistrationStatus>"
        "</lei:Registration></lei:LEIRecord>"
    )
    body = "".join(record.format(lei=f"{n:020d}", n=n) for n in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><lei:LEIData '
        'xmlns:lei="http://www.gleif.org/data/schema/leidata/2016"><lei:LEIHeader>'
        "<lei:ContentDate>2024-01-01T00:00:00Z</lei:ContentDate></lei:LEIHeader><lei:LEIRecords>"
        f"{body}</lei:LEIRecords></lei:LEIData>"
    ).encode()


def test_xml_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.xml.gz"
    path.write_bytes(gzip.compress(_big_xml(20_000)))
    tracemalloc.start()
    count = sum(1 for _ in gleif.read(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert peak < 8 << 20  # elements are cleared: far below the parsed tree of 20,000 records


def test_import_accounting_and_reimport(reference: Path, tmp_path: Path) -> None:
    paths = [GLEIF_PIPELINES / f"{stem}.xml" for stem in ("lei-data", "rr-data", "repex-data")]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, paths, tmp_path)
        assert first.accounting.loaded == 33
        assert store.counts().nodes_by_kind.get("unspecified") == 10
    finally:
        store.close()


def test_gleif_records_export_as_valid_bods_04(reference: Path) -> None:
    """BODS requires a jurisdiction's and a country's name; GLEIF gives codes only, so the
    names are added ("United States (US-MA)") and a BODS export of these records validates."""
    errors = []
    for n, item in enumerate(statements(gleif.read(GLEIF_PIPELINES / "lei-data.xml"))):
        statement = {
            "statementId": f"{n:032d}",
            "declarationSubject": item.record_id,
            "statementDate": "2023-06-05",
            "recordId": item.record_id,
            "recordType": item.record_type.value,
            "recordStatus": "new",
            "recordDetails": item.bods_details,
            "publicationDetails": {
                "publicationDate": "2023-06-05",
                "bodsVersion": "0.4",
                "publisher": {"name": "test"},
            },
        }
        errors += [f"{item.record_id}: {e}" for e in schema_errors(statement, "0.4")]
    assert errors == []
    first = statements(gleif.read(GLEIF_PIPELINES / "lei-data.xml"))[0].details
    assert isinstance(first, EntityDetails) and first.jurisdiction is not None
    assert (first.jurisdiction.name, first.jurisdiction.code) == ("United States (US-MA)", "US-MA")
