"""A node on a date: the contract, on both backends. A record closed by a statement dated
after the date an ``as_of`` read looks at is still open on that date (the rule a relationship
follows too), in a read by id and in a walk."""

from __future__ import annotations

from pathlib import Path

from bo_graph.model.graph import When
from bo_graph.store.base import Direction, GraphStore
from tests.factory import entity, owns, write_jsonl
from tests.helpers import import_files


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
