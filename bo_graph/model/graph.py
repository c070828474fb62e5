"""What the store's read side returns: nodes, edges and subgraphs, each with its provenance.

A :class:`Node` is a person, an entity, or an unspecified party (an owner a register says exists
but does not name). An :class:`Edge` is one relationship record, interested party -> subject,
with all its interests; parallel edges between the same two nodes stay separate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bo_graph.exc import ConfigError
from bo_graph.model.codes import EntitySubtype, EntityType, InterestType, humanise
from bo_graph.model.records import (
    EntityDetails,
    Identifier,
    Interest,
    PersonDetails,
    Provenance,
    Unspecified,
)

UNSPECIFIED_PREFIX = "unspecified:"


class NodeKind(StrEnum):
    PERSON = "person"
    ENTITY = "entity"
    UNSPECIFIED = "unspecified"


NodeDetails = PersonDetails | EntityDetails | Unspecified


def node_id(namespace: str, record_id: str) -> str:
    """The internal id of a source record: stable across re-imports and backends."""
    return f"{namespace}:{record_id}"


def unspecified_node_id(relationship_id: str, role: str) -> str:
    """The id of the unspecified party at one end (``role``) of a relationship."""
    return f"{UNSPECIFIED_PREFIX}{relationship_id}/{role}"


def owning_record(uid: str) -> str:
    """The record whose statements describe ``uid``: itself, or for an unspecified party the
    relationship that names it."""
    if uid.startswith(UNSPECIFIED_PREFIX):
        return uid[len(UNSPECIFIED_PREFIX) :].rsplit("/", 1)[0]
    return uid


@dataclass(frozen=True, slots=True)
class When:
    """A point in bitemporal time.

    ``as_of``: interests in effect on that date (start/end dates), with everything known now.
    ``known_at``: only statements dated on or before that date (what the registers said then);
    given alone it also sets ``as_of``. Both ``None``: the current state.
    """

    as_of: str | None = None
    known_at: str | None = None

    def __post_init__(self) -> None:
        for option, value in (("as_of", self.as_of), ("known_at", self.known_at)):
            if value is not None and not is_calendar_date(value):
                raise ConfigError(
                    f"{option}: expected a calendar date YYYY-MM-DD (or YYYY-MM, YYYY), "
                    f"found {value!r}"
                )

    @property
    def effective_date(self) -> str | None:
        return self.as_of if self.as_of is not None else self.known_at

    @property
    def is_current(self) -> bool:
        return self.as_of is None and self.known_at is None

    def text(self) -> str:
        """``in effect on 2022-06-30, as known on 2023-01-01``, or ``current state``: how every
        report names the date it answers for."""
        parts = []
        if self.as_of:
            parts.append(f"in effect on {self.as_of}")
        if self.known_at:
            parts.append(f"as known on {self.known_at}")
        return ", ".join(parts) or "current state"


CURRENT = When()


def is_calendar_date(text: str) -> bool:
    """A day (``YYYY-MM-DD``) that exists, or a month (``YYYY-MM``) or year (``YYYY``), as BODS
    dates may be partial; they compare as text, so ``2021`` is the start of 2021."""
    if len(text) == 4:
        return text.isdigit() and text != "0000"  # no year 0, as no month 0000-01
    if len(text) == 7:
        return is_calendar_day(text + "-01")
    return is_calendar_day(text)


def is_calendar_day(text: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (not ``2025-13-01`` or ``2019-02-30``)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _unnamed(kind: str, identifiers: tuple[Identifier, ...]) -> str:
    """An unnamed entity by its first identifier (a UK PSC line names its company by number
    only): ``(registered entity GB-COH 02443921)``; ``(registered entity)`` without one."""
    for ident in identifiers:
        scheme = ident.scheme or ident.scheme_name
        if ident.id:
            return f"({kind} {scheme} {ident.id})" if scheme else f"({kind} {ident.id})"
    return f"({kind})"


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    record_id: str
    kind: NodeKind
    details: NodeDetails
    provenance: Provenance | None
    closed: bool = False

    @property
    def name(self) -> str:
        """The name every view shows, on one line: a register's name over several lines (a
        CSV cell, a JSON string with a line break) is joined with spaces, so a name can
        neither break nor forge the lines of an answer. The statement keeps it as written."""
        details = self.details
        if isinstance(details, Unspecified):
            name = details.description or f"Unspecified ({humanise(details.reason.value)})"
        elif isinstance(details, PersonDetails):
            name = details.name or f"({humanise(details.person_type.value)})"
        else:
            name = details.name or _unnamed(
                humanise(details.entity_type.value), details.identifiers
            )
        return " ".join(name.splitlines())

    @property
    def subkind(self) -> str:
        """``knownPerson``, ``registeredEntity``, ``arrangement/trust``, ``noBeneficialOwners``"""
        details = self.details
        if isinstance(details, Unspecified):
            return details.reason.value
        if isinstance(details, PersonDetails):
            return details.person_type.value
        sub = f"/{details.subtype.value}" if details.subtype else ""
        return details.entity_type.value + sub

    @property
    def jurisdiction(self) -> str | None:
        details = self.details
        if isinstance(details, EntityDetails) and details.jurisdiction:
            return details.jurisdiction.code or details.jurisdiction.name
        return None

    @property
    def is_natural_person(self) -> bool:
        return self.kind is NodeKind.PERSON

    @property
    def is_trust(self) -> bool:
        d = self.details
        return isinstance(d, EntityDetails) and d.subtype is EntitySubtype.TRUST

    @property
    def is_nomination(self) -> bool:
        d = self.details
        return isinstance(d, EntityDetails) and d.subtype is EntitySubtype.NOMINATION

    @property
    def is_arrangement(self) -> bool:
        d = self.details
        return isinstance(d, EntityDetails) and d.entity_type is EntityType.ARRANGEMENT


@dataclass(frozen=True, slots=True)
class Edge:
    """One relationship record: ``interested_party`` holds ``interests`` in ``subject``."""

    id: str
    record_id: str
    subject: str
    interested_party: str
    interests: tuple[Interest, ...]
    provenance: Provenance | None
    is_component: bool = False
    component_records: tuple[str, ...] = ()
    closed: bool = False

    def interests_in_effect(self, when: When) -> tuple[Interest, ...]:
        on = when.effective_date or date.today().isoformat()  # once, not per interest
        return tuple(i for i in self.interests if i.in_effect(on))

    def has_type(self, types: frozenset[InterestType]) -> bool:
        return any(i.type in types for i in self.interests)


@dataclass(slots=True)
class Subgraph:
    """A bounded part of the graph around one or more roots.

    ``truncated`` maps a node id to the number of its neighbours that were not expanded
    (depth or size limit reached); truncation is never silent.
    """

    roots: tuple[str, ...]
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    truncated: dict[str, int] = field(default_factory=dict)
    depth_reached: int = 0
