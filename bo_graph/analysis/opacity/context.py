"""What a rule sees.

Rules come in three scopes (:class:`~bo_graph.analysis.opacity.spec.Scope`):

* **node** rules look at one party with its owners and holdings (:class:`NodeContext`);
* **edge** rules look at one relationship and its two ends (:class:`EdgeContext`);
* **subject** rules look at the subject's whole chain (:class:`SubjectContext`).

Node and edge rules do not depend on which subject they are seen from, so a scan evaluates
each party and relationship once and reuses the flags for every subject whose chain contains
it. :class:`Environment` is what every rule may read besides that: the lists, the address
index, statement history, the analysis date, and the store-wide owners and holdings of a party.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Evidence, Flag, ListUse, Severity, Target
from bo_graph.analysis.opacity.graphs import strongly_connected
from bo_graph.analysis.opacity.history import History, parse_day
from bo_graph.analysis.opacity.indexes import AddressIndex
from bo_graph.analysis.opacity.jurisdictions import JurisdictionList, ListSet
from bo_graph.analysis.opacity.shares import Ownership, ownership_of
from bo_graph.analysis.opacity.spec import RuleSpec, Value
from bo_graph.analysis.opacity.view import ChainView, is_management
from bo_graph.model.graph import Edge, When, owning_record
from bo_graph.model.records import Provenance


def analysis_day(when: When, today: date) -> date:
    """The date the time rules measure from: ``--as-of``, else ``--known-at``, else today."""
    return parse_day(when.effective_date) or today


@dataclass
class Environment:
    when: When
    lists: ListSet
    fact_of: Callable[[str], PartyFact | None]
    owners_of: Callable[[str], Sequence[Edge]]
    """Relationships in effect into a party (its owners, controllers, officers)."""
    holdings_of: Callable[[str], Sequence[Edge]]
    """Relationships in effect out of a party, across the whole store."""
    address_source: Callable[[], AddressIndex]
    history: History | None
    today: date = field(default_factory=date.today)
    fast_shares: bool = False

    @property
    def analysis_date(self) -> date:
        return analysis_day(self.when, self.today)

    def list_of(self, name: str, column: str | None = None) -> JurisdictionList | None:
        """The edition of a jurisdiction list in force on the analysis's date (the newest for
        the current state)."""
        return self.lists.in_force(name, self.when.effective_date, column)

    def name(self, node_id: str) -> str:
        fact = self.fact_of(node_id)
        return fact.name if fact is not None else node_id


@dataclass
class SubjectInputs:
    """One subject's chain, with what several subject rules share computed once."""

    view: ChainView
    env: Environment
    _ownership: Ownership | None = None
    _cycles: list[frozenset[str]] | None = None

    @property
    def ownership(self) -> Ownership:
        if self._ownership is None:
            self._ownership = ownership_of(self.view, fast=self.env.fast_shares)
        return self._ownership

    @property
    def cycles(self) -> list[frozenset[str]]:
        """Cycles of ownership or control among the chain members."""
        if self._cycles is None:
            depth, officers = self.view.depth, self.view.officers
            edges = [
                e
                for e in self.view.edges
                if e.interested_party not in officers and not is_management(e)
            ]
            back = any(depth[e.interested_party] <= depth[e.subject] for e in edges)
            self._cycles = strongly_connected(edges) if back else []
        return self._cycles


@dataclass
class _Flagger:
    rule: RuleSpec
    params: Mapping[str, Value]
    env: Environment

    def number(self, name: str) -> float:
        value = self.params[name]
        assert isinstance(value, (int, float)) and not isinstance(value, bool)
        return float(value)

    def integer(self, name: str) -> int:
        return int(self.number(name))

    def text(self, name: str) -> str:
        return str(self.params[name])

    def flag_on(self, name: str) -> bool:
        return bool(self.params[name])

    def name(self, node_id: str) -> str:
        return self.env.name(node_id)

    def own_evidence(self, node_id: str) -> tuple[Evidence, ...]:
        """The statement of a flag's target party (:meth:`node_evidence`), or none for a chain
        party whose record is not in the store (OPQ-MISSING-RECORD): the relationships that
        name it are its only evidence. Every other target of a flag has a record."""
        return () if self.env.fact_of(node_id) is None else (self.node_evidence(node_id),)

    def node_evidence(self, node_id: str) -> Evidence:
        """The party's statement; for an unspecified party named inline in a relationship
        statement (which has none of its own), that relationship statement, cited as the edge
        it is, so a flag citing the relationship too cites the statement once."""
        fact = self.env.fact_of(node_id)
        if fact is None:
            return Evidence("node", node_id, node_id, None)
        owner = owning_record(fact.id)
        if owner != fact.id:
            return Evidence("edge", owner, fact.record_id, fact.provenance)
        return Evidence("node", fact.id, fact.record_id, fact.provenance)

    @staticmethod
    def edge_evidence(edge: Edge, statement_ids: tuple[str, ...] = ()) -> Evidence:
        return Evidence("edge", edge.id, edge.record_id, edge.provenance, statement_ids)

    @staticmethod
    def cited(edge: Edge, statement: Provenance) -> Evidence:
        """The edge as one of its own statements (an earlier version) describes it: for a rule
        that reports what that statement said, rather than the edge's current statement."""
        return Evidence("edge", edge.id, edge.record_id, statement)

    def on_node(
        self,
        node_id: str,
        severity: Severity,
        explanation: str,
        *,
        edges: Iterable[Edge] = (),
        values: Mapping[str, object] | None = None,
        lists: Iterable[ListUse] = (),
        more: Iterable[Evidence] = (),
    ) -> Flag:
        evidence = (*self.own_evidence(node_id), *map(self.edge_evidence, edges), *more)
        target = Target("node", node_id, self.name(node_id))
        return self._flag(target, severity, explanation, evidence, values, lists)

    def on_edge(
        self,
        edge: Edge,
        severity: Severity,
        explanation: str,
        *,
        values: Mapping[str, object] | None = None,
        lists: Iterable[ListUse] = (),
        more: Iterable[Evidence] = (),
        cite: Sequence[Evidence] = (),
    ) -> Flag:
        """A flag on ``edge``, citing its current statement, or the statements in ``cite``
        (see :meth:`cited`) instead."""
        own = tuple(cite) or (self.edge_evidence(edge),)
        evidence = (*own, self.node_evidence(edge.interested_party), *more)
        label = f"{self.name(edge.interested_party)} → {self.name(edge.subject)}"
        target = Target("edge", edge.id, label)
        return self._flag(target, severity, explanation, evidence, values, lists)

    def _flag(
        self,
        target: Target,
        severity: Severity,
        explanation: str,
        evidence: tuple[Evidence, ...],
        values: Mapping[str, object] | None,
        lists: Iterable[ListUse],
    ) -> Flag:
        merged: dict[tuple[str, str, str], Evidence] = {}
        for item in evidence:
            key = (item.role, item.id, item.provenance.statement_id if item.provenance else "")
            if key not in merged or len(item.statement_ids) > len(merged[key].statement_ids):
                merged[key] = item
        return Flag(
            code=self.rule.code,
            severity=Severity.LOW if self.rule.lawful else severity,
            target=target,
            explanation=explanation,
            evidence=tuple(merged.values()),
            lists=_unique(lists),
            values=dict(values or {}),
            lawful=self.rule.lawful,
        )


def _unique(lists: Iterable[ListUse]) -> tuple[ListUse, ...]:
    items = tuple(lists)
    return items if len(items) < 2 else tuple(dict.fromkeys(items))


@dataclass
class NodeContext(_Flagger):
    fact: PartyFact = field(kw_only=True)

    @property
    def owners(self) -> Sequence[Edge]:
        return self.env.owners_of(self.fact.id)

    @property
    def holdings(self) -> Sequence[Edge]:
        return self.env.holdings_of(self.fact.id)

    def interests_held(self) -> set[object]:
        return {i.type for e in self.holdings for i in e.interests}


@dataclass
class EdgeContext(_Flagger):
    edge: Edge = field(kw_only=True)

    @property
    def holder(self) -> PartyFact | None:
        return self.env.fact_of(self.edge.interested_party)

    @property
    def label(self) -> str:
        return f"{self.name(self.edge.interested_party)} in {self.name(self.edge.subject)}"


@dataclass
class SubjectContext(_Flagger):
    inputs: SubjectInputs = field(kw_only=True)

    @property
    def view(self) -> ChainView:
        return self.inputs.view

    def on_subject(
        self,
        severity: Severity,
        explanation: str,
        *,
        edges: Iterable[Edge] = (),
        values: Mapping[str, object] | None = None,
        more: Iterable[Evidence] = (),
    ) -> Flag:
        subject = self.view.subject
        evidence = (self.node_evidence(subject), *map(self.edge_evidence, edges), *more)
        target = Target("subject", subject, self.name(subject))
        return self._flag(target, severity, explanation, evidence, values, ())
