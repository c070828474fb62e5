"""Statement history for the time rules (frequent changes, late filings), with caches.

``store.statements_for`` reads every statement of one record (about 50 µs on the embedded
store); the owners of a set of entities at the start of a time window come from one
``store.edges_of(ids, UP, When(as_of=start))`` query for all of them. Both are cached for the
run, so an ancestor shared by many subjects in a scan is read once, and the rules call them only
for records whose current statement could matter (see each rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from bo_graph.model.codes import interest_type
from bo_graph.model.graph import Edge, When
from bo_graph.model.records import Interest
from bo_graph.store.base import Direction, GraphStore, StoredStatement

CACHE_LIMIT = 20_000
"""Records (or entities) cached before a cache is emptied, to bound a scan's memory."""


class History:
    def __init__(self, store: GraphStore, when: When) -> None:
        self.store = store
        self.when = when
        self._statements: dict[str, list[StoredStatement]] = {}
        self._owners_then: dict[tuple[str, str], tuple[Edge, ...]] = {}
        self._names: dict[str, str] = {}

    def statements(self, uid: str) -> list[StoredStatement]:
        """Every statement of the record behind ``uid`` known at ``when.known_at``, oldest
        first."""
        if uid not in self._statements:
            if len(self._statements) >= CACHE_LIMIT:
                self._statements.clear()
            known = self.when.known_at
            self._statements[uid] = [
                s
                for s in self.store.statements_for(uid)
                if known is None or day(s.provenance.statement_date) <= known
            ]
        return self._statements[uid]

    def prefetch_owners(self, entities: Iterable[str], start: str) -> None:
        """Load the relationships into ``entities`` in effect on ``start``, in one query."""
        wanted = sorted({e for e in entities if (start, e) not in self._owners_then})
        if not wanted:
            return
        if len(self._owners_then) >= CACHE_LIMIT:
            self._owners_then.clear()
        then = When(as_of=start, known_at=self.when.known_at)
        found: dict[str, list[Edge]] = {entity: [] for entity in wanted}
        for edge in self.store.edges_of(wanted, Direction.UP, then):
            found[edge.subject].append(edge)
        for entity, edges in found.items():
            self._owners_then[(start, entity)] = tuple(edges)

    def edges_on(self, entity: str, start: str) -> tuple[Edge, ...]:
        """The relationships into ``entity`` in effect on ``start`` (owners, controllers and
        officers), each as its version in effect then."""
        self.prefetch_owners([entity], start)
        return self._owners_then[(start, entity)]

    def owners_on(self, entity: str, start: str) -> frozenset[str]:
        """Ids of the relationships into ``entity`` in effect on ``start``."""
        return frozenset(e.id for e in self.edges_on(entity, start))

    def name(self, node_id: str) -> str:
        """The name of a party that may be outside the chain (a past owner), as the store
        gives it at ``when``; its id when the store has no such node then."""
        if node_id not in self._names:
            if len(self._names) >= CACHE_LIMIT:
                self._names.clear()
            node = self.store.get_nodes([node_id], self.when).get(node_id)
            self._names[node_id] = node.name if node is not None else node_id
        return self._names[node_id]


def _same_interest(raw: object, interest: Interest) -> bool:
    if not isinstance(raw, dict):
        return False
    code = raw.get("type")
    try:
        kind = interest_type(code) if isinstance(code, str) else None
    except ValueError:
        kind = None
    return kind is interest.type and day(raw.get("startDate")) == day(interest.start_date)


def first_filing(statements: list[StoredStatement], interest: Interest) -> StoredStatement | None:
    """The first of a record's ``statements`` (oldest first) that lists ``interest`` (same type
    and start date): the filing that reported it. The first statement when none does."""
    for statement in statements:
        raw = statement.raw
        details = raw.get("recordDetails", raw)
        items = details.get("interests", []) if isinstance(details, dict) else []
        if any(_same_interest(item, interest) for item in items or []):
            return statement
    return statements[0] if statements else None


def day(value: str | None) -> str:
    """The ``YYYY-MM-DD`` day of a date or date-time; partial dates are padded (``2021`` is
    ``2021-01-01``); ``""`` when unknown."""
    if not value:
        return ""
    text = value[:10]
    if len(text) == 4:
        return f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-01"
    return text


def parse_day(value: str | None) -> date | None:
    text = day(value)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def months_before(on: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of a shorter month)."""
    total = on.year * 12 + on.month - 1 - months
    year, month = divmod(total, 12)
    for candidate in range(on.day, 27, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, min(on.day, 28))


def days_between(first: date, second: date) -> int:
    return (second - first).days


def add_days(on: date, days: int) -> date:
    return on + timedelta(days=days)
