"""FollowTheMoney edges (as ``followthemoney`` proxies) in the canonical model, and the
property readers and date checks the party mapping (:mod:`loaders.ftm_parties`) shares.

- ``Ownership`` (owner -> asset) -> relationship with a ``shareholding`` interest; the
  ``percentage`` string (``"49"``) is the exact share, ``startDate``/``endDate`` its period.
  Each Ownership entity is its own relationship record, so parallel edges between the same two
  parties (successive states of a register) stay separate and are never summed.
- ``Directorship`` (director -> organization) -> ``boardChair``, ``seniorManagingOfficial`` or
  ``boardMember`` by the words of its role text (English or Russian).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import InterestType
from bo_graph.model.records import Interest, RelationshipDetails
from bo_graph.model.share import Share
from loaders._common import compact, text

CHAIR_WORDS = ("chair", "председател")
OFFICIAL_WORDS = (
    "general director",
    "director general",
    "генеральн",
    "executive",
    "исполнительн",
    "ceo",
    "chief",
    "managing",
    "manager",
    "управляющ",
    "president",
    "президент",
    "head",
    "leader",
    "руководител",
    "official",
    "secretary",
    "officer",
    "ректор",
    "начальник",
)


def first(proxy: Any, prop: str) -> str | None:
    return text(proxy.first(prop, quiet=True))


def values(proxy: Any, prop: str) -> list[str]:
    return [v for v in proxy.get(prop, quiet=True) if text(v)]


def ref(proxy: Any, prop: str) -> str:
    """``ftm:<id>`` of the entity an edge property points at."""
    target = first(proxy, prop)
    if target is None:
        raise RecordError(
            f"{proxy.schema.name}.{prop}: expected an entity id, found none", field=prop
        )
    return f"ftm:{target}"


DATE_PROPERTIES = (
    "birthDate",
    "deathDate",
    "incorporationDate",
    "dissolutionDate",
    "startDate",
    "endDate",
)
"""The date properties the mapping reads."""


def date_warnings(proxy: Any, properties: Any) -> list[str]:
    """What the FtM model's cleaning dropped or shortened of the date properties the mapping
    reads (``2024-13-45`` and ``yesterday`` are left out, ``2020/01/01`` becomes ``2020``), one
    note per value, naming the entity, the property and the value found."""
    notes: list[str] = []
    if not isinstance(properties, Mapping):
        return notes
    for prop in DATE_PROPERTIES:
        found = proxy.schema.get(prop)
        if found is None:
            continue
        for value in _raw_values(properties.get(prop)):
            kept = found.type.clean(value)
            if kept is None or kept[:10] != value[:10]:
                outcome = (
                    f"read as {kept!r}" if kept else "left out, the record is loaded without it"
                )
                notes.append(
                    f"entity {proxy.id!r} ({proxy.schema.name}) {prop}: expected a date "
                    f"(YYYY, YYYY-MM or YYYY-MM-DD), found {value!r}: {outcome}"
                )
    return notes


def _raw_values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [t for t in (text(v) for v in items) if t]


def percentage(value: str | None) -> Share | None:
    """``"49"``, ``"49.5 %"`` or ``"49,5"`` as an exact share; ``None`` when absent."""
    if value is None:
        return None
    cleaned = value.replace("%", "").replace(",", ".").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise RecordError(
            f"percentage: expected a number, found {value!r}", field="percentage"
        ) from None
    return Share.exact(number)


def ownership(proxy: Any) -> RelationshipDetails:
    notes = compact(
        first(proxy, "role"),
        _labelled("shares", first(proxy, "sharesCount")),
        _labelled("share type", first(proxy, "sharesType")),
    )
    interest = Interest(
        InterestType.SHAREHOLDING,
        share=percentage(first(proxy, "percentage")),
        start_date=first(proxy, "startDate"),
        end_date=first(proxy, "endDate"),
        details="; ".join(notes) or None,
    )
    return RelationshipDetails(ref(proxy, "asset"), ref(proxy, "owner"), (interest,))


def directorship(proxy: Any) -> RelationshipDetails:
    role = first(proxy, "role")
    interest = Interest(
        officer_type(role),
        start_date=first(proxy, "startDate"),
        end_date=first(proxy, "endDate"),
        details=role,
    )
    return RelationshipDetails(ref(proxy, "organization"), ref(proxy, "director"), (interest,))


def officer_type(role: str | None) -> InterestType:
    """Board chair, senior managing official or board member, by the role's words."""
    words = (role or "").lower()
    if any(w in words for w in CHAIR_WORDS):
        return InterestType.BOARD_CHAIR
    if "non-executive" in words or "non executive" in words:
        return InterestType.BOARD_MEMBER
    if any(w in words for w in OFFICIAL_WORDS):
        return InterestType.SENIOR_MANAGING_OFFICIAL
    return InterestType.BOARD_MEMBER


def _labelled(label: str, value: str | None) -> str | None:
    return f"{label}: {value}" if value else None
