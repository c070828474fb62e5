"""Opacity red flags: where the ownership trail goes dark, and why (docs/flags.md).

Pure: reads the abstract store contract only. Entry points:

* :func:`flags_report` -> :class:`FlagReport` (one subject; ``bo-graph flags``);
* :func:`opacity_json` (the ``"opacity"`` block for ``ubo --json``);
* :func:`scan_store` (every entity, streamed; ``bo-graph scan``);
* :data:`RULES`, :func:`configure` (``bo-graph rules``), :func:`load_lists`
  (``bo-graph lists``).
"""

from bo_graph.analysis.opacity.evaluate import (
    FLAGS_SCHEMA,
    FlagReport,
    flags_report,
    opacity_json,
)
from bo_graph.analysis.opacity.flags import Evidence, Flag, ListUse, Severity, Target
from bo_graph.analysis.opacity.jurisdictions import ListSet, load_lists, shipped_folder
from bo_graph.analysis.opacity.registry import NOT_IMPLEMENTED, RULES, rule, rule_json
from bo_graph.analysis.opacity.scan import SCAN_SCHEMA, ScanSettings, scan_store
from bo_graph.analysis.opacity.spec import Config, ParamSpec, RuleSpec, configure
from bo_graph.analysis.opacity.summary import OpacitySummary

__all__ = [
    "FLAGS_SCHEMA",
    "NOT_IMPLEMENTED",
    "RULES",
    "SCAN_SCHEMA",
    "Config",
    "Evidence",
    "Flag",
    "FlagReport",
    "ListSet",
    "ListUse",
    "OpacitySummary",
    "ParamSpec",
    "RuleSpec",
    "ScanSettings",
    "Severity",
    "Target",
    "configure",
    "flags_report",
    "load_lists",
    "opacity_json",
    "rule",
    "rule_json",
    "scan_store",
    "shipped_folder",
]
