"""Name search text and Lucene queries for the ``party_search`` full-text index.

Names are indexed pre-tokenised: folded like :func:`bo_graph.store.serial.fold` (no accents,
case folded) and cut into runs of letters and digits, so ``O'Neil`` is indexed as ``o neil`` and
punctuation never reaches Lucene. User text is cut the same way; every token is escaped anyway
before it becomes part of a Lucene query, so no input can change the query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bo_graph.store.serial import fold, words

FULLTEXT_INDEX = "party_search"
MAX_QUERY_TOKENS = 16
"""Tokens of user text used in one query (a pasted paragraph must not become 1000 clauses)."""

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_LUCENE_OPERATORS = {"AND", "OR", "NOT", "TO"}


def tokens(text: str) -> list[str]:
    """Folded runs of letters and digits: ``"Béta-Trading S.A."`` -> ``beta trading s a``."""
    return words(fold(text))


def search_text(names: Iterable[str]) -> str:
    """What the full-text index holds for a party: the tokens of all its names."""
    return " ".join(token for name in names for token in tokens(name))


def escape(term: str) -> str:
    """``term`` as a literal Lucene term: special characters escaped, operators quoted."""
    if term in _LUCENE_OPERATORS:
        return f'"{term}"'
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


def all_words_query(text: str) -> str | None:
    """Every word of ``text``, in any order, as a whole word or a word prefix.

    ``"TRADING béta"`` -> ``+(trading trading*) +(beta beta*)``; None when ``text`` has no word.
    """
    words = tokens(text)[:MAX_QUERY_TOKENS]
    if not words:
        return None
    return " ".join(f"+({escape(w)} {escape(w)}*)" for w in words)


def similar_words_query(text: str) -> str | None:
    """Names sharing the first three letters of a word of ``text`` (as the embedded store's
    candidates do), ranked by Lucene with the whole words as fuzzy terms (edit distance 1-2,
    a transposition counts 1): the candidates rapidfuzz then re-ranks. None without such a word.

    ``"Alpah Holdings"`` -> ``alp* hol* alpah~1 holdings~2``.
    """
    words = [w for w in tokens(text)[:MAX_QUERY_TOKENS] if len(w) >= 3]
    if not words:
        return None
    stems = sorted({escape(w[:3]) + "*" for w in words})
    return " ".join([*stems, *(f"{escape(w)}~{_edits(w)}" for w in words)])


def _edits(word: str) -> int:
    return 1 if len(word) < 6 else 2
