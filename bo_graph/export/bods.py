"""BODS 0.4 JSON of a case: every stored statement behind the loaded parties and relationships.

Statements read from BODS 0.4 files are exported exactly as stored (every version, so the
history stays verifiable). A record known only from an older BODS version is exported once, in
its current state, as a new 0.4 statement built with
:func:`~bo_graph.model.bods04_out.details_to_bods`, with a ``transformation`` annotation that
cites the original statement (``statementPointerTarget`` ``""``: RFC 6901's pointer to the whole
statement). The result is a JSON array of statements (a BODS 0.4 package): entity and person
statements first, then relationships, each by statement date, so that every relationship comes
after its subject and interested party (BODS 0.4 serialisation). A record whose source gives
no statement date is dated by its publication date or the export's day, never after the day of
a view known at K, and its annotation says so.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from bo_graph.export.case import CaseData
from bo_graph.model.bods04_out import details_to_bods
from bo_graph.model.graph import Edge, Node
from bo_graph.model.records import (
    Details,
    EntityDetails,
    PartyRef,
    Provenance,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.store.base import StoredStatement

_NAMESPACE = uuid.UUID("6f1f3c44-5a3e-4d7e-9a51-0b2f5c1e7d10")


def is_bods04(raw: Mapping[str, Any]) -> bool:
    return "recordDetails" in raw and "recordId" in raw and "statementId" in raw


def bods_statements(case: CaseData) -> list[dict[str, Any]]:
    """The statements of the case, each once: the parties' by statement date, then the
    relationships' (a relationship must come after the records it names)."""
    out: dict[str, dict[str, Any]] = {}
    for statement in _stored(case):
        out.setdefault(str(statement["statementId"]), statement)
    return sorted(
        out.values(),
        key=lambda s: (s.get("recordType") == "relationship", str(s.get("statementDate") or "")),
    )


def bods_json(case: CaseData) -> bytes:
    return orjson.dumps(bods_statements(case), option=orjson.OPT_INDENT_2)


def _stored(case: CaseData) -> Iterator[dict[str, Any]]:
    subgraph = case.analysis.subgraph
    for uid, statements in case.statements.items():
        native = [dict(s.raw) for s in statements if is_bods04(s.raw)]
        yield from native
        if not statements:
            continue
        node, edge = subgraph.nodes.get(uid), subgraph.edges.get(uid)
        if node is not None and not isinstance(node.details, Unspecified):
            if node.record_id in {s["recordId"] for s in native}:
                continue
            # a company joined from a 0.4 register and another: its current record is the
            # other register's, which the relationships name, so it needs a statement too
            last = [s for s in statements if not is_bods04(s.raw)] or statements
            yield _converted(case, node.record_id, node.details, _kind(node), last[-1])
        elif edge is not None and not native:
            details = _relationship(edge, subgraph.nodes)
            yield _converted(case, edge.record_id, details, "relationship", statements[-1])


def _kind(node: Node) -> str:
    return "entity" if isinstance(node.details, EntityDetails) else "person"


def _party(node_id: str, nodes: Mapping[str, Node]) -> PartyRef:
    node = nodes.get(node_id)
    if node is None:
        return node_id
    if isinstance(node.details, Unspecified):
        return node.details
    return node.record_id


def _relationship(edge: Edge, nodes: Mapping[str, Node]) -> RelationshipDetails:
    return RelationshipDetails(
        subject=_party(edge.subject, nodes),
        interested_party=_party(edge.interested_party, nodes),
        interests=edge.interests,
        is_component=edge.is_component,
        component_records=edge.component_records,
    )


def _converted(
    case: CaseData, record_id: str, details: Details, kind: str, last: StoredStatement
) -> dict[str, Any]:
    p: Provenance = last.provenance
    day = case.generated_at[:10]
    statement: dict[str, Any] = {
        "statementId": str(uuid.uuid5(_NAMESPACE, f"{record_id}\n{p.statement_id}")),
        "declarationSubject": case.analysis.subject.record_id,
        "statementDate": _dated(case, p),
        "recordId": record_id,
        "recordType": kind,
        "recordStatus": "new",
        "recordDetails": _valid_04(details_to_bods(details), kind),
        "publicationDetails": {
            "publicationDate": day,
            "bodsVersion": "0.4",
            "publisher": {"name": f"{case.tool} case export"},
        },
        "source": {"type": ["thirdParty"], "description": p.source},
        "annotations": [
            {
                "statementPointerTarget": "",
                "motivation": "transformation",
                "creationDate": day,
                "createdBy": {"name": case.tool},
                "description": (
                    f"Current state of the record, converted to BODS 0.4 from the "
                    f"{p.source_format} statement {p.statement_id} ({p.cite()})."
                    + ("" if p.statement_date else " The source gives it no statement date.")
                ),
            }
        ],
    }
    return statement


_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")
_PERSON_ADDRESS_TYPES = ("residence", "service", "alternative")


def _valid_04(details: dict[str, Any], kind: str) -> dict[str, Any]:
    """What 0.1-0.3 allowed and 0.4 does not, left out of a converted record (the stored one
    keeps it): a relative ``uri`` (the Open Ownership Register's ``/entities/<id>``, which the
    identifier's ``id`` also holds); a person's address typed other than 0.4 allows (its
    exports type a person's address ``registered``) is ``alternative``, not a residence."""
    if not _absolute(details.get("uri")):
        details.pop("uri", None)
    for identifier in details.get("identifiers", []):
        if not _absolute(identifier.get("uri")):
            identifier.pop("uri", None)
    for address in details.get("addresses", []) if kind == "person" else []:
        if "type" in address and address["type"] not in _PERSON_ADDRESS_TYPES:
            address["type"] = "alternative"
    return details


def _absolute(uri: Any) -> bool:
    return isinstance(uri, str) and _ABSOLUTE_URI.match(uri) is not None


def _dated(case: CaseData, p: Provenance) -> str:
    """The statement date of a converted statement: its source's; for a source that gives none,
    its publication date or the export's day, but never after the day a view known at K was
    read on (the case holds what the registers said by K, and is read back so)."""
    if p.statement_date:
        return p.statement_date
    day = p.publication_date or case.generated_at[:10]
    known_at = case.analysis.when.known_at
    return known_at if known_at is not None and known_at < day[:10] else day
