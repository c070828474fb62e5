"""How both backends serialise nodes and edges: BODS 0.4 record details plus provenance as JSON.

Storing the canonical model in its BODS 0.4 form keeps the stored graph a round trip of the
standard, and lets the embedded store and Neo4j keep byte-identical payloads.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from bo_graph.model.bods04 import entity_from, person_from, relationship_from, unspecified_from
from bo_graph.model.bods04_out import details_to_bods, unspecified_to
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.graph import Edge, Node, NodeDetails, NodeKind
from bo_graph.model.records import (
    EntityDetails,
    PersonDetails,
    Provenance,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.model.statement import Statement


def fold(text: str) -> str:
    """Text as compared for search: accents removed, case folded, spaces collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_WORD = re.compile(r"[^\W_]+")


def words(folded: str) -> list[str]:
    """The runs of letters and digits of already folded text (the full-text index's tokens)."""
    return _WORD.findall(folded)


def with_names(folded_names: str, more: Iterable[str]) -> str:
    """The `` | ``-joined folded names ``folded_names`` of a party, followed by those of ``more``
    it lacks (folded, each once): a search text that also finds the party by them."""
    names = [n for n in folded_names.split(" | ") if n]
    names.extend(fold(n) for n in more)
    return " | ".join(dict.fromkeys(n for n in names if n))


def search_terms(text: str) -> str:
    """What a user typed, as both backends search it: folded, without quotes or NUL (which a
    full-text query would read as syntax), and without terms that hold no letter or digit
    (``&``, ``!!!``: no name is found by them, and they would only lower a fuzzy match)."""
    cleaned = fold(text).replace('"', " ").replace("\x00", " ")
    return " ".join(term for term in cleaned.split() if words(term))


def provenance_to(p: Provenance) -> dict[str, Any]:
    return {
        "source": p.source,
        "file": p.file,
        "position": p.position,
        "statementId": p.statement_id,
        "statementDate": p.statement_date,
        "publicationDate": p.publication_date,
        "retrievedAt": p.retrieved_at,
        "recordStatus": p.record_status.value,
        "format": p.source_format,
    }


_RECORD_STATUS = {status.value: status for status in RecordStatus}


def provenance_from(d: dict[str, Any]) -> Provenance:
    return Provenance(
        source=d["source"],
        file=d["file"],
        position=int(d["position"]),
        statement_id=d["statementId"],
        statement_date=d.get("statementDate"),
        publication_date=d.get("publicationDate"),
        retrieved_at=d.get("retrievedAt"),
        record_status=_RECORD_STATUS.get(d["recordStatus"]) or RecordStatus(d["recordStatus"]),
        source_format=d["format"],
    )


def content_hash(raw: Any) -> str:
    """A digest of a raw record, independent of key order."""
    return hashlib.blake2b(
        orjson.dumps(raw, option=orjson.OPT_SORT_KEYS), digest_size=16
    ).hexdigest()


def node_kind(details: NodeDetails) -> NodeKind:
    if isinstance(details, PersonDetails):
        return NodeKind.PERSON
    if isinstance(details, EntityDetails):
        return NodeKind.ENTITY
    return NodeKind.UNSPECIFIED


def payload_of(bods_details: Mapping[str, Any], prov: Provenance | None) -> bytes:
    """The stored form of a record version: its BODS 0.4 details and provenance."""
    return orjson.dumps({"d": bods_details, "p": provenance_to(prov) if prov else None})


def details_payload(details: NodeDetails | RelationshipDetails, prov: Provenance | None) -> bytes:
    body = unspecified_to(details) if isinstance(details, Unspecified) else details_to_bods(details)
    return orjson.dumps({"d": body, "p": provenance_to(prov) if prov else None})


def node_from_payload(
    node_id: str, record_id: str, kind: str, closed: bool, payload: bytes | str
) -> Node:
    data = orjson.loads(payload)
    body = data["d"]
    node_kind_ = NodeKind(kind)
    details: NodeDetails
    if node_kind_ is NodeKind.PERSON:
        details = person_from(body)
    elif node_kind_ is NodeKind.ENTITY:
        details = entity_from(body)
    else:
        found = unspecified_from(body)
        assert found is not None, f"stored unspecified node {node_id} has no reason"
        details = found
    prov = provenance_from(data["p"]) if data.get("p") else None
    return Node(node_id, record_id, node_kind_, details, prov, closed)


def edge_from_payload(
    edge_id: str, subject: str, party: str, closed: bool, payload: bytes | str
) -> Edge:
    data = orjson.loads(payload)
    rel = relationship_from({**data["d"], "subject": subject, "interestedParty": party})
    prov = provenance_from(data["p"]) if data.get("p") else None
    return Edge(
        id=edge_id,
        record_id=edge_id,
        subject=subject,
        interested_party=party,
        interests=rel.interests,
        provenance=prov,
        is_component=rel.is_component,
        component_records=rel.component_records,
        closed=closed,
    )


def raw_payload(statement: Statement) -> bytes:
    return orjson.dumps({"p": provenance_to(statement.provenance), "raw": statement.raw})


def is_party(statement: Statement) -> bool:
    return statement.record_type is not RecordType.RELATIONSHIP


def rank_fuzzy(text: str, candidates: list[tuple[str, str]], limit: int) -> list[str]:
    """Candidate ids whose folded name text is similar to ``text`` (best first); shared by both
    backends so fuzzy search ranks alike."""
    from rapidfuzz import fuzz

    scored = []
    for node_id, names in candidates:
        best = max(fuzz.token_set_ratio(text, name) for name in names.split(" | "))
        if best >= 70:
            scored.append((-best, node_id))
    return [node_id for _, node_id in sorted(scored)[:limit]]
