"""Checks on one BODS 0.4 statement alone, for :mod:`loaders.bods_checks`, and on one
relationship party once its record type is known (:func:`party_problems`).

Each check appends :class:`Problem` items named by the lib-cove-bods check type to a list; the
code lists are in :mod:`loaders.bods_checks_data`.

The checks run once per statement of every import, so the common valid statement takes fast
paths that decide without parsing, and report exactly what the full checks would:

- a date is parsed (:func:`parse_date`) only when its text may be out of range: a ``str`` that
  sorts at or before :attr:`Today.iso` is never after ``today`` by :func:`parse_date`, whatever
  its form (ASCII digits compare like their values, other Unicode digits sort after them, and
  where the text is a prefix of ``today`` it reads as a date not after ``today``); an ASCII
  birthDate from :attr:`Today.born_after` on is not too far in the past;
- an optional member costs one lookup when absent (annotations, identifiers, endDate, ...);
- a share of ``exact`` alone, or of one lower and one upper bound in order, has nothing to
  check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from bo_graph.exc import RecordError
from bo_graph.model.share import parse_share
from loaders.bods_checks_data import (
    ISO_3166_ALPHA3,
    ORG_ID_PREFIXES,
    OTHER_COUNTRY_CODES,
    PERSON_ID_DOCUMENTS,
)

EARLIEST = date(1800, 1, 1)
LIFESPAN_DAYS = 43830  # 120 years, as lib-cove-bods
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_SHARE = "statement_relationship_interests"
_ID_SCHEME = "expected an identifier scheme <ISO 3166-1 alpha-3>-<PASSPORT|TAXID|IDCARD>"
EMPTY: Mapping[str, Any] = {}  # never changed
PARTIES = ("entity", "person")
Flags = tuple[bool, bool, bool]  # some interest: beneficialOwnershipOrControl; nominee; trust


class Problem(NamedTuple):
    code: str
    message: str
    reject: bool = False


class Today(NamedTuple):
    """``today`` and what the fast paths compare with, as text."""

    day: date
    iso: str  # day.isoformat()
    living: date  # the earliest birthDate without a deathDate: 120 years back, not before 1800
    born_after: str  # the year after living's: an ASCII birthDate from it on is recent enough

    @classmethod
    def of(cls, day: date) -> Today:
        living = max(EARLIEST, day - timedelta(days=LIFESPAN_DAYS))
        return cls(day, day.isoformat(), living, f"{living.year + 1:04d}")


def parse_date(value: Any) -> date | None:
    """The date of a BODS ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or date-time value, or None."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def mapping(value: Any) -> Mapping[str, Any]:
    return value if value.__class__ is dict or isinstance(value, Mapping) else EMPTY


def mappings(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    if not isinstance(value, list):
        return []
    return [v for v in value if v.__class__ is dict or isinstance(v, Mapping)]


def statement_problems(
    raw: Mapping[str, Any], details: Mapping[str, Any], kind: Any, today: Today
) -> list[Problem]:
    """What is wrong with ``raw`` (its ``recordDetails`` mapping: ``details``) on its own."""
    out: list[Problem] = []
    iso = today.iso
    source = raw.get("source")
    if source is not None:
        if source.__class__ is not dict:
            source = mapping(source)
        value = source.get("retrievedAt")
        if value is not None and (value.__class__ is not str or value > iso):
            code = "statement_source_retrieved_at_future_date"
            _future(out, code, "source.retrievedAt", value, today.day)
    value = raw.get("statementDate")
    if value is not None and (value.__class__ is not str or value > iso):
        _future(out, "statement_date_is_future_date", "statementDate", value, today.day)
    published = raw.get("publicationDetails")
    if published is not None:
        if published.__class__ is not dict:
            published = mapping(published)
        value = published.get("publicationDate")
        if value is not None and (value.__class__ is not str or value > iso):
            code = "statement_publication_date_is_future_date"
            _future(out, code, "publicationDate", value, today.day)
    if raw.get("annotations") is not None:
        _annotations(raw, today.day, out)
    if kind == "person":
        _person(details, today, out)
    elif kind == "entity":
        _entity(details, out)
    elif kind == "relationship":
        _interests(details, out)
    return out


def _future(out: list[Problem], code: str, field: str, value: Any, today: date) -> None:
    when = parse_date(value)
    if when is not None and when > today:
        out.append(Problem(code, f"expected {field} not after {today}, found {value!r}"))


def _annotations(raw: Mapping[str, Any], today: date, out: list[Problem]) -> None:
    for note in mappings(raw, "annotations"):
        code = "statement_annotation_creation_date_is_future_date"
        _future(out, code, "annotation creationDate", note.get("creationDate"), today)
        pointer = note.get("statementPointerTarget", "")
        if not _resolves(raw, pointer):
            message = f"expected a statementPointerTarget into the statement, found {pointer!r}"
            out.append(Problem("annotation_statement_pointer_target_invalid", message))


def _resolves(doc: Any, pointer: Any) -> bool:
    """True if the JSON pointer (RFC 6901) ``pointer`` points at something inside ``doc``."""
    if pointer == "":
        return True
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        return False
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, Mapping) and token in doc:
            doc = doc[token]
        elif isinstance(doc, list) and token.isdigit() and str(int(token)) == token:
            if int(token) >= len(doc):
                return False
            doc = doc[int(token)]
        else:
            return False
    return True


def _person(details: Mapping[str, Any], today: Today, out: list[Problem]) -> None:
    born, died = details.get("birthDate"), details.get("deathDate")
    if died is not None or (
        born is not None
        and not (born.__class__ is str and born.isascii() and today.born_after <= born <= today.iso)
    ):
        _life(born, died, today.day, out)
    if details.get("identifiers") is not None:
        schemes = [i["scheme"] for i in mappings(details, "identifiers") if "scheme" in i]
        for scheme in schemes:
            _person_scheme(scheme, out)


def _life(born: Any, died: Any, today: date, out: list[Problem]) -> None:
    birth, death = parse_date(born), parse_date(died)
    oldest = EARLIEST if death else max(EARLIEST, today - timedelta(days=LIFESPAN_DAYS))
    if birth is not None and birth > today:
        out.append(
            Problem(
                "statement_person_birth_date_in_future",
                f"expected a birthDate not after {today}, found {born!r}",
            )
        )
    elif birth is not None and birth < oldest:
        out.append(
            Problem(
                "statement_person_birth_date_too_far_in_past",
                f"expected a birthDate from {oldest}, found {born!r}",
            )
        )
    if death is not None and (
        not EARLIEST <= death <= today
        or (birth is not None and not 0 <= (death - birth).days <= LIFESPAN_DAYS)
    ):
        message = (
            f"expected a deathDate from {EARLIEST} to {today}, within 120 years after the "
            f"birthDate, found {died!r} (birthDate {born!r})"
        )
        out.append(Problem("statement_person_death_date_not_sensible_value", message))


def _person_scheme(scheme: Any, out: list[Problem]) -> None:
    parts = scheme.split("-") if isinstance(scheme, str) else []
    if len(parts) != 2 or not all(parts):
        message = f"{_ID_SCHEME}, found {scheme!r}"
        out.append(Problem("person_identifiers_invalid_composition", message))
        return
    country, document = parts
    if country not in ISO_3166_ALPHA3 and country not in OTHER_COUNTRY_CODES:
        message = f"{_ID_SCHEME}, found {scheme!r} (unknown country code {country!r})"
        out.append(Problem("person_identifiers_no_valid_iso_3166_1_alpha_3_code", message))
    elif document not in PERSON_ID_DOCUMENTS:
        message = f"{_ID_SCHEME}, found {scheme!r} (unknown document type {document!r})"
        out.append(Problem("person_identifiers_not_passport_taxid_idcard", message))


def _entity(details: Mapping[str, Any], out: list[Problem]) -> None:
    dissolved = details.get("dissolutionDate")
    if dissolved is not None:
        founded = details.get("foundingDate")
        start, end = parse_date(founded), parse_date(dissolved)
        if start is not None and end is not None and start > end:
            message = (
                f"expected a dissolutionDate on or after foundingDate {founded!r}, "
                f"found {dissolved!r}"
            )
            out.append(Problem("statement_entity_dissolution_before_founding_date", message))
    listing = details.get("publicListing")
    if listing is not None:
        listing = mapping(listing)
        if listing.get("securitiesListings") and listing.get("hasPublicListing") is False:
            message = "expected hasPublicListing true as securitiesListings are given, found false"
            code = "statement_entity_securities_listings_haspubliclisting_is_false"
            out.append(Problem(code, message))
    identifiers = details.get("identifiers")
    if identifiers.__class__ is list or isinstance(identifiers, list):
        for ident in identifiers:
            if (
                (ident.__class__ is dict or isinstance(ident, Mapping))
                and "scheme" in ident
                and ident["scheme"] not in ORG_ID_PREFIXES
            ):
                message = (
                    f"expected an org-id.guide list code (such as GB-COH or XI-LEI) as "
                    f"identifier scheme, found {ident['scheme']!r}"
                )
                out.append(Problem("entity_identifiers_not_known_scheme", message))


def _interests(details: Mapping[str, Any], out: list[Problem]) -> None:
    interests = details.get("interests")
    if not (interests.__class__ is list or isinstance(interests, list)):
        return
    for interest in interests:
        if not (interest.__class__ is dict or isinstance(interest, Mapping)):
            continue
        end = interest.get("endDate")
        if end is not None:
            start = interest.get("startDate")
            first, last = parse_date(start), parse_date(end)
            if first is not None and last is not None and first > last:
                message = f"expected an interest startDate <= endDate, found {start!r} > {end!r}"
                out.append(Problem(f"{_SHARE}_start_after_end_date", message, reject=True))
        share = interest.get("share")
        if share is None or (share.__class__ is dict and _plain(share)):
            continue
        if share.__class__ is dict or isinstance(share, Mapping):
            problems = _share(share)
            if problems:
                unreadable = _unreadable(share)
                for code, expected in problems:
                    message = f"expected {expected}, found share {dict(share)}"
                    out.append(Problem(f"{_SHARE}_{code}", message, unreadable))


def _plain(share: dict[str, Any]) -> bool:
    """True for a share with nothing to check: ``exact`` alone, or one lower and one upper bound,
    numbers whose floats are in increasing order."""
    if len(share) == 1:
        return "exact" in share
    if len(share) != 2:
        return False
    low = share.get("minimum")
    if low is None:
        low = share.get("exclusiveMinimum")
    high = share.get("maximum")
    if high is None:
        high = share.get("exclusiveMaximum")
    return (
        (low.__class__ is int or low.__class__ is float)
        and (high.__class__ is int or high.__class__ is float)
        and float(low) < float(high)
    )


def _share(share: Mapping[str, Any]) -> list[tuple[str, str]]:
    found = []
    has_min, has_xmin = "minimum" in share, "exclusiveMinimum" in share
    has_max, has_xmax = "maximum" in share, "exclusiveMaximum" in share
    if has_min and has_xmin:
        found.append(("share_min_and_exclusivemin", "either minimum or exclusiveMinimum"))
    elif has_max and has_xmax:
        found.append(("share_max_and_exclusivemax", "either maximum or exclusiveMaximum"))
    if share.get("exact") not in (None, False) and (has_min or has_xmin or has_max or has_xmax):
        return [*found, ("exact_has_min_max", "exact without minimum or maximum")]
    low = _bound(share, "minimum", "exclusiveMinimum")
    high = _bound(share, "maximum", "exclusiveMaximum")
    if low is not None and high is not None and high < low:
        found.append(("not_exact_max_greater_than_min", "the lower bound <= the upper bound"))
    elif low is not None and low == high:
        found.append(("exact_max_equals_min", "exact rather than equal bounds"))
    return found


def _bound(share: Mapping[str, Any], key: str, other: str) -> float | None:
    """The first of ``share[key]``, ``share[other]`` that is a number, as a float."""
    value = share.get(key)
    if _number(value):
        return float(share[key])
    value = share.get(other)
    return float(share[other]) if _number(value) else None


def _number(value: Any) -> bool:
    if value.__class__ is int or value.__class__ is float:
        return True
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _unreadable(share: Mapping[str, Any]) -> bool:
    """True if the loader cannot read the share (and so refuses the record anyway)."""
    try:
        parse_share(share)
    except RecordError:
        return True
    return False


def party_problems(
    role: str, ref: str, record: tuple[Any, ...], flags: Flags, live: bool, out: list[Problem]
) -> None:
    """What is wrong with the ``role`` party ``ref`` of a relationship whose interests have
    ``flags``, given the party's record (type, position, entity type, subtype, ...): refusing
    ones while ``live``, when the relationship comes after the party."""
    kind, entity_type, subtype = record[0], record[2], record[3]
    if role == "interestedParty":
        if kind not in PARTIES:
            message = (
                f"expected the interested party to be an entity or person record, "
                f"found {ref!r}, a {kind} record"
            )
            code = "interested_party_can_only_refer_to_entity_or_person"
            out.append(Problem(code, message, live))
        elif flags[0] and kind != "person":
            message = (
                f"expected a person as interested party of a beneficial ownership or "
                f"control interest, found {ref!r}, a {kind} record"
            )
            code = "interest_beneficial_ownership_interested_party_not_person"
            out.append(Problem(code, message))
        return
    if kind != "entity":
        message = f"expected the subject to be an entity record, found {ref!r}, a {kind} record"
        out.append(Problem("subject_can_only_refer_to_entity", message, live))
    if flags[1] and (kind, entity_type, subtype) != ("entity", "arrangement", "nomination"):
        message = (
            f"expected a nominee/nominator interest's subject to be an arrangement of "
            f"subtype nomination, found {ref!r}, a {kind} record ({entity_type}/{subtype})"
        )
        code = "relationship_interests_subject_should_be_entity_nomination_arrangement"
        out.append(Problem(code, message))
    if flags[2] and (kind, subtype) != ("entity", "trust"):
        message = (
            f"expected a settlor/trustee/protector interest's subject to be an entity of "
            f"subtype trust, found {ref!r}, a {kind} record ({entity_type}/{subtype})"
        )
        out.append(Problem("relationship_interests_subject_should_be_entity_trust", message))
