"""The ICIJ Offshore Leaks loader: the 2016 CSV layout and Linkurious JSON (real samples,
../shared/reference_data section 7) and the current CSV layout (project-owned fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.exc import SourceError
from bo_graph.model.codes import EntitySubtype, EntityType, InterestType, PersonType
from bo_graph.model.records import EntityDetails, PersonDetails, RelationshipDetails
from bo_graph.model.share import Share
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, icij
from loaders.icij_roles import edge_kind, interests, normalise
from tests.loaders.loader_helpers import (
    FIXTURES,
    ICIJ_MINI,
    ICIJ_VIZ,
    by_record,
    import_twice,
    kinds,
    rejected,
    statements,
    warned,
    zipped,
)

CURRENT = FIXTURES / "icij_current"


def test_2016_mini_folder(reference: Path) -> None:
    items = list(icij.read(ICIJ_MINI))
    # 13 entities + 31 intermediaries + 32 officers + 69 edges
    assert kinds(items) == {"Statement": 145}
    assert detect_format(ICIJ_MINI) == "icij"
    records = by_record(items)
    entity = records["icij:10000001"][0]
    details = entity.details
    assert isinstance(details, EntityDetails)
    assert details.jurisdiction is not None
    assert (details.jurisdiction.name, details.jurisdiction.code) == ("Samoa", "WS")  # SAM
    assert details.founding_date == "2006-03-23"  # 23-Mar-06: two-digit year
    assert details.dissolution_date == "2013-02-15"
    assert entity.provenance.source == "ICIJ Offshore Leaks: Panama Papers"
    edge = statements(items)[-1]
    assert edge.record_id.startswith("icij-rel:")
    assert edge.details.subject.startswith("icij:100")  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["Entities_mini.csv", "Officers_mini.csv", "all_edges_mini.csv"])
def test_2016_files_one_by_one_are_detected_by_header(reference: Path, name: str) -> None:
    assert detect_format(ICIJ_MINI / name) == "icij"


def test_several_countries_of_a_node_with_an_address_are_kept(
    reference: Path, tmp_path: Path
) -> None:
    """MOURANT & CO. SECRETARIES LIMITED (Intermediaries, node 11000013): an address line and
    the countries ``JEY;GBR``. ICIJ does not say which country is the line's: each is kept."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [ICIJ_MINI], tmp_path)
        node = store.get_node("icij:11000013")
        assert node is not None and isinstance(node.details, EntityDetails)
        addresses = node.details.addresses
        assert addresses[0].address is not None and "ST. HELIER, JERSEY" in addresses[0].address
        countries = [(a.country.name, a.country.code) for a in addresses if a.country]
        assert countries == [("Jersey", "JE"), ("United Kingdom", "GB")]
    finally:
        store.close()


def test_files_passed_separately_resolve_at_the_end(reference: Path, tmp_path: Path) -> None:
    names = [
        "all_edges_mini.csv",
        "Entities_mini.csv",
        "Officers_mini.csv",
        "Intermediaries_mini.csv",
    ]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [ICIJ_MINI / n for n in names], tmp_path)
        assert first.accounting.loaded == 145
        assert first.dangling == []  # the edges file came first
    finally:
        store.close()


def test_linkurious_viz_files(reference: Path) -> None:
    loaded = 0
    reasons: list[str] = []
    notes: list[str] = []
    for path in sorted(ICIJ_VIZ.glob("*.json")):
        items = list(icij.read(path))
        loaded += len(statements(items))
        reasons += [r.reason for r in rejected(items)]
        notes += [w for item in warned(items) for w in item.warnings]
    # 710 nodes - 77 addresses; 889 edges - 109 address - 19 similarity - 4 unknown roles
    assert loaded == 633 + 757
    assert sorted(reasons) == sorted(
        ["ICIJ viz: unknown ICIJ role 'Connected'"] * 3
        + ["ICIJ viz: unknown ICIJ role 'Grantee of a mortgage'"]
    )
    skipped = sum(int(n.split()[1]) for n in notes if n.startswith("skipped"))
    assert skipped == 77 + 109 + 19


def test_viz_roles_with_typos_are_normalised(reference: Path) -> None:
    found: dict[str, set[InterestType]] = {}
    for path in sorted(ICIJ_VIZ.glob("*.json")):
        for statement in statements(icij.read(path)):
            if isinstance(statement.details, RelationshipDetails):
                for interest in statement.details.interests:
                    found.setdefault(interest.details or "", set()).add(interest.type)  # type: ignore[arg-type]
    owner = {InterestType.UNKNOWN_INTEREST}  # every "Beneficiary" edge here is of a company
    assert found["Beneficiay"] == found["Beneficiary"] == owner
    assert found["Beneficial owner"] == found["Beneficial Owner"] == owner
    assert found["First beneficiary"] == {
        InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT
    }  # JULEX FOUNDATION
    assert found["Owner, director and shareholder"] == {
        InterestType.UNKNOWN_INTEREST,
        InterestType.BOARD_MEMBER,
        InterestType.SHAREHOLDING,
    }
    assert found["registered"] == {InterestType.OTHER_INFLUENCE_OR_CONTROL}  # intermediary


def test_a_sole_shareholder_holds_all_the_shares(reference: Path) -> None:
    """Two edges of the 2016 viz data say "Sole shareholder": the only shareholder, 100%."""
    shares = [
        interest.share
        for path in sorted(ICIJ_VIZ.glob("*.json"))
        for statement in statements(icij.read(path))
        if isinstance(statement.details, RelationshipDetails)
        for interest in statement.details.interests
        if interest.details == "Sole shareholder"
    ]
    assert shares == [Share(100, 100)] * 2
    assert interests("Shareholder", None, None)[0].share is None


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("shareholder of", {InterestType.SHAREHOLDING}),
        ("SHAREHOLDER OF", {InterestType.SHAREHOLDING}),
        ("Beneficiay", {InterestType.UNKNOWN_INTEREST}),  # of a company: its beneficial owner
        ("Beneficial Owner", {InterestType.UNKNOWN_INTEREST}),
        ("Nominee Shareholder of", {InterestType.NOMINEE}),
        ("Director (Rami Makhlouf)", {InterestType.BOARD_MEMBER}),
        ("intermediary of", {InterestType.OTHER_INFLUENCE_OR_CONTROL}),
        ("Power of attorney", {InterestType.RIGHTS_GRANTED_BY_CONTRACT}),
        ("Connected", set()),
    ],
)
def test_role_labels(label: str, expected: set[InterestType]) -> None:
    assert {i.type for i in interests(label, None, None)} == expected
    assert all(i.details == label for i in interests(label, None, None))


def test_address_and_similarity_edges_are_not_roles() -> None:
    assert edge_kind("registered address") == "address"
    assert edge_kind("registered_address") == "address"
    assert edge_kind("has similar name and address as") == "similar"
    assert edge_kind("same_name_as") == "similar"
    assert edge_kind("officer_of") == "role"
    assert normalise("Shareholder (through Julex Foundation)") == "shareholder"
    (indirect,) = interests("Shareholder (through Julex Foundation)", None, None)
    assert indirect.direct_or_indirect.value == "indirect"


def test_current_layout_fixture_folder() -> None:
    items = list(icij.read(CURRENT))
    assert kinds(items) == {"Statement": 18, "Warned": 2, "Rejected": 1}
    assert detect_format(CURRENT) == "icij"
    records = by_record(items)
    trust = records["icij:80000003"][0].details
    assert isinstance(trust, EntityDetails)
    assert (trust.entity_type, trust.subtype) == (EntityType.ARRANGEMENT, EntitySubtype.TRUST)
    assert trust.jurisdiction is not None and trust.jurisdiction.code == "WS"
    bvi = records["icij:80000001"][0].details
    assert bvi.jurisdiction.code == "VG" and bvi.founding_date == "2006-03-23"  # type: ignore[union-attr]
    nominees = records["icij:81000003"][0].details
    assert isinstance(nominees, EntityDetails)  # "LIMITED": an officer that is a company
    bearer = records["icij:81000004"][0].details
    assert isinstance(bearer, PersonDetails) and bearer.person_type is PersonType.UNKNOWN
    (unknown,) = rejected(items)
    assert "unknown ICIJ role 'connected to'" in unknown.reason
    notes = [w for item in warned(items) for w in item.warnings]
    assert "skipped 2 address nodes (addresses are not parties)" in notes
    assert "skipped 1 similarity edges (hints, never merged)" in notes


def test_current_layout_as_zip_and_end_to_end(tmp_path: Path) -> None:
    archive = zipped(sorted(CURRENT.glob("*.csv")), tmp_path / "offshore-leaks.zip")
    assert detect_format(archive) == "icij"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [archive], tmp_path)
        assert (first.accounting.loaded, first.accounting.quarantined) == (18, 1)
        assert first.dangling == []
        owners = {e.interested_party for e in store.iter_edges() if e.subject == "icij:80000001"}
        assert owners == {"icij:81000001", "icij:81000003", "icij:81000004", "icij:82000001"}
    finally:
        store.close()


def test_hostile_icij_input(tmp_path: Path) -> None:
    path = tmp_path / "relationships.csv"
    path.write_text(
        "node_id_start,node_id_end,rel_type,link,status,start_date,end_date,sourceID\n"
        "1,2,officer_of,director of,,31-13-2001,,X\n"
        "1,,officer_of,director of,,,,X\n"
        "1,2,officer_of\n"
        "3,3,officer_of,shareholder of,,,,X\n"
    )
    items = list(icij.read(path))
    (ok,) = statements(items)
    assert ok.details.interests[0].start_date is None  # type: ignore[union-attr]
    assert any("not a date" in w for item in warned(items) for w in item.warnings)
    reasons = [r.reason for r in rejected(items)]
    assert len(reasons) == 3
    assert "both nodes" in reasons[0]
    assert "expected 8 fields" in reasons[1]
    assert "differ" in reasons[2]
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(SourceError, match="not an ICIJ"):
        list(icij.read(other))


def test_viz_document_detected_and_bad_nodes(tmp_path: Path) -> None:
    path = tmp_path / "viz.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [{"data": {}}, {"id": 5, "data": {"categories": {"0": "Planet"}}}],
                "edges": [],
            }
        )
    )
    assert detect_format(path) == "icij"
    reasons = [r.reason for r in rejected(icij.read(path))]
    assert reasons == [
        "ICIJ viz: expected a node with an id",
        "ICIJ viz: unknown node category 'Planet'",
    ]
