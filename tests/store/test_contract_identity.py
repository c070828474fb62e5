"""The same company in two registers becomes one node: the contract, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.graph import NodeKind, When
from bo_graph.store.base import Direction, GraphStore
from bo_graph.store.identity import Merge
from tests.factory import entity, owns, person, sid, write_jsonl
from tests.helpers import import_files


def from_register(register: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``records`` as published by ``register`` (their provenance's source)."""
    for record in records:
        record["source"] = {"type": ["officialRegister"], "description": register}
    return records


def with_identifiers(record: dict[str, Any], *pairs: tuple[str, str]) -> dict[str, Any]:
    record["recordDetails"]["identifiers"] = [{"scheme": s, "id": i} for s, i in pairs]
    return record


def gleif_record(name: str = "ACME HOLDINGS LIMITED", date: str = "2024-05-01") -> dict[str, Any]:
    """What the LEI register says: the LEI, and the company's Companies House number."""
    record = entity("XI-LEI-L", name, date=date)
    record = with_identifiers(record, ("XI-LEI", "L"), ("GB-COH", "01234"))
    return from_register("LEI register", [record])[0]


def psc_register() -> list[dict[str, Any]]:
    """What the company register says: the company (its number without the leading zero), a
    person owning 60% of it."""
    return from_register(
        "Company register",
        [
            entity("GB-COH-1234", "Acme Holdings Ltd", number="1234", date="2023-01-01"),
            person("P", "Pat Owner"),
            owns("p-acme", "P", "GB-COH-1234", {"exact": 60}),
        ],
    )


def lei_register() -> list[dict[str, Any]]:
    """The LEI register's record, and the company's subsidiary as it reports it."""
    return from_register(
        "LEI register",
        [
            gleif_record(),
            entity("XI-LEI-S", "Acme Subsidiary BV", jurisdiction="NL"),
            owns("acme-s", "XI-LEI-L", "XI-LEI-S", {"exact": 100}),
        ],
    )


def load(store: GraphStore, tmp_path: Path, *registers: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    paths = [write_jsonl(tmp_path / f"r{i}.jsonl", r) for i, r in enumerate(registers)]
    return import_files(store, paths, tmp_path / "q.jsonl")


@pytest.mark.parametrize("order", ["company register first", "LEI register first"])
def test_the_same_company_in_two_registers_is_one_node(
    store: GraphStore, tmp_path: Path, order: str
) -> None:
    registers = [psc_register(), lei_register()]
    if order == "LEI register first":
        registers.reverse()
    report = load(store, tmp_path, *registers)
    assert report.joined == [Merge("GB-COH-1234", ("XI-LEI-L",))]
    assert store.get_node("XI-LEI-L") is None
    company = store.get_node("GB-COH-1234")
    assert company is not None and company.name == "ACME HOLDINGS LIMITED"  # the later version
    for ref in ("XI-LEI-L", "XI-LEI:L", "GB-COH:01234", "GB-COH:1234"):
        assert store.resolve_ref(ref).id == "GB-COH-1234", ref
    for name in ("Acme Holdings Ltd", "acme holdings limited"):  # both registers' names
        assert [n.id for n in store.search(name)][:1] == ["GB-COH-1234"], name
    assert [e.id for e in store.owners_of("GB-COH-1234")] == ["p-acme"]
    assert [e.id for e in store.holdings_of("GB-COH-1234")] == ["acme-s"]
    sources = sorted(Path(s.provenance.file).name for s in store.statements_for("GB-COH-1234"))
    assert sources == ["r0.jsonl", "r1.jsonl"]
    counts = store.counts()
    assert counts.nodes_by_kind == {NodeKind.ENTITY.value: 2, NodeKind.PERSON.value: 1}
    assert not report.dangling


def test_every_version_of_both_registers_is_kept(store: GraphStore, tmp_path: Path) -> None:
    renamed = gleif_record("ACME HOLDINGS PLC", date="2024-09-01")
    renamed["statementId"] += "-renamed"
    load(store, tmp_path, [*lei_register(), renamed], psc_register())
    for known_at, name in (
        ("2023-06-01", "Acme Holdings Ltd"),  # only the company register had spoken
        ("2024-06-01", "ACME HOLDINGS LIMITED"),  # the LEI record's first version
        ("2024-12-01", "ACME HOLDINGS PLC"),
    ):
        node = store.get_node("GB-COH-1234", When(known_at=known_at))
        assert node is not None and node.name == name, known_at


def test_a_later_import_about_a_joined_record_joins_the_node_again(
    store: GraphStore, tmp_path: Path
) -> None:
    load(store, tmp_path, psc_register(), lei_register())
    later = [
        gleif_record("ACME GROUP LIMITED", date="2025-03-01"),
        entity("XI-LEI-T", "Acme Trading GmbH", jurisdiction="DE"),
        owns("acme-t", "XI-LEI-L", "XI-LEI-T", {"exact": 100}),
    ]
    report = import_files(store, [write_jsonl(tmp_path / "later.jsonl", later)], tmp_path / "q")
    assert report.accounting.loaded == 3 and not report.dangling
    assert store.get_node("XI-LEI-L") is None
    company = store.get_node("GB-COH-1234")
    assert company is not None and company.name == "ACME GROUP LIMITED"
    assert sorted(e.id for e in store.holdings_of("GB-COH-1234")) == ["acme-s", "acme-t"]
    assert store.resolve_ref("ACME GROUP LIMITED").id == "GB-COH-1234"


def test_a_relationship_imported_later_naming_a_joined_record_hangs_on_the_node(
    store: GraphStore, tmp_path: Path
) -> None:
    load(store, tmp_path, psc_register(), lei_register())
    later = [
        person("Q", "Quinn Voter"),
        owns("q-acme", "Q", "XI-LEI-L", interest="votingRights"),
        entity("GB-COH-1234", "Acme Holdings (2026) Ltd", number="1234", date="2026-01-01"),
    ]
    report = import_files(store, [write_jsonl(tmp_path / "later.jsonl", later)], tmp_path / "q")
    assert not report.dangling
    assert sorted(e.id for e in store.owners_of("GB-COH-1234")) == ["p-acme", "q-acme"]
    assert [n.id for n in store.find_by_record_id("XI-LEI-L")] == ["GB-COH-1234"]
    assert store.resolve_ref("XI-LEI-L").name == "Acme Holdings (2026) Ltd"


def test_importing_the_registers_again_changes_nothing(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, psc_register(), lei_register())
    first = store.counts()
    again = load(store, tmp_path, psc_register(), lei_register())
    assert again.accounting.duplicates == 6 and again.joined == []
    assert store.counts() == first


def test_persons_names_and_placeholders_never_join(store: GraphStore, tmp_path: Path) -> None:
    one = [
        with_identifiers(person("P1", "Ann Smith"), ("GBR-PASSPORT", "123456789")),
        entity("E1", "Same Name Ltd", number="111"),
        entity("E3", "Filler One Ltd", number="000"),
        with_identifiers(entity("E5", "Filler Three Ltd"), ("GB-COH", "N/A")),
    ]
    other = [
        with_identifiers(person("P2", "Ann Smyth"), ("GBR-PASSPORT", "123456789")),
        entity("E2", "Same Name Ltd", number="222"),
        entity("E4", "Filler Two Ltd", number="0"),
        with_identifiers(entity("E6", "Filler Four Ltd"), ("GB-COH", "n/a")),
    ]
    report = load(store, tmp_path, from_register("A", one), from_register("B", other))
    assert report.joined == []
    assert store.counts().nodes == 8


def test_records_of_one_register_sharing_a_key_stay_apart(
    store: GraphStore, tmp_path: Path
) -> None:
    """Two funds of one umbrella carry its registration number: the register keeps them apart,
    so a third register's record with that number cannot tell which it is."""
    funds = [
        with_identifiers(entity(f"XI-LEI-F{i}", f"Umbrella Fund {i}"), ("GB-COH", "777"))
        for i in (1, 2)
    ]
    company = [entity("GB-COH-777", "Umbrella Funds Plc", number="777")]
    report = load(
        store, tmp_path, from_register("LEI register", funds), from_register("CH", company)
    )
    assert report.joined == []
    assert store.counts().nodes == 3


def test_the_kept_id_does_not_depend_on_import_order_or_later_versions(
    store: GraphStore, tmp_path: Path
) -> None:
    """``AAA-ftm`` sorts before both, but the ids that spell their own keys are kept."""
    company = entity("GB-COH-1", "One Ltd", number="1")
    ftm = with_identifiers(entity("AAA-ftm", "ONE LIMITED"), ("GB-COH", "1"), ("XI-LEI", "L1"))
    lei = with_identifiers(entity("XI-LEI-L1", "One Limited"), ("XI-LEI", "L1"))
    first = load(store, tmp_path, from_register("CH", [company]), from_register("FtM", [ftm]))
    assert first.joined == [Merge("GB-COH-1", ("AAA-ftm",))]
    newer = with_identifiers(entity("AAA-ftm", "ONE LTD", date="2025-01-01"), ("GB-COH", "1"))
    later = [*from_register("FtM", [newer]), *from_register("GLEIF", [lei])]
    report = import_files(store, [write_jsonl(tmp_path / "later.jsonl", later)], tmp_path / "q")
    assert report.joined == [Merge("GB-COH-1", ("XI-LEI-L1",))]  # AAA-ftm again is no news
    assert [n.id for n in store.iter_nodes(NodeKind.ENTITY)] == ["GB-COH-1"]
    node = store.get_node("GB-COH-1")
    assert node is not None and node.name == "ONE LTD"
    assert [n.id for n in store.search("one limited")][:1] == ["GB-COH-1"]  # a joined name


def test_a_joined_records_statements_and_names_stay_its_own(
    store: GraphStore, tmp_path: Path
) -> None:
    load(store, tmp_path, psc_register(), lei_register())
    assert [s.record_uid for s in store.statements_for("XI-LEI-L")] == ["XI-LEI-L"]
    renamed = entity("GB-COH-1234", "Acme Renamed Ltd", number="1234", date="2025-01-01")
    later = from_register("Company register", [renamed])
    import_files(store, [write_jsonl(tmp_path / "later.jsonl", later)], tmp_path / "q")
    for name in ("acme renamed", "ACME HOLDINGS LIMITED"):  # the LEI record's name still finds it
        assert [n.id for n in store.search(name)][:1] == ["GB-COH-1234"], name
    assert [n.id for n in store.find_by_identifier("XI-LEI", "L")] == ["GB-COH-1234"]


def test_a_holding_between_two_records_of_one_company_leaves_the_graph(
    store: GraphStore, tmp_path: Path
) -> None:
    """The LEI record first says it owns a subsidiary, then that it owns the company record:
    once they are one company, that is the company holding itself. The relationship leaves the
    graph with its history, so no date shows a version a later one had superseded; its
    statements stay as evidence."""
    first = owns("x", "XI-LEI-L", "XI-LEI-S", {"exact": 5}, date="2024-06-01")
    looped = owns("x", "XI-LEI-L", "GB-COH-1234", {"exact": 5}, date="2025-06-01")
    records = [*lei_register(), *from_register("LEI register", [first, looped])]
    report = load(store, tmp_path, psc_register(), records)
    assert report.loops == ["x"]
    assert [e.id for e in store.owners_of("GB-COH-1234")] == ["p-acme"]
    assert [e.id for e in store.holdings_of("GB-COH-1234")] == ["acme-s"]
    for known_at in ("2024-12-01", "2025-12-01"):
        held = store.holdings_of("GB-COH-1234", When(known_at=known_at))
        assert [e.id for e in held] == ["acme-s"], known_at
    assert len(store.statements_for("x")) == 2
    assert load(store, tmp_path, psc_register(), records).loops == []


def test_a_key_a_joined_record_dropped_no_longer_finds_the_node(
    store: GraphStore, tmp_path: Path
) -> None:
    company = entity("GB-COH-5", "Five Ltd", number="5")
    ftm = with_identifiers(entity("ftm-5", "FIVE LTD"), ("GB-COH", "5"), ("US-EIN", "9"))
    load(store, tmp_path, from_register("CH", [company]), from_register("FtM", [ftm]))
    assert [n.id for n in store.find_by_identifier("US-EIN", "9")] == ["GB-COH-5"]
    corrected = with_identifiers(entity("ftm-5", "FIVE LTD", date="2025-01-01"), ("GB-COH", "5"))
    later = write_jsonl(tmp_path / "later.jsonl", from_register("FtM", [corrected]))
    import_files(store, [later], tmp_path / "q")
    assert store.find_by_identifier("US-EIN", "9") == []
    assert [n.id for n in store.find_by_identifier("GB-COH", "5")] == ["GB-COH-5"]


def test_a_holding_that_was_a_loop_once_keeps_its_later_versions(
    store: GraphStore, tmp_path: Path
) -> None:
    looped = owns("y", "XI-LEI-L", "GB-COH-1234", {"exact": 5}, date="2024-06-01")
    fixed = owns("y", "XI-LEI-L", "XI-LEI-S", {"exact": 5}, date="2025-06-01")
    records = [*lei_register(), *from_register("LEI register", [looped, fixed])]
    report = load(store, tmp_path, psc_register(), records)
    assert report.loops == ["y"]
    assert sorted(e.id for e in store.holdings_of("GB-COH-1234")) == ["acme-s", "y"]
    earlier = store.holdings_of("GB-COH-1234", When(known_at="2024-12-01"))
    assert [e.id for e in earlier] == ["acme-s"]


def test_a_joined_company_is_closed_only_when_every_register_closed_it(
    store: GraphStore, tmp_path: Path
) -> None:
    """The LEI register retires its record (a duplicate LEI, say); the company register still
    holds the company open, so the node stays open and shows that register's version."""
    load(store, tmp_path, psc_register(), lei_register())
    retired = gleif_record(date="2025-01-01")
    retired.update(recordStatus="closed", statementId=sid("lei-retired"))
    import_files(store, [write_jsonl(tmp_path / "retired.jsonl", [retired])], tmp_path / "q")
    node = store.get_node("GB-COH-1234")
    assert node is not None and not node.closed and node.name == "Acme Holdings Ltd"
    assert [n.id for n in store.search("acme holdings limited")][:1] == ["GB-COH-1234"]
    dissolved = entity(
        "GB-COH-1234", "Acme Holdings Ltd", number="1234", date="2026-01-01", status="closed"
    )
    later = from_register("Company register", [dissolved])
    import_files(store, [write_jsonl(tmp_path / "dissolved.jsonl", later)], tmp_path / "q")
    node = store.get_node("GB-COH-1234")
    assert node is not None and node.closed
    before = store.get_node("GB-COH-1234", When(known_at="2024-12-31"))
    assert before is not None and not before.closed and before.name == "ACME HOLDINGS LIMITED"
    for known_at in ("2025-06-30", "2026-06-30"):  # a dated read follows the same rule
        then = store.get_node("GB-COH-1234", When(known_at=known_at))
        assert then is not None and then.closed is (known_at > "2026"), known_at
        assert then.name == "Acme Holdings Ltd", known_at  # the open register's version
    walked = store.expand(["P"], Direction.DOWN, max_depth=2, when=When(known_at="2025-06-30"))
    walked_company = walked.nodes["GB-COH-1234"]  # the walk's own version read
    assert not walked_company.closed and walked_company.name == "Acme Holdings Ltd"


def test_a_bridging_record_never_joins_two_records_of_one_register(
    store: GraphStore, tmp_path: Path
) -> None:
    """The company register holds one company by its number, another by its LEI; the LEI
    register's record names both keys. The company register keeps its two apart."""
    by_number = with_identifiers(entity("a-one", "Alpha Ltd"), ("GB-COH", "00000111"))
    by_lei = with_identifiers(entity("a-two", "Beta Ltd"), ("XI-LEI", "L"))
    company_register = from_register("Company register", [by_number, by_lei])
    bridge = with_identifiers(entity("b-z", "Bridge Ltd"), ("GB-COH", "111"), ("XI-LEI", "L"))
    load(store, tmp_path, company_register, from_register("LEI register", [bridge]))
    one, two = store.get_node("a-one"), store.get_node("a-two")
    assert one is not None and two is not None and one.id != two.id
    assert store.counts().nodes_by_kind.get(NodeKind.ENTITY.value) == 2


def test_an_older_version_arriving_late_does_not_become_the_joined_nodes_state(
    store: GraphStore, tmp_path: Path
) -> None:
    """Register A closed its record in 2022; its 2021 update arrives in a later import. The
    node shows register B's open version, now and as known today, as for one import."""
    key = ("GB-COH", "12345")
    b_open = with_identifiers(entity("b-acme", "Zephyr Acme Limited", date="2020-06-01"), key)
    a_new = with_identifiers(entity("a-acme", "Acme Holdings Ltd", date="2020-01-10"), key)
    a_closed = entity("a-acme", "Acme Holdings Ltd", date="2022-01-01", status="closed")
    a_late = entity("a-acme", "Acme Stale Name Ltd", date="2021-01-01", status="updated")
    steps = [("B", b_open), ("A", a_new), ("A", with_identifiers(a_closed, key))]
    steps.append(("A", with_identifiers(a_late, key)))
    for number, (register, record) in enumerate(steps):
        path = write_jsonl(tmp_path / f"step{number}.jsonl", from_register(register, [record]))
        import_files(store, [path], tmp_path / "q.jsonl")
    node = store.resolve_ref("GB-COH:12345")
    assert not node.closed and node.name == "Zephyr Acme Limited"
    known = store.get_node(node.id, When(known_at="2026-01-01"))
    assert known is not None and known.name == "Zephyr Acme Limited"


PSC_LINE = {
    "company_number": "00001234",
    "data": {
        "kind": "individual-person-with-significant-control",
        "name": "Mr Percy Smith",
        "name_elements": {"forename": "Percy", "surname": "Smith", "title": "Mr"},
        "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
        "notified_on": "2019-05-01",
        "links": {"self": "/company/00001234/persons-with-significant-control/individual/AbC"},
    },
}


def test_a_retired_lei_does_not_close_a_company_a_real_psc_line_holds(
    store: GraphStore, tmp_path: Path
) -> None:
    """The UK PSC register gives the company as an undated record carrying only its number; it
    still holds the company open when the LEI register retires its record."""
    psc = write_jsonl(tmp_path / "psc.jsonl", [PSC_LINE])
    retired = gleif_record(date="2025-01-01")
    retired.update(recordStatus="closed", statementId=sid("lei-retired"))
    lei = write_jsonl(tmp_path / "lei.jsonl", [gleif_record(), retired])
    for path in (psc, lei):
        import_files(store, [path], tmp_path / "q.jsonl")
    node = store.get_node("GB-COH-1234")
    assert node is not None and not node.closed
    assert [o.interested_party for o in store.owners_of("GB-COH-1234")] != []
