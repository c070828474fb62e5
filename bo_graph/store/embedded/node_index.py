"""What a node is found by, the same for both embedded writers (and mirrored by the compiled
one in ``native/``): its display name, folded name, name-search text and search row id."""

from __future__ import annotations

import hashlib

from bo_graph.model.records import Unspecified
from bo_graph.store.serial import fold


def search_fields(names: list[str]) -> tuple[str, str, str]:
    """A node's display name, its folded form, and its name-search text (all names folded)."""
    name = names[0] if names else ""
    return name, fold(name), " | ".join(map(fold, names))


def unspecified_names(unspecified: Unspecified) -> list[str]:
    return [unspecified.description or unspecified.reason.value]


def search_rowid(node_id: str) -> int:
    """The full-text rows of a node are keyed by a stable 63-bit hash of its id."""
    return int.from_bytes(hashlib.blake2b(node_id.encode(), digest_size=8).digest(), "big") >> 1
