"""The in-memory index a whole-register scan works from, built in one pass over the store.

One ``store.iter_nodes()`` and one ``store.iter_edges(when)`` (plus ``get_nodes`` in chunks
when ``--known-at`` asks for older node versions) give: the compact facts of every party, the
relationships in effect grouped by subject (for the per-subject upward walk) and by holder, and
the address index. Each node and edge is decoded once; afterwards a subject's chain is walked in
memory, with no query.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from bo_graph.analysis.opacity.facts import PartyFact, effective_edge, effective_on, party_fact
from bo_graph.analysis.opacity.indexes import AddressIndex
from bo_graph.analysis.opacity.view import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    ChainView,
    is_management,
    walk_up,
)
from bo_graph.exc import StoreError
from bo_graph.gc_pause import cyclic_gc_paused
from bo_graph.model.graph import Edge, Node, When
from bo_graph.store.base import GraphStore

Progress = Callable[[str, int, int], None]
CHUNK = 5000
SEND_CHUNK = 10_000


@dataclass
class Snapshot:
    when: When
    parties: dict[str, PartyFact] = field(default_factory=dict)
    into: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    subjects: list[str] = field(default_factory=list)
    """Every entity, in the store's order: the subjects of the scan."""
    outof: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    """Relationships in effect by interested party (its holdings)."""
    addresses: AddressIndex = field(default_factory=AddressIndex)
    officers: set[str] = field(default_factory=set)
    """Ids of the relationships that only make an officer (see ``view.is_management``)."""

    def view(
        self,
        subject: str,
        *,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_nodes: int = DEFAULT_MAX_NODES,
    ) -> ChainView:
        parties = self.parties
        return walk_up(
            subject,
            self.when,
            lambda ids: {i: parties[i] for i in ids if i in parties},
            lambda node: self.into.get(node, ()),
            max_depth=max_depth,
            max_nodes=max_nodes,
            management=lambda edge: edge.id in self.officers,
        )


def build_snapshot(
    store: GraphStore,
    when: When,
    progress: Progress | None = None,
    reopen: Callable[[], GraphStore] | None = None,
) -> Snapshot:
    """Read the store once. With ``reopen`` the parties are read by a forked process (its
    own store connection) while this one reads the relationships: the two halves of the
    decoding run on two cores."""
    snapshot = Snapshot(when)
    counts = store.counts(breakdown=False)  # totals for the progress bar only
    with cyclic_gc_paused():
        reader = _PartyReader(reopen, when) if reopen is not None else None
        if reader is None:
            _add_parties(snapshot, _facts(store, when), progress, counts.nodes)
        _read_edges(store, when, snapshot, progress, counts.edges)
        if reader is not None:
            _add_parties(snapshot, reader.facts(), progress, counts.nodes)
    return snapshot


def _add_parties(
    snapshot: Snapshot, facts: Iterable[PartyFact], progress: Progress | None, total: int
) -> None:
    for done, fact in enumerate(facts, start=1):
        _add_party(snapshot, fact)
        if progress is not None and done % CHUNK == 0:
            progress("reading parties", done, total)


def _add_party(snapshot: Snapshot, fact: PartyFact) -> None:
    snapshot.parties[fact.id] = fact
    if fact.is_entity:
        snapshot.subjects.append(fact.id)
        snapshot.addresses.add(fact)


def _read_edges(
    store: GraphStore, when: When, snapshot: Snapshot, progress: Progress | None, total: int
) -> None:
    on = effective_on(when)
    for done, edge in enumerate(store.iter_edges(when), start=1):
        if progress is not None and done % CHUNK == 0:
            progress("reading relationships", done, total)
        if edge.closed:
            continue
        slim = effective_edge(edge, on)
        if is_management(slim):
            snapshot.officers.add(slim.id)
        snapshot.into[edge.subject].append(slim)
        snapshot.outof[edge.interested_party].append(slim)
    for groups in (snapshot.into, snapshot.outof):
        for edges in groups.values():
            edges.sort(key=lambda e: e.id)


def _facts(store: GraphStore, when: When) -> Iterator[PartyFact]:
    return (party_fact(node) for node in _nodes(store, when))


class _PartyReader:
    """A forked process that reads the parties and sends their facts back in chunks; a thread
    here receives them while the main thread reads the relationships."""

    def __init__(self, reopen: Callable[[], GraphStore], when: When) -> None:
        context = multiprocessing.get_context("fork")
        self.queue: multiprocessing.Queue[list[PartyFact] | str | None] = context.Queue(64)
        self.process = context.Process(target=_send_facts, args=(reopen, when, self.queue))
        self.process.start()
        self.received: list[list[PartyFact] | str | None] = []
        self.thread = threading.Thread(target=self._receive, daemon=True)
        self.thread.start()

    def _receive(self) -> None:
        while True:
            item = self.queue.get()
            self.received.append(item)
            if item is None or isinstance(item, str):
                return

    def facts(self) -> Iterator[PartyFact]:
        self.thread.join()
        self.process.join()
        for item in self.received:
            if isinstance(item, str):
                raise StoreError(f"reading the parties failed: {item}")
            if item is not None:
                yield from item


def _send_facts(
    reopen: Callable[[], GraphStore],
    when: When,
    queue: multiprocessing.Queue[list[PartyFact] | str | None],
) -> None:
    gc.disable()  # this process only reads and sends, then ends
    try:
        store = reopen()
        chunk: list[PartyFact] = []
        for fact in _facts(store, when):
            chunk.append(fact)
            if len(chunk) >= SEND_CHUNK:
                queue.put(chunk)
                chunk = []
        queue.put(chunk)
        queue.put(None)
        store.close()
    except Exception as error:  # reported to the parent, which raises it
        queue.put(f"{type(error).__name__}: {error}")


def _nodes(store: GraphStore, when: When) -> Iterator[Node]:
    """Every node: the version known at ``when.known_at`` when that is set; with ``as_of``
    alone, a node closed after that date as it was on it (``get_nodes``)."""
    if when.known_at is None:
        yield from _open_on_the_date(store, when)
        return
    for chunk in _chunks((n.id for n in store.iter_nodes()), CHUNK):
        found = store.get_nodes(chunk, when)
        yield from (found[i] for i in chunk if i in found)


def _open_on_the_date(store: GraphStore, when: When) -> Iterator[Node]:
    """Every current node; with ``when.as_of``, each closed one as ``get_nodes`` reads it on
    that date (closed after it: open then), read in chunks."""
    closed: list[Node] = []
    for node in store.iter_nodes():
        if not node.closed or when.as_of is None:
            yield node
            continue
        closed.append(node)
        if len(closed) >= CHUNK:
            yield from _as_of(store, closed, when)
            closed = []
    yield from _as_of(store, closed, when)


def _as_of(store: GraphStore, nodes: list[Node], when: When) -> Iterator[Node]:
    found = store.get_nodes([n.id for n in nodes], when) if nodes else {}
    yield from (found.get(n.id, n) for n in nodes)


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
