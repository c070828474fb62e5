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

from bo_graph.model.graph import When
from bo_graph.store.base import Direction, GraphStore, StoredStatement

CACHE_LIMIT = 20_000
"""Records (or entities) cached before a cache is emptied, to bound a scan's memory."""


class History:
    def __init__(self, store: GraphStore, when: When) -> None:
        self.store = store
        self.when = when
        self._statements: dict[str, list[StoredStatement]] = {}
        self._owners_then: dict[tuple[str, str], frozenset[str]] = {}

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
        found: dict[str, set[str]] = {entity: set() for entity in wanted}
        for edge in self.store.edges_of(wanted, Direction.UP, then):
            found[edge.subject].add(edge.id)
        for entity, ids in found.items():
            self._owners_then[(start, entity)] = frozenset(ids)

    def owners_on(self, entity: str, start: str) -> frozenset[str]:
        """Ids of the relationships into ``entity`` in effect on ``start``."""
        self.prefetch_owners([entity], start)
        return self._owners_then[(start, entity)]


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
