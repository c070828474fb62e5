"""The bearer as a name: a register or a leak that lists "THE BEARER" or "EL PORTADOR" as a
shareholder means bearer shares, owned by whoever holds the certificates, not a person of that
name. The ICIJ loader files such a holder as an unknown person
(:mod:`loaders.icij_nodes`) and OPQ-BEARER-SHARES flags the company
(:mod:`bo_graph.analysis.opacity.rules_vehicles`)."""

from __future__ import annotations

import re
import unicodedata

BEARER_NAMES = frozenset(
    {
        "bearer",
        "the bearer",
        "bearers",
        "the bearers",
        "bearer shareholder",
        "bearer shareholders",
        "el portador",
        "al portador",
        "portador",
        "los portadores",
        "ao portador",
        "o portador",
        "au porteur",
        "le porteur",
        "porteur",
        "al portatore",
        "portatore",
        "aan toonder",
        "toonder",
    }
)
"""Whole names (case, accents and punctuation aside) that stand for the bearer, in English,
Spanish, Portuguese, French, Italian and Dutch; German "Inhaber" also means "owner" and is
left out."""


def is_bearer_name(name: str) -> bool:
    """``name`` is the bearer's (:data:`BEARER_NAMES`), not an ordinary name containing the
    word ("Bearer Holdings Ltd", "John Bearer")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", bare)) in BEARER_NAMES
