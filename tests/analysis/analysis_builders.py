"""Small builders for hand-made subgraphs, and a BODS 0.4 example reader for the engine tests.

``GraphBuilder`` makes nodes and edges with provenance; parties named in an edge but never
declared become registered entities. ``bods_subgraph`` reads an official BODS 0.4 example
into a :class:`Subgraph` with an approximation of the store's time semantics (see its docs);
the store-based versions of those tests belong with the store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bo_graph.model.bods04 import details_from_bods
from bo_graph.model.codes import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    InterestType,
    PersonType,
    RecordStatus,
    RecordType,
    UnspecifiedReason,
)
from bo_graph.model.graph import (
    Edge,
    Node,
    NodeKind,
    Subgraph,
    When,
    node_id,
    unspecified_node_id,
)
from bo_graph.model.records import (
    EntityDetails,
    Interest,
    Name,
    PersonDetails,
    Provenance,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.model.share import Share

EXAMPLES = Path("/work/shared/reference_data/bods-data-standard/v0.4/examples")

ShareSpec = float | Share | tuple[float, float] | None


def provenance(statement_id: str, file: str = "hand-made", position: int = 1) -> Provenance:
    return Provenance(
        source="test",
        file=file,
        position=position,
        statement_id=statement_id,
        statement_date="2024-01-01",
        publication_date=None,
        retrieved_at=None,
        record_status=RecordStatus.NEW,
        source_format="test",
    )


def to_share(spec: ShareSpec) -> Share | None:
    if spec is None or isinstance(spec, Share):
        return spec
    if isinstance(spec, tuple):
        return Share(float(spec[0]), float(spec[1]))
    return Share.exact(spec)


def interest(
    share: ShareSpec = None,
    kind: InterestType | None = InterestType.SHAREHOLDING,
    *,
    indirect: bool = False,
    beneficial: bool | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Interest:
    return Interest(
        type=kind,
        direct_or_indirect=DirectOrIndirect.INDIRECT if indirect else DirectOrIndirect.DIRECT,
        beneficial_ownership_or_control=beneficial,
        share=to_share(share),
        start_date=start,
        end_date=end,
    )


@dataclass
class GraphBuilder:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)

    def person(self, *ids: str, person_type: PersonType = PersonType.KNOWN) -> GraphBuilder:
        for ident in ids:
            details = PersonDetails(person_type=person_type, names=(Name(ident),))
            self.nodes[ident] = Node(ident, ident, NodeKind.PERSON, details, provenance(ident))
        return self

    def entity(
        self,
        *ids: str,
        entity_type: EntityType = EntityType.REGISTERED,
        subtype: EntitySubtype | None = None,
    ) -> GraphBuilder:
        for ident in ids:
            details = EntityDetails(entity_type=entity_type, subtype=subtype, name=ident)
            self.nodes[ident] = Node(ident, ident, NodeKind.ENTITY, details, provenance(ident))
        return self

    def trust(self, *ids: str) -> GraphBuilder:
        return self.entity(*ids, entity_type=EntityType.ARRANGEMENT, subtype=EntitySubtype.TRUST)

    def nomination(self, *ids: str) -> GraphBuilder:
        return self.entity(
            *ids, entity_type=EntityType.ARRANGEMENT, subtype=EntitySubtype.NOMINATION
        )

    def unspecified(self, ident: str, reason: UnspecifiedReason) -> GraphBuilder:
        self.nodes[ident] = Node(ident, ident, NodeKind.UNSPECIFIED, Unspecified(reason), None)
        return self

    def edge(
        self,
        owner: str,
        subject: str,
        *interests: Interest,
        ident: str | None = None,
        component_records: tuple[str, ...] = (),
        is_component: bool = False,
    ) -> str:
        for party in (owner, subject):
            if party not in self.nodes:
                self.entity(party)
        ident = ident or f"{owner}->{subject}#{len(self.edges)}"
        self.edges[ident] = Edge(
            ident,
            ident,
            subject,
            owner,
            tuple(interests),
            provenance(f"st-{ident}"),
            is_component,
            component_records,
        )
        return ident

    def owns(self, owner: str, subject: str, share: ShareSpec, **kwargs: Any) -> str:
        return self.edge(owner, subject, interest(share), **kwargs)

    def role(self, holder: str, subject: str, *kinds: InterestType, indirect: bool = False) -> str:
        return self.edge(holder, subject, *(interest(None, k, indirect=indirect) for k in kinds))

    def build(self, *roots: str) -> Subgraph:
        return Subgraph(roots=roots, nodes=dict(self.nodes), edges=dict(self.edges))


def chain_graph(
    shares: Mapping[tuple[str, str], ShareSpec], persons: tuple[str, ...] = ()
) -> Subgraph:
    builder = GraphBuilder().person(*persons)
    for (owner, subject), share in shares.items():
        builder.owns(owner, subject, share)
    return builder.build()


# -- BODS 0.4 examples ----------------------------------------------------------------------


@dataclass
class _Version:
    position: int
    date: str
    status: RecordStatus
    record_type: RecordType
    raw: dict[str, Any]


def bods_subgraph(
    name: str, *, known_at: str | None = None, as_of: str | None = None, namespace: str = "bods"
) -> tuple[Subgraph, When]:
    """The example ``name`` as a subgraph at a point in time.

    ``known_at=K``: per record the latest statement dated on or before K; closed records are
    dropped; interests in effect on K (the BODS visualiser's snapshot rule).
    ``as_of=D`` (everything known now): per record the statement current on D, unless a later
    statement dates an interest's end on or before D (a retroactive closure), or the record
    starts after D (a later statement about an earlier start); interests in effect on D.
    """
    statements = json.loads((EXAMPLES / name).read_text())
    versions: dict[str, list[_Version]] = {}
    for position, raw in enumerate(statements, start=1):
        version = _Version(
            position,
            str(raw["statementDate"])[:10],
            RecordStatus(raw.get("recordStatus", "new")),
            RecordType(raw["recordType"]),
            raw,
        )
        versions.setdefault(raw["recordId"], []).append(version)
    chosen = {
        record: picked
        for record, history in versions.items()
        if (picked := _pick(history, known_at, as_of)) is not None
    }
    when = When(as_of=as_of, known_at=known_at)
    return _assemble(chosen, name, namespace), when


def _pick(history: list[_Version], known_at: str | None, as_of: str | None) -> _Version | None:
    history = sorted(history, key=lambda v: (v.date, v.position))
    cutoff = known_at or as_of
    if cutoff is None:
        latest = history[-1]
        return None if latest.status is RecordStatus.CLOSED else latest
    current = [v for v in history if v.date <= cutoff]
    if known_at is not None:
        if not current or current[-1].status is RecordStatus.CLOSED:
            return None
        return current[-1]
    later = [v for v in history if v.date > cutoff]
    for version in later:
        ends = [i.get("endDate") for i in version.raw["recordDetails"].get("interests", [])]
        if any(end is not None and end <= cutoff for end in ends):
            return version
    if current:
        return None if current[-1].status is RecordStatus.CLOSED else current[-1]
    return later[0] if later else None


def _assemble(chosen: dict[str, _Version], file: str, namespace: str) -> Subgraph:
    nodes: dict[str, Node] = {}
    edges: dict[str, Edge] = {}
    for record, version in chosen.items():
        details = details_from_bods(version.record_type, version.raw["recordDetails"])
        prov = Provenance(
            source="bods example",
            file=file,
            position=version.position,
            statement_id=version.raw["statementId"],
            statement_date=version.date,
            publication_date=None,
            retrieved_at=None,
            record_status=version.status,
            source_format="bods-0.4",
        )
        ident = node_id(namespace, record)
        if isinstance(details, PersonDetails):
            nodes[ident] = Node(ident, record, NodeKind.PERSON, details, prov)
        elif isinstance(details, EntityDetails):
            nodes[ident] = Node(ident, record, NodeKind.ENTITY, details, prov)
        else:
            edges[ident] = _edge(ident, record, details, prov, namespace, nodes)
    return Subgraph(roots=(), nodes=nodes, edges=edges)


def _edge(
    ident: str,
    record: str,
    details: RelationshipDetails,
    prov: Provenance,
    namespace: str,
    nodes: dict[str, Node],
) -> Edge:
    ends: list[str] = []
    for role, ref in (("subject", details.subject), ("interestedParty", details.interested_party)):
        if isinstance(ref, Unspecified):
            party = unspecified_node_id(ident, role)
            nodes[party] = Node(party, party, NodeKind.UNSPECIFIED, ref, prov)
            ends.append(party)
        else:
            ends.append(node_id(namespace, ref))
    return Edge(
        ident,
        record,
        ends[0],
        ends[1],
        details.interests,
        prov,
        details.is_component,
        details.component_records,
    )
