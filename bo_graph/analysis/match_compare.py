"""What two persons have in common and how much it weighs: the keys they are compared by
(:func:`name_keys`, and :func:`initials_keys` for a whole-store run) and the grade of a pair
(:func:`compare`), by the rules :mod:`bo_graph.analysis.matches` describes."""

from __future__ import annotations

from bo_graph.analysis.person_names import (
    NameParts,
    initials_agreement,
    is_initial,
    name_parts,
    name_words,
    shown,
)
from bo_graph.model.codes import PersonType
from bo_graph.model.identity_keys import is_identity_key
from bo_graph.model.records import Identifier, PersonDetails
from bo_graph.store.serial import fold

GRADES = ("strong", "probable", "possible")


def name_keys(details: PersonDetails) -> set[tuple[str, ...]]:
    """The keys a person is compared by: each name's words sorted (``("n", ...)``), its given
    and family names (``("p", first given name, family name)``) and its identifiers. An unknown
    or anonymous person has none: it is nobody in particular."""
    keys: set[tuple[str, ...]] = set()
    if details.person_type is not PersonType.KNOWN:
        return keys
    for name in details.names:
        found = name_words(name.full_name)
        if len(found) >= 2:
            keys.add(("n", *sorted(found)))
        if name.family_name and name.given_name:
            given = name_words(name.given_name)
            if given:
                keys.add(("p", given[0], *name_words(name.family_name)))
    keys.update(("i", _identifier_key(i)) for i in identifiers(details))
    return keys


def initials_keys(details: PersonDetails) -> set[tuple[str, ...]]:
    """The keys a whole-store run finds pairs through initials by: each name's first initial,
    family name (and its last word, "berg" of "van der berg" and "jones" of "smith jones", for
    "J. v.d. Berg" and "J. Smith Jones") and the month of birth (``("f", "j", "smith",
    "1961-04")``). Such a pair needs the year and month of birth on both, so a person without
    them has none, and a lone initial with a common family name is compared with the persons
    born that month only."""
    return initials_blocks(details)[0]


def initials_blocks(details: PersonDetails) -> tuple[set[tuple[str, ...]], bool]:
    """:func:`initials_keys`, and whether a given name is an initial (names read once)."""
    born = details.birth_date or ""
    if details.person_type is not PersonType.KNOWN or len(born) < 7:
        return set(), False
    parts = _parts(details)
    families = ((p, f) for p in parts for f in {p.family, p.family[-1:]})
    keys = {("f", p.given[0][0], *family, born[:7]) for p, family in families}
    return keys, any(p.abbreviated for p in parts)


def _parts(details: PersonDetails) -> list[NameParts]:
    return [p for name in details.names if (p := name_parts(name)) is not None]


def _initials(a: PersonDetails, b: PersonDetails) -> str:
    """What agrees when the two names agree through initials, else ``""``."""
    if PersonType.KNOWN is not a.person_type or PersonType.KNOWN is not b.person_type:
        return ""
    for pa in _parts(a):
        for pb in _parts(b):
            particles = initials_agreement(pa, pb)
            if particles is not None:
                return (
                    f"same family name{particles}, given names as initials "
                    f"({shown(pa.given)} / {shown(pb.given)})"
                )
    return ""


def identifiers(details: PersonDetails) -> list[Identifier]:
    """The identifiers with a scheme, less placeholders ("N/A", "0": a field left unknown)."""
    return [i for i in details.identifiers if i.scheme and is_identity_key(_identifier_key(i))]


def _identifier_key(identifier: Identifier) -> str:
    return f"{identifier.scheme}:{identifier.id}".upper().replace(" ", "")


def compare(a: PersonDetails, b: PersonDetails) -> tuple[str, list[str], list[str]] | None:
    """``(grade, agrees, differs)`` for two persons, or ``None`` when they are not a lead."""
    shared = name_keys(a) & name_keys(b)
    same_names = [k for k in shared if k[0] == "n"]
    same_name = bool(same_names)
    initials = "" if same_name else _initials(a, b)
    if not shared and not initials:
        return None
    agrees: list[str] = []
    differs: list[str] = []
    same_id = [k[1] for k in shared if k[0] == "i"]
    if same_id:
        agrees.append("identifier " + ", ".join(sorted(same_id)))
    initials_only = same_name and all(_initials_only(k) for k in same_names)
    if same_name:
        agrees.append("same name (initials and family name only)" if initials_only else "same name")
    elif initials:
        agrees.append(initials)
    elif any(k[0] == "p" for k in shared):
        agrees.append("same given and family names (middle names differ)")
    born = _birth(a.birth_date, b.birth_date)
    if born == "differs":
        return None
    (agrees if born.startswith("born") else differs).append(born)
    nationality = _nationality(a, b)
    if nationality:
        (agrees if nationality.endswith("(both)") else differs).append(nationality)
    grade = _grade(bool(same_id), same_name, born)
    if grade is not None and initials_only and not same_id:
        grade = _lower(grade)  # "J. Smith" fits many: as initials against a full name
    if grade is not None and nationality.startswith("nationalities differ"):
        grade = _lower(grade)
    return (grade, agrees, differs) if grade else None


def _initials_only(key: tuple[str, ...]) -> bool:
    """A name key whose words are initials but one (``("j", "r", "smith")``): the same name
    then says no more than initials agreeing with a full name do."""
    return sum(not is_initial(word) for word in key[1:]) <= 1


def _birth(a: str | None, b: str | None) -> str:
    if not a or not b:
        return "birth date not on both records"
    size = min(len(a), len(b))
    if a[:size] != b[:size]:
        return "differs"
    return f"born {a[:size]} (both)"


def _grade(same_id: bool, same_name: bool, born: str) -> str | None:
    precision = len(born.split()[1]) if born.startswith("born") else 0
    if same_id or (same_name and precision == 10):
        return "strong"
    if same_name and precision >= 7:
        return "probable"
    if same_name:  # no birth date to compare, or only the year
        return "possible"
    return "possible" if precision >= 7 else None  # given names (middle names, initials)


def _lower(grade: str) -> str | None:
    at = GRADES.index(grade)
    return GRADES[at + 1] if at + 1 < len(GRADES) else None


def _nationality(a: PersonDetails, b: PersonDetails) -> str:
    """Compared by ISO code (any case); a nationality filed by name alone (``{"name": "United
    Kingdom"}``) can agree with the same name but cannot show that two persons differ."""
    na, nb = _countries(a), _countries(b)
    if not na or not nb:
        return ""
    both = sorted(na.keys() & nb.keys())
    if both:
        return f"nationality {', '.join(na[k] for k in both)} (both)"
    listed = f"{_listed(na)} / {_listed(nb)}"
    if any(not k.startswith("code:") for k in (*na, *nb)):
        return f"nationality not comparable: {listed} (no country code)"
    return f"nationalities differ: {listed}"


def _countries(person: PersonDetails) -> dict[str, str]:
    """Each nationality by its comparison key (``code:GB``, else the folded name): as shown."""
    out: dict[str, str] = {}
    for j in person.nationalities:
        if j.code:
            out.setdefault(f"code:{j.code.strip().upper()}", j.code.strip().upper())
        elif j.name:
            out.setdefault(f"name:{fold(j.name)}", j.name)
    return out


def _listed(countries: dict[str, str]) -> str:
    return ", ".join(sorted(countries.values()))
