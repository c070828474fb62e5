"""``GraphStore.reach`` (what an upward or downward walk reads, in as few queries as the backend
can) answers like the walk one hop at a time, on both backends, now and at dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bo_graph.analysis import ubo_report
from bo_graph.model.graph import CURRENT, When
from bo_graph.store.base import GraphStore
from bo_graph.store.walk import Direction, Reach, reach_hop_by_hop
from tests.factory import entity, owns, person
from tests.store.test_contract import chain_with_cycle, load

DATES = [
    CURRENT,
    When(as_of="2021-01-01"),
    When(as_of="2023-01-01"),
    When(as_of="2023-12-01"),
    When(known_at="2021-06-01"),
    When(known_at="2022-06-01", as_of="2021-06-01"),
]

WALK_DEFAULTS: dict[str, Any] = {"max_depth": 30, "max_nodes": 5000, "when": CURRENT}


def changing_chain() -> list[dict[str, Any]]:
    """P holds A (40% from 2020, 70% from 2022, ended 2023-06-30); A holds 100% of B; C holds
    B's votes from 2021 and is held by Q (a chain of three records besides P's)."""
    return [
        entity("A", "Alpha", date="2019-01-01"),
        entity("B", "Beta", date="2019-01-01"),
        entity("C", "Gamma", date="2021-01-01"),
        person("P", "Pat", date="2019-01-01"),
        person("Q", "Quinn", date="2021-01-01"),
        owns("ab", "A", "B", {"exact": 100}, start="2019-01-01", date="2019-01-02"),
        owns("r", "P", "A", {"exact": 40}, start="2020-01-01", date="2020-01-05"),
        owns("r", "P", "A", {"exact": 70}, start="2022-01-01", date="2022-02-01", status="updated"),
        owns(
            "r",
            "P",
            "A",
            {"exact": 70},
            start="2022-01-01",
            end="2023-06-30",
            date="2023-07-10",
            status="closed",
        ),
        owns(
            "cb",
            "C",
            "B",
            {"exact": 30},
            interest="votingRights",
            start="2021-01-01",
            date="2021-01-02",
        ),
        owns("qc", "Q", "C", {"exact": 60}, start="2021-01-01", date="2021-01-02"),
    ]


def _edge_ids(reach: Reach, node_id: str) -> list[str]:
    return [e.id for e in reach.edges_of([node_id])]


def assert_reach_covers_the_walk(
    store: GraphStore, roots: list[str], direction: Direction, **limits: Any
) -> None:
    fast = store.reach(roots, direction, **limits)
    walked = reach_hop_by_hop(store, roots, direction, **{**WALK_DEFAULTS, **limits})
    for node_id, node in walked.nodes.items():
        assert fast.nodes[node_id] == node
    for node_id in walked.edges:
        assert fast.edges_of([node_id]) == walked.edges_of([node_id])


def test_reach_holds_every_owner_and_share_upwards(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, chain_with_cycle())
    reach = store.reach(["B"], Direction.UP)
    assert set(reach.nodes) == {"A", "B", "P", "Q"}
    assert _edge_ids(reach, "B") == ["ab", "qb1", "qb2"]
    assert _edge_ids(reach, "A") == ["ba", "pa"]
    (pa,) = [e for e in reach.edges_of(["A"]) if e.id == "pa"]
    assert pa.interested_party == "P" and pa.interests[0].share is not None
    assert pa.interests[0].share.lower == 60
    assert_reach_covers_the_walk(store, ["B"], Direction.UP)
    assert_reach_covers_the_walk(store, ["P"], Direction.DOWN)


def test_ubo_shares_at_dates_follow_the_records_history(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, changing_chain())

    def shares(when: When) -> dict[str, float]:
        return {o.party.id: o.share.lo for o in ubo_report(store, "B", when=when).owners}

    assert shares(When(as_of="2020-06-01")) == {"A": 100.0, "P": 40.0}
    assert shares(When(known_at="2021-06-01")) == {"A": 100.0, "C": 0.0, "P": 40.0, "Q": 0.0}
    assert shares(When(as_of="2023-01-01"))["P"] == 70.0
    assert "P" not in shares(When(as_of="2023-12-01"))
    for when in DATES:
        assert_reach_covers_the_walk(store, ["B"], Direction.UP, when=when)
        assert_reach_covers_the_walk(store, ["P", "Q"], Direction.DOWN, when=when)


def test_expansion_limits_give_the_same_subgraph(store: GraphStore, tmp_path: Path) -> None:
    links = [entity(f"E{i}", f"Link {i}") for i in range(6)]
    links += [owns(f"e{i}", f"E{i + 1}", f"E{i}", {"exact": 100}) for i in range(5)]
    load(store, tmp_path, [*links, person("P", "Pat"), owns("pe", "P", "E5", {"exact": 100})])
    shallow = store.expand(["E0"], Direction.UP, max_depth=2)
    assert set(shallow.nodes) == {"E0", "E1", "E2"} and shallow.truncated == {"E2": 1}
    assert shallow.depth_reached == 2
    few = store.expand(["E0"], Direction.UP, max_nodes=3)
    assert set(few.nodes) == {"E0", "E1", "E2"} and few.truncated == {"E2": 1}
    for limits in ({"max_depth": 2}, {"max_nodes": 1}, {"max_nodes": 4, "max_depth": 3}):
        assert_reach_covers_the_walk(store, ["E0"], Direction.UP, **limits)
    assert [o.party.id for o in ubo_report(store, "E0").owners if o.party.kind == "person"] == ["P"]


def test_reach_keeps_owners_not_stored_yet(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, [entity("A", "Alpha"), owns("r", "ghost", "A", {"exact": 10})])
    reach = store.reach(["A"], Direction.UP)
    assert _edge_ids(reach, "A") == ["r"] and "ghost" not in reach.nodes
    graph = store.expand(["A"], Direction.UP)
    assert set(graph.edges) == {"r"} and set(graph.nodes) == {"A"}
    assert store.reach(["nobody"], Direction.UP).nodes == {}
