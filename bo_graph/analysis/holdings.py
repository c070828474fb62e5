"""Holdings: everything a party owns or controls downstream, with effective shares.

The party's effective share in each downstream party is a column of ``W^T`` (integrated
ownership, intervals as in :mod:`bo_graph.analysis.effective`), corrected by the party's own
return factor when it sits on a cycle. Control is the M5 fixpoint from the party. The expansion
goes down; :func:`holdings_report` then reads the direct owners of every party held, so each
held company's shares are tightened (M9) against its co-owners as in a ``ubo`` report of it
(a band of 49-100% beside a co-owner's 51% is 49%), and control is judged with them in view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bo_graph.analysis.absent import not_found
from bo_graph.analysis.chains import ChainListing, chains_from, reversed_index, step_index
from bo_graph.analysis.control import BlockedParty, ControlGraph, ofac_fifty_percent
from bo_graph.analysis.effective import evaluate_holdings
from bo_graph.analysis.interval import ZERO, Interval, Verdict
from bo_graph.analysis.network import OwnershipNetwork, build_network
from bo_graph.analysis.results import Chain, ClosedLoop, Party
from bo_graph.model.graph import CURRENT, Subgraph, When
from bo_graph.store.base import Direction, GraphStore

HOLDINGS_SCHEMA = "bo-graph/holdings/1"
SANCTIONS_SCHEMA = "bo-graph/sanctions/1"


@dataclass(frozen=True, slots=True)
class Holding:
    party: Party
    share: Interval
    controls: Verdict
    paths: tuple[Chain, ...]
    paths_total: int
    paths_complete: bool
    evidence: Mapping[str, tuple[str, ...]]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.party.to_json(),
            "share": self.share.to_json(),
            "controls": self.controls.json_value,
            "paths": [p.to_json() for p in self.paths],
            "paths_total": self.paths_total,
            "paths_complete": self.paths_complete,
            "evidence": {edge: list(ids) for edge, ids in sorted(self.evidence.items())},
        }


@dataclass(frozen=True)
class HoldingsReport:
    holder: Party
    when: When
    holdings: tuple[Holding, ...]
    closed_loops: tuple[ClosedLoop, ...] = ()
    truncated: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": HOLDINGS_SCHEMA,
            "holder": self.holder.to_json(),
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "holdings": [h.to_json() for h in self.holdings],
            "closed_loops": [c.to_json() for c in self.closed_loops],
            "truncated": dict(sorted(self.truncated.items())),
        }


def holdings_report(
    store: GraphStore,
    party_id: str,
    *,
    when: When = CURRENT,
    max_depth: int = 30,
    max_nodes: int = 5000,
    paths_per_holding: int = 10,
    path_budget: int = 200_000,
) -> HoldingsReport:
    """Expand what ``party_id`` holds in ``store`` at ``when`` and compute its holdings."""
    subgraph = store.expand(
        [party_id], Direction.DOWN, max_depth=max_depth, max_nodes=max_nodes, when=when
    )
    _add_co_owners(store, subgraph, party_id, when)
    return compute_holdings(
        subgraph, party_id, when=when, paths_per_holding=paths_per_holding, path_budget=path_budget
    )


def _add_co_owners(store: GraphStore, subgraph: Subgraph, party_id: str, when: When) -> None:
    """Add the direct owners of every party held (one read for all), and their records, so
    that each held party's shares are tightened against all of its owners."""
    held = [n for n in subgraph.nodes if n != party_id]
    if not held:
        return
    added = [e for e in store.edges_of(held, Direction.UP, when) if e.id not in subgraph.edges]
    subgraph.edges.update((e.id, e) for e in added)
    missing = {e.interested_party for e in added} - subgraph.nodes.keys()
    subgraph.nodes.update(store.get_nodes(sorted(missing), when))


def compute_holdings(
    subgraph: Subgraph,
    party_id: str,
    *,
    when: When = CURRENT,
    paths_per_holding: int = 10,
    path_budget: int = 200_000,
) -> HoldingsReport:
    """Holdings of ``party_id`` from a subgraph expanded downward from it."""
    if party_id not in subgraph.nodes:
        raise not_found(party_id, "holder", when)
    network = build_network(subgraph, when)
    evaluation = evaluate_holdings(network.ownership, party_id)
    control = ControlGraph.of(network)
    steps_from = reversed_index(step_index(network))
    listings = chains_from(steps_from, party_id, per_party=paths_per_holding, budget=path_budget)
    holdings = [
        Holding(
            party=Party.of(held, network.nodes.get(held)),
            share=evaluation.shares.get(held, ZERO),
            controls=control.verdict(party_id, held),
            paths=tuple(listings.get(held, ChainListing()).chains),
            paths_total=listings.get(held, ChainListing()).total,
            paths_complete=listings.get(held, ChainListing()).complete,
            evidence=_evidence(network, listings.get(held, ChainListing())),
        )
        for held in set(listings) | set(evaluation.shares)
    ]
    holdings.sort(key=lambda h: (-h.controls.value, -h.share.hi, h.party.name, h.party.id))
    loops = tuple(
        ClosedLoop(
            _parties(network, loop), _edges_within(network, loop), loop in evaluation.closed_loops
        )
        for loop in evaluation.divergent
    )
    holder = Party.of(party_id, network.nodes.get(party_id))
    return HoldingsReport(holder, when, tuple(holdings), loops, dict(subgraph.truncated))


def _evidence(network: OwnershipNetwork, listing: ChainListing) -> dict[str, tuple[str, ...]]:
    edges = sorted({s.edge for chain in listing.chains for s in chain.steps})
    return {e: network.statement_ids(e) for e in edges}


def _edges_within(network: OwnershipNetwork, members: frozenset[str]) -> tuple[str, ...]:
    inside = {
        link.edge_id
        for link in network.ownership
        if link.owner in members and link.subject in members
    }
    return tuple(sorted(inside))


def _parties(network: OwnershipNetwork, members: frozenset[str]) -> tuple[Party, ...]:
    return tuple(Party.of(m, network.nodes.get(m)) for m in sorted(members))


@dataclass(frozen=True)
class SanctionsReport:
    """OFAC 50% rule: what the listed parties block, certainly or possibly."""

    listed: tuple[str, ...]
    when: When
    parties: tuple[BlockedParty, ...]
    truncated: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SANCTIONS_SCHEMA,
            "listed": list(self.listed),
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "parties": [p.to_json() for p in self.parties],
            "truncated": dict(sorted(self.truncated.items())),
        }


def sanctions_exposure(
    store: GraphStore,
    listed: list[str],
    *,
    when: When = CURRENT,
    max_depth: int = 30,
    max_nodes: int = 5000,
) -> SanctionsReport:
    """Expand what the listed parties hold and apply the OFAC 50% rule (M5b)."""
    subgraph = store.expand(
        listed, Direction.DOWN, max_depth=max_depth, max_nodes=max_nodes, when=when
    )
    return sanctions_in(subgraph, listed, when=when)


def sanctions_in(subgraph: Subgraph, listed: list[str], *, when: When = CURRENT) -> SanctionsReport:
    network = build_network(subgraph, when)
    parties = ofac_fifty_percent(network, listed)
    ordered = sorted(parties, key=lambda p: (-p.blocked.value, -p.blocked_owners_share.hi, p.id))
    return SanctionsReport(tuple(listed), when, tuple(ordered), dict(subgraph.truncated))
