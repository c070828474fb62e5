"""What two subjects share: owners and controllers upstream of both, what both hold, and
ownership between them (``bo-graph shared A B``).

Nothing is walked here: each side is the ``ubo`` report and the ``holdings`` report of that
subject at the same date and under the same policy, so a shared party's status, share and
grounds in A are exactly what ``bo-graph ubo A`` gives it. A party is upstream of both when it
is among the owners (any party with a chain of relationships down to the subject: natural
persons, holding companies, trusts, nominees, undisclosed owners) of both reports; downstream
of both when it is among the holdings of both. A is upstream of B when it is among B's owners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bo_graph.analysis.grounds import UboPolicy
from bo_graph.analysis.holdings import Holding, HoldingsReport, holdings_report
from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.results import OwnerResult, Party, UboReport
from bo_graph.analysis.ubo import DEFAULT_POLICY, ubo_report
from bo_graph.exc import ConfigError
from bo_graph.model.graph import CURRENT, When
from bo_graph.store.base import Direction, GraphStore

SHARED_SCHEMA = "bo-graph/shared/1"
PARTY_KEYS = ("id", "name", "kind", "subkind", "particulars")
WALKS = ("a_owners", "b_owners", "a_holdings", "b_holdings")
"""The four expansions a shared report reads, as its ``truncated`` names them."""


def position_json(document: Mapping[str, Any]) -> dict[str, Any]:
    """An owner's or a holding's JSON without the keys that name the party."""
    return {key: value for key, value in document.items() if key not in PARTY_KEYS}


@dataclass(frozen=True, slots=True)
class SharedOwner:
    """A party upstream of both subjects, with its result in each one's ``ubo`` report."""

    party: Party
    in_a: OwnerResult
    in_b: OwnerResult

    def to_json(self) -> dict[str, Any]:
        return {
            **self.party.to_json(),
            "in_a": position_json(self.in_a.to_json()),
            "in_b": position_json(self.in_b.to_json()),
        }


@dataclass(frozen=True, slots=True)
class SharedHolding:
    """A party both subjects hold or control, with each one's holding in it."""

    party: Party
    of_a: Holding
    of_b: Holding

    def to_json(self) -> dict[str, Any]:
        return {
            **self.party.to_json(),
            "of_a": position_json(self.of_a.to_json()),
            "of_b": position_json(self.of_b.to_json()),
        }


@dataclass(frozen=True, slots=True)
class Upstream:
    """One subject is upstream of the other: its result in the other's ``ubo`` report."""

    position: OwnerResult
    direct: bool
    """A relationship in effect runs straight from the one to the other."""

    def to_json(self) -> dict[str, Any]:
        return {"direct": self.direct, **position_json(self.position.to_json())}


@dataclass(frozen=True)
class SharedReport:
    """Everything ``shared`` answers about two subjects."""

    a: Party
    b: Party
    when: When
    threshold: float
    rule: ThresholdRule
    method: str
    owners: tuple[SharedOwner, ...]
    holdings: tuple[SharedHolding, ...]
    a_upstream_of_b: Upstream | None = None
    b_upstream_of_a: Upstream | None = None
    truncated: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Per walk (``a_owners``, ``b_owners``, ``a_holdings``, ``b_holdings``): the nodes where
    the expansion stopped at its limits, with the relationships not followed."""
    warnings: tuple[str, ...] = ()

    @property
    def shares_anything(self) -> bool:
        """A common owner, a common holding, or ownership between the two."""
        linked = self.a_upstream_of_b is not None or self.b_upstream_of_a is not None
        return bool(self.owners or self.holdings or linked)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SHARED_SCHEMA,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "threshold": {"percent": self.threshold, "rule": self.rule.value},
            "method": self.method,
            "a_upstream_of_b": _optional(self.a_upstream_of_b),
            "b_upstream_of_a": _optional(self.b_upstream_of_a),
            "upstream": [o.to_json() for o in self.owners],
            "downstream": [h.to_json() for h in self.holdings],
            "truncated": {
                walk: dict(sorted(self.truncated.get(walk, {}).items())) for walk in WALKS
            },
            "warnings": list(self.warnings),
        }


def _optional(upstream: Upstream | None) -> dict[str, Any] | None:
    return None if upstream is None else upstream.to_json()


@dataclass(frozen=True)
class _Side:
    """One subject's two reports."""

    owners: UboReport
    holdings: HoldingsReport

    def owner(self, party_id: str) -> OwnerResult | None:
        return next((o for o in self.owners.owners if o.party.id == party_id), None)


def shared_report(
    store: GraphStore,
    a: str,
    b: str,
    *,
    when: When = CURRENT,
    policy: UboPolicy = DEFAULT_POLICY,
    max_depth: int = 30,
    max_nodes: int = 5000,
) -> SharedReport:
    """The parties upstream of both ``a`` and ``b`` (each with its ``ubo`` result in either),
    the parties both hold (each with either's holding), and whether one is upstream of the
    other, at ``when`` under ``policy``. ``max_depth``/``max_nodes`` bound each of the four
    expansions; one they cut is named in ``truncated`` and ``warnings``."""
    if a == b:
        raise ConfigError(f"expected two different parties, found {a!r} twice")
    side_a, side_b = (
        _Side(
            ubo_report(
                store, ref, when=when, policy=policy, max_depth=max_depth, max_nodes=max_nodes
            ),
            holdings_report(store, ref, when=when, max_depth=max_depth, max_nodes=max_nodes),
        )
        for ref in (a, b)
    )
    truncated = _truncated(side_a, side_b)
    return SharedReport(
        a=side_a.owners.subject,
        b=side_b.owners.subject,
        when=when,
        threshold=policy.threshold,
        rule=policy.rule,
        method=policy.method.value,
        owners=_shared_owners(side_a, side_b),
        holdings=_shared_holdings(side_a, side_b),
        a_upstream_of_b=_upstream(store, a, side_b, when),
        b_upstream_of_a=_upstream(store, b, side_a, when),
        truncated=truncated,
        warnings=tuple(_truncation_warnings(truncated, side_a, side_b)),
    )


def _shared_owners(side_a: _Side, side_b: _Side) -> tuple[SharedOwner, ...]:
    subjects = {side_a.owners.subject.id, side_b.owners.subject.id}
    in_b = {o.party.id: o for o in side_b.owners.owners}
    shared = [
        SharedOwner(owner.party, owner, in_b[owner.party.id])
        for owner in side_a.owners.owners
        if owner.party.id in in_b and owner.party.id not in subjects
    ]
    shared.sort(key=_owner_order)
    return tuple(shared)


def _owner_order(owner: SharedOwner) -> tuple[int, int, float, str, str]:
    """Beneficial owners of both first, then of either, then by the larger share."""
    statuses = (owner.in_a.beneficial_owner, owner.in_b.beneficial_owner)
    return (
        -min(s.value for s in statuses),
        -max(s.value for s in statuses),
        -max(owner.in_a.share.hi, owner.in_b.share.hi),
        owner.party.name,
        owner.party.id,
    )


def _shared_holdings(side_a: _Side, side_b: _Side) -> tuple[SharedHolding, ...]:
    subjects = {side_a.holdings.holder.id, side_b.holdings.holder.id}
    of_b = {h.party.id: h for h in side_b.holdings.holdings}
    shared = [
        SharedHolding(held.party, held, of_b[held.party.id])
        for held in side_a.holdings.holdings
        if held.party.id in of_b and held.party.id not in subjects
    ]
    shared.sort(key=_holding_order)
    return tuple(shared)


def _holding_order(holding: SharedHolding) -> tuple[int, float, str, str]:
    controls = max(holding.of_a.controls.value, holding.of_b.controls.value)
    share = max(holding.of_a.share.hi, holding.of_b.share.hi)
    return (-controls, -share, holding.party.name, holding.party.id)


def _upstream(store: GraphStore, holder: str, subject: _Side, when: When) -> Upstream | None:
    position = subject.owner(holder)
    if position is None:
        return None
    subject_id = subject.owners.subject.id
    direct = any(
        edge.interested_party == holder for edge in store.edges_of([subject_id], Direction.UP, when)
    )
    return Upstream(position, direct)


def _truncated(side_a: _Side, side_b: _Side) -> dict[str, Mapping[str, int]]:
    cuts = (
        side_a.owners.truncated,
        side_b.owners.truncated,
        side_a.holdings.truncated,
        side_b.holdings.truncated,
    )
    return {walk: dict(cut) for walk, cut in zip(WALKS, cuts, strict=True)}


def _truncation_warnings(
    truncated: Mapping[str, Mapping[str, int]], side_a: _Side, side_b: _Side
) -> list[str]:
    names = {"a": side_a.owners.subject.name, "b": side_b.owners.subject.name}
    out = []
    for walk in WALKS:
        cut = truncated.get(walk, {})
        if not cut:
            continue
        side, kind = walk.split("_")
        out.append(
            f"the walk through the {kind} of {names[side]} stopped at a limit (parties or depth) "
            f"at {len(cut)} node(s): shared parties beyond them are missing from this answer"
        )
    return out
