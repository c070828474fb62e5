"""How a person's name is read to compare it with another's: its words without the titles and
post-nominal letters around it (:func:`name_words`), its given and family names
(:func:`name_parts`: as filed, "SURNAME, Given", else the last word as the family name) and
whether two persons' given names agree through initials (:func:`initials_agree`: "J. R." and
"John Robert")."""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.model.records import Name
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
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Words after a family name that go with it ("John Example Jr"): "J. Example" is not "John
Example Jr"'s initials."""


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


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name's given names and family name, each as its words (folded, titles aside)."""

    given: tuple[str, ...]
    family: tuple[str, ...]

    @property
    def abbreviated(self) -> bool:
        """Whether a given name is an initial ("J. Example", "John R. Example")."""
        return any(map(is_initial, self.given))


def name_parts(name: Name) -> NameParts | None:
    """The given and family names: as the register files them (``givenName``, ``familyName``),
    else around a comma ("EXAMPLE, Ann Mary"), else the last word of the name as the family name
    ("Jr", "Sr", "III" after it going with it). ``None`` when there are not both."""
    if name.given_name and name.family_name:
        given, family = name_words(name.given_name), name_words(name.family_name)
    else:
        head, comma, tail = name.full_name.partition(",")
        after = name_words(tail) if comma else []
        if any(w not in GENERATIONS and w not in POST_NOMINALS for w in after):
            given, family = after, name_words(head)  # "EXAMPLE, Ann", not "Ann Example, Jr"
        else:
            found = name_words(name.full_name)
            cut = len(found) - (2 if len(found) > 2 and found[-1] in GENERATIONS else 1)
            given, family = found[:cut], found[cut:]
    return NameParts(tuple(given), tuple(family)) if given and family else None


def is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def initials_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether given names ``a`` and ``b`` agree through initials: at each place both give, the
    same name or an initial and a name it starts with ("J" and "John"), with an initial at one
    place at least; the names one gives beyond the other (a middle name) are left aside. "J R" and
    "J" agree with "John Robert", "John R" too; "K" does not agree with "John", "J K" not with
    "John Robert", and "John" with "John Robert" is no agreement through initials."""
    places = list(zip(a, b, strict=False))
    if not places or not any(is_initial(x) or is_initial(y) for x, y in places):
        return False
    return all(x == y or _stands_for(x, y) or _stands_for(y, x) for x, y in places)


def _stands_for(initial: str, word: str) -> bool:
    return is_initial(initial) and not is_initial(word) and word.startswith(initial)


def shown(given: tuple[str, ...]) -> str:
    """Given names as the explanation shows them: "A. M.", "Ann Mary" (folded, so unaccented)."""
    return " ".join(f"{w.upper()}." if is_initial(w) else w.capitalize() for w in given)
