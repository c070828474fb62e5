"""GLEIF REST API v1 responses (JSON:API) as plain GLEIF records.

A response is ``{"meta": ..., "links": ..., "data": <resource or list>}`` with resources of type
``lei-records``, ``relationship-records`` or ``reporting-exceptions``. Their camelCase
attributes are renamed to the element names of the XML formats so that
:mod:`loaders.gleif_records` translates every layout the same way.

Lists are paginated (``meta.pagination``): a loader never fetches, so a response that is one
page of several is loaded as it is and a warning names the next page's URL to import too.

A response to ``/lei-records/<LEI>/direct-parent`` (``ultimate-parent``, ``direct-children``,
``ultimate-children``) gives LEI records only, but it says more: each record it gives is the
consolidation parent (or a child) of ``<LEI>``. :func:`lookup` finds ``<LEI>`` in the
response's own top-level links (``self``, ``first``, ``prev``, ``next``, ``last``: a children
page carries them; a parent lookup as the API returns it carries none, and then nothing is
implied), never in the file's name; :meth:`Lookup.implied` is the relationship record so
implied, in the plain shape, for :mod:`loaders.gleif_records` to translate as any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from loaders._common import text

Plain = dict[str, Any]
RESOURCE_TYPES = frozenset({"lei-records", "relationship-records", "reporting-exceptions"})
LOOKUPS = {
    # lookup -> (relationship type, whether the LEI asked about is the child)
    "direct-parent": ("IS_DIRECTLY_CONSOLIDATED_BY", True),
    "ultimate-parent": ("IS_ULTIMATELY_CONSOLIDATED_BY", True),
    "direct-children": ("IS_DIRECTLY_CONSOLIDATED_BY", False),
    "ultimate-children": ("IS_ULTIMATELY_CONSOLIDATED_BY", False),
}
_LOOKUP_PATH = re.compile(r"/lei-records/([0-9A-Za-z]{20})/(" + "|".join(LOOKUPS) + r")/?$")
PAGE_LINKS = ("self", "first", "prev", "next", "last")


def is_resource(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and value.get("type") in RESOURCE_TYPES
        and isinstance(value.get("attributes"), Mapping)
    )


def resources(document: Mapping[str, Any]) -> Iterator[tuple[int, Any]]:
    """``(position, resource)`` for each resource of a response (1-based)."""
    data = document.get("data")
    items = data if isinstance(data, list) else [data] if data is not None else []
    yield from enumerate(items, 1)


def publish_date(document: Mapping[str, Any]) -> str | None:
    meta = document.get("meta")
    golden = meta.get("goldenCopy") if isinstance(meta, Mapping) else None
    return text(golden.get("publishDate")) if isinstance(golden, Mapping) else None


@dataclass(frozen=True)
class Lookup:
    """What a response is a lookup of: ``name`` (``direct-children``, ...) of ``lei``."""

    lei: str
    name: str

    def __str__(self) -> str:
        return f"{self.name} of {self.lei}"

    def implied(self, record: Mapping[str, Any]) -> Plain:
        """The relationship record (plain shape) that the LEI record ``record`` of this
        lookup's response implies: child -> parent, with no periods, status or dates, which
        only the relationship record itself has."""
        kind, asked_is_child = LOOKUPS[self.name]
        given = record.get("LEI")
        child, parent = (self.lei, given) if asked_is_child else (given, self.lei)
        return {
            "Relationship": {
                "StartNode": {"NodeID": child, "NodeIDType": "LEI"},
                "EndNode": {"NodeID": parent, "NodeIDType": "LEI"},
                "RelationshipType": kind,
            }
        }


def lookup(document: Mapping[str, Any]) -> Lookup | None:
    """The lookup a response answers, as its top-level links name it; ``None`` when it has no
    such links, or when one of them names anything else (another lookup, another LEI, a
    search)."""
    links = document.get("links")
    if not isinstance(links, Mapping):
        return None
    found: set[tuple[str, str]] = set()
    for key in PAGE_LINKS:
        url = links.get(key)
        if url is None:
            continue
        match = _LOOKUP_PATH.search(_path(url)) if isinstance(url, str) else None
        if match is None:
            return None
        found.add((match[1].upper(), match[2]))
    if len(found) != 1:
        return None
    ((lei, name),) = found
    return Lookup(lei, name)


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:  # e.g. an unclosed [ in the host
        return ""


def pagination_warning(document: Mapping[str, Any]) -> str | None:
    """A warning when the response is one page of several (the loader does not fetch)."""
    meta = document.get("meta")
    page = meta.get("pagination") if isinstance(meta, Mapping) else None
    if not isinstance(page, Mapping):
        return None
    current, last = page.get("currentPage") or 1, page.get("lastPage") or 1
    if not isinstance(current, int) or not isinstance(last, int) or current >= last:
        return None
    links = document.get("links")
    following = links.get("next") if isinstance(links, Mapping) else None
    return (
        f"page {current} of {last} ({page.get('to')} of {page.get('total')} records): the other "
        f"pages are not in this file; fetch and import them too (next: {following})"
    )


def plain(resource: Mapping[str, Any]) -> Plain:
    """One API resource in the plain XML-element shape."""
    attributes = resource["attributes"]
    kind = resource["type"]
    if kind == "lei-records":
        return _lei(attributes)
    if kind == "relationship-records":
        return _relationship(attributes)
    return {
        "LEI": attributes.get("lei"),
        "ExceptionCategory": attributes.get("category"),
        "ExceptionReason": attributes.get("reason"),
        "ExceptionReference": attributes.get("reference"),
        "ContentDate": attributes.get("validFrom"),
    }


def _lei(a: Mapping[str, Any]) -> Plain:
    entity = a.get("entity") or {}
    registration = a.get("registration") or {}
    registered_at = entity.get("registeredAt") or {}
    legal_form = entity.get("legalForm") or {}
    return {
        "LEI": a.get("lei"),
        "Entity": {
            "LegalName": (entity.get("legalName") or {}).get("name"),
            "OtherEntityNames": [n.get("name") for n in entity.get("otherNames") or []],
            "TransliteratedOtherEntityNames": [
                n.get("name") for n in entity.get("transliteratedOtherNames") or []
            ],
            "LegalAddress": _address(entity.get("legalAddress")),
            "HeadquartersAddress": _address(entity.get("headquartersAddress")),
            "RegistrationAuthority": {
                "RegistrationAuthorityID": registered_at.get("id"),
                "RegistrationAuthorityEntityID": entity.get("registeredAs"),
            },
            "LegalJurisdiction": entity.get("jurisdiction"),
            "EntityCategory": entity.get("category"),
            "LegalForm": {
                "EntityLegalFormCode": legal_form.get("id"),
                "OtherLegalForm": legal_form.get("other"),
            },
            "EntityStatus": entity.get("status"),
            "EntityCreationDate": entity.get("creationDate"),
        },
        "Registration": {
            "LastUpdateDate": registration.get("lastUpdateDate"),
            "RegistrationStatus": registration.get("status"),
        },
    }


def _address(a: Any) -> Plain | None:
    if not isinstance(a, Mapping):
        return None
    return {
        "MailRouting": a.get("mailRouting"),
        "AdditionalAddressLine": a.get("addressLines") or [],
        "City": a.get("city"),
        "Region": a.get("region"),
        "Country": a.get("country"),
        "PostalCode": a.get("postalCode"),
    }


def _relationship(a: Mapping[str, Any]) -> Plain:
    body = a.get("relationship") or {}
    registration = a.get("registration") or {}
    periods = [
        {"StartDate": p.get("startDate"), "EndDate": p.get("endDate"), "PeriodType": p.get("type")}
        for p in body.get("periods") or []
        if isinstance(p, Mapping)
    ]
    return {
        "Relationship": {
            "StartNode": _node(body.get("startNode")),
            "EndNode": _node(body.get("endNode")),
            "RelationshipType": body.get("type"),
            "RelationshipPeriods": periods,
            "RelationshipStatus": body.get("status"),
        },
        "Registration": {
            "LastUpdateDate": registration.get("lastUpdateDate"),
            "RegistrationStatus": registration.get("status"),
        },
    }


def _node(node: Any) -> Plain:
    node = node if isinstance(node, Mapping) else {}
    return {"NodeID": node.get("id"), "NodeIDType": node.get("type")}
