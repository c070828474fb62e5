"""Which ``SCHEME:ID`` keys can identify a party: not a placeholder a register writes for an
unknown value ("N/A", "0", "UNKNOWN"). The store joins entities by such keys
(:mod:`bo_graph.store.identity`) and the person matching compares them
(:mod:`bo_graph.analysis.matches`)."""

from __future__ import annotations

PLACEHOLDER_IDS = frozenset(
    {"0", "-", "NA", "N/A", "NONE", "NULL", "UNKNOWN", "NOTAPPLICABLE", "NOT APPLICABLE", "TBC"}
)


def is_identity_key(key: str) -> bool:
    """A ``SCHEME:ID`` key that can identify a party (not a placeholder)."""
    scheme, _, value = key.partition(":")
    return bool(scheme) and any(c.isalnum() for c in value) and value not in PLACEHOLDER_IDS
