"""The canonical, provenance-carrying records: BODS 0.4 person, entity and relationship.

Loaders produce :class:`Statement` objects; stores persist them unchanged and never rewrite them.
Fields holding personal data carry ``metadata={"sensitive": ...}``, which says what a public tier
still shows of them (:mod:`bo_graph.model.privacy`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any

from bo_graph.model.codes import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    InterestType,
    PersonType,
    RecordStatus,
    UnspecifiedReason,
)
from bo_graph.model.share import Share

SENSITIVE: Mapping[str, Any] = {"sensitive": True}
"""Withheld from the public."""
MONTH_ONLY: Mapping[str, Any] = {"sensitive": "month"}
"""The public sees the year and month."""
COUNTRY_ONLY: Mapping[str, Any] = {"sensitive": "country"}
"""The public sees each address's type and country."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one statement came from: enough to find the original record again."""

    source: str
    """The register or publisher, e.g. ``"GB Persons of Significant Control Register"``."""
    file: str
    position: int
    """1-based line (JSON Lines, CSV) or item number (JSON array) in ``file``."""
    statement_id: str
    statement_date: str | None
    publication_date: str | None
    retrieved_at: str | None
    record_status: RecordStatus
    source_format: str
    """The format and version that was read, e.g. ``"bods-0.4"`` or ``"bods-0.2"``."""

    def __reduce__(self) -> tuple[type[Provenance], tuple[Any, ...]]:
        """Pickled as its field values (faster than the default for slotted dataclasses)."""
        return (Provenance, _PROVENANCE_VALUES(self))

    def cite(self) -> str:
        """A one-line citation: ``file:line (statement id, dated D)``, or ``file, item N (…)``
        for a JSON document (:func:`located`)."""
        dated = f", dated {self.statement_date}" if self.statement_date else ""
        return f"{located(self.file, self.position)} (statement {self.statement_id}{dated})"


_PROVENANCE_VALUES = attrgetter(*(f.name for f in fields(Provenance)))


def located(file: str, position: int | None) -> str:
    """Where in ``file`` a record is: ``file:N`` for a line (JSON Lines, CSV, XML), ``file,
    item N`` for the Nth record of a ``.json`` file (a JSON array's item, or an item of the
    document's list, as GLEIF's ``data``), where a line number would point elsewhere. A ``.json``
    file of JSON Lines (FollowTheMoney) also reads ``item N``: its Nth record, on line N."""
    if position is None:
        return file
    member = file.rsplit("!", 1)[-1].lower().removesuffix(".gz")
    return f"{file}, item {position}" if member.endswith(".json") else f"{file}:{position}"


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier of a party in some scheme (``GB-COH``, ``XI-LEI``, ``GBR-PASSPORT`` ...)."""

    id: str
    scheme: str | None = None
    scheme_name: str | None = None
    uri: str | None = None

    @property
    def key(self) -> str | None:
        """``SCHEME:ID`` with the id normalised, or ``None`` without a scheme."""
        if not self.scheme:
            return None
        return f"{self.scheme.upper()}:{normalise_identifier(self.id)}"


def normalise_identifier(value: str) -> str:
    """Identifier as compared across registers: trimmed, upper-case, leading zeros of a
    purely numeric registration number dropped (``06436883`` == ``6436883``)."""
    text = "".join(value.split()).upper()
    if text.isdigit():
        return text.lstrip("0") or "0"
    return text


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    name: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    address: str | None = None
    type: str | None = None
    postcode: str | None = None
    country: Jurisdiction | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """A name as BODS gives it: ``fullName`` always, and for a person the parts a register
    records separately (kept so a request or a match can use the family name as filed)."""

    full_name: str
    type: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    patronymic_name: str | None = None


@dataclass(frozen=True, slots=True)
class PepDetail:
    reason: str | None = None
    missing_info_reason: str | None = None
    jurisdiction: Jurisdiction | None = None
    start_date: str | None = None
    end_date: str | None = None


@dataclass(frozen=True, slots=True)
class PoliticalExposure:
    status: str
    """``isPep``, ``isNotPep`` or ``unknown``."""
    details: tuple[PepDetail, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicListing:
    has_public_listing: bool
    markets: tuple[str, ...] = ()
    """Market identifier codes (MIC) or exchange names of the listings."""


@dataclass(frozen=True, slots=True)
class Unspecified:
    """A party that is not specified, with the BODS reason why."""

    reason: UnspecifiedReason
    description: str | None = None


@dataclass(frozen=True, slots=True)
class PersonDetails:
    person_type: PersonType
    names: tuple[Name, ...] = ()
    identifiers: tuple[Identifier, ...] = field(default=(), metadata=SENSITIVE)
    nationalities: tuple[Jurisdiction, ...] = ()
    birth_date: str | None = field(default=None, metadata=MONTH_ONLY)
    death_date: str | None = None
    addresses: tuple[Address, ...] = field(default=(), metadata=COUNTRY_ONLY)
    place_of_birth: Address | None = field(default=None, metadata=COUNTRY_ONLY)
    tax_residencies: tuple[Jurisdiction, ...] = field(default=(), metadata=SENSITIVE)
    political_exposure: PoliticalExposure | None = None
    unspecified: Unspecified | None = None
    is_component: bool = False

    @property
    def name(self) -> str:
        for candidate in self.names:
            if candidate.type in (None, "individual", "legal"):
                return candidate.full_name
        return self.names[0].full_name if self.names else ""


@dataclass(frozen=True, slots=True)
class EntityDetails:
    entity_type: EntityType
    subtype: EntitySubtype | None = None
    name: str = ""
    alternate_names: tuple[str, ...] = ()
    jurisdiction: Jurisdiction | None = None
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    founding_date: str | None = None
    dissolution_date: str | None = None
    uri: str | None = None
    public_listing: PublicListing | None = None
    unspecified: Unspecified | None = None
    is_component: bool = False


@dataclass(frozen=True, slots=True)
class Interest:
    type: InterestType | None
    """``None`` when the source does not say what kind of interest it is."""
    direct_or_indirect: DirectOrIndirect = DirectOrIndirect.UNKNOWN
    beneficial_ownership_or_control: bool | None = None
    share: Share | None = None
    start_date: str | None = None
    end_date: str | None = None
    details: str | None = None

    def in_effect(self, on: str | None) -> bool:
        """True when the interest holds on date ``on`` (ISO ``YYYY-MM-DD``; ``None``: today).

        Partial dates compare as text, so ``2021`` counts as the start of 2021."""
        if on is None:
            on = date.today().isoformat()
        if self.start_date is not None and self.start_date > on:
            return False
        return self.end_date is None or self.end_date > on


PartyRef = str | Unspecified
"""A relationship end: the record id of a party, or an unspecified party with its reason."""


@dataclass(frozen=True, slots=True)
class RelationshipDetails:
    subject: PartyRef
    interested_party: PartyRef
    interests: tuple[Interest, ...] = ()
    is_component: bool = False
    component_records: tuple[str, ...] = ()


Details = PersonDetails | EntityDetails | RelationshipDetails
