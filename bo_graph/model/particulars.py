"""A party's particulars in words: who a person is (birth, nationality, residence, PEP status)
and what an entity is (kind, jurisdiction, registration, dates, addresses).

Investigators tell two people of the same name apart, and describe a person in a request for
mutual legal assistance, by exactly these particulars. They come from the record as the store
returns it, so a public-tier store shows only what the public may see (a birth month, address
countries).

- :func:`person_summary` (:func:`party_summary` of any party): one line for reports and tables
  (``born 1961-04; nationality United Kingdom; resident in Monaco``);
- :func:`particulars`: every particular as (label, value) rows, for a detail panel.
"""

from __future__ import annotations

from collections.abc import Iterable

from bo_graph.model.codes import humanise
from bo_graph.model.graph import Node
from bo_graph.model.records import (
    Address,
    EntityDetails,
    Identifier,
    Jurisdiction,
    PersonDetails,
    PoliticalExposure,
    Unspecified,
)

Rows = list[tuple[str, str]]

PEP_WORDS = {"isPep": "yes", "isNotPep": "no", "unknown": "unknown"}
RESIDENCE_TYPES = (None, "residence")
"""Address types that say where a person lives (an untyped address is taken as one)."""


def country_text(j: Jurisdiction | None) -> str:
    """``United Kingdom``, else the code; ``""`` for none."""
    if j is None:
        return ""
    return j.name or j.code or ""


def address_text(a: Address) -> str:
    """``12 Avenue de la Costa, 98000, Monaco``: the parts the record has, in that order."""
    country = country_text(a.country)
    parts = [a.address, a.postcode, country if country not in (a.address or "") else None]
    return ", ".join(p for p in parts if p)


def _join(values: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(v for v in values if v))


def _residence_countries(details: PersonDetails) -> str:
    return _join(country_text(a.country) for a in details.addresses if a.type in RESIDENCE_TYPES)


def _born(details: PersonDetails) -> str:
    place = address_text(details.place_of_birth) if details.place_of_birth else ""
    if details.birth_date and place:
        return f"{details.birth_date} in {place}"
    return details.birth_date or (f"in {place}" if place else "")


def person_summary(details: PersonDetails) -> str:
    """The particulars that tell a person apart, on one line; ``""`` when the record has none."""
    parts = []
    born = _born(details)
    if born:
        parts.append(f"born {born}")
    if details.death_date:
        parts.append(f"died {details.death_date}")
    nationality = _join(country_text(j) for j in details.nationalities)
    if nationality:
        parts.append(f"nationality {nationality}")
    residence = _residence_countries(details)
    if residence:
        parts.append(f"resident in {residence}")
    if details.political_exposure and details.political_exposure.status == "isPep":
        parts.append("politically exposed person")
    return "; ".join(parts)


def party_summary(details: object) -> str:
    """:func:`person_summary` of a person's details; ``""`` for an entity or undisclosed party."""
    return person_summary(details) if isinstance(details, PersonDetails) else ""


def particulars(node: Node) -> Rows:
    """Every particular of ``node`` the record gives, as (label, value) rows."""
    details = node.details
    if isinstance(details, PersonDetails):
        rows = _person_rows(details)
    elif isinstance(details, EntityDetails):
        rows = _entity_rows(details)
    else:
        rows = _unspecified_rows(details)
    return [(label, value) for label, value in rows if value]


def _person_rows(d: PersonDetails) -> Rows:
    return [
        ("kind", humanise(d.person_type.value)),
        ("name", d.name),
        ("other names", _join(n.full_name for n in d.names if n.full_name != d.name)),
        ("born", d.birth_date or ""),
        ("place of birth", address_text(d.place_of_birth) if d.place_of_birth else ""),
        ("died", d.death_date or ""),
        ("nationality", _join(country_text(j) for j in d.nationalities)),
        ("country of residence", _residence_countries(d)),
        *_address_rows(d.addresses),
        ("tax residence", _join(country_text(j) for j in d.tax_residencies)),
        ("politically exposed", _pep_text(d.political_exposure)),
        ("identifiers", _identifiers_text(d.identifiers)),
    ]


def _entity_rows(d: EntityDetails) -> Rows:
    listing = d.public_listing
    return [
        ("kind", _entity_kind(d)),
        ("name", d.name),
        ("other names", _join(d.alternate_names)),
        ("jurisdiction", country_text(d.jurisdiction)),
        ("identifiers", _identifiers_text(d.identifiers)),
        ("founded", d.founding_date or ""),
        ("dissolved", d.dissolution_date or ""),
        *_address_rows(d.addresses),
        ("listed", _listing_text(listing.has_public_listing, listing.markets) if listing else ""),
        ("web page", d.uri or ""),
    ]


def _entity_kind(d: EntityDetails) -> str:
    kind = humanise(d.entity_type.value)
    return f"{kind} ({humanise(d.subtype.value)})" if d.subtype else kind


def _unspecified_rows(d: Unspecified) -> Rows:
    return [("undisclosed", humanise(d.reason.value)), ("explanation", d.description or "")]


def _address_rows(addresses: Iterable[Address]) -> Rows:
    return [
        (f"{humanise(a.type)} address" if a.type else "address", address_text(a)) for a in addresses
    ]


def _identifiers_text(identifiers: Iterable[Identifier]) -> str:
    return _join(f"{i.scheme or i.scheme_name or '?'} {i.id}" for i in identifiers)


def _pep_text(pep: PoliticalExposure | None) -> str:
    if pep is None:
        return ""
    reasons = "; ".join(
        _join([d.reason or "", country_text(d.jurisdiction), _span(d.start_date, d.end_date)])
        for d in pep.details
    )
    word = PEP_WORDS.get(pep.status, pep.status)
    return f"{word}: {reasons}" if reasons else word


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to {end}"
    return f"since {start}" if start else (f"until {end}" if end else "")


def _listing_text(listed: bool, markets: Iterable[str]) -> str:
    if not listed:
        return "no"
    return _join(markets) or "yes"
