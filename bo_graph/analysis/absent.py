"""What an analysis says when its subject is not in the graph it was given."""

from __future__ import annotations

from bo_graph.exc import NotFound
from bo_graph.model.graph import When


def not_found(node_id: str, role: str, when: When) -> NotFound:
    """``node_id`` is not a node of the graph read at ``when``: a wrong id, or (dated) a record
    no statement of which was known by then."""
    if when.known_at is not None:
        return NotFound(
            f"{node_id!r}: no statement about this record is dated on or before {when.known_at} "
            f"(--known-at): the registers did not know it by then, or no {role} has this id"
        )
    return NotFound(f"{node_id!r}: no node has this id (expected the {role}'s id)")
