"""Result types of the ownership engine, each with a stable ``to_json()`` (docs/ownership.md).

Shares are percent intervals ``{"min", "max", "min_open", "max_open"}``; verdicts are ``true``,
``false`` or ``"possible"``. Lists are sorted so that the same input gives the same JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bo_graph.analysis.interval import Interval, ThresholdRule, Verdict
from bo_graph.model.graph import Node, When
from bo_graph.model.particulars import party_summary

UBO_SCHEMA = "bo-graph/ubo/1"


def _optional(share: Interval | None) -> dict[str, Any] | None:
    return None if share is None else share.to_json()


@dataclass(frozen=True, slots=True)
class Party:
    """A node as the results name it."""

    id: str
    name: str
    kind: str
    subkind: str
    details: object = field(default=None, compare=False, repr=False)
    """The node's details, read only for :attr:`particulars` (when a report prints them)."""

    @classmethod
    def of(cls, node_id: str, node: Node | None) -> Party:
        if node is None:
            return cls(node_id, node_id, "missing", "missing")
        return cls(node.id, node.name, node.kind.value, node.subkind, node.details)

    @property
    def particulars(self) -> str:
        """A person's birth, nationality, residence and PEP status in words (``born 1961-04;
        nationality United Kingdom``), what tells two people of one name apart; ``""`` for
        others."""
        return party_summary(self.details)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "subkind": self.subkind,
            "particulars": self.particulars or None,
        }


class Rule(StrEnum):
    """Stable codes of the grounds on which a party is (or may be) a beneficial owner."""

    OWNERSHIP = "ownership"
    LOOK_THROUGH = "look_through"
    VOTES = "voting_rights"
    CONTROL = "control"
    OWNS_CONTROLLER = "owns_controlling_entity"
    TRUST_ROLE = "trust_role"
    NOMINATOR = "nominator"
    NOMINEE = "nominee"
    SMO_FALLBACK = "senior_managing_official_fallback"
    DECLARED = "declared_beneficial_owner"


LEGAL_BASIS: Mapping[Rule, str] = {
    Rule.OWNERSHIP: "{law} (ownership {rule}{threshold}%)",
    Rule.LOOK_THROUGH: "AMLR Art. 54 look-through",
    Rule.VOTES: "{law} (voting rights {rule}{threshold}%)",
    Rule.CONTROL: "AMLR Art. 53 control",
    Rule.OWNS_CONTROLLER: "AMLR Art. 54 (ownership of an entity that controls the subject)",
    Rule.TRUST_ROLE: "trust role (AMLR Art. 58 / FATF R.25)",
    Rule.NOMINATOR: "nominator behind nominee",
    Rule.NOMINEE: "nominee (looked through to the nominator; FATF R.24 INR)",
    Rule.SMO_FALLBACK: "senior managing official fallback (AMLR Art. 63 / FATF R.24 INR)",
    Rule.DECLARED: "declared by the publisher (BODS beneficialOwnershipOrControl)",
}


OWNERSHIP_LAW: Mapping[str, str] = {
    "≥": "EU AMLR Art. 52",
    ">": "UK PSC / AMLD4 Art. 3(6)(a)(i)",
}
"""The law whose wording each threshold comparison follows: "25 % or more" (AMLR) or
"more than 25 %" (UK PSC, AMLD4)."""


@dataclass(frozen=True, slots=True)
class Ground:
    """One reason for (or note about) a party's status. ``verdict`` ``None``: informational."""

    rule: Rule
    verdict: Verdict | None
    text: str
    legal_basis: str
    share: Interval | None = None
    edges: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "status": None if self.verdict is None else self.verdict.json_value,
            "text": self.text,
            "legal_basis": self.legal_basis,
            "share": None if self.share is None else self.share.to_json(),
            "edges": list(self.edges),
        }


@dataclass(frozen=True, slots=True)
class Step:
    """One relationship on a path: ``holder`` has ``relation`` in ``subject``."""

    edge: str
    holder: Party
    subject: Party
    relation: str
    share: Interval | None

    def to_json(self, *, reverse: bool = False) -> dict[str, Any]:
        start, end = (self.subject, self.holder) if reverse else (self.holder, self.subject)
        return {
            "edge": self.edge,
            "from": start.to_json(),
            "to": end.to_json(),
            "direction": "owned_by" if reverse else "owns",
            "relation": self.relation,
            "share": None if self.share is None else self.share.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Chain:
    """A path of relationships from a party down to the subject, with its contribution."""

    steps: tuple[Step, ...]
    share: Interval | None
    """The product of the steps' shares; ``None`` when a step carries no share (a role)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "edges": [s.edge for s in self.steps],
            "nodes": [self.steps[0].holder.id] + [s.subject.id for s in self.steps],
            "share": None if self.share is None else self.share.to_json(),
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True, slots=True)
class OwnerResult:
    """One party upstream of the subject."""

    party: Party
    share: Interval
    """Effective (integrated, cycle-corrected) ownership of the subject."""
    share_unknown: bool
    """A share of unknown size lies on one of the party's ownership paths."""
    look_through: Interval | None
    controls: Verdict
    beneficial_owner: Verdict
    grounds: tuple[Ground, ...]
    paths: tuple[Chain, ...]
    paths_total: int
    paths_complete: bool
    """False when path enumeration stopped at its budget: ``paths_total`` is then a minimum."""
    evidence: Mapping[str, tuple[str, ...]]
    """Edge id -> statement ids behind it."""

    def to_json(self) -> dict[str, Any]:
        return {
            **self.party.to_json(),
            "share": self.share.to_json(),
            "share_unknown": self.share_unknown,
            "look_through_share": _optional(self.look_through),
            "controls": self.controls.json_value,
            "beneficial_owner": self.beneficial_owner.json_value,
            "grounds": [g.to_json() for g in self.grounds],
            "paths": [p.to_json() for p in self.paths],
            "paths_total": self.paths_total,
            "paths_complete": self.paths_complete,
            "evidence": {edge: list(ids) for edge, ids in sorted(self.evidence.items())},
        }


@dataclass(frozen=True, slots=True)
class ClosedLoop:
    """A cycle the engine did not invert: a closed loop (no outside owner) or shares > 100%."""

    nodes: tuple[Party, ...]
    edges: tuple[str, ...]
    closed: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "closed_loop" if self.closed else "cycle_over_100_percent",
            "nodes": [n.to_json() for n in self.nodes],
            "edges": list(self.edges),
        }


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """The direct holdings of ``subject`` add up to more than 100%."""

    subject: Party
    measure: str
    total: Interval
    edges: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject.to_json(),
            "measure": self.measure,
            "total": self.total.to_json(),
            "edges": list(self.edges),
        }


@dataclass(frozen=True, slots=True)
class UnknownShare:
    edge: str
    holder: Party
    subject: Party

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "holder": self.holder.to_json(),
            "subject": self.subject.to_json(),
        }


@dataclass(frozen=True, slots=True)
class UnspecifiedParty:
    """An owner the register says exists but does not name."""

    party: Party
    share: Interval
    edges: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.party.to_json(),
            "reason": self.party.subkind,
            "share": self.share.to_json(),
            "edges": list(self.edges),
        }


@dataclass(frozen=True, slots=True)
class ImpliedShare:
    """The share an unknown link must have for a declaration to hold."""

    edge: str
    holder: str
    subject: str
    share: Interval

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "holder": self.holder,
            "subject": self.subject,
            "share": self.share.to_json(),
        }


@dataclass(frozen=True, slots=True)
class DeclaredCheck:
    """A declared indirect share compared with the share computed from the components."""

    edge: str
    owner: Party
    subject: Party
    declared: Interval
    computed: Interval | None
    status: str
    """``consistent``, ``above_computed_maximum``, ``below_computed_minimum`` or
    ``used_as_direct_equivalent`` (no component available)."""
    implied: tuple[ImpliedShare, ...]
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "owner": self.owner.to_json(),
            "subject": self.subject.to_json(),
            "declared": self.declared.to_json(),
            "computed_indirect": None if self.computed is None else self.computed.to_json(),
            "status": self.status,
            "implied": [i.to_json() for i in self.implied],
            "note": self.note,
        }


@dataclass(frozen=True)
class UboReport:
    """Everything ``ubo`` answers about one subject."""

    subject: Party
    when: When
    threshold: float
    rule: ThresholdRule
    owners: tuple[OwnerResult, ...]
    fallback: str | None = None
    """``senior_managing_officials`` when nobody qualified and officers are reported instead."""
    closed_loops: tuple[ClosedLoop, ...] = ()
    inconsistent: tuple[Inconsistency, ...] = ()
    unknown_shares: tuple[UnknownShare, ...] = ()
    unspecified: tuple[UnspecifiedParty, ...] = ()
    declared_checks: tuple[DeclaredCheck, ...] = ()
    warnings: tuple[str, ...] = ()
    truncated: Mapping[str, int] = field(default_factory=dict)
    method: str = "integrated"
    """The method whose grounds decided (``integrated``, ``look-through`` or ``control``)."""

    @property
    def beneficial_owners(self) -> tuple[OwnerResult, ...]:
        return tuple(o for o in self.owners if o.beneficial_owner is not Verdict.NO)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": UBO_SCHEMA,
            "subject": self.subject.to_json(),
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "threshold": {"percent": self.threshold, "rule": self.rule.value},
            "method": self.method,
            "owners": [o.to_json() for o in self.owners],
            "fallback": self.fallback,
            "closed_loops": [c.to_json() for c in self.closed_loops],
            "inconsistent_subjects": [i.to_json() for i in self.inconsistent],
            "unknown_shares": [u.to_json() for u in self.unknown_shares],
            "unspecified_parties": [u.to_json() for u in self.unspecified],
            "declared_checks": [d.to_json() for d in self.declared_checks],
            "warnings": list(self.warnings),
            "truncated": dict(sorted(self.truncated.items())),
        }
