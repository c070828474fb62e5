"""bo-graph: beneficial-ownership graph exploration.

The public Python API::

    from bo_graph import load_settings, open_store
    store = open_store(load_settings(store="case.sqlite"))
    node = store.resolve_ref("GB-COH:01234567")
"""

from bo_graph.exc import BoGraphError
from bo_graph.model.graph import Edge, Node, Subgraph, When
from bo_graph.settings import Settings, load_settings
from bo_graph.store import Direction, GraphStore, open_store

__all__ = [
    "BoGraphError",
    "Direction",
    "Edge",
    "GraphStore",
    "Node",
    "Settings",
    "Subgraph",
    "When",
    "load_settings",
    "open_store",
]
