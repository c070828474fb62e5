"""The ownership engine: effective ownership, control, UBO determination, paths, holdings.

Pure: it reads subgraphs (or the abstract :class:`~bo_graph.store.base.GraphStore`) and never
imports a concrete store, neo4j, streamlit or pyvis. Methods, choices and the JSON schemas of
the results are documented in ``docs/ownership.md``.

Entry points for the CLI and the app:

* :func:`ubo_report` / :func:`determine_ubos` -> :class:`UboReport`
* :func:`find_paths` -> :class:`PathsReport`
* :func:`holdings_report` / :func:`compute_holdings` -> :class:`HoldingsReport`
* :func:`sanctions_exposure` / :func:`sanctions_in` -> :class:`SanctionsReport`
* :func:`shared_report` -> :class:`SharedReport`
* :func:`person_matches` / :func:`store_matches` -> :class:`MatchReport`
"""

from bo_graph.analysis.control import ControlGraph, ofac_fifty_percent
from bo_graph.analysis.effective import evaluate_holdings, evaluate_ownership
from bo_graph.analysis.grounds import UboPolicy
from bo_graph.analysis.holdings import (
    HoldingsReport,
    SanctionsReport,
    compute_holdings,
    holdings_report,
    sanctions_exposure,
    sanctions_in,
)
from bo_graph.analysis.interval import Interval, ThresholdRule, Verdict
from bo_graph.analysis.matches import MatchReport, person_matches, store_matches
from bo_graph.analysis.network import OwnershipNetwork, build_network
from bo_graph.analysis.paths import (
    DEFAULT_MAX_HOPS,
    PathFilter,
    PathMode,
    PathsReport,
    find_paths,
)
from bo_graph.analysis.results import OwnerResult, Rule, UboReport
from bo_graph.analysis.shared import SharedReport, shared_report
from bo_graph.analysis.ubo import determine_ubos, ubo_report

__all__ = [
    "DEFAULT_MAX_HOPS",
    "ControlGraph",
    "HoldingsReport",
    "Interval",
    "MatchReport",
    "OwnerResult",
    "OwnershipNetwork",
    "PathFilter",
    "PathMode",
    "PathsReport",
    "Rule",
    "SanctionsReport",
    "SharedReport",
    "ThresholdRule",
    "UboPolicy",
    "UboReport",
    "Verdict",
    "build_network",
    "compute_holdings",
    "determine_ubos",
    "evaluate_holdings",
    "evaluate_ownership",
    "find_paths",
    "holdings_report",
    "ofac_fifty_percent",
    "person_matches",
    "sanctions_exposure",
    "sanctions_in",
    "shared_report",
    "store_matches",
    "ubo_report",
]
