"""The FollowTheMoney loader on the real samples (../shared/reference_data section 8): entity
files, parallel Ownership edges, percentage strings, directorship roles and deltas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.model.codes import EntityType, InterestType, RecordStatus
from bo_graph.model.graph import When
from bo_graph.model.records import EntityDetails, PersonDetails, RelationshipDetails
from bo_graph.model.share import Share
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, ftm
from loaders.ftm_map import officer_type
from tests.conftest import REFERENCE
from tests.loaders.loader_helpers import (
    FTM,
    by_record,
    import_twice,
    kinds,
    rejected,
    statements,
    warned,
)

ZALA = FTM / "zala" / "entities.ftm.json"
ZAKHAROV = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw"
LLC_CST = "ftm:NK-abdzbEBkqyT29GyREbiURZ"

EXPECTED = {  # statements, warnings (the last: what was skipped), skipped
    "zala/entities.ftm.json": (34, 2, "Address 11, Family 4, Passport 1, Sanction 41"),
    "t1/entities.ftm.json": (6, 1, "Address 1"),
    "parteispenden/entities.ftm.json": (96, 1, "Address 89, Payment 290"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_entity_files_load_and_count_what_they_skip(reference: Path, name: str) -> None:
    items = list(ftm.read(FTM / name))
    loaded, warnings, skipped = EXPECTED[name]
    assert kinds(items) == {"Statement": loaded, "Warned": warnings}
    assert warned(items)[-1].warnings[0].endswith(skipped)
    assert detect_format(FTM / name) == "ftm"


def test_aleph_store_rows(reference: Path) -> None:
    path = REFERENCE / "ftm-aleph-store-fixture" / "entities.jsonl"
    items = list(ftm.read(path))
    assert kinds(items) == {"Statement": 4, "Warned": 1}
    legal = next(s for s in statements(items) if "LegalEntity" in json.dumps(s.raw))
    assert isinstance(legal.details, EntityDetails)
    assert legal.details.entity_type is EntityType.LEGAL


def test_parallel_ownerships_stay_separate_relationships(reference: Path) -> None:
    items = statements(ftm.read(ZALA))
    parallel = [
        s.details
        for s in items
        if isinstance(s.details, RelationshipDetails)
        and (s.details.interested_party, s.details.subject) == (ZAKHAROV, LLC_CST)
        and s.details.interests[0].type is InterestType.SHAREHOLDING
    ]
    shares = sorted(
        (d.interests[0].share.lower, d.interests[0].end_date)  # type: ignore[union-attr]
        for d in parallel
    )
    assert shares == [(48.0, "2023-12-21"), (50.0, "2023-03-02"), (51.0, None)]
    in_effect = [d for d in parallel if d.interests[0].in_effect("2024-06-01")]
    assert [d.interests[0].share for d in in_effect] == [Share.exact(51)]


def test_percentage_string_and_role_only_ownership(reference: Path) -> None:
    records = by_record(ftm.read(ZALA))
    kalashnikov = records["ftm:ru-29477727b21c0f44d9c8b2e0c3697b8e028f8f5f"][0].details
    assert kalashnikov.interests[0].share == Share.exact(49)  # type: ignore[union-attr]
    subsidiary = records["ftm:NK-3NyeuT6JeJDLhGEyH3JD52"][0].details
    assert subsidiary.interests[0].share is None  # type: ignore[union-attr]
    assert subsidiary.interests[0].details == "subsidiary of"  # type: ignore[union-attr]
    person = records[ZAKHAROV][0].details
    assert isinstance(person, PersonDetails) and person.names


def test_parties_are_named_by_the_publishers_caption(reference: Path, tmp_path: Path) -> None:
    """OpenSanctions lists an entity's names in no order of preference (a former name, a
    Ukrainian spelling first); its ``caption`` is the name it shows. The other names stay
    alternate names, so search still finds the party by them."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [ZALA], tmp_path)
        names = {
            ref: node.name
            for ref in (LLC_CST, ZAKHAROV, "ftm:NK-nR5AXM9AVPq4pQaSPSaVam")
            if (node := store.get_node(ref)) is not None
        }
        assert names == {
            LLC_CST: "LLC CST",  # names[0]: 'Товариство з обмеженою відповідальністю "ЦСТ"'
            ZAKHAROV: "Alexander Vyacheslavovich ZAKHAROV",
            "ftm:NK-nR5AXM9AVPq4pQaSPSaVam": "JSC Kalashnikov Concern",  # not 'JSC NPO IZHMASH'
        }
        assert store.resolve_ref("JSC Kalashnikov Concern").id == "ftm:NK-nR5AXM9AVPq4pQaSPSaVam"
        assert [n.id for n in store.search("IZHMASH")] == ["ftm:NK-nR5AXM9AVPq4pQaSPSaVam"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("Leader or official of", InterestType.SENIOR_MANAGING_OFFICIAL),
        ("ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", InterestType.SENIOR_MANAGING_OFFICIAL),
        ("Исполнительный директор", InterestType.SENIOR_MANAGING_OFFICIAL),
        ("Director", InterestType.BOARD_MEMBER),
        ("Non-executive director", InterestType.BOARD_MEMBER),
        ("Chairman of the board", InterestType.BOARD_CHAIR),
        (None, InterestType.BOARD_MEMBER),
    ],
)
def test_directorship_roles(role: str | None, kind: InterestType) -> None:
    assert officer_type(role) is kind


def test_deltas(reference: Path) -> None:
    versions = sorted((FTM / "t2").glob("*/entities.delta.json"))
    counts = [kinds(ftm.read(p)) for p in versions]
    assert counts == [{"Statement": 2}, {"Statement": 2}, {"Rejected": 1}, {"Statement": 1}]
    (deletion,) = rejected(ftm.read(versions[2]))
    assert "DEL of 'NK-500Poltergeist'" in deletion.reason
    assert statements(ftm.read(versions[0]))[0].provenance.publication_date == "2024-05-27"


def test_a_folder_of_delta_versions_applies_as_a_series(tmp_path: Path) -> None:
    """OpenSanctions publishes deltas as version folders: read together, a later version's MOD
    supersedes the ADD (whatever the entities' own ``last_change`` says), a DEL closes what an
    earlier version added, and the index of versions (``delta.json``) is skipped, not
    quarantined."""
    items = list(ftm.read(FTM / "t2"))
    assert kinds(items) == {"Statement": 6, "Warned": 1}
    (skipped,) = warned(items)
    assert skipped.file.endswith("t2/delta.json") and "skipped" in skipped.warnings[0]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [FTM / "t2"], tmp_path)
        modified = store.get_node("ftm:NK-2T3S8Hu29ktYnKSTgQp2wL")
        assert modified is not None and modified.name == "Foobar Foobargroup"
        added = store.get_node("ftm:NK-2T3S8Hu29ktYnKSTgQp2wL", When(known_at="2024-05-27"))
        assert added is not None and added.name != "Foobar Foobargroup"
        deleted = store.get_node("ftm:NK-500Poltergeist")
        assert deleted is not None and deleted.closed
        assert deleted.name == "AL-QAIDA IN IRAQ"  # no name: the publisher's caption
    finally:
        store.close()


def test_del_after_add_in_one_file_closes_the_record(tmp_path: Path) -> None:
    entity = {
        "id": "p1",
        "schema": "Person",
        "properties": {"name": ["A Person"]},
        "last_change": "2024-01-01T00:00:00",
    }
    path = tmp_path / "20240601120000-abc" / "entities.delta.json"
    path.parent.mkdir()
    lines = [{"op": "ADD", "entity": entity}, {"op": "DEL", "entity": {"id": "p1"}}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    added, closed = statements(ftm.read(path))
    assert closed.record_id == added.record_id == "ftm:p1"
    assert closed.record_status is RecordStatus.CLOSED
    assert closed.statement_date == "2024-06-01"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [path], tmp_path)
        node = store.get_node("ftm:p1")
        assert node is None or node.closed
    finally:
        store.close()


def test_hostile_entities(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x", "schema": "Spaceship", "properties": {}}),
        json.dumps(
            {
                "id": "o",
                "schema": "Ownership",
                "properties": {"owner": ["a"], "asset": ["b"], "percentage": ["lots"]},
            }
        ),
        json.dumps(
            {
                "id": "o2",
                "schema": "Ownership",
                "properties": {"owner": ["a"], "asset": ["b"], "percentage": ["150"]},
            }
        ),
        json.dumps({"id": "o3", "schema": "Ownership", "properties": {"owner": ["a"]}}),
        json.dumps({"op": "UPSERT", "entity": {"id": "q"}}),
        "not json",
    ]
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(lines) + "\n")
    reasons = [r.reason for r in rejected(ftm.read(path))]
    assert len(reasons) == 6
    assert "not a valid FtM entity" in reasons[0]
    assert "percentage" in reasons[1]
    assert "between 0 and 100" in reasons[2]
    assert "asset" in reasons[3]
    assert "op" in reasons[4]


def test_import_accounting_and_reimport(reference: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [ZALA], tmp_path)
        assert first.accounting.loaded == 34
        edges = [
            e
            for e in store.iter_edges(When(as_of="2020-01-01"))
            if (e.interested_party, e.subject) == (ZAKHAROV, LLC_CST)
        ]
        assert len([e for e in edges if e.has_type(frozenset({InterestType.SHAREHOLDING}))]) == 3
    finally:
        store.close()


def test_an_array_with_numbers_beyond_64_bits_loads(tmp_path: Path) -> None:
    """Real exports carry 30-digit row ids: the streaming parser hands over to the pure-Python
    one where its C parser overflows, instead of failing the file."""
    entities = [
        {"id": f"c{i}", "schema": "Company", "properties": {"name": [f"Company {i}"]}}
        for i in range(3)
    ]
    entities[1]["row"] = 123456789012345678901234567890
    path = tmp_path / "entities.json"
    path.write_text(json.dumps(entities))
    assert [s.record_id for s in statements(ftm.read(path))] == ["ftm:c0", "ftm:c1", "ftm:c2"]


def test_a_person_without_a_name_is_not_named_by_its_contact_details(tmp_path: Path) -> None:
    """FtM captions a nameless person by its e-mail or telephone; a name it may be given by an
    alias or a last name, never by a contact detail."""
    entities = [
        {"id": "p1", "schema": "Person", "properties": {"email": ["hidden@example.org"]}},
        {"id": "p2", "schema": "Person", "properties": {"phone": ["+441234567890"]}},
        {"id": "p3", "schema": "Person", "properties": {"alias": ["The Accountant"]}},
    ]
    path = tmp_path / "persons.json"
    path.write_text(json.dumps(entities))
    names = []
    for statement in statements(ftm.read(path)):
        assert isinstance(statement.details, PersonDetails)
        names.append(statement.details.name)
    assert names == ["", "", "The Accountant"]


def test_an_entity_modified_back_to_an_earlier_version_is_current(tmp_path: Path) -> None:
    """ADD Alpha, MOD Beta, MOD Alpha, MOD Beta again: the fourth version is not a duplicate of
    the second, so the entity reads Beta now and Alpha in March."""
    names = {
        "20240101000000-aaa": ("ADD", "Alpha"),
        "20240201000000-bbb": ("MOD", "Beta"),
        "20240301000000-ccc": ("MOD", "Alpha"),
        "20240401000000-ddd": ("MOD", "Beta"),
    }
    for version, (op, name) in names.items():
        path = tmp_path / "deltas" / version / "entities.delta.json"
        path.parent.mkdir(parents=True)
        entity = {"id": "co-9", "schema": "Company", "properties": {"name": [name]}}
        path.write_text(json.dumps({"op": op, "entity": entity}) + "\n")
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_twice(store, [tmp_path / "deltas"], tmp_path)
        now = store.get_node("ftm:co-9")
        assert now is not None and now.name == "Beta"
        march = store.get_node("ftm:co-9", When(known_at="2024-03-15"))
        assert march is not None and march.name == "Alpha"
    finally:
        store.close()
