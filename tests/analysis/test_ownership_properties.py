"""Properties of the ownership engine on random graphs (Hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bo_graph.analysis import build_network, determine_ubos, evaluate_ownership
from bo_graph.analysis.chains import simple_path_sum
from bo_graph.analysis.effective import integrated_values
from bo_graph.analysis.interval import Interval
from bo_graph.model.share import Share
from tests.analysis.analysis_builders import chain_graph

TOLERANCE = 1e-7
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

Pair = tuple[str, str]


@dataclass(frozen=True)
class RandomGraph:
    shares: dict[Pair, float]
    entities: tuple[str, ...]
    persons: tuple[str, ...]

    @property
    def parties(self) -> tuple[str, ...]:
        return self.entities + self.persons


@st.composite
def random_graphs(
    draw: st.DrawFn, *, acyclic: bool = False, column_cap: float | None = 95.0
) -> RandomGraph:
    """Entities E0..En with random holdings among them, and persons P0..P1 holding entities.
    ``column_cap``: scale the holdings in each entity to at most this total (None: any)."""
    size = draw(st.integers(2, 6))
    entities = tuple(f"E{i}" for i in range(size))
    persons = tuple(f"P{i}" for i in range(draw(st.integers(0, 2))))
    pairs = [(a, b) for a in entities for b in entities if a != b and (not acyclic or a < b)] + [
        (p, e) for p in persons for e in entities
    ]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=14, unique=True))
    values = draw(st.lists(st.floats(1.0, 100.0), min_size=len(chosen), max_size=len(chosen)))
    shares = dict(zip(chosen, values, strict=True))
    if column_cap is not None:
        shares = _capped(shares, column_cap)
    return RandomGraph(shares, entities, persons)


def _capped(shares: dict[Pair, float], cap: float) -> dict[Pair, float]:
    totals: dict[str, float] = {}
    for (_, subject), value in shares.items():
        totals[subject] = totals.get(subject, 0.0) + value
    return {pair: value * min(1.0, cap / totals[pair[1]]) for pair, value in shares.items()}


def shares_in(
    graph: RandomGraph, target: str, shares: dict[Pair, float] | None = None
) -> dict[str, Interval]:
    network = build_network(chain_graph(shares or graph.shares, graph.persons))
    return evaluate_ownership(network.ownership, target).shares


@pytest.mark.timeout(120)
@PROPERTY_SETTINGS
@given(graph=random_graphs(column_cap=None), closed=st.booleans())
def test_no_share_exceeds_100_and_computation_terminates(graph: RandomGraph, closed: bool) -> None:
    shares = dict(graph.shares)
    if closed:  # add a closed loop E0 <-> E1 nobody else holds
        shares = {k: v for k, v in shares.items() if k[1] not in ("E0", "E1")}
        shares[("E0", "E1")] = 100.0
        shares[("E1", "E0")] = 100.0
    for target in graph.entities:
        for interval in shares_in(graph, target, shares).values():
            assert 0.0 <= interval.lo <= interval.hi <= 100.0
    subject = "E0" if closed else sorted(subject for _, subject in shares)[-1]
    report = determine_ubos(chain_graph(shares, graph.persons), subject)
    for result in report.owners:
        assert result.share.hi <= 100.0
        assert result.look_through is None or result.look_through.hi <= 100.0
    if closed:
        loops = {frozenset(p.id for p in loop.nodes): loop.closed for loop in report.closed_loops}
        assert loops.get(frozenset({"E0", "E1"})) is True


@PROPERTY_SETTINGS
@given(graph=random_graphs(acyclic=True))
def test_acyclic_integrated_ownership_is_the_sum_of_path_products(graph: RandomGraph) -> None:
    network = build_network(chain_graph(graph.shares, graph.persons))
    for target in graph.entities:
        computed = evaluate_ownership(network.ownership, target).shares
        paths = simple_path_sum(network.ownership, target)
        for party, total in paths.items():
            assert computed[party].lo == pytest.approx(total * 100, abs=TOLERANCE)


@PROPERTY_SETTINGS
@given(graph=random_graphs(), data=st.data())
def test_shares_are_monotone_in_every_holding(graph: RandomGraph, data: st.DataObject) -> None:
    pair = data.draw(st.sampled_from(sorted(graph.shares)))
    column = sum(v for (_, subject), v in graph.shares.items() if subject == pair[1])
    room = 95.0 - column
    assume(room > 1e-6)
    raised = dict(graph.shares)
    raised[pair] += data.draw(st.floats(0.0, room))
    for target in graph.entities:
        before = shares_in(graph, target)
        after = shares_in(graph, target, raised)
        for party, interval in before.items():
            assert after[party].lo >= interval.lo - TOLERANCE


@st.composite
def banded_graphs(draw: st.DrawFn) -> tuple[RandomGraph, dict[Pair, Share], dict[Pair, float]]:
    """A graph with a band per holding and a consistent point inside every band."""
    graph = draw(random_graphs(column_cap=None))
    bands: dict[Pair, Share] = {}
    point: dict[Pair, float] = {}
    for pair in graph.shares:
        low = draw(st.floats(0.0, 60.0))
        high = draw(st.floats(low, 100.0))
        opens = draw(st.tuples(st.booleans(), st.booleans())) if high > low else (False, False)
        bands[pair] = Share(low, high, opens[0], opens[1])
        point[pair] = low + draw(st.floats(0.01, 0.99)) * (high - low) if high > low else low
    return graph, bands, point


@PROPERTY_SETTINGS
@given(case=banded_graphs())
def test_intervals_are_ordered_and_contain_every_consistent_point(
    case: tuple[RandomGraph, dict[Pair, Share], dict[Pair, float]],
) -> None:
    graph, bands, point = case
    totals: dict[str, float] = {}
    for (_, subject), value in point.items():
        totals[subject] = totals.get(subject, 0.0) + value
    assume(all(total <= 95.0 for total in totals.values()))
    banded = build_network(chain_graph(bands, graph.persons)).ownership
    exact = build_network(chain_graph(point, graph.persons)).ownership
    for target in graph.entities:
        assume(integrated_values(exact, target).divergent == ())
        intervals = evaluate_ownership(banded, target).shares
        values = evaluate_ownership(exact, target).shares
        for party, interval in intervals.items():
            assert interval.lo <= interval.hi
            inside = values.get(party)
            if inside is not None:
                assert interval.lo - TOLERANCE <= inside.lo <= interval.hi + TOLERANCE


@PROPERTY_SETTINGS
@given(random_graphs(column_cap=None))
def test_components_come_before_their_owners_and_cover_every_ancestor(graph: RandomGraph) -> None:
    from bo_graph.analysis.linear import ancestors, components_downstream_first, owners_index

    index = owners_index({pair: value / 100 for pair, value in graph.shares.items()})
    target = graph.entities[0]
    upstream = ancestors(index, [target])
    components = components_downstream_first(upstream, index)
    position = {node: i for i, members in enumerate(components) for node in members}
    assert sorted(position) == sorted(upstream)
    assert components[0] == [target] or target in components[0]
    for subject in upstream:
        for owner, _ in index.get(subject, ()):
            assert position[owner] >= position[subject]


@PROPERTY_SETTINGS
@given(random_graphs(acyclic=True))
def test_the_acyclic_fast_path_gives_the_same_column_as_the_condensation(
    graph: RandomGraph,
) -> None:
    from bo_graph.analysis import linear

    weights = {pair: value / 100 for pair, value in graph.shares.items()}
    target = graph.entities[-1]
    fast = linear.solve_column(weights, target)
    index = linear.owners_index(weights)
    upstream = linear.ancestors(index, [target])
    owners_of = {s: [o for o, _ in index.get(s, ())] for s in upstream}
    original = linear.components_downstream_first
    try:
        linear.components_downstream_first = lambda up, ix: linear._condensed_components(
            up, owners_of
        )
        slow = linear.solve_column(weights, target)
    finally:
        linear.components_downstream_first = original
    assert fast.integrated == slow.integrated
    assert fast.return_factor == slow.return_factor


@PROPERTY_SETTINGS
@given(case=banded_graphs())
def test_one_solver_gives_every_target_what_its_own_ancestors_alone_give(
    case: tuple[RandomGraph, dict[Pair, Share], dict[Pair, float]],
) -> None:
    """A report evaluates many targets on one network with one prepared solver (the whole
    graph's component order, shared); each target's shares, open ends, loops and caps must be
    what the target's own upstream network, solved from scratch, gives."""
    from bo_graph.analysis.effective import OwnershipSolver
    from bo_graph.analysis.linear import ancestors, owners_index

    graph, bands, _ = case
    links = build_network(chain_graph(bands, graph.persons)).ownership
    solver = OwnershipSolver(links)
    reach = owners_index({(link.owner, link.subject): 1.0 for link in links})
    for target in graph.parties:
        upstream = ancestors(reach, [target])
        alone = evaluate_ownership([link for link in links if link.subject in upstream], target)
        shared = solver.ownership(target)
        assert sorted(shared.shares) == sorted(alone.shares)
        for party, expected in alone.shares.items():
            found = shared.shares[party]
            assert (found.lo_open, found.hi_open) == (expected.lo_open, expected.hi_open)
            assert found.lo == pytest.approx(expected.lo, abs=1e-9)
            assert found.hi == pytest.approx(expected.hi, abs=1e-9)
        assert shared.divergent == alone.divergent
        assert shared.closed_loops == alone.closed_loops
        assert shared.exceeded == alone.exceeded
        assert shared.uncorrected == alone.uncorrected
