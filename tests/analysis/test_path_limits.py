"""The limits of a paths search are never silent: the step limit, when it cut the search off,
is reported with the relationships it left unfollowed, and the defaults reach deep chains."""

from __future__ import annotations

from bo_graph.analysis import PathFilter, PathMode, find_paths
from bo_graph.model.codes import InterestType
from tests.analysis.analysis_builders import GraphBuilder
from tests.analysis.memory_store import MemoryStore


def detour_store() -> MemoryStore:
    """A owns E directly, and through the chain A -> B -> C -> D -> E (4 steps)."""
    g = GraphBuilder()
    g.owns("A", "E", 10, ident="direct")
    for a, b in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")]:
        g.owns(a, b, 50)
    return MemoryStore(g.build())


def test_all_paths_cut_off_by_the_step_limit_say_so() -> None:
    short = find_paths(detour_store(), "A", "E", mode=PathMode.ALL, max_hops=3)
    assert [len(p.steps) for p in short.paths] == [1]
    assert short.hop_limited and short.not_followed >= 1
    data = short.to_json()
    assert data["hop_limited"] is True and data["not_followed"] == short.not_followed
    assert data["max_hops"] == 3 and data["limit"] == 100
    full = find_paths(detour_store(), "A", "E", mode=PathMode.ALL, max_hops=4)
    assert [len(p.steps) for p in full.paths] == [1, 4]
    assert not full.hop_limited and full.not_followed == 0


def test_too_few_shortest_paths_within_the_step_limit_say_so() -> None:
    report = find_paths(detour_store(), "A", "E", k=2, max_hops=3)
    assert len(report.paths) == 1
    assert report.hop_limited
    assert report.limit == 2


def test_k_shortest_found_within_the_limit_are_not_a_cut_off() -> None:
    report = find_paths(detour_store(), "A", "E", k=1, max_hops=3)
    assert len(report.paths) == 1 and not report.hop_limited


def test_a_search_that_ran_out_of_parties_was_not_cut_off() -> None:
    report = find_paths(detour_store(), "A", "E", mode=PathMode.ALL, max_hops=20)
    assert len(report.paths) == 2 and not report.hop_limited


def test_relationships_the_filter_refuses_are_not_counted_as_cut_off() -> None:
    g = GraphBuilder().person("P")
    g.owns("A", "B", 50)
    g.role("P", "B", InterestType.BOARD_MEMBER)  # beyond the limit, but never a shareholding
    shares = PathFilter(interest_types=frozenset({InterestType.SHAREHOLDING}))
    store = MemoryStore(g.build())
    report = find_paths(store, "A", "B", mode=PathMode.ALL, max_hops=1, path_filter=shares)
    assert not report.hop_limited
    report = find_paths(store, "A", "B", mode=PathMode.ALL, max_hops=1)
    assert report.hop_limited


def test_more_shortest_paths_than_asked_for_are_reported() -> None:
    g = GraphBuilder()
    for i in range(4):
        g.owns("S", f"M{i}", 10)
        g.owns(f"M{i}", "T", 10)
    report = find_paths(MemoryStore(g.build()), "S", "T", k=3)
    assert len(report.paths) == 3
    assert report.capped and not report.total_exact and report.total == 4


def test_the_default_step_limit_crosses_a_25_layer_chain() -> None:
    """Registers (and the synthetic ones) hold chains of up to 25 holding companies."""
    g = GraphBuilder().person("P")
    layers = [f"L{i}" for i in range(26)]
    g.owns("P", layers[-1], 100)
    for upper, lower in zip(layers[1:], layers, strict=False):
        g.owns(upper, lower, 100)
    store = MemoryStore(g.build())
    report = find_paths(store, "L0", "P")
    assert [len(p.steps) for p in report.paths] == [26]
    assert report.max_hops >= 26 and not report.hop_limited
