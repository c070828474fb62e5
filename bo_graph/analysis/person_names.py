"""How a person's name is read to compare it with another's: its words without the titles and
post-nominal letters around it (:func:`name_words`), its given and family names
(:func:`name_parts`: as filed, "SURNAME, Given", else the last word as the family name, with
its particles: "van der Berg") and whether two persons' names agree through initials
(:func:`initials_agreement`: "J. R. Smith" and "John Robert Smith", "J. v.d. Berg" and "Jan van
der Berg")."""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.model.records import Name
from bo_graph.store.serial import fold, words

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
    | {"rev", "revd", "hon", "rt", "the", "mister", "madam", "baron", "baroness", "viscount"}
    | {"viscountess", "earl", "countess", "marquess", "duke", "duchess", "sheikh", "sheikha"}
    | {"herr", "frau"}
)
"""Titles a name may start with, dropped before comparing ("The Rt Hon Baroness Ann Example",
"Herr Dr. Hermann Example")."""
POST_NOMINALS = frozenset(
    {"obe", "mbe", "cbe", "kbe", "dbe", "kc", "qc", "mp", "mep", "jp", "frs", "esq", "phd"}
)
"""Letters a name may end with, dropped too ("Ann Example OBE"); "Jr" and "Sr" stay: they tell
a father and a son apart."""
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Words after a family name that go with it ("John Example Jr"): "J. Example" is not "John
Example Jr"'s initials."""
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du"}
    | {"des", "la", "le", "ten", "ter", "zu", "al", "el", "bin", "ibn"}
)
"""Words before a family name that belong to it ("Jan van der Berg", "Maria de la Cruz", "Lara
Al Daftari"): "J. Berg" is not "Jan van der Berg"'s initials."""
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "herr", "frau"})
"""Titles a register writes after a comma ("PAPAGEORGE, MICHAEL, MR.", "BROUGH, CHARLES (MR.)"):
no given name."""
_NO_GIVEN_NAME = GENERATIONS | POST_NOMINALS | COURTESY
_AFTER_GIVEN_NAMES = _NO_GIVEN_NAME | PARTICLES


def name_words(text: str) -> list[str]:
    """The words of a name without the titles it starts with ("Mr", "Dr Sir") and the
    post-nominal letters it ends with ("OBE"): such a word inside a name is a name ("Ann
    Lord")."""
    found = words(fold(text))
    start, end = _kept(found)
    return found[start:end]


def _kept(found: list[str]) -> tuple[int, int]:
    start, end = 0, len(found)
    while start < end - 1 and found[start] in TITLES:
        start += 1
    while end > start + 1 and found[end - 1] in POST_NOMINALS:
        end -= 1
    return start, end


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
    else around a comma ("EXAMPLE, Ann Mary", "BERG, Jan van der"), else the last word of the
    name as the family name (:func:`_natural`). ``None`` when there are not both."""
    if name.given_name and name.family_name:
        given, family = name_words(name.given_name), name_words(name.family_name)
    else:
        head, _, tail = name.full_name.partition(",")
        after = words(fold(tail))
        if any(w not in _NO_GIVEN_NAME for w in after):  # "EXAMPLE, Ann", not "Ann Example, Jr"
            given, family = _surname_first(head, tail)
        else:
            given, family = _natural(head)
            family += [w for w in after if w in GENERATIONS]
    return NameParts(tuple(given), tuple(family)) if given and family else None


def _natural(text: str) -> tuple[list[str], list[str]]:
    """A name in its natural order: the family name is its last word, hyphenated or with an
    apostrophe as written ("Smith-Jones", "O'Brien"), with the particles before it ("van der")
    and a "Jr", "Sr" or "III" after it."""
    tokens = [found for token in fold(text).split() if (found := words(token))]
    flat = [w for token in tokens for w in token]
    token_of = [i for i, token in enumerate(tokens) for _ in token]  # each word's token
    first = [sum(map(len, tokens[:i])) for i in range(len(tokens))]  # each token's first word
    start, end = _kept(flat)
    last = end - (2 if end - start > 2 and flat[end - 1] in GENERATIONS else 1)
    cut = max(first[token_of[last]], start) if flat else 0
    while cut - 1 > start and flat[cut - 1] in PARTICLES:
        cut -= 1
    return flat[start:cut], flat[cut:end]


def _surname_first(head: str, tail: str) -> tuple[list[str], list[str]]:
    """ "SMITH, John Jr", "BERG, Jan van der", "BROUGH, CHARLES (MR.)": the given names after the
    comma, less a title at their end; a "Jr" there and the particles there go with the family
    name."""
    given, before, after = name_words(tail), list[str](), list[str]()
    while len(given) > 1 and given[-1] in _AFTER_GIVEN_NAMES:
        word = given.pop()
        if word in GENERATIONS:
            after.insert(0, word)
        elif word in PARTICLES:
            before.insert(0, word)
    return given, [*before, *name_words(head), *after]


def is_initial(word: str) -> bool:
    """A letter alone, of a script with capitals ("j", "ж"): a Chinese character alone ("李")
    is a name, not an initial."""
    return len(word) == 1 and word.isalpha() and word.upper() != word


def initials_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether given names ``a`` and ``b`` agree through initials: at each place both give, the
    same name or an initial and a name it starts with ("J" and "John"), with an initial at one
    place at least; the names one gives beyond the other (a middle name) are left aside. "J R" and
    "J" agree with "John Robert", "John R" too; "K" does not agree with "John", "J K" not with
    "John Robert", and "John" with "John Robert" is no agreement through initials."""
    places = list(zip(a, b, strict=False))
    if not places or not any(is_initial(x) or is_initial(y) for x, y in places):
        return False
    return _agree(places)


def initials_agreement(a: NameParts, b: NameParts) -> str | None:
    """How two names agree through initials, or ``None``: ``""`` for the same family name and
    given names that agree (:func:`initials_agree`); the same when one writes the first words
    of the other's family name after its given names, in full ("J. Smith Jones" and "John
    Smith-Jones") or, for particles, as initials (``" (its particles as initials)"``: "J. v.d.
    Berg" and "Jan van der Berg", "Nguyen V. An" and "Nguyen Van An")."""
    if a.family == b.family:
        return "" if initials_agree(a.given, b.given) else None
    found = _split(a, b)
    return found if found is not None else _split(b, a)


def _split(full: NameParts, short: NameParts) -> str | None:
    extra = len(full.family) - len(short.family)
    if extra < 1 or full.family[extra:] != short.family or len(short.given) <= extra:
        return None
    written = list(zip(full.family[:extra], short.given[-extra:], strict=True))
    if not all(w == p or (p in PARTICLES and _stands_for(w, p)) for p, w in written):
        return None
    rest = short.given[:-extra]
    if all(w == p for p, w in written):
        return "" if initials_agree(full.given, rest) else None
    agree = _agree(list(zip(full.given, rest, strict=False)))
    return " (its particles as initials)" if agree else None


def _agree(places: list[tuple[str, str]]) -> bool:
    return bool(places) and all(x == y or _stands_for(x, y) or _stands_for(y, x) for x, y in places)


def _stands_for(initial: str, word: str) -> bool:
    return is_initial(initial) and not is_initial(word) and word.startswith(initial)


def shown(given: tuple[str, ...]) -> str:
    """Given names as the explanation shows them: "A. M.", "Ann Mary" (folded, so unaccented)."""
    return " ".join(f"{w.upper()}." if is_initial(w) else w.capitalize() for w in given)
