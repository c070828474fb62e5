"""How a person's name is read to compare it with another's: its words without the titles and
post-nominal letters around it (:func:`name_words`)."""

from __future__ import annotations

from bo_graph.store.serial import fold, words

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
    | {"rev", "revd", "hon", "rt", "the", "mister", "madam", "baron", "baroness", "viscount"}
    | {"viscountess", "earl", "countess", "marquess", "duke", "duchess", "sheikh", "sheikha"}
)
"""Titles a name may start with, dropped before comparing ("The Rt Hon Baroness Ann Example")."""
POST_NOMINALS = frozenset(
    {"obe", "mbe", "cbe", "kbe", "dbe", "kc", "qc", "mp", "mep", "jp", "frs", "esq", "phd"}
)
"""Letters a name may end with, dropped too ("Ann Example OBE"); "Jr" and "Sr" stay: they tell
a father and a son apart."""


def name_words(text: str) -> list[str]:
    """The words of a name without the titles it starts with ("Mr", "Dr Sir") and the
    post-nominal letters it ends with ("OBE"): such a word inside a name is a name ("Ann
    Lord")."""
    found = words(fold(text))
    start, end = 0, len(found)
    while start < end - 1 and found[start] in TITLES:
        start += 1
    while end > start + 1 and found[end - 1] in POST_NOMINALS:
        end -= 1
    return found[start:end]
