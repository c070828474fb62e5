"""BODS 0.1-0.3 statements upgraded to the 0.4 shape.

Older statements use ``statementID``/``statementType``, reference other *statements* through
``describedBy*`` objects, and express history with ``replacesStatements``. This module only
rewrites the shape; the 0.4 codec in :mod:`bo_graph.model.bods04` then builds the canonical
records, so every version lands in one model. Code lists (kebab-case) are mapped by the codec.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.bods_statement import found
from bo_graph.model.codes import LEGACY_NAME_TYPES
from loaders._countries import country_code, country_name

RECORD_TYPES = {
    "entityStatement": "entity",
    "personStatement": "person",
    "ownershipOrControlStatement": "relationship",
}
SUBTYPES = {
    "stateBody-governmentDepartment": "governmentDepartment",
    "stateBody-stateAgency": "stateAgency",
    "stateBody-other": "other",
}
Raw = Mapping[str, Any]


def legacy_version(statement: Raw, declared: str | None) -> str:
    """``0.1``, ``0.2`` or ``0.3`` from the statement's shape, trusting a declared version only
    when it is one of those."""
    if declared in ("0.1", "0.2", "0.3"):
        return declared
    interests = statement.get("interests") or []
    if "directOrIndirect" in str(interests) or "politicalExposure" in statement:
        return "0.3"
    if "jurisdiction" in statement or "publicListing" in statement or "entitySubtype" in statement:
        return "0.3"
    codes = [i.get("type", "") for i in interests if isinstance(i, Mapping)]
    if any(c and "-" not in c and c != "shareholding" for c in codes):
        return "0.3"
    if "isComponent" in statement or "componentStatementIDs" in statement:
        return "0.2"
    return "0.1"


def record_type(statement: Raw) -> str:
    kind = statement.get("statementType")
    if not isinstance(kind, str) or kind not in RECORD_TYPES:
        raise RecordError(
            f"statementType: expected one of {sorted(RECORD_TYPES)}, "
            f"found {found(statement, 'statementType')}",
            field="statementType",
        )
    return RECORD_TYPES[str(kind)]


def upgrade_details(statement: Raw) -> dict[str, Any]:
    """The 0.4 ``recordDetails`` equivalent of a 0.1-0.3 statement."""
    kind = record_type(statement)
    if kind == "entity":
        return _entity(statement)
    if kind == "person":
        return _person(statement)
    return _relationship(statement)


def _entity(s: Raw) -> dict[str, Any]:
    out = {
        k: s[k]
        for k in (
            "name",
            "alternateNames",
            "identifiers",
            "foundingDate",
            "dissolutionDate",
            "addresses",
            "uri",
            "publicListing",
            "unspecifiedEntityDetails",
        )
        if s.get(k) not in (None, "")
    }
    _upgrade_addresses(out)
    _dates_only(out, "foundingDate", "dissolutionDate")
    out["isComponent"] = bool(s.get("isComponent", False))
    kind: dict[str, Any] = {"type": s.get("entityType") or "registeredEntity"}
    subtype = s.get("entitySubtype")
    if isinstance(subtype, Mapping) and subtype.get("generalCategory") in SUBTYPES:
        kind["subtype"] = SUBTYPES[str(subtype["generalCategory"])]
    out["entityType"] = kind
    jurisdiction = s.get("jurisdiction") or s.get("incorporatedInJurisdiction")
    if jurisdiction:
        out["jurisdiction"] = jurisdiction
    return out


def _person(s: Raw) -> dict[str, Any]:
    out = {
        k: s[k]
        for k in (
            "names",
            "identifiers",
            "nationalities",
            "birthDate",
            "deathDate",
            "taxResidencies",
            "addresses",
            "politicalExposure",
            "unspecifiedPersonDetails",
        )
        if s.get(k) not in (None, "")
    }
    _upgrade_addresses(out)
    _upgrade_name_types(out)
    _dates_only(out, "birthDate", "deathDate")
    _add_residence(out, s.get("placeOfResidence"))
    _add_place_of_birth(out, s.get("placeOfBirth"))
    out["isComponent"] = bool(s.get("isComponent", False))
    out["personType"] = s.get("personType") or "knownPerson"
    if "politicalExposure" not in out and "hasPepStatus" in s:
        out["politicalExposure"] = _pep_02(s)
    return out


_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T")


def _dates_only(out: dict[str, Any], *keys: str) -> None:
    """0.4 wants dates where 0.1-0.3 publishers wrote date-times (``2012-11-29T00:00:00.000Z``
    in the Open Ownership Register's exports): the date part."""
    for key in keys:
        value = out.get(key)
        found = _DATE_TIME.match(value) if isinstance(value, str) else None
        if found:
            out[key] = found.group(1)


def _upgrade_addresses(out: dict[str, Any]) -> None:
    addresses = out.get("addresses")
    if isinstance(addresses, list):
        out["addresses"] = [_address(a) for a in addresses]


def _add_residence(out: dict[str, Any], raw: Any) -> None:
    """A 0.1-0.3 person's ``placeOfResidence`` (gone in 0.4) as an address of type residence."""
    addresses = out.get("addresses", [])
    if not isinstance(raw, Mapping) or not isinstance(addresses, list):
        return
    residence = {**_address(raw), "type": "residence"}
    if residence not in addresses:
        out["addresses"] = [*addresses, residence]


def _upgrade_name_types(out: dict[str, Any]) -> None:
    """0.1-0.3 name types as 0.4 spells them (``individual`` is ``legal``, 0.1's ``aka`` is
    ``alternative``: ``LEGACY_NAME_TYPES``)."""
    names = out.get("names")
    if isinstance(names, list):
        out["names"] = [_legal_name(n) for n in names]


def _legal_name(name: Any) -> Any:
    kind = name.get("type") if isinstance(name, Mapping) else None
    if isinstance(kind, str) and kind in LEGACY_NAME_TYPES:
        return {**name, "type": LEGACY_NAME_TYPES[kind]}
    return name


def _add_place_of_birth(out: dict[str, Any], raw: Any) -> None:
    """A 0.1-0.3 person's ``placeOfBirth``, or else the first of its addresses typed
    ``placeOfBirth`` (0.1-0.3 allowed that type among the addresses, 0.4 keeps it apart)."""
    addresses = out.get("addresses")
    addresses = addresses if isinstance(addresses, list) else []
    births = [a for a in addresses if isinstance(a, Mapping) and a.get("type") == PLACE_OF_BIRTH]
    if births:
        out["addresses"] = [a for a in addresses if a not in births]
        if not out["addresses"]:
            del out["addresses"]
    place = _address(raw) if isinstance(raw, Mapping) else (births[0] if births else None)
    if place is not None:
        out["placeOfBirth"] = {**place, "type": PLACE_OF_BIRTH}


PLACE_OF_BIRTH = "placeOfBirth"


def _address(raw: Any) -> Any:
    """A 0.1-0.3 address, whose ``country`` is a string (an ISO 3166-1 alpha-2 code), with the
    0.4 country object ``{name, code}`` instead; a value that is no code is kept as the name."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("country"), str):
        return raw
    out = dict(raw)
    value = str(out.pop("country")).strip()
    if value:
        code = country_code(value)
        is_code = code is not None and value.upper() == code
        name = (country_name(code) if is_code and code else None) or value
        out["country"] = {"name": name, "code": code} if code else {"name": name}
    return out


def _pep_02(s: Raw) -> dict[str, Any]:
    details = [d for d in s.get("pepStatusDetails") or [] if isinstance(d, Mapping)]
    status = "isPep" if s.get("hasPepStatus") else "isNotPep"
    return {"status": status, "details": details}


def _reference(s: Raw, role: str) -> Any:
    """A 0.1-0.3 ``subject``/``interestedParty`` object as a 0.4 reference (the statement id it
    describes) or an unspecified record."""
    raw = s.get(role)
    if not isinstance(raw, Mapping):
        raise RecordError(f"{role}: expected an object, found {found(s, role)}", field=role)
    for key in ("describedByEntityStatement", "describedByPersonStatement"):
        if raw.get(key):
            return str(raw[key])
    if isinstance(raw.get("unspecified"), Mapping):
        return raw["unspecified"]
    raise RecordError(
        f"{role}: expected describedByEntityStatement, describedByPersonStatement or "
        f"unspecified, found {sorted(raw)}",
        field=role,
    )


def _interest(raw: Any) -> Any:
    if not isinstance(raw, Mapping):
        return raw
    out = dict(raw)
    level = out.pop("interestLevel", None)
    if level and "directOrIndirect" not in out:
        out["directOrIndirect"] = level
    return out


def _relationship(s: Raw) -> dict[str, Any]:
    out: dict[str, Any] = {
        "isComponent": bool(s.get("isComponent", False)),
        "subject": _reference(s, "subject"),
        "interestedParty": _reference(s, "interestedParty"),
        "interests": [_interest(i) for i in s.get("interests") or []],
    }
    components = s.get("componentStatementIDs")
    if components:
        out["componentRecords"] = [str(c) for c in components]
    return out
