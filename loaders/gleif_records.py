"""GLEIF records (as plain dicts, whatever file they came from) in the canonical model.

Every GLEIF layout is first turned into one plain shape, the element names of the LEI-CDF,
RR-CDF and reporting-exception XML (``{"LEI": ..., "Entity": {"LegalName": ...}}``): the XML
reader converts elements, the golden-copy JSON is unwrapped from ``{"$": ...}``, and the API
adapter renames its camelCase attributes. This module translates that shape:

- LEI record (Level 1) -> entity ``XI-LEI-<LEI>`` with the LEI (scheme ``XI-LEI``) and the
  registration-authority id as identifiers (Companies House, RA000585, as scheme ``GB-COH``).
- Relationship record (Level 2) -> relationship child -> parent, ``gleif-rr:<start>:<type>:
  <end>``. Accounting consolidation is control, not an ownership share: interest
  ``otherInfluenceOrControl``, ``beneficialOwnershipOrControl`` false, direct for
  ``IS_DIRECTLY_CONSOLIDATED_BY`` and indirect for ``IS_ULTIMATELY_CONSOLIDATED_BY``. Other
  types (fund management, sub-funds, feeders) are ``otherInfluenceOrControl`` with the type
  in ``details``.
- Reporting exception -> relationship from an unspecified party whose ``description`` is the
  GLEIF reason code (``NATURAL_PERSONS``, ``NON_CONSOLIDATING``, ``NO_KNOWN_PERSON``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import (
    DirectOrIndirect,
    EntityType,
    InterestType,
    RecordStatus,
    UnspecifiedReason,
)
from bo_graph.model.records import (
    Address,
    EntityDetails,
    Identifier,
    Interest,
    Jurisdiction,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.model.statement import Statement
from loaders._common import GB_COH, XI_LEI, Origin, compact, iso_date, lei_id, text
from loaders._countries import country_name

Plain = Mapping[str, Any]
RA_SCHEMES = {"RA000585": GB_COH}
CATEGORY_TYPES = {
    "RESIDENT_GOVERNMENT_ENTITY": EntityType.STATE_BODY,
    "INTERNATIONAL_ORGANIZATION": EntityType.LEGAL,
    "FUND": EntityType.LEGAL,
}
CLOSED_REGISTRATIONS = frozenset({"ANNULLED", "DUPLICATE", "RETIRED", "MERGED"})
CONSOLIDATION = {
    "IS_DIRECTLY_CONSOLIDATED_BY": DirectOrIndirect.DIRECT,
    "IS_ULTIMATELY_CONSOLIDATED_BY": DirectOrIndirect.INDIRECT,
}
OTHER_RELATIONSHIPS = frozenset(
    {"IS_FUND-MANAGED_BY", "IS_SUBFUND_OF", "IS_FEEDER_TO", "IS_INTERNATIONAL_BRANCH_OF"}
)
_EXEMPT = UnspecifiedReason.INTERESTED_PARTY_EXEMPT
EXCEPTION_REASONS: dict[str, UnspecifiedReason] = {
    "NATURAL_PERSONS": _EXEMPT,
    "NON_CONSOLIDATING": UnspecifiedReason.SUBJECT_EXEMPT,
    "NO_KNOWN_PERSON": UnspecifiedReason.NO_BENEFICIAL_OWNERS,
    "NON_PUBLIC": _EXEMPT,
    "NO_LEI": UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED,
    "BINDING_LEGAL_COMMITMENTS": _EXEMPT,
    "LEGAL_OBSTACLES": _EXEMPT,
    "DISCLOSURE_DETRIMENTAL": _EXEMPT,
    "DETRIMENT_NOT_EXCLUDED": _EXEMPT,
    "CONSENT_NOT_OBTAINED": UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED,
}
EXCEPTION_CATEGORIES = {
    "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT": DirectOrIndirect.DIRECT,
    "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT": DirectOrIndirect.INDIRECT,
}


def kind_of(record: Any) -> str | None:
    """``lei``, ``rr`` or ``repex`` for a plain GLEIF record, else ``None``."""
    if not isinstance(record, Mapping):
        return None
    if "Relationship" in record:
        return "rr"
    if "LEI" in record and "Entity" in record:
        return "lei"
    if "LEI" in record and ("ExceptionReason" in record or "ExceptionCategory" in record):
        return "repex"
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def get(record: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(record, Mapping):
            return None
        record = record.get(key)
    return record


def translate(origin: Origin, position: int, record: Plain, raw: Any) -> list[Statement]:
    """The statements of one plain GLEIF record. Raises :class:`RecordError`."""
    kind = kind_of(record)
    if kind == "lei":
        return [lei_record(origin, position, record, raw)]
    if kind == "rr":
        return [relationship_record(origin, position, record, raw)]
    if kind == "repex":
        return [exception_record(origin, position, record, raw)]
    found = sorted(record)[:6] if isinstance(record, Mapping) else type(record).__name__
    raise RecordError(f"expected an LEI, relationship or reporting-exception record, found {found}")


def _lei(value: Any, field: str) -> str:
    lei = text(value)
    if lei is None or len(lei) != 20 or not lei.isalnum():
        raise RecordError(f"{field}: expected a 20-character LEI, found {value!r}", field=field)
    return lei.upper()


def lei_record(origin: Origin, position: int, record: Plain, raw: Any) -> Statement:
    lei = _lei(record.get("LEI"), "LEI")
    entity = record.get("Entity") or {}
    registration = record.get("Registration") or {}
    authority = entity.get("RegistrationAuthority") or {}
    ra_id = text(authority.get("RegistrationAuthorityID"))
    ra_entity = text(authority.get("RegistrationAuthorityEntityID"))
    identifiers = [Identifier(lei, XI_LEI, "Legal Entity Identifier")]
    if ra_entity:
        scheme = RA_SCHEMES.get(ra_id or "")
        identifiers.append(
            Identifier(ra_entity, scheme, None if scheme else f"GLEIF RA list {ra_id}")
        )
    category = text(entity.get("EntityCategory")) or ""
    details = EntityDetails(
        CATEGORY_TYPES.get(category, EntityType.REGISTERED),
        name=_name(entity.get("LegalName")) or "",
        alternate_names=tuple(
            _names(entity.get("OtherEntityNames"))
            + _names(entity.get("TransliteratedOtherEntityNames"))
        ),
        jurisdiction=_jurisdiction(entity.get("LegalJurisdiction")),
        identifiers=tuple(identifiers),
        addresses=compact(
            _address(entity.get("LegalAddress"), "registered"),
            _address(entity.get("HeadquartersAddress"), "business"),
        ),
        founding_date=_date(entity.get("EntityCreationDate"), "Entity.EntityCreationDate"),
    )
    status = text(registration.get("RegistrationStatus")) or ""
    inactive = text(entity.get("EntityStatus")) == "INACTIVE" or status in CLOSED_REGISTRATIONS
    return origin.statement(
        position,
        lei_id(lei),
        details,
        raw,
        date=_date(registration.get("LastUpdateDate"), "Registration.LastUpdateDate"),
        status=RecordStatus.CLOSED if inactive else RecordStatus.NEW,
    )


def relationship_record(origin: Origin, position: int, record: Plain, raw: Any) -> Statement:
    body = record.get("Relationship") or {}
    kind = text(body.get("RelationshipType")) or ""
    start = _node(body.get("StartNode"), "Relationship.StartNode")
    end = _node(body.get("EndNode"), "Relationship.EndNode")
    begin, finish = _period(body.get("RelationshipPeriods"))
    if kind in CONSOLIDATION:
        level = CONSOLIDATION[kind]
        details = f"{kind}: accounting consolidation"
    elif kind in OTHER_RELATIONSHIPS:
        level, details = DirectOrIndirect.UNKNOWN, kind
    else:
        raise _unknown(
            "Relationship.RelationshipType", kind, [*CONSOLIDATION, *OTHER_RELATIONSHIPS]
        )
    interest = Interest(
        InterestType.OTHER_INFLUENCE_OR_CONTROL,
        level,
        False,
        start_date=begin,
        end_date=finish,
        details=details,
    )
    registration = record.get("Registration") or {}
    closed = text(body.get("RelationshipStatus")) == "INACTIVE" or (
        text(registration.get("RegistrationStatus")) in CLOSED_REGISTRATIONS
    )
    relationship = RelationshipDetails(lei_id(start), lei_id(end), (interest,))
    return origin.statement(
        position,
        f"gleif-rr:{start}:{kind}:{end}",
        relationship,
        raw,
        date=_date(registration.get("LastUpdateDate"), "Registration.LastUpdateDate"),
        status=RecordStatus.CLOSED if closed else RecordStatus.NEW,
    )


def exception_record(origin: Origin, position: int, record: Plain, raw: Any) -> Statement:
    lei = _lei(record.get("LEI"), "LEI")
    reason = text(record.get("ExceptionReason")) or ""
    category = text(record.get("ExceptionCategory")) or ""
    if reason not in EXCEPTION_REASONS:
        raise _unknown("ExceptionReason", reason, list(EXCEPTION_REASONS))
    if category not in EXCEPTION_CATEGORIES:
        raise _unknown("ExceptionCategory", category, list(EXCEPTION_CATEGORIES))
    party = Unspecified(EXCEPTION_REASONS[reason], description=reason)
    interests: tuple[Interest, ...] = ()
    if reason != "NO_KNOWN_PERSON":
        interests = (
            Interest(
                InterestType.OTHER_INFLUENCE_OR_CONTROL,
                EXCEPTION_CATEGORIES[category],
                reason == "NATURAL_PERSONS",
                details=f"{category}: {reason}",
            ),
        )
    relationship = RelationshipDetails(lei_id(lei), party, interests)
    # Undated in the XML layouts: the file's ContentDate dates the exception, so a later file
    # replaces an earlier one whatever the order of the imports.
    date = _date(record.get("ContentDate"), "ContentDate") or origin.publication_date
    return origin.statement(position, f"gleif-repex:{lei}:{category}", relationship, raw, date=date)


def _node(value: Any, field: str) -> str:
    kind = text(get(value, "NodeIDType")) or "LEI"
    if kind != "LEI":
        raise RecordError(f"{field}.NodeIDType: expected LEI, found {kind!r}", field=field)
    return _lei(get(value, "NodeID"), f"{field}.NodeID")


def _period(periods: Any) -> tuple[str | None, str | None]:
    """Start and end of the ``RELATIONSHIP_PERIOD`` (accounting and filing periods are not)."""
    items = as_list(get(periods, "RelationshipPeriod") if isinstance(periods, Mapping) else periods)
    for period in items:
        if isinstance(period, Mapping) and text(period.get("PeriodType")) == "RELATIONSHIP_PERIOD":
            where = "Relationship.RelationshipPeriods.RelationshipPeriod"
            start = _date(period.get("StartDate"), f"{where}.StartDate")
            return start, _date(period.get("EndDate"), f"{where}.EndDate")
    return None, None


def _date(value: Any, field: str) -> str | None:
    """An ISO date from ``value``; a :class:`RecordError` naming ``field`` if it is not one."""
    try:
        return iso_date(value)
    except RecordError as error:
        raise RecordError(f"{field}: {error.reason}", field=field) from None


def _unknown(field: str, found: str, known: list[str]) -> RecordError:
    expected = ", ".join(known)
    return RecordError(
        f"{field}: expected one of {expected}, found unknown code {found!r}", field=field
    )


def _name(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return text(value.get("$") or value.get("name"))
    return text(value)


def _names(value: Any) -> list[str]:
    """Every name under an ``OtherEntityNames``-like element, in any of the layouts."""
    out: list[str] = []
    for item in as_list(value):
        if isinstance(item, Mapping):
            inner = [v for k, v in item.items() if k.endswith("EntityName")]
            out += _names(inner[0]) if inner else compact(_name(item))
        elif text(item):
            out.append(str(item).strip())
    return out


def _jurisdiction(value: Any) -> Jurisdiction | None:
    """A GLEIF jurisdiction or country code (ISO 3166-1, or a 3166-2 subdivision such as
    ``US-MA``) with a name, which BODS requires: the country's English name, the subdivision's
    country with the code (``United States (US-MA)``), else the code itself."""
    code = (text(value) or "").upper()
    if not code:
        return None
    country = country_name(code[:2]) if len(code) == 2 or code[2:3] == "-" else None
    name = (country if len(code) == 2 else f"{country} ({code})") if country else code
    return Jurisdiction(name=name, code=code)


def _address(value: Any, kind: str) -> Address | None:
    if not isinstance(value, Mapping):
        return None
    keys = ("MailRouting", "FirstAddressLine", "AdditionalAddressLine", "City", "Region")
    lines: list[str] = []
    for key in keys:
        lines += [
            str(v).strip()
            for v in as_list(value.get(key))
            if text(v) and str(v).strip() not in lines
        ]
    country = text(value.get("Country"))
    return Address(
        address=", ".join(lines) or None,
        type=kind,
        postcode=text(value.get("PostalCode")),
        country=_jurisdiction(country),
    )
