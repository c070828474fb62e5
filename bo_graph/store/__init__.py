"""Store backends behind one contract; :func:`open_store` is the only place one is chosen."""

from __future__ import annotations

from bo_graph.settings import Settings
from bo_graph.store.base import Direction, GraphStore


def open_store(settings: Settings, *, readonly: bool = False) -> GraphStore:
    """The store named by ``settings.store``: a Neo4j URI or an embedded store file, read
    without personal data when ``settings.public_tier`` (:mod:`bo_graph.store.public`)."""
    store = _open_backend(settings, readonly=readonly)
    if settings.public_tier:
        from bo_graph.store.public import PublicTier

        return PublicTier(store)
    return store


def _open_backend(settings: Settings, *, readonly: bool) -> GraphStore:
    if settings.store_is_neo4j:
        from bo_graph.store.neo4j_store import Neo4jStore

        return Neo4jStore.connect(settings, readonly=readonly)
    from bo_graph.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.store, readonly=readonly)


__all__ = ["Direction", "GraphStore", "open_store"]
