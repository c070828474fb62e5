"""A node on a date: the contract, on both backends. A record closed by a statement dated
after the date an ``as_of`` read looks at is still open on that date (the rule a relationship
follows too), in a read by id and in a walk."""

from __future__ import annotations

from pathlib import Path

from bo_graph.model.graph import When
from bo_graph.store.base import Direction, GraphStore
from tests.factory import entity, owns, write_jsonl
from tests.helpers import import_files
from tests.store.test_contract_identity import from_register, with_identifiers


def test_a_company_dissolved_later_is_open_on_an_earlier_date(
    store: GraphStore, tmp_path: Path
) -> None:
    records = [
        entity("parent", "Parent Holdings Ltd", date="2020-01-01"),
        entity("child", "Child Trading Ltd", date="2020-01-01"),
        owns("holds", "parent", "child", {"exact": 100}, start="2020-01-01", date="2020-01-01"),
        entity("parent", "Parent Holdings Ltd", date="2022-01-01", status="closed"),
    ]
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    for as_of, closed in (("2021-01-01", False), ("2022-01-01", True), ("2023-06-30", True)):
        node = store.get_node("parent", When(as_of=as_of))
        assert node is not None and node.closed is closed, as_of
        assert node.name == "Parent Holdings Ltd"
        walked = store.expand(["child"], Direction.UP, max_depth=2, when=When(as_of=as_of))
        assert walked.nodes["parent"].closed is closed, as_of
    current = store.get_node("parent")
    assert current is not None and current.closed
    known = store.get_node("parent", When(known_at="2021-01-01"))
    assert known is not None and not known.closed


def test_a_joined_company_on_a_date_shows_the_record_open_then(
    store: GraphStore, tmp_path: Path
) -> None:
    """Register A holds the company 2018-2022 and register B 2019-2020; on 2021 only A's
    record was open, so the node shows A's version, as a read known at that date does."""
    key = ("GB-COH", "777")
    a = [
        with_identifiers(entity("a-co", "Alpha Name Ltd", date="2018-01-01"), key),
        with_identifiers(entity("a-co", "Alpha Name Ltd", date="2022-01-01", status="closed"), key),
    ]
    b = [
        with_identifiers(entity("b-co", "Beta Name Ltd", date="2019-01-01"), key),
        with_identifiers(entity("b-co", "Beta Name Ltd", date="2020-01-01", status="closed"), key),
    ]
    paths = [
        write_jsonl(tmp_path / "a.jsonl", from_register("A", a)),
        write_jsonl(tmp_path / "b.jsonl", from_register("B", b)),
    ]
    import_files(store, paths, tmp_path / "q.jsonl")
    node_id = store.resolve_ref("GB-COH:777").id
    for when in (When(as_of="2021-01-01"), When(known_at="2021-01-01")):
        node = store.get_node(node_id, when)
        assert node is not None and not node.closed and node.name == "Alpha Name Ltd", when
    current = store.get_node(node_id)
    assert current is not None and current.closed


def test_a_renamed_company_is_found_by_its_former_name(store: GraphStore, tmp_path: Path) -> None:
    """Renaming a company is how a trail is broken: a later statement renames the record, in
    the same import or a later one, and search still finds it by the name it had; the current
    name stays the one shown and the one an exact-name reference takes."""
    first = [entity("c1", "Old Name Trading Ltd", date="2020-01-01")]
    renamed = [entity("c1", "New Name Holdings Ltd", date="2022-01-01", status="updated")]
    import_files(store, [write_jsonl(tmp_path / "a.jsonl", first)], tmp_path / "q.jsonl")
    import_files(store, [write_jsonl(tmp_path / "b.jsonl", renamed)], tmp_path / "q.jsonl")
    found = store.search("old name trading")
    assert [n.id for n in found][:1] == ["c1"] and found[0].name == "New Name Holdings Ltd"
    assert [n.id for n in store.search("olde name tradng")][:1] == ["c1"]  # and misspelt
    assert [n.id for n in store.find_by_name("New Name Holdings Ltd")] == ["c1"]
    assert store.find_by_name("Old Name Trading Ltd") == []
    again = store.search("new name holdings")
    assert [n.id for n in again][:1] == ["c1"]


def test_a_company_renamed_within_one_import_is_found_by_both_names(
    store: GraphStore, tmp_path: Path
) -> None:
    records = [
        entity("c2", "First Name Ltd", date="2020-01-01"),
        entity("c2", "Second Name Ltd", date="2021-01-01", status="updated"),
    ]
    import_files(store, [write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "q.jsonl")
    for text in ("first name", "second name"):
        assert [n.id for n in store.search(text)][:1] == ["c2"], text


def test_a_company_known_only_by_its_closing_statement_is_open_before_it(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    """Rule 4 for a node as for a relationship: GLEIF gives BLUE AMBER FUND MANAGEMENT S.A.
    only as retired (one record, last updated 2024-12-16), so it is closed from that day and
    open before it, in a read by id and in a walk."""
    children = reference / "gleif-api-gleif-rs" / "tests" / "data" / "lei_records"
    import_files(store, [children / "direct-children_851WYGNLUQLFZBSYGB56.json"], tmp_path / "q")
    fund = "XI-LEI-222100RB6N1EBY6GMD95"
    for as_of, closed in (("2020-01-01", False), ("2024-12-15", False), ("2024-12-16", True)):
        node = store.get_node(fund, When(as_of=as_of))
        assert node is not None and node.closed is closed, as_of
        assert node.name == "BLUE AMBER FUND MANAGEMENT S.A."
        walked = store.expand([fund], Direction.UP, max_depth=1, when=When(as_of=as_of))
        assert walked.nodes[fund].closed is closed, as_of
    current = store.get_node(fund)
    assert current is not None and current.closed
