"""Which version of a record holds at a point in bitemporal time; shared by both backends.

A record (BODS ``recordId``) is a series of statements: ``new``, then ``updated``, finally
``closed``. ``known_at`` keeps only statements dated on or before it (undated statements always
count); the latest of those is the version. A closed version ends the record on its statement
date; before that date, the record is still in effect with the interests it last had.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bo_graph.model.graph import Edge, When


@dataclass(frozen=True)
class Version:
    """One stored statement of a record, in the order the store keeps them."""

    statement_date: str | None
    seq: int
    closed: bool


def order_key(version: Version) -> tuple[str, int]:
    return (version.statement_date or "", version.seq)


def latest_known(versions: Sequence[Version], when: When) -> int | None:
    """Index of the version that ``when`` sees in ``versions``, or ``None``."""
    best: int | None = None
    for index, version in enumerate(versions):
        date = version.statement_date
        if when.known_at is not None and date is not None and date > when.known_at:
            continue
        if best is None or order_key(version) >= order_key(versions[best]):
            best = index
    return best


def edge_at(versions: Sequence[Version], edges: Sequence[Edge], when: When) -> Edge | None:
    """The edge as ``when`` sees it, or ``None`` when it is not in effect then.

    ``versions[i]`` describes ``edges[i]``; both are in any order.
    """
    index = latest_known(versions, when)
    if index is None:
        return None
    version, edge = versions[index], edges[index]
    if version.closed:
        on = when.effective_date
        if on is None or version.statement_date is None or version.statement_date <= on:
            return None
        edge = _with_last_open_interests(versions, edges, index)
    return edge if in_effect(edge, when) else None


def _with_last_open_interests(
    versions: Sequence[Version], edges: Sequence[Edge], closed_index: int
) -> Edge:
    """A closing statement often repeats no interests: fall back to the last open version's."""
    closed = edges[closed_index]
    if closed.interests:
        return replace(closed, closed=True)
    candidates = [i for i, v in enumerate(versions) if not v.closed]
    if not candidates:
        return replace(closed, closed=True)
    last = max(candidates, key=lambda i: order_key(versions[i]))
    return replace(closed, interests=edges[last].interests, closed=True)


def in_effect(edge: Edge, when: When) -> bool:
    """An edge with interests is in effect when one of them is; one without any always is."""
    return not edge.interests or bool(edge.interests_in_effect(when))
