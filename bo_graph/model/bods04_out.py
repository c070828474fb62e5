"""Canonical model -> BODS 0.4 ``recordDetails`` (the inverse of :mod:`bo_graph.model.bods04`)."""

from __future__ import annotations

from typing import Any

from bo_graph.model.codes import LEGACY_NAME_TYPES
from bo_graph.model.records import (
    Address,
    Details,
    EntityDetails,
    Identifier,
    Interest,
    Jurisdiction,
    Name,
    PartyRef,
    PersonDetails,
    RelationshipDetails,
    Unspecified,
)

Obj = dict[str, Any]


def _put(out: Obj, key: str, value: Any) -> None:
    if value is not None and value != () and value != [] and value != "":
        out[key] = value


def jurisdiction_to(j: Jurisdiction | None) -> Obj | None:
    if j is None:
        return None
    out: Obj = {}
    _put(out, "name", j.name or j.code)  # 0.4 requires a name: a code-only one is named by it
    _put(out, "code", j.code)
    return out


def _identifier(i: Identifier) -> Obj:
    out: Obj = {"id": i.id}
    _put(out, "scheme", i.scheme)
    _put(out, "schemeName", i.scheme_name)
    _put(out, "uri", i.uri)
    return out


def _address(a: Address) -> Obj:
    out: Obj = {}
    _put(out, "type", a.type)
    _put(out, "address", a.address)
    _put(out, "postCode", a.postcode)
    _put(out, "country", jurisdiction_to(a.country))
    return out


def unspecified_to(u: Unspecified) -> Obj:
    out: Obj = {"reason": u.reason.value}
    _put(out, "description", u.description)
    return out


def _party(ref: PartyRef) -> Any:
    return ref if isinstance(ref, str) else unspecified_to(ref)


def _name_type(kind: str | None) -> Obj:
    """0.4's name type, also for a 0.1-0.3 type (a store written before the loaders used 0.4's)."""
    return {"type": LEGACY_NAME_TYPES.get(kind, kind)} if kind else {}


def _name(n: Name) -> Obj:
    out: Obj = {"fullName": n.full_name, **_name_type(n.type)}
    _put(out, "givenName", n.given_name)
    _put(out, "familyName", n.family_name)
    _put(out, "patronymicName", n.patronymic_name)
    return out


def person_to(p: PersonDetails) -> Obj:
    out: Obj = {"isComponent": p.is_component, "personType": p.person_type.value}
    _put(
        out,
        "names",
        [_name(n) for n in p.names],
    )
    _put(out, "identifiers", [_identifier(i) for i in p.identifiers])
    _put(out, "nationalities", [jurisdiction_to(j) for j in p.nationalities])
    _put(out, "birthDate", p.birth_date)
    _put(out, "deathDate", p.death_date)
    _put(out, "addresses", [_address(a) for a in p.addresses])
    _put(out, "placeOfBirth", _address(p.place_of_birth) if p.place_of_birth else None)
    _put(out, "taxResidencies", [jurisdiction_to(j) for j in p.tax_residencies])
    if p.political_exposure is not None:
        details = []
        for d in p.political_exposure.details:
            item: Obj = {}
            _put(item, "reason", d.reason)
            _put(item, "missingInfoReason", d.missing_info_reason)
            _put(item, "jurisdiction", jurisdiction_to(d.jurisdiction))
            _put(item, "startDate", d.start_date)
            _put(item, "endDate", d.end_date)
            details.append(item)
        pep: Obj = {"status": p.political_exposure.status}
        _put(pep, "details", details)
        out["politicalExposure"] = pep
    if p.unspecified is not None:
        out["unspecifiedPersonDetails"] = unspecified_to(p.unspecified)
    return out


def entity_to(e: EntityDetails) -> Obj:
    kind: Obj = {"type": e.entity_type.value}
    _put(kind, "subtype", e.subtype.value if e.subtype else None)
    out: Obj = {"isComponent": e.is_component, "entityType": kind}
    _put(out, "name", e.name)
    _put(out, "alternateNames", list(e.alternate_names))
    _put(out, "jurisdiction", jurisdiction_to(e.jurisdiction))
    _put(out, "identifiers", [_identifier(i) for i in e.identifiers])
    _put(out, "addresses", [_address(a) for a in e.addresses])
    _put(out, "foundingDate", e.founding_date)
    _put(out, "dissolutionDate", e.dissolution_date)
    _put(out, "uri", e.uri)
    if e.public_listing is not None:
        listing: Obj = {"hasPublicListing": e.public_listing.has_public_listing}
        _put(
            listing,
            "securitiesListings",
            [{"marketIdentifierCode": m} for m in e.public_listing.markets],
        )
        out["publicListing"] = listing
    if e.unspecified is not None:
        out["unspecifiedEntityDetails"] = unspecified_to(e.unspecified)
    return out


def interest_to(i: Interest) -> Obj:
    out: Obj = {"directOrIndirect": i.direct_or_indirect.value}
    _put(out, "type", i.type.value if i.type else None)
    _put(out, "beneficialOwnershipOrControl", i.beneficial_ownership_or_control)
    _put(out, "share", i.share.to_bods() if i.share else None)
    _put(out, "startDate", i.start_date)
    _put(out, "endDate", i.end_date)
    _put(out, "details", i.details)
    return out


def relationship_to(r: RelationshipDetails) -> Obj:
    out: Obj = {
        "isComponent": r.is_component,
        "subject": _party(r.subject),
        "interestedParty": _party(r.interested_party),
        "interests": [interest_to(i) for i in r.interests],
    }
    _put(out, "componentRecords", list(r.component_records))
    return out


def details_to_bods(details: Details) -> Obj:
    """The BODS 0.4 ``recordDetails`` object for canonical ``details``."""
    if isinstance(details, PersonDetails):
        return person_to(details)
    if isinstance(details, EntityDetails):
        return entity_to(details)
    return relationship_to(details)
