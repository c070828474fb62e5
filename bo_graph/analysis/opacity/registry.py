"""Every opacity rule: code, title, what it computes, parameters, weight and sources.

Codes are ``OPQ-<AREA>-<NAME>`` (or ``OPQ-<NAME>``) and never change meaning; a rule that is
redefined gets a new code. Sources are cited as in the research catalogue
(``shared/docs/opacity-indicators.md``; [V] verified, [S] structure verified, [K] from
knowledge of the document).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bo_graph.analysis.opacity import specs_a, specs_b
from bo_graph.analysis.opacity.spec import RuleSpec, Scope, Value

RULES: tuple[RuleSpec, ...] = specs_a.RULES + specs_b.RULES

NOT_IMPLEMENTED = {
    30: "proximity to known-bad entities: needs leak, enforcement or typology datasets",
    37: "unverified identity: identity-verification status is not loaded",
    40: "sanctioned party: needs a sanctions list (see `bo_graph.analysis.sanctions_exposure`)",
    41: "disqualified person: the disqualified-directors register is not loaded",
}
"""Catalogue items that cannot be computed from the data bo-graph loads, and why."""


def rule(code: str) -> RuleSpec:
    for item in RULES:
        if item.code == code:
            return item
    raise KeyError(code)


def rule_json(rule: RuleSpec, values: Mapping[str, Value] | None = None) -> dict[str, Any]:
    """A rule's metadata as JSON; ``values`` are the configured parameters (default: the
    defaults)."""
    current = values or rule.defaults()
    return {
        "code": rule.code,
        "title": rule.title,
        "description": rule.description,
        "catalogue_items": list(rule.indicators),
        "sources": rule.sources,
        "scope": rule.scope.value,
        "applies_to": rule.where.value if rule.scope is Scope.NODE else rule.scope.value,
        "weight": rule.weight,
        "lawful": rule.lawful,
        "lists": list(rule.lists),
        "parameters": [
            {"name": p.name, "default": p.default, "value": current[p.name], "help": p.help}
            for p in rule.all_params
        ],
    }
