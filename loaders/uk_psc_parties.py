"""The parties of PSC records: individuals as persons, corporate and legal persons as entities.

A corporate PSC registered at Companies House (by its country or place of registration, with a
number shaped like a company number) is the company record ``GB-COH-<number>`` itself, so the
PSC chain continues into that company's own PSCs. Raw values stay as names (nationality
demonyms, ``country_registered``); ISO codes are added where they are known. Without a
``country_registered``, the one country ``legal_authority`` names is the jurisdiction ("The
Companies Ordinance Of The Laws Of Gibraltar" -> GI, "Czech Republic" -> CZ).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import EntitySubtype, EntityType, PersonType
from bo_graph.model.records import Address, EntityDetails, Identifier, Name, PersonDetails
from loaders._common import GB_COH, gb_coh_id, text
from loaders._countries import country_code, country_named_in, jurisdiction, nationalities

CORPORATE = frozenset(
    {"corporate-entity-person-with-significant-control", "corporate-entity-beneficial-owner"}
)
LEGAL = frozenset({"legal-person-person-with-significant-control", "legal-person-beneficial-owner"})
_CH_NUMBER = re.compile(r"(?:[A-Z]{2})?\d{1,8}")


def entity(
    key: str, kind: str, data: Mapping[str, Any], link: Identifier, warnings: list[str]
) -> tuple[str, EntityDetails]:
    """The record id and details of a corporate-entity or legal-person PSC."""
    ident = data.get("identification")
    ident = ident if isinstance(ident, Mapping) else {}
    number = text(ident.get("registration_number"))
    country = text(ident.get("country_registered"))
    where = jurisdiction(country) or country_named_in(text(ident.get("legal_authority")))
    if where is not None and where.code is None:
        warnings.append(
            f"identification.country_registered {country!r} is not a known country: "
            "kept as a name without a code"
        )
    record_id, identifiers = key, [link]
    if number and at_companies_house(ident, number):
        record_id = gb_coh_id(number)
        identifiers.insert(0, Identifier(number, GB_COH))
    elif number:
        scheme_name = text(ident.get("place_registered")) or text(ident.get("legal_authority"))
        identifiers.insert(0, Identifier(number, scheme_name=scheme_name or "registration number"))
    kind_of, subtype = entity_type(kind, ident)
    addresses = [address(data.get("address"), "registered")]
    addresses.append(address(data.get("principal_office_address"), "business"))
    return record_id, EntityDetails(
        kind_of,
        subtype,
        name=text(data.get("name")) or "",
        jurisdiction=where,
        identifiers=tuple(identifiers),
        addresses=tuple(a for a in addresses if a is not None),
    )


def person(data: Mapping[str, Any], link: Identifier) -> PersonDetails:
    name = text(data.get("name")) or name_from_elements(data.get("name_elements"))
    residence = text(data.get("country_of_residence"))
    addresses = [address(data.get("address"), "service")]
    if residence:
        addresses.append(Address(type="residence", country=jurisdiction(residence)))
    return PersonDetails(
        PersonType.KNOWN,
        names=(_name_parts(Name(name, "legal"), data.get("name_elements")),) if name else (),
        identifiers=(link,),
        nationalities=nationalities(text(data.get("nationality"))),
        birth_date=birth_date(data.get("date_of_birth")),
        addresses=tuple(a for a in addresses if a is not None),
    )


def _name_parts(name: Name, elements: Any) -> Name:
    """``name`` with the register's name elements: the forenames, other forenames and middle
    name as the given names, the surname as the family name (the title is not a name part)."""
    if not isinstance(elements, Mapping):
        return name
    given = (elements.get(k) for k in ("forename", "other_forenames", "middle_name"))
    return dataclasses.replace(
        name,
        given_name=" ".join(str(g).strip() for g in given if g and str(g).strip()) or None,
        family_name=text(elements.get("surname")),
    )


def name_from_elements(elements: Any) -> str:
    if not isinstance(elements, Mapping):
        return ""
    parts = (elements.get(k) for k in ("forename", "other_forenames", "middle_name", "surname"))
    return " ".join(str(p).strip() for p in parts if p)


def birth_date(value: Any) -> str | None:
    if not isinstance(value, Mapping) or not value.get("year"):
        return None
    try:
        year, month = int(value["year"]), int(value.get("month") or 0)
    except (TypeError, ValueError):
        year = month = -1
    if not (1 <= year <= 9999 and 0 <= month <= 12):
        raise RecordError(f"date_of_birth: expected a month and year, found {value!r}")
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def address(value: Any, kind: str) -> Address | None:
    if not isinstance(value, Mapping):
        return None
    keys = (
        "care_of",
        "po_box",
        "premises",
        "address_line_1",
        "address_line_2",
        "locality",
        "region",
    )
    lines = ", ".join(str(value[k]).strip() for k in keys if text(value.get(k)))
    country = text(value.get("country"))
    if not lines and not country:
        return None
    return Address(
        address=lines or None,
        type=kind,
        postcode=text(value.get("postal_code")),
        country=jurisdiction(country),
    )


def at_companies_house(ident: Mapping[str, Any], number: str) -> bool:
    """A corporate PSC's registration number is a Companies House number: registered in the UK
    (country or place) and shaped like one (``06436883``, ``SC123456``)."""
    if not _CH_NUMBER.fullmatch("".join(number.split()).upper()):
        return False
    place = (text(ident.get("place_registered")) or "").lower()
    country = text(ident.get("country_registered"))
    return (
        "companies house" in place
        or "registrar of companies" in place
        or country_code(country) == "GB"
        or (bool(place) and country_code(place) == "GB")
    )


def entity_type(kind: str, ident: Mapping[str, Any]) -> tuple[EntityType, EntitySubtype | None]:
    """A corporate PSC is a company (Companies House: a body corporate or firm on a register of
    its own), a registered entity whether or not the line gives its number; a legal person
    (a government, an international body) is a state body or a legal entity."""
    form = (text(ident.get("legal_form")) or "").lower()
    if kind in LEGAL and "government" in form:
        subtype = EntitySubtype.GOVERNMENT_DEPARTMENT if "department" in form else None
        return EntityType.STATE_BODY, subtype
    if kind in CORPORATE:
        return EntityType.REGISTERED, None
    return EntityType.LEGAL, None
