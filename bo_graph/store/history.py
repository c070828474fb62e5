"""Which version of a record holds at a point in bitemporal time; shared by both backends.

A record (BODS ``recordId``) is a series of statements: ``new``, then ``updated``, finally
``closed``. ``known_at`` K keeps only statements dated on or before K (undated statements always
count). For the date D an interest must be in effect on (``as_of``, else K, else today):

1. the version is the latest known statement dated on or before D — what the register said then;
2. a record first declared after D (a late filing) is seen through its first statement, whose
   interests' start dates say whether it already held on D;
   for a relationship, an undated statement says nothing of when: where the record also has
   dated statements, those decide rules 1 and 2 (a GLEIF lookup's undated link does not
   hold before the period its dated relationship record gives), and it is the version only of
   a record with no dated statement;
3. a later statement that ends an interest on or before D (a retroactive end: one the version of
   rule 1 does not already end by D) overrides that version: what is known now about D wins;
4. a closed version ends the record on its statement date.

A node joined from several records (``store.identity``) is closed only when each of them is: its
version is the latest open one among its records' latest known versions, else the latest.

Statement dates are compared by day (a date-time counts on its day).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import orjson

from bo_graph.model.graph import Edge, Node, When
from bo_graph.model.records import Interest


@dataclass(frozen=True)
class Version:
    """One stored statement of a record, in the order the store keeps them."""

    statement_date: str | None
    seq: int
    closed: bool
    record: str = ""
    """The record this is a version of, for a node joined from several; ``""`` otherwise."""

    @property
    def day(self) -> str:
        return (self.statement_date or "")[:10]


def order_key(version: Version) -> tuple[str, int]:
    return (version.statement_date or "", version.seq)


def _known(versions: Sequence[Version], when: When) -> list[int]:
    """Indexes of the versions known at ``when.known_at``, oldest first."""
    known = [
        i
        for i, v in enumerate(versions)
        if when.known_at is None or not v.statement_date or v.day <= when.known_at
    ]
    return sorted(known, key=lambda i: order_key(versions[i]))


def latest_known(versions: Sequence[Version], when: When) -> int | None:
    """Index of the version that holds at ``when.known_at``, or ``None``: the latest known one;
    of a joined node, the latest open one among its records' latest known versions, if any."""
    known = _known(versions, when)
    if not known:
        return None
    latest_of_record = {versions[i].record: i for i in known}  # oldest first: the last stays
    open_ones = [i for i in latest_of_record.values() if not versions[i].closed]
    return max(open_ones or latest_of_record.values(), key=lambda i: order_key(versions[i]))


def node_version_at(versions: Sequence[Version], when: When) -> tuple[int, bool] | None:
    """The version of a node ``when`` sees, as its index and whether the node is closed then:
    :func:`latest_known`, with rule 4 for the date an ``as_of`` looks at: a version closing the
    record after that date leaves it open on it, shown by the version :func:`latest_known` sees
    on that date (by record, for a joined node). A record known only by statements dated after
    that date is shown by the version known now (there is no earlier one), open."""
    index = latest_known(versions, when)
    if index is None:
        return None
    chosen = versions[index]
    if when.as_of is None or not chosen.closed or not chosen.statement_date:
        return index, chosen.closed
    if chosen.day <= when.as_of:
        return index, True
    cutoff = min(when.as_of, when.known_at or when.as_of)
    on_the_date = latest_known(versions, When(known_at=cutoff))  # the per-record rule then
    if on_the_date is None:
        return index, False
    return on_the_date, versions[on_the_date].closed


def nodes_at(
    current: dict[str, Node], when: When, versions_of: Callable[[dict[str, Node]], dict[str, Node]]
) -> dict[str, Node]:
    """The nodes ``current`` as ``when`` sees them. ``versions_of`` reads the given nodes through
    their versions (:func:`node_version_at`; a node with none known then is left out): every
    node for ``known_at``; only the closed ones for ``as_of`` alone (the date may reopen them);
    none for the current state."""
    if when.known_at is not None:
        return versions_of(current) if current else current
    closed = {i: n for i, n in current.items() if n.closed} if when.as_of is not None else {}
    return {**current, **versions_of(closed)} if closed else current


def statement_of_version(version_id: str, node_ids: Iterable[str]) -> str | None:
    """The statement id of a stored version id ``<statement id>#<id>``, where ``id`` is one of
    ``node_ids`` (a node's own id or the id of a record joined into it; the longest that fits),
    or ``None`` for another form. The id after ``#`` is not the version's record: a version moved
    aside by a join names the node it was moved into; its statement names its record."""
    for node_id in sorted(set(node_ids), key=len, reverse=True):
        suffix = "#" + node_id
        if version_id.endswith(suffix) and len(version_id) > len(suffix):
            return version_id[: -len(suffix)]
    return None


def edge_at(versions: Sequence[Version], edges: Sequence[Edge], when: When) -> Edge | None:
    """The edge as ``when`` sees it, or ``None`` when it is not in effect then.

    ``versions[i]`` describes ``edges[i]``; both are in any order.
    """
    known = _known(versions, when)
    if not known:
        return None
    on = when.effective_date or date.today().isoformat()
    dated = [i for i in known if versions[i].statement_date]
    if dated:  # an undated statement says nothing of when: the dated ones decide
        then = [i for i in dated if versions[i].day <= on]
        later = [i for i in dated if versions[i].day > on]
        index = then[-1] if then else dated[0]
    else:
        later, index = [], known[-1]
    if any(_ends_afresh(edges[i], edges[index], on) for i in later):
        index = known[-1]
    version, edge = versions[index], edges[index]
    if version.closed:
        if version.statement_date is None or version.day <= on:
            return None
        edge = _with_last_open_interests(versions, edges, index)
    return edge if _in_effect_on(edge, on) else None


def edges_at(versions: Iterable[tuple[Version, Edge]], when: When) -> list[Edge]:
    """The version ``when`` sees of each relationship record, among the versions of any number
    of records (grouped by edge id; a record ``when`` does not see is left out)."""
    grouped: dict[str, list[tuple[Version, Edge]]] = defaultdict(list)
    for version, edge in versions:
        grouped[edge.id].append((version, edge))
    out: list[Edge] = []
    for pairs in grouped.values():
        picked = edge_at([v for v, _ in pairs], [e for _, e in pairs], when)
        if picked is not None:
            out.append(picked)
    return out


def _ends_afresh(edge: Edge, version: Edge, on: str) -> bool:
    """``edge`` ends by ``on`` an interest that ``version`` does not already end by then (a
    statement repeating an interest ended earlier, as a register's history does, is no news)."""
    ended = {_unended(i) for i in _ended_by(version, on)}
    return any(_unended(i) not in ended for i in _ended_by(edge, on))


def _ended_by(edge: Edge, on: str) -> list[Interest]:
    return [i for i in edge.interests if i.end_date is not None and i.end_date <= on]


def _unended(interest: Interest) -> Interest:
    """The interest whatever its end and wording, to match it across statements."""
    return replace(interest, end_date=None, details=None)


def _with_last_open_interests(
    versions: Sequence[Version], edges: Sequence[Edge], closed_index: int
) -> Edge:
    """The record on a date before its closing statement, which ends it later (rule 4): still
    open then. A closing statement often repeats no interests: fall back to the last open
    version's."""
    closed = edges[closed_index]
    if closed.interests:
        return replace(closed, closed=False)
    candidates = [i for i, v in enumerate(versions) if not v.closed]
    if not candidates:
        return replace(closed, closed=False)
    last = max(candidates, key=lambda i: order_key(versions[i]))
    return replace(closed, interests=edges[last].interests, closed=False)


def _in_effect_on(edge: Edge, on: str) -> bool:
    return not edge.interests or any(i.in_effect(on) for i in edge.interests)


def in_effect(edge: Edge, when: When) -> bool:
    """An edge with interests is in effect when one of them is; one without any always is."""
    return not edge.interests or bool(edge.interests_in_effect(when))


def payload_in_effect(payload: bytes | str, on: str) -> bool:
    """:func:`in_effect` of a stored edge on date ``on``, read from its payload's interests
    without building them (``Interest.in_effect``: started by ``on``, not ended by it; an edge
    without interests is always in effect). Both backends store the same payload."""
    interests = orjson.loads(payload)["d"].get("interests")
    if not interests:
        return True
    for interest in interests:
        start, end = interest.get("startDate"), interest.get("endDate")
        if start not in (None, "") and str(start) > on:
            continue
        if end in (None, "") or str(end) > on:
            return True
    return False
