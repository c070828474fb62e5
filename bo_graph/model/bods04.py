"""BODS 0.4 ``recordDetails`` <-> canonical model.

The canonical model speaks BODS 0.4, so this codec is how loaders build records from 0.4 data
(older versions are first upgraded to 0.4 shape by the BODS loader), how stores persist them and
how subgraphs are exported back to BODS 0.4.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from bo_graph.exc import RecordError
from bo_graph.model.codes import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    PersonType,
    RecordType,
    interest_type,
    unspecified_reason,
)
from bo_graph.model.records import (
    Address,
    Details,
    EntityDetails,
    Identifier,
    Interest,
    Jurisdiction,
    Name,
    PartyRef,
    PepDetail,
    PersonDetails,
    PoliticalExposure,
    PublicListing,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.model.share import parse_share

T = TypeVar("T")
Raw = Mapping[str, Any]


_KNOWN_CODES: dict[tuple[Callable[[str], Any], str], Any] = {}
"""Codes already looked up, by factory and text: code lists are small and decoding a store
looks up the same few codes for every record."""


def _code(factory: Callable[[str], T], value: Any, field: str) -> T:
    known = _KNOWN_CODES.get((factory, value)) if isinstance(value, str) else None
    if known is not None:
        return known  # type: ignore[no-any-return]
    try:
        found = factory(value)
    except (ValueError, TypeError):
        raise RecordError(f"{field}: unknown code {value!r}", field=field) from None
    if isinstance(value, str):
        _KNOWN_CODES[(factory, value)] = found
    return found


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _list(raw: Raw, key: str) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{key}: expected a list, found {type(value).__name__}", field=key)
    return value


def jurisdiction_from(raw: Any) -> Jurisdiction | None:
    if not isinstance(raw, Mapping):
        return None
    name, code = _text(raw.get("name")), _text(raw.get("code"))
    return Jurisdiction(name=name, code=code) if name or code else None


def _address(raw: Any) -> Address | None:
    if not isinstance(raw, Mapping):
        return None
    return Address(
        address=_text(raw.get("address")),
        type=_text(raw.get("type")),
        postcode=_text(raw.get("postCode")),
        country=jurisdiction_from(raw.get("country")),
    )


def identifiers_from(items: list[Any]) -> tuple[Identifier, ...]:
    """Identifiers, each distinct (scheme, normalised id) once: real files repeat them."""
    seen: set[tuple[str | None, str]] = set()
    out: list[Identifier] = []
    for raw in items:
        if not isinstance(raw, Mapping) or _text(raw.get("id")) is None:
            continue
        ident = Identifier(
            id=str(raw["id"]),
            scheme=_text(raw.get("scheme")),
            scheme_name=_text(raw.get("schemeName")),
            uri=_text(raw.get("uri")),
        )
        dedup = (ident.scheme or ident.scheme_name, ident.key or ident.id)
        if dedup not in seen:
            seen.add(dedup)
            out.append(ident)
    return tuple(out)


def unspecified_from(raw: Any) -> Unspecified | None:
    if not isinstance(raw, Mapping) or not raw.get("reason"):
        return None
    return Unspecified(
        reason=_code(unspecified_reason, raw["reason"], "reason"),
        description=_text(raw.get("description")),
    )


def party_ref_from(raw: Any, field: str) -> PartyRef:
    if isinstance(raw, str) and raw:
        return raw
    unspecified = unspecified_from(raw)
    if unspecified is None:
        raise RecordError(
            f"{field}: expected a recordId or an unspecified record with a reason, found {raw!r}",
            field=field,
        )
    return unspecified


def _pep(raw: Any) -> PoliticalExposure | None:
    if not isinstance(raw, Mapping) or not raw.get("status"):
        return None
    details = tuple(
        PepDetail(
            reason=_text(d.get("reason")),
            missing_info_reason=_text(d.get("missingInfoReason")),
            jurisdiction=jurisdiction_from(d.get("jurisdiction")),
            start_date=_text(d.get("startDate")),
            end_date=_text(d.get("endDate")),
        )
        for d in _list(raw, "details")
        if isinstance(d, Mapping)
    )
    return PoliticalExposure(status=str(raw["status"]), details=details)


def person_from(raw: Raw) -> PersonDetails:
    names = tuple(_name(n) for n in _list(raw, "names") if isinstance(n, Mapping) and _full_name(n))
    return PersonDetails(
        person_type=_code(PersonType, raw.get("personType", "knownPerson"), "personType"),
        names=names,
        identifiers=identifiers_from(_list(raw, "identifiers")),
        nationalities=tuple(j for j in map(jurisdiction_from, _list(raw, "nationalities")) if j),
        birth_date=_text(raw.get("birthDate")),
        death_date=_text(raw.get("deathDate")),
        addresses=tuple(a for a in map(_address, _list(raw, "addresses")) if a),
        place_of_birth=_address(raw.get("placeOfBirth")),
        tax_residencies=tuple(j for j in map(jurisdiction_from, _list(raw, "taxResidencies")) if j),
        political_exposure=_pep(raw.get("politicalExposure")),
        unspecified=unspecified_from(raw.get("unspecifiedPersonDetails")),
        is_component=bool(raw.get("isComponent", False)),
    )


def _name(raw: Raw) -> Name:
    return Name(
        full_name=_full_name(raw),
        type=_text(raw.get("type")),
        given_name=_text(raw.get("givenName")),
        family_name=_text(raw.get("familyName")),
        patronymic_name=_text(raw.get("patronymicName")),
    )


def _full_name(raw: Raw) -> str:
    full = _text(raw.get("fullName"))
    if full:
        return full
    parts = [raw.get(k) for k in ("givenName", "patronymicName", "familyName")]
    return " ".join(str(p) for p in parts if p)


def _entity_type(raw: Any) -> tuple[EntityType, EntitySubtype | None]:
    if isinstance(raw, Mapping):
        kind = _code(EntityType, raw.get("type"), "entityType.type")
        sub = raw.get("subtype")
        return kind, (_code(EntitySubtype, sub, "entityType.subtype") if sub else None)
    return _code(EntityType, raw or "registeredEntity", "entityType"), None


def _listing(raw: Any) -> PublicListing | None:
    if not isinstance(raw, Mapping) or "hasPublicListing" not in raw:
        return None
    markets = tuple(
        str(s.get("marketIdentifierCode") or s.get("stockExchangeName"))
        for s in _list(raw, "securitiesListings")
        if isinstance(s, Mapping) and (s.get("marketIdentifierCode") or s.get("stockExchangeName"))
    )
    return PublicListing(has_public_listing=bool(raw["hasPublicListing"]), markets=markets)


def entity_from(raw: Raw) -> EntityDetails:
    kind, subtype = _entity_type(raw.get("entityType"))
    return EntityDetails(
        entity_type=kind,
        subtype=subtype,
        name=_text(raw.get("name")) or "",
        alternate_names=tuple(str(n) for n in _list(raw, "alternateNames") if n),
        jurisdiction=jurisdiction_from(raw.get("jurisdiction")),
        identifiers=identifiers_from(_list(raw, "identifiers")),
        addresses=tuple(a for a in map(_address, _list(raw, "addresses")) if a),
        founding_date=_text(raw.get("foundingDate")),
        dissolution_date=_text(raw.get("dissolutionDate")),
        uri=_text(raw.get("uri")),
        public_listing=_listing(raw.get("publicListing")),
        unspecified=unspecified_from(raw.get("unspecifiedEntityDetails")),
        is_component=bool(raw.get("isComponent", False)),
    )


def interest_from(raw: Raw) -> Interest:
    if not isinstance(raw, Mapping):
        raise RecordError(f"interests: expected an object, found {raw!r}", field="interests")
    level = raw.get("directOrIndirect", "unknown")
    booc = raw.get("beneficialOwnershipOrControl")
    return Interest(
        type=_code(interest_type, raw["type"], "interests.type") if raw.get("type") else None,
        direct_or_indirect=_code(DirectOrIndirect, level or "unknown", "directOrIndirect"),
        beneficial_ownership_or_control=booc if isinstance(booc, bool) else None,
        share=parse_share(raw.get("share")),
        start_date=_text(raw.get("startDate")),
        end_date=_text(raw.get("endDate")),
        details=_text(raw.get("details")),
    )


def relationship_from(raw: Raw) -> RelationshipDetails:
    interests = tuple(interest_from(i) for i in _list(raw, "interests"))
    for interest in interests:
        if interest.start_date and interest.end_date and interest.start_date > interest.end_date:
            raise RecordError(
                f"interest {interest.type.value if interest.type else '(untyped)'}: "
                "expected startDate <= endDate, found "
                f"{interest.start_date} > {interest.end_date}",
                field="interests",
            )
    details = RelationshipDetails(
        subject=party_ref_from(raw.get("subject"), "subject"),
        interested_party=party_ref_from(raw.get("interestedParty"), "interestedParty"),
        interests=interests,
        is_component=bool(raw.get("isComponent", False)),
        component_records=tuple(str(r) for r in _list(raw, "componentRecords")),
    )
    if isinstance(details.subject, str) and details.subject == details.interested_party:
        raise RecordError(
            f"relationship: expected the subject and interested party to differ, both are "
            f"{details.subject!r}",
            field="interestedParty",
        )
    return details


def details_from_bods(record_type: RecordType, raw: Any) -> Details:
    """Canonical details from a BODS 0.4 ``recordDetails`` object."""
    if not isinstance(raw, Mapping):
        raise RecordError(
            f"recordDetails: expected an object, found {raw!r}", field="recordDetails"
        )
    if record_type is RecordType.PERSON:
        return person_from(raw)
    if record_type is RecordType.ENTITY:
        return entity_from(raw)
    return relationship_from(raw)
