"""ICIJ Offshore Leaks nodes and edges in the canonical model, whatever layout they came in.

- Node ids are ICIJ's own: record id ``icij:<node_id>`` (in the 2016 release the range gives the
  kind: 10... entities, 11... intermediaries, 12... officers), so a relationship may name a
  node of another file of the same import: references resolve at the end of the run.
- Entities (offshore companies, trusts, foundations) are entity records; ICIJ's jurisdiction
  codes (``BVI``, ``SAM``, ``PMA``) become ISO codes, the raw value kept as the name.
- Officers and intermediaries can be people or companies and ICIJ does not say which: a name
  with a legal form (Ltd, S.A., Sdn Bhd, & Cie, Lawyers, ...; the rules, and the short forms that
  are also personal names such as SA, CO, OY, are in :mod:`loaders.icij_legal`) or naming a
  firm (Estudio, "JUNOD, MUHLSTEIN, LEVY & PUDER"), or a 2016 client record whose activity names
  an organisation ("LAW FIRM"), is an entity, any other a person; a name meaning the bearer
  ("THE BEARER", "EL PORTADOR", "AU PORTEUR": whoever holds bearer shares,
  :mod:`bo_graph.model.bearer`) is an unknown person.
- Addresses are not parties: address nodes and registered-address edges are skipped and
  counted, as are ICIJ's similarity edges (``same_name_as``, ``has similar name and address
  as``): they are hints, and bo-graph never merges parties by name.
- Every statement's source is its leak (``ICIJ Offshore Leaks: Panama Papers``).
- A "beneficiary" is one of a legal arrangement only in a trust, foundation or other
  arrangement (:func:`holds_beneficiaries`, from the entity rows read before the edge); of any
  other subject, or one not read, the beneficial owner (:mod:`loaders.icij_roles`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import replace
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.bearer import is_bearer_name
from bo_graph.model.codes import EntitySubtype, EntityType, PersonType
from bo_graph.model.records import (
    Address,
    EntityDetails,
    Identifier,
    Jurisdiction,
    Name,
    PersonDetails,
    RelationshipDetails,
)
from bo_graph.model.statement import Statement
from loaders import icij_roles
from loaders._common import Origin, compact, digest, dmy_month_name, parse_date, text
from loaders._countries import country_code, icij_code
from loaders.icij_legal import looks_legal

SCHEME_NAME = "ICIJ Offshore Leaks node id"
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%b %d, %Y", "%d.%m.%Y", "%Y")
_ARRANGEMENT_KIND = re.compile(
    r"trust|foundation|fundaci|funda[cç][aã]o|fondation|stiftung|stichting|settlement|arrangement",
    re.IGNORECASE,
)
_FOUNDATION = r"fundaci[oó]n|funda[cç][aã]o|fondation|fondazione|stiftung|stichting"
_ARRANGEMENT_NAME = re.compile(
    rf"\b(?:foundation|trust|settlement|{_FOUNDATION})\W*$|^\W*(?:the\s+)?(?:{_FOUNDATION})\b",
    re.IGNORECASE,
)


def node_id(value: Any) -> str:
    raw = text(value)
    if raw is None:
        raise RecordError("node_id: expected an ICIJ node id, found none", field="node_id")
    return f"icij:{raw}"


def leak_origin(origin: Origin, leak: str | None) -> Origin:
    return replace(origin, source=f"ICIJ Offshore Leaks: {leak}") if leak else origin


def date_field(row: Mapping[str, Any], key: str, warnings: list[str]) -> str | None:
    """An ICIJ date (``23-Mar-06``, ``01-OCT-1985``, ``21/01/1998``, ...); a value that is not a
    date is reported and left out, the record still loads."""
    raw = text(row.get(key))
    if raw is None:
        return None
    found = dmy_month_name(raw)
    if found:
        return found
    try:
        return parse_date(raw, DATE_FORMATS)
    except RecordError:
        warnings.append(f"{key}: {raw!r} is not a date; left out")
        return None


def _identifiers(row: Mapping[str, Any], raw_id: str) -> tuple[Identifier, ...]:
    out = [Identifier(raw_id, scheme_name=SCHEME_NAME)]
    internal = text(row.get("internal_id"))
    if internal:
        provider = text(row.get("service_provider")) or text(row.get("sourceID")) or "ICIJ"
        out.append(Identifier(internal, scheme_name=f"{provider} internal id"))
    for key, label in (
        ("ibcRUC", "IBC/RUC number"),
        ("file_number", "file number"),
        ("client_number", "client number"),
    ):
        value = text(row.get(key))
        if value:
            out.append(Identifier(value, scheme_name=label))
    return tuple(out)


def _countries(row: Mapping[str, Any]) -> tuple[Jurisdiction, ...]:
    names = [
        n.strip() for n in (text(row.get("countries")) or text(row.get("country")) or "").split(";")
    ]
    codes = [c.strip() for c in (text(row.get("country_codes")) or "").split(";")]
    out = []
    for index, name in enumerate(names):
        code = codes[index] if index < len(codes) else None
        iso = country_code(code) if code else country_code(name)
        if name or iso:
            out.append(Jurisdiction(name=name or None, code=iso))
    return tuple(out)


def _addresses(row: Mapping[str, Any], kind: str) -> tuple[Address, ...]:
    """The address line, with its country when ICIJ gives one; of several countries
    (``JEY;GBR``) ICIJ does not say which is the line's, so each is an address of its own."""
    line = text(row.get("address"))
    countries = _countries(row)
    if not line:
        return tuple(Address(type=kind, country=c) for c in countries)
    street = ", ".join(p.strip() for p in line.split(";") if p.strip())
    if len(countries) <= 1:
        return (Address(street, kind, country=countries[0] if countries else None),)
    return (Address(street, kind), *(Address(type=kind, country=c) for c in countries))


def entity(row: Mapping[str, Any], warnings: list[str]) -> EntityDetails:
    """An offshore entity (or an "other" node) row."""
    kind = (text(row.get("company_type")) or text(row.get("type")) or "").lower()
    entity_type, subtype = EntityType.REGISTERED, None
    if "trust" in kind:
        entity_type, subtype = EntityType.ARRANGEMENT, EntitySubtype.TRUST
    elif "foundation" in kind:
        entity_type = EntityType.LEGAL
    code = text(row.get("jurisdiction"))
    description = text(row.get("jurisdiction_description"))
    iso = icij_code(code, description)
    where = Jurisdiction(name=description or code, code=iso) if (code or description) else None
    ended = [
        date_field(row, k, warnings)
        for k in ("struck_off_date", "inactivation_date", "closed_date", "inactivationDate")
    ]
    return EntityDetails(
        entity_type,
        subtype,
        name=text(row.get("name")) or "",
        alternate_names=compact(
            *(
                text(row.get(k))
                for k in ("original_name", "former_name")
                if text(row.get(k)) != text(row.get("name"))
            )
        ),
        jurisdiction=where,
        identifiers=_identifiers(row, str(row.get("node_id") or row.get("id"))),
        addresses=_addresses(row, "registered"),
        founding_date=date_field(row, "incorporation_date", warnings)
        or date_field(row, "registrationDate", warnings),
        dissolution_date=next((d for d in ended if d), None),
    )


def holds_beneficiaries(row: Mapping[str, Any]) -> bool:
    """Whether an entity row is a trust, foundation or other arrangement: by its company type
    (``type`` for an "other" node) when ICIJ gives one, else by a name ending in Foundation,
    Trust, Settlement or Stiftung, or beginning with Fundación, Fondation, Stichting, ...
    (the 2016 viz data gives no type: "JULEX FOUNDATION"). "ACME TRUST LIMITED" is a company."""
    kind = text(row.get("company_type")) or text(row.get("type"))
    if kind:
        return bool(_ARRANGEMENT_KIND.search(kind))
    return bool(_ARRANGEMENT_NAME.search(text(row.get("name")) or ""))


def party(row: Mapping[str, Any], *, intermediary: bool) -> PersonDetails | EntityDetails:
    """An officer or intermediary: an entity when its name has a legal form or names a firm, or
    its ``activity`` (2016 client records) names an organisation
    (:func:`loaders.icij_legal.looks_legal`; a bare "SA" or "SAL" ending the name counts for an
    ``intermediary`` only)."""
    name = text(row.get("name")) or ""
    identifiers = _identifiers(row, str(row.get("node_id") or row.get("id")))
    if is_bearer_name(name):
        return PersonDetails(PersonType.UNKNOWN, names=(Name(name),), identifiers=identifiers)
    if looks_legal(name, intermediary=intermediary, activity=text(row.get("activity"))):
        countries = _countries(row)
        return EntityDetails(
            EntityType.LEGAL,
            name=name,
            identifiers=identifiers,
            jurisdiction=countries[0] if len(countries) == 1 else None,
            addresses=_addresses(row, "business"),
        )
    return PersonDetails(
        PersonType.KNOWN,
        names=(Name(name, "legal"),) if name else (),
        identifiers=identifiers,
        addresses=_addresses(row, "service"),
    )


def edge(
    origin: Origin,
    position: int,
    ends: tuple[str, str],
    label: str,
    row: Mapping[str, Any],
    warnings: list[str],
    raw: Mapping[str, Any] | None = None,
    holders: Container[str] = frozenset(),
) -> Statement:
    """An officer/intermediary -> entity edge (``ends``: raw start and end node ids).
    ``holders``: the record ids of the arrangements read (:func:`holds_beneficiaries`)."""
    start = date_field(row, "start_date", warnings) or date_field(row, "date_start", warnings)
    end = date_field(row, "end_date", warnings) or date_field(row, "date_end", warnings)
    party_id, subject_id = node_id(ends[0]), node_id(ends[1])
    interests = icij_roles.interests(label, start, end, arrangement=subject_id in holders)
    if not interests:
        raise RecordError(f"unknown ICIJ role {label!r}", field="rel_type")
    key = digest(icij_roles.normalise(label), start, end, text(row.get("sourceID")))[:16]
    record_id = f"icij-rel:{ends[0]}>{ends[1]}:{key}"
    details = RelationshipDetails(subject_id, party_id, interests)
    return origin.statement(position, record_id, details, raw or dict(row), date=start)
