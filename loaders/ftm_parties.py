"""FollowTheMoney parties (``followthemoney`` proxies of ``LegalEntity`` and its descendants)
in the canonical model.

- ``Person`` -> person; ``Company`` -> registered entity; ``PublicBody`` -> state body;
  ``Organization`` and ``LegalEntity`` -> legal entity. Record id ``ftm:<entity id>``; the FtM
  id is also an identifier, next to registration numbers, LEIs (scheme ``XI-LEI``), INN/OGRN.
- A person's ``country`` -> an address of that country alone (:func:`_person_addresses`);
  ``birthCountry`` -> the country of the place of birth. docs/loaders.md has the table.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bo_graph.model.codes import EntityType, PersonType
from bo_graph.model.records import (
    Address,
    Details,
    EntityDetails,
    Identifier,
    Jurisdiction,
    Name,
    PersonDetails,
    PoliticalExposure,
)
from loaders._common import XI_LEI, text
from loaders._countries import country_name, country_named_in
from loaders.ftm_map import first, values

SCHEME_NAME = "FollowTheMoney entity id"
ENTITY_TYPES = {
    "Company": EntityType.REGISTERED,
    "PublicBody": EntityType.STATE_BODY,
    "Organization": EntityType.LEGAL,
    "LegalEntity": EntityType.LEGAL,
}
#: FtM identifier properties -> (BODS scheme of an entity's, scheme name). The scheme name says
#: what the identifier is, with or without a scheme (BODS allows ``schemeName`` alone).
IDENTIFIERS: dict[str, tuple[str | None, str]] = {
    "leiCode": (XI_LEI, "Legal Entity Identifier"),
    "innCode": ("RU-INN", "Russian taxpayer number (INN)"),
    "ogrnCode": ("RU-OGRN", "Russian state registration number (OGRN)"),
    "registrationNumber": (None, "registration number"),
    "taxNumber": (None, "tax number"),
    "vatCode": (None, "VAT number"),
    "swiftBic": (None, "SWIFT/BIC"),
    "idNumber": (None, "ID number"),
    "passportNumber": (None, "passport number"),
    "permId": (None, "Refinitiv PermID"),
    "uniqueEntityId": (None, "SAM.gov Unique Entity ID (UEI)"),
}
PERSON_SCHEMES = {"innCode": "RUS-TAXID"}
"""The schemes of a person's identifiers. BODS 0.4 gives a person's identifier a scheme only as
``<ISO 3166-1 alpha-3>-<PASSPORT|TAXID|IDCARD>``: a person's INN is a Russian taxpayer
number. The org-id codes of the entity schemes (``RU-INN``, ``XI-LEI``, ``RU-OGRN``) are not a
person's, and a passport or tax number does not say its country, so those keep their scheme
name only."""


def party(proxy: Any, caption: str | None = None) -> Details:
    """A person or entity; ``caption`` is the display name the publisher gave the entity
    (OpenSanctions' ``caption``), if any."""
    if proxy.schema.is_a("Person"):
        return person(proxy, caption)
    return entity(proxy, caption)


def _identifiers(proxy: Any, *, person: bool = False) -> tuple[Identifier, ...]:
    out = [Identifier(str(proxy.id), scheme_name=SCHEME_NAME)]
    for prop, (scheme, name) in IDENTIFIERS.items():
        if person:
            scheme = PERSON_SCHEMES.get(prop)
        out += [Identifier(value, scheme, name) for value in values(proxy, prop)]
    return tuple(out)


def _countries(proxy: Any, *props: str) -> tuple[Jurisdiction, ...]:
    seen: list[str] = []
    for prop in props:
        seen += [v for v in values(proxy, prop) if v not in seen]
    return tuple(_country(c) for c in seen)


def _country(value: str) -> Jurisdiction:
    """FtM's country codes are lower-case ISO codes ("ru") or a few longer ones ("suhh", the
    Soviet Union): a code is kept upper-case with its name (BODS 0.4 requires the name)."""
    if len(value) != 2:
        return Jurisdiction(name=country_name(value) or value)
    code = value.upper()
    return Jurisdiction(name=country_name(code) or code, code=code)


def _addresses(proxy: Any) -> tuple[Address, ...]:
    return tuple(Address(address=a) for a in values(proxy, "address"))


def _person_addresses(proxy: Any) -> tuple[Address, ...]:
    """The ``address`` texts, then each ``country`` as an address of that country alone.

    FtM's ``country`` of a person is a country the publisher associates the person with; in
    the reference data it follows the person's addresses (OpenSanctions: ``gb`` beside ``ru``
    for a London flat; the party donations: the donor's address's ``de``). It is not
    a nationality (FtM has ``nationality`` and ``citizenship`` for that) nor a tax residence, so
    it is an untyped address that gives only its country, as BODS 0.4 records a country of
    residence without an address (the UK PSC loader does the same, typed ``residence``; FtM
    does not say residence, so no type is claimed). The public tier shows it, as it shows
    every address's country."""
    return _addresses(proxy) + tuple(Address(country=c) for c in _countries(proxy, "country"))


def _place_of_birth(places: list[str], countries: tuple[Jurisdiction, ...]) -> Address | None:
    """FtM's ``birthPlace`` is free text, sometimes in parts ("Izhevsk, Russia", or "Russia" and
    "Izhevsk"): kept as the address. Its country is the ``birthCountry`` (the one the text
    names, if it names one of several), else the country the text names, if any; a
    ``birthCountry`` without a ``birthPlace`` is a place of birth of that country alone."""
    place = ", ".join(places) or None
    named = country_named_in(place) if place else None
    country = next((c for c in countries if named and c.code == named.code), None)
    country = country or (countries[0] if countries else named)
    if place is None and country is None:
        return None
    return Address(address=place, type="placeOfBirth", country=country)


CONTACT_TYPES = frozenset({"email", "phone"})
"""Property types of the FtM caption that are contact details, not names: a person without a
name is not named by its e-mail address or telephone number."""


def _names(proxy: Any, published: str | None = None) -> list[str]:
    """The ``name`` values, the publisher's caption first when it is one of them (the order of
    the values is no preference: OpenSanctions lists former and foreign-script names first).
    Without any (OpenSanctions deltas have ``name: [""]``), the publisher's caption, else the
    caption the FtM model derives from the other name properties, unless it is only the
    schema's label or a contact detail."""
    names = values(proxy, "name")
    if names and published in names:
        return [str(published), *(n for n in names if n != published)]
    if names:
        return names
    caption = text(published) or text(proxy.caption)
    if not caption or caption == proxy.schema.label or caption in _contact_details(proxy):
        return []
    return [caption]


def _contact_details(proxy: Any) -> set[str]:
    schema = proxy.schema
    return {
        value
        for prop in schema.caption
        if (found := schema.get(prop)) is not None and found.type.name in CONTACT_TYPES
        for value in values(proxy, prop)
    }


def person(proxy: Any, caption: str | None = None) -> PersonDetails:
    names = _with_parts([Name(n, "legal") for n in _names(proxy, caption)], proxy)
    names += [Name(n, "alternative") for n in values(proxy, "alias")]
    names += [Name(n, "former") for n in values(proxy, "previousName")]
    pep = "role.pep" in values(proxy, "topics")
    return PersonDetails(
        PersonType.KNOWN,
        names=tuple(names),
        identifiers=_identifiers(proxy, person=True),
        nationalities=_countries(proxy, "nationality", "citizenship"),
        birth_date=first(proxy, "birthDate"),
        death_date=first(proxy, "deathDate"),
        addresses=_person_addresses(proxy),
        place_of_birth=_place_of_birth(
            values(proxy, "birthPlace"), _countries(proxy, "birthCountry")
        ),
        political_exposure=PoliticalExposure("isPep") if pep else None,
    )


def _with_parts(names: list[Name], proxy: Any) -> list[Name]:
    """Each name with the parts of it the entity lists. FtM keeps a person's name parts beside
    the names, not per name, often in several scripts and spellings: a name gets the longest
    ``firstName`` (and a ``middleName`` not in it) as its given names, a ``lastName`` as its
    family name and a ``fatherName`` as its patronymic when its own words contain them
    (OpenSanctions' Ukrainian "Абашкін Костянтин" does not get the Russian "АБАШКИН")."""
    given, middle, family, father = (
        values(proxy, p) for p in ("firstName", "middleName", "lastName", "fatherName")
    )
    if not (given or family or father):
        return names
    return [_parts_of(n, given, middle, family, father) for n in names]


def _parts_of(
    name: Name, given: list[str], middle: list[str], family: list[str], father: list[str]
) -> Name:
    words = _words(name.full_name)
    first = _within(name.full_name, words, given)
    second = _within(name.full_name, words, middle)
    if first and second and _contains(_words(first), _words(second)):
        second = None
    return dataclasses.replace(
        name,
        given_name=" ".join(g for g in (first, second) if g) or None,
        family_name=_within(name.full_name, words, family),
        patronymic_name=_within(name.full_name, words, father),
    )


def _within(full_name: str, words: list[str], candidates: list[str]) -> str | None:
    """The longest candidate whose words appear together in ``words`` (case aside), one
    written as in ``full_name`` first ("Pachodavová", not "PACHODAVOVÁ")."""
    found = [c for c in candidates if _contains(words, _words(c))]
    return max(found, key=lambda c: (c in full_name, len(c))) if found else None


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return size > 0 and any(words[i : i + size] == part for i in range(len(words) - size + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def entity(proxy: Any, caption: str | None = None) -> EntityDetails:
    names = _names(proxy, caption)
    kind = next((t for s, t in ENTITY_TYPES.items() if proxy.schema.is_a(s)), EntityType.LEGAL)
    where = _countries(proxy, "jurisdiction") or _countries(proxy, "country")
    founded = values(proxy, "incorporationDate")
    return EntityDetails(
        kind,
        name=names[0] if names else "",
        alternate_names=tuple(names[1:] + values(proxy, "alias") + values(proxy, "previousName")),
        jurisdiction=where[0] if where else None,
        identifiers=_identifiers(proxy),
        addresses=_addresses(proxy),
        founding_date=min(founded, default=None),
        dissolution_date=_dissolved(proxy),
    )


def _dissolved(proxy: Any) -> str | None:
    """The latest ``dissolutionDate``, unless it is before the latest ``incorporationDate``.

    OpenSanctions merges the successive registrations of one company into one entity (LLC
    Unmanned Systems: three OGRNs, incorporated 2002, 2005 and 2012, status Active), so its
    dates are those of several legal persons: it exists from its earliest incorporation, and
    it is dissolved only when the dissolution comes after its latest incorporation (a
    predecessor's dissolution, 2005-11-03, does not end it; ИЖТЕЛЕКОМ's two registrations,
    dissolved 2012 and 2025, end in 2025). :func:`lifetime_notes` says what was left out."""
    dissolved = values(proxy, "dissolutionDate")
    if not dissolved:
        return None
    last = max(dissolved)
    founded = values(proxy, "incorporationDate")
    return None if founded and _before(last, max(founded)) else last


def _before(day: str, other: str) -> bool:
    """``day`` is before ``other``, at the precision of the shorter (``2012`` is not before
    ``2012-10-29``)."""
    size = min(len(day), len(other))
    return day[:size] < other[:size]


def lifetime_notes(proxy: Any) -> list[str]:
    """A warning for the dissolution dates of an entity that :func:`_dissolved` did not take
    as its own; none for a person."""
    if proxy.schema.is_a("Person") or _dissolved(proxy) is not None:
        return []
    dissolved = values(proxy, "dissolutionDate")
    if not dissolved:
        return []
    latest = max(values(proxy, "incorporationDate"))
    return [
        f"entity {proxy.id!r} ({proxy.schema.name}) dissolutionDate: {', '.join(dissolved)} "
        f"is before its latest incorporationDate {latest}: the dissolution of a registration "
        "the publisher merged into it, not of the entity; read without a dissolution date"
    ]
