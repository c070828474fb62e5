"""The Bolt connection of the Neo4j store: driver, sessions, retries, error translation.

Every query goes through :meth:`Connection.read` or :meth:`Connection.write`, which run it in a
managed transaction (the driver retries transient errors such as deadlocks inside it) and wrap
the whole unit of work in a short bounded retry for a lost connection
(``ServiceUnavailable``/``SessionExpired``). What still fails becomes a bo-graph error:
:class:`StoreUnavailable` naming the URI when the server cannot be reached, :class:`StoreError`
for anything the server refused. Read-only connections open every session in READ access mode,
which the server enforces.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any, LiteralString, TypeVar, cast

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Record,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from bo_graph.exc import StoreError, StoreUnavailable
from bo_graph.settings import Settings

T = TypeVar("T")
Work = Callable[[ManagedTransaction], T]

UNAVAILABLE_HINT = (
    "Is the server running? Start the local one with `bo-graph neo4j start`, or check "
    "BO_GRAPH_STORE (--store) and BO_GRAPH_NEO4J_USER / BO_GRAPH_NEO4J_PASSWORD"
)
ATTEMPTS = 3
"""Tries of one unit of work when the connection is lost (the driver retries inside each)."""
BACKOFF_SECONDS = 1.0
"""Pause before the second try; doubled before each further one."""
DRIVER_RETRY_SECONDS = 5.0
"""How long the driver keeps retrying one managed transaction."""
CONNECT_TIMEOUT_SECONDS = 10.0
PAGE_SIZE = 5000
"""Rows per page when a read walks the whole graph."""


def _auth(settings: Settings) -> tuple[str, str] | None:
    """Basic auth from the settings; an empty password means a server without authentication."""
    if not settings.neo4j_password:
        return None
    return (settings.neo4j_user, settings.neo4j_password)


def _fetch(tx: ManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Record]:
    return list(tx.run(query, params))


class Connection:
    """One driver for one store URI and database."""

    def __init__(self, driver: Driver, uri: str, database: str | None, readonly: bool) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database
        self.readonly = readonly
        self.gave_up = False
        """True after a unit of work failed for want of a connection (until the server answers)."""

    @classmethod
    def open(cls, settings: Settings, *, readonly: bool) -> Connection:
        """Connect and check that the server answers; raise :class:`StoreUnavailable` if not."""
        uri = settings.store
        try:
            driver = GraphDatabase.driver(
                uri,
                auth=_auth(settings),
                max_transaction_retry_time=DRIVER_RETRY_SECONDS,
                connection_timeout=CONNECT_TIMEOUT_SECONDS,
                user_agent="bo-graph",
                # "property key does not exist" on an empty store is noise, not a problem
                notifications_disabled_classifications=[
                    NotificationDisabledClassification.UNRECOGNIZED
                ],
            )
        except (DriverError, ValueError) as error:
            cause = f"not a usable Neo4j URI ({error})"
            raise StoreUnavailable(uri, cause, UNAVAILABLE_HINT) from None
        connection = cls(driver, uri, settings.neo4j_database or None, readonly)
        try:
            driver.verify_connectivity()
        except (AuthError, DriverError, Neo4jError) as error:
            driver.close()
            raise StoreUnavailable(uri, _describe(error), UNAVAILABLE_HINT) from None
        return connection

    def close(self) -> None:
        self.driver.close()

    # -- units of work -----------------------------------------------------------------------
    def read(self, cypher: LiteralString, /, **params: Any) -> list[Record]:
        """All records of one read query, in one managed read transaction."""
        return self._retrying(lambda session: session.execute_read(_fetch, cypher, params))

    def write(self, work: Work[T]) -> T:
        """Run ``work`` in one managed write transaction, retried as a whole: keep it idempotent."""
        if self.readonly:
            raise StoreError(f"{self.uri}: the store was opened read-only; writing is not allowed")
        return self._retrying(lambda session: cast(T, session.execute_write(work)))

    def run_schema(self, cypher: LiteralString) -> None:
        """One schema statement in its own auto-commit transaction."""

        def run(session: Any) -> None:
            session.run(cypher).consume()

        self._retrying(run)

    def pages(self, cypher: LiteralString, key: str, /, **params: Any) -> Iterator[Record]:
        """Every record of ``cypher``, fetched ``PAGE_SIZE`` at a time in separate transactions.

        ``cypher`` must return ``key`` and filter ``WHERE <key> >= $after ORDER BY <key> LIMIT
        $limit``; keys are unique, so paging by the last key seen never skips or repeats a row.
        """
        after, first = "", True
        while True:
            limit = PAGE_SIZE if first else PAGE_SIZE + 1  # a later page repeats its `after` row
            records = self.read(cypher, after=after, limit=limit, **params)
            yield from (r for r in records if first or r[key] != after)
            if len(records) < limit:
                return
            after, first = records[-1][key], False

    # -- retries and errors --------------------------------------------------------------------
    def _retrying(self, unit: Callable[[Any], T]) -> T:
        self._check_after_giving_up()
        mode = READ_ACCESS if self.readonly else WRITE_ACCESS
        pause = BACKOFF_SECONDS
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.driver.session(database=self.database, default_access_mode=mode) as s:
                    return unit(s)
            except (ServiceUnavailable, SessionExpired) as error:
                if attempt == ATTEMPTS:
                    self.gave_up = True
                    cause = f"{_describe(error)} (gave up after {ATTEMPTS} tries)"
                    raise StoreUnavailable(self.uri, cause, UNAVAILABLE_HINT) from error
                time.sleep(pause)
                pause *= 2
            except (Neo4jError, DriverError) as error:
                raise StoreError(f"{self.uri}: {_describe(error)}") from error
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _check_after_giving_up(self) -> None:
        """Once the retries ran out, try one connection before the next unit of work: while the
        server is still away, work queued behind the failed one fails at once instead of waiting
        out its own retries; once it is back, work goes on as usual."""
        if not self.gave_up:
            return
        try:
            self.driver.verify_connectivity()
        except (DriverError, Neo4jError) as error:
            cause = f"{_describe(error)} (still unreachable)"
            raise StoreUnavailable(self.uri, cause, UNAVAILABLE_HINT) from error
        self.gave_up = False


def _describe(error: Exception) -> str:
    if isinstance(error, Neo4jError) and error.code:
        return f"{error.code}: {error.message}"
    return str(error) or type(error).__name__
