"""The ``recordDetails`` of synthetic statements: persons, entities, relationships, interests.

Pure functions of their arguments. Shared constant sub-objects (countries, share bands,
entity types) are reused across statements, so treat statements as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bo_graph.synth.calendar import ISO_DATES
from bo_graph.synth.vocabulary import GB, UNSPECIFIED_TEXT, entity_kind

Json = dict[str, Any]

PSC_THRESHOLD = 25
"""Holders above this share are beneficial owners (UK PSC rule)."""

LIMITED_COMPANY = entity_kind("registeredEntity", "Private limited company")
FOREIGN_COMPANY = entity_kind("registeredEntity", "International business company")
TRUST = entity_kind("arrangement", "Discretionary trust", "trust")
NOMINATION = entity_kind("arrangement", "Nominee shareholder arrangement", "nomination")

_BANDS = (  # (lowest share in the band, share object, nature suffix)
    (75, {"minimum": 75, "maximum": 100}, "75-to-100-percent"),
    (51, {"exclusiveMinimum": 50, "exclusiveMaximum": 75}, "50-to-75-percent"),
    (26, {"exclusiveMinimum": 25, "maximum": 50}, "25-to-50-percent"),
)


def share_band(share: int) -> tuple[Json, str] | None:
    """The UK PSC band holding ``share`` (whole percent), or ``None`` at or below 25%."""
    for lowest, band, nature in _BANDS:
        if share >= lowest:
            return band, nature
    return None


@dataclass(frozen=True, slots=True)
class Holding:
    """Shares (and the same voting rights) held by one party in one subject, whole percent."""

    share: int
    start: int
    """Day the holding started (see ``calendar``)."""
    banded: bool = False
    """Published as a PSC band (above 25%) instead of an exact figure."""
    by_person: bool = True
    director: bool = False
    """The holder also sits on the board (a ``boardMember`` interest in the same record)."""

    def with_share(self, share: int, start: int) -> Holding:
        return replace(self, share=share, start=start, director=False)

    def share_interests(self, end: int | None = None) -> list[Json]:
        band = share_band(self.share) if self.banded else None
        share = band[0] if band else {"exact": self.share}
        owner = self.by_person and self.share > PSC_THRESHOLD
        start = ISO_DATES[self.start]
        shares: Json = {"type": "shareholding", "directOrIndirect": "direct",
                        "beneficialOwnershipOrControl": owner, "share": share,
                        "startDate": start}  # fmt: skip
        votes: Json = {"type": "votingRights", "directOrIndirect": "direct",
                       "beneficialOwnershipOrControl": owner, "share": share,
                       "startDate": start}  # fmt: skip
        if band:
            shares["details"] = "ownership-of-shares-" + band[1]
            votes["details"] = "voting-rights-" + band[1]
        if end is not None:
            shares["endDate"] = votes["endDate"] = ISO_DATES[end]
        return [shares, votes]

    def interests(self, end: int | None = None) -> list[Json]:
        out = self.share_interests(end)
        if self.director:
            out.append(role_interest("boardMember", self.start, "Director", end=end))
        return out


def role_interest(kind: str, start: int, details: str | None = None, *, owner: bool = False,
                  end: int | None = None) -> Json:  # fmt: skip
    """A non-share interest (board seat, trust role, nominee role...) held since ``start``."""
    out: Json = {"type": kind, "directOrIndirect": "direct",
                 "beneficialOwnershipOrControl": owner, "startDate": ISO_DATES[start]}  # fmt: skip
    if details is not None:
        out["details"] = details
    if end is not None:
        out["endDate"] = ISO_DATES[end]
    return out


def ended(interests: list[Json], end: int) -> list[Json]:
    """Copies of ``interests`` that end on day ``end``."""
    return [{**interest, "endDate": ISO_DATES[end]} for interest in interests]


def unknown_interest() -> Json:
    return {"type": "unknownInterest", "directOrIndirect": "unknown"}


def unspecified(reason: str) -> Json:
    return {"reason": reason, "description": UNSPECIFIED_TEXT[reason]}


def relationship(subject: str, party: str | Json, interests: list[Json]) -> Json:
    return {"isComponent": False, "subject": subject, "interestedParty": party,
            "interests": interests}  # fmt: skip


def known_person(given: str, family: str, birth: str, nationality: Json,
                 address: Json | None = None) -> Json:  # fmt: skip
    out: Json = {
        "isComponent": False,
        "personType": "knownPerson",
        "names": [{"type": "legal", "fullName": f"{given} {family}", "givenName": given,
                   "familyName": family}],
        "birthDate": birth,
        "nationalities": [nationality],
    }  # fmt: skip
    if address is not None:
        out["addresses"] = [address]
    return out


def anonymous_person(reason: str) -> Json:
    return {"isComponent": False, "personType": "anonymousPerson",
            "unspecifiedPersonDetails": unspecified(reason)}  # fmt: skip


def political_exposure(role: str, jurisdiction: Json, start: int) -> Json:
    return {"status": "isPep", "details": [
        {"reason": role, "jurisdiction": jurisdiction, "startDate": ISO_DATES[start]}]}  # fmt: skip


def address(kind: str, text: str, post_code: str | None, where: Json) -> Json:
    out: Json = {"type": kind, "address": text, "country": where}
    if post_code is not None:
        out["postCode"] = post_code
    return out


def domestic_company(name: str, number: str, founded: int, registered: Json) -> Json:
    return {
        "isComponent": False,
        "entityType": LIMITED_COMPANY,
        "name": name,
        "jurisdiction": GB,
        "identifiers": [{"scheme": "GB-COH", "id": number}],
        "foundingDate": ISO_DATES[founded],
        "addresses": [registered],
    }


def foreign_company(name: str, jurisdiction: Json, scheme_name: str, number: str, founded: int,
                    registered: Json) -> Json:  # fmt: skip
    return {
        "isComponent": False,
        "entityType": FOREIGN_COMPANY,
        "name": name,
        "jurisdiction": jurisdiction,
        "identifiers": [{"schemeName": scheme_name, "id": number}],
        "foundingDate": ISO_DATES[founded],
        "addresses": [registered],
    }


def arrangement(kind: Json, name: str, jurisdiction: Json, founded: int) -> Json:
    return {"isComponent": False, "entityType": kind, "name": name,
            "jurisdiction": jurisdiction, "foundingDate": ISO_DATES[founded]}  # fmt: skip
