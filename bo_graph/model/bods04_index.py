"""What a store indexes, read straight from a BODS 0.4 ``recordDetails`` object: names,
identifier keys, relationship ends and interest types. Bulk imports use these instead of building
the typed records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.bods04 import unspecified_from
from bo_graph.model.records import PartyRef, normalise_identifier
from bo_graph.model.share import parse_share

Raw = Mapping[str, Any]


def party_names(details: Raw, person: bool) -> list[str]:
    """Names of a person (``names[].fullName``) or entity (``name``, ``alternateNames``), by the
    record's type (an entity may carry a stray ``names`` member: the schema leaves it untyped)."""
    if person:
        out = []
        names = details.get("names")
        for name in names if isinstance(names, list) else ():
            if isinstance(name, Mapping):
                full = name.get("fullName") or " ".join(
                    str(name[k])
                    for k in ("givenName", "patronymicName", "familyName")
                    if name.get(k)
                )
                if full:
                    out.append(str(full))
        return out
    names = [details.get("name"), *(details.get("alternateNames") or ())]
    return [str(n) for n in names if n]


def identifier_keys(details: Raw) -> set[str]:
    """``SCHEME:ID`` keys (scheme upper-cased, numeric ids without leading zeros)."""
    keys = set()
    for ident in details.get("identifiers") or ():
        if isinstance(ident, Mapping) and ident.get("scheme") and ident.get("id"):
            keys.add(f"{str(ident['scheme']).upper()}:{normalise_identifier(str(ident['id']))}")
    return keys


def party_ref(value: Any) -> PartyRef:
    if isinstance(value, str):
        return value
    found = unspecified_from(value)
    if found is None:
        raise ValueError(f"not a record id or unspecified record: {value!r}")
    return found


def interest_types(details: Raw) -> str:
    """The interest types of a relationship, sorted and space-separated (``untyped`` for none)."""
    types = {
        str(i.get("type") or "untyped")
        for i in details.get("interests") or ()
        if isinstance(i, Mapping)
    }
    return " ".join(sorted(types))


def shareholding_bounds(details: Raw) -> tuple[float | None, float | None]:
    """Lower and upper bound (percent) of the relationship's open shareholding interest — the
    one with no end date and the largest lower bound — for plain Cypher queries; ``None``s when
    there is none or it has no share."""
    best: tuple[float | None, float | None] = (None, None)
    for interest in details.get("interests") or ():
        if not isinstance(interest, Mapping) or interest.get("type") != "shareholding":
            continue
        if interest.get("endDate") or not isinstance(interest.get("share"), Mapping):
            continue
        try:
            share = parse_share(interest["share"])
        except RecordError:
            continue
        if share is not None and (best[0] is None or share.lower > best[0]):
            best = (share.lower, share.upper)
    return best
