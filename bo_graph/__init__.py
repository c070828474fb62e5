"""bo-graph: beneficial-ownership graph exploration.

The public Python API: what the command line answers, as typed results (each with the
``to_json()`` that ``--json`` prints; docs/json.md, docs/ownership.md, docs/flags.md)::

    from bo_graph import (
        NotFound, PathMode, UboPolicy, Verdict, When, find_paths, flags_report,
        holdings_report, load_settings, open_store, person_matches, shared_report, ubo_report,
    )

    store = open_store(load_settings(store="case.sqlite"), readonly=True)
    node = store.resolve_ref("GB-COH:09471253")  # id, SCHEME:ID, record id or exact name
    hits = store.search("ashdown malcolm", limit=5)  # bo-graph search
    bvi = store.search("holdings", kind="entity", jurisdiction="VG")  # --kind --jurisdiction
    report = ubo_report(  # bo-graph ubo REF --as-of 2022-06-30 --threshold 25
        store, node.id, when=When(as_of="2022-06-30"), policy=UboPolicy(threshold=25)
    )
    owners = [o.party.name for o in report.owners if o.beneficial_owner is Verdict.YES]
    paths = find_paths(store, hits[0].id, node.id, mode=PathMode.ALL)  # bo-graph paths
    held = holdings_report(store, hits[0].id)  # bo-graph holdings
    flags = flags_report(store, node.id)  # bo-graph flags
    common = shared_report(  # bo-graph shared A B: owners of both, what both hold
        store, "ent-calder-bridge", "ent-sable-reach", policy=UboPolicy(threshold=25)
    )
    in_both = [o.party.name for o in common.owners]  # o.in_a, o.in_b: as ubo of A, of B
    leads = person_matches(store, hits[0].id)  # bo-graph matches REF: namesakes, never merged
    owners_of, holdings_of = store.owners_of(node.id), store.holdings_of(node.id)  # show
    try:
        store.resolve_ref("nobody")
    except NotFound as error:  # AmbiguousRef lists the candidates; both exit 2 in the CLI
        print(error)
    store.close()
"""

from bo_graph.analysis import (
    HoldingsReport,
    MatchReport,
    PathFilter,
    PathMode,
    PathsReport,
    SharedReport,
    ThresholdRule,
    UboPolicy,
    UboReport,
    Verdict,
    find_paths,
    holdings_report,
    person_matches,
    shared_report,
    store_matches,
    ubo_report,
)
from bo_graph.analysis.method import Method
from bo_graph.analysis.opacity import FlagReport, flags_report
from bo_graph.exc import AmbiguousRef, BoGraphError, ConfigError, NotFound, StoreError
from bo_graph.model.graph import Edge, Node, Subgraph, When
from bo_graph.settings import Settings, load_settings
from bo_graph.store import Direction, GraphStore, open_store

__all__ = [
    "AmbiguousRef",
    "BoGraphError",
    "ConfigError",
    "Direction",
    "Edge",
    "FlagReport",
    "GraphStore",
    "HoldingsReport",
    "MatchReport",
    "Method",
    "Node",
    "NotFound",
    "PathFilter",
    "PathMode",
    "PathsReport",
    "Settings",
    "SharedReport",
    "StoreError",
    "Subgraph",
    "ThresholdRule",
    "UboPolicy",
    "UboReport",
    "Verdict",
    "When",
    "find_paths",
    "flags_report",
    "holdings_report",
    "load_settings",
    "open_store",
    "person_matches",
    "shared_report",
    "store_matches",
    "ubo_report",
]
