"""Store-based analyst queries: paths between parties, holdings, and ubo/sanctions via a store."""

from __future__ import annotations

import pytest

from bo_graph.analysis import (
    PathFilter,
    PathMode,
    Verdict,
    determine_ubos,
    find_paths,
    holdings_report,
    sanctions_exposure,
    ubo_report,
)
from bo_graph.analysis.interval import Interval
from bo_graph.exc import ConfigError, NotFound
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import When
from tests.analysis.analysis_builders import GraphBuilder, chain_graph, interest
from tests.analysis.memory_store import MemoryStore

EXACT = 1e-9


def shared_owner_store() -> MemoryStore:
    g = GraphBuilder().person("P")
    g.owns("P", "A", 60, ident="p-a")
    g.owns("P", "B", 40, ident="p-b")
    g.owns("A", "C", 50, ident="a-c")
    g.owns("C", "B", 10, ident="c-b")
    return MemoryStore(g.build())


def test_shortest_path_ignores_direction_and_records_it() -> None:
    report = find_paths(shared_owner_store(), "A", "B", k=1)
    [path] = report.paths
    assert [s.edge for s in path.steps] == ["p-a", "p-b"]
    assert [s.direction for s in path.steps] == ["owned_by", "owns"]
    assert [(s.start.id, s.end.id) for s in path.steps] == [("A", "P"), ("P", "B")]
    assert path.steps[0].share == Interval.exact(60)


def test_k_shortest_paths_in_order() -> None:
    report = find_paths(shared_owner_store(), "A", "B", k=5)
    assert [[s.edge for s in p.steps] for p in report.paths] == [
        ["p-a", "p-b"],
        ["a-c", "c-b"],
    ]
    assert report.total == 2
    assert not report.capped


def test_parallel_relationships_are_separate_paths() -> None:
    g = GraphBuilder()
    g.owns("X", "Y", 10, ident="first")
    g.owns("X", "Y", 20, ident="second")
    report = find_paths(MemoryStore(g.build()), "X", "Y", k=5)
    assert sorted(p.steps[0].edge for p in report.paths) == ["first", "second"]


def grid_store(width: int) -> MemoryStore:
    """S -> M_i -> T for i < width: ``width`` paths of length 2."""
    g = GraphBuilder()
    for i in range(width):
        g.owns("S", f"M{i}", 10)
        g.owns(f"M{i}", "T", 10)
    return MemoryStore(g.build())


def test_all_paths_are_capped_and_counted() -> None:
    report = find_paths(grid_store(7), "S", "T", mode=PathMode.ALL, limit=3, max_hops=4)
    assert len(report.paths) == 3
    assert report.total == 7
    assert report.total_exact
    assert report.capped
    data = report.to_json()
    assert data["capped"] is True and data["total"] == 7
    assert [s["from"]["id"] for s in data["paths"][0]["steps"]] == [
        "S",
        data["paths"][0]["nodes"][1],
    ]


def test_count_budget_makes_the_total_a_minimum() -> None:
    report = find_paths(
        grid_store(7), "S", "T", mode=PathMode.ALL, limit=2, max_hops=4, count_budget=5
    )
    assert report.total == 5
    assert not report.total_exact
    assert report.capped


def test_hop_limit() -> None:
    g = GraphBuilder()
    for a, b in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")]:
        g.owns(a, b, 50)
    store = MemoryStore(g.build())
    assert find_paths(store, "A", "E", max_hops=3).paths == ()
    assert len(find_paths(store, "A", "E", max_hops=4).paths[0].steps) == 4


def test_filters_by_interest_type_share_and_time() -> None:
    g = GraphBuilder().person("P")
    g.role("P", "A", InterestType.TRUSTEE)
    g.owns("A", "B", 5, ident="small")
    g.edge("P", "B", interest(60, end="2020-01-01"), ident="ended")
    store = MemoryStore(g.build())
    assert len(find_paths(store, "P", "B", k=5).paths) == 1  # the ended holding is gone today
    earlier = find_paths(store, "P", "B", k=5, when=When(as_of="2019-01-01"))
    assert len(earlier.paths) == 2
    only_shares = PathFilter(interest_types=frozenset({InterestType.SHAREHOLDING}))
    assert find_paths(store, "P", "B", path_filter=only_shares).paths == ()
    big = PathFilter(min_share=10)
    assert find_paths(store, "A", "B", path_filter=big).paths == ()


def test_exploration_limit_is_reported() -> None:
    report = find_paths(grid_store(20), "S", "T", mode=PathMode.ALL, max_nodes=5, max_hops=4)
    assert report.exploration_truncated


def test_expansion_is_bounded_frontier_by_frontier() -> None:
    store = grid_store(3)
    find_paths(store, "S", "T", mode=PathMode.ALL, max_hops=4)
    assert len(store.calls) <= 2 * (4 + 1)  # each hop, then what the step limit left unread


def test_unknown_and_identical_parties() -> None:
    with pytest.raises(NotFound):
        find_paths(shared_owner_store(), "A", "nobody")
    with pytest.raises(ConfigError):
        find_paths(shared_owner_store(), "A", "A")


def test_holdings_with_effective_shares_and_control() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "A", 60)
    g.owns("A", "B", 50)
    g.role("P", "C", InterestType.APPOINTMENT_OF_BOARD)
    report = holdings_report(MemoryStore(g.build()), "P")
    held = {h.party.id: h for h in report.holdings}
    assert held["A"].share == Interval.exact(60) and held["A"].controls is Verdict.YES
    assert held["B"].share.lo == pytest.approx(30, abs=EXACT)
    assert held["B"].controls is Verdict.NO
    assert held["C"].share == Interval(0, 0) and held["C"].controls is Verdict.YES
    assert held["B"].paths[0].to_json()["nodes"] == ["P", "A", "B"]
    assert report.to_json()["holder"]["id"] == "P"


def test_holdings_in_a_cycle_never_exceed_100() -> None:
    graph = chain_graph({("P", "X"): 50, ("X", "Y"): 50, ("Y", "X"): 50})
    report = holdings_report(MemoryStore(graph), "P")
    assert all(h.share.hi <= 100 for h in report.holdings)
    assert {h.party.id: h.share.lo for h in report.holdings}["X"] == pytest.approx(
        200 / 3, abs=EXACT
    )


def test_ubo_report_through_a_store_matches_the_pure_function() -> None:
    graph = chain_graph(
        {("A", "B1"): 100, ("A", "B2"): 80, ("B1", "C"): 20, ("B2", "C"): 40}, ("A",)
    )
    via_store = ubo_report(MemoryStore(graph), "C").to_json()
    assert via_store == determine_ubos(graph, "C").to_json()


def test_sanctions_exposure_through_a_store() -> None:
    graph = chain_graph({("X", "A"): 50, ("A", "B"): 50, ("Q", "B"): 50})
    report = sanctions_exposure(MemoryStore(graph), ["X"])
    assert {p.id: p.blocked for p in report.parties} == {
        "X": Verdict.YES,
        "A": Verdict.YES,
        "B": Verdict.YES,
    }
