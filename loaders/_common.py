"""Shared building blocks of the register loaders (everything but BODS).

- Deterministic ids: a statement id is a hash of the format, the record id, the record type and
  the record's content, so re-importing the same data (even at other positions, or from a newer
  snapshot where the record did not change) gives the same statements: duplicates, not copies.
- :class:`Origin` carries what every statement of one file shares (register, file, format,
  publication and retrieval dates); :meth:`Origin.statement` builds a statement with its
  provenance.
- Canonical record ids that let two registers land on the same node: ``GB-COH-<number>``
  (leading zeros of numeric numbers dropped) and ``XI-LEI-<LEI>``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from bo_graph.exc import RecordError
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.encoded import LastEncoded
from bo_graph.model.records import (
    Details,
    EntityDetails,
    Identifier,
    PersonDetails,
    Provenance,
    RelationshipDetails,
    normalise_identifier,
)
from bo_graph.model.statement import Statement

GB_COH = "GB-COH"
XI_LEI = "XI-LEI"
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?:T?\d{4,6})?(?!\d)")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


_HASHED = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def digest(*parts: Any) -> str:
    """A 40-hex-digit hash of ``parts`` (JSON-encoded with sorted keys)."""
    blob = orjson.dumps(parts, option=_HASHED, default=str)
    return hashlib.blake2b(blob, digest_size=20).hexdigest()


_sorted_json = LastEncoded(_HASHED, default=str)
"""A record as :func:`digest` encodes it; once for the statements it yields."""


def statement_digest(
    record_id: str, kind: str, status: str, raw: Any, file_date: str | None = None
) -> str:
    """``digest(record_id, kind, status, raw)``, byte for byte, with ``raw`` encoded at most
    once for the statements it yields (a JSON array is its members joined by commas); with a
    ``file_date``, ``digest(record_id, kind, status, file_date, raw)``."""
    parts = (record_id, kind, status) if file_date is None else (record_id, kind, status, file_date)
    head = orjson.dumps(parts, option=_HASHED)
    blob = head[:-1] + b"," + _sorted_json(raw) + b"]"
    return hashlib.blake2b(blob, digest_size=20).hexdigest()


def gb_coh_id(number: str) -> str:
    """The record id of a Companies House company: ``GB-COH-<normalised number>``."""
    return f"{GB_COH}-{normalise_identifier(number)}"


def lei_id(lei: str) -> str:
    """The record id of a legal entity with an LEI: ``XI-LEI-<LEI>``."""
    return f"{XI_LEI}-{normalise_identifier(lei)}"


def text(value: Any) -> str | None:
    """``value`` as trimmed text, ``None`` when missing or blank."""
    if value is None:
        return None
    out = str(value).strip()
    return out or None


@dataclass(frozen=True)
class Origin:
    """What every statement read from one file shares."""

    source: str
    file: str
    source_format: str
    publication_date: str | None = None
    retrieved_at: str | None = None

    def at(self, file: str) -> Origin:
        return replace(self, file=file)

    def statement(
        self,
        position: int,
        record_id: str,
        details: Details,
        raw: Mapping[str, Any],
        *,
        date: str | None = None,
        status: RecordStatus = RecordStatus.NEW,
        dated_by_file: bool = False,
    ) -> Statement:
        """A statement about ``record_id`` with a content-derived id and full provenance.

        ``dated_by_file``: ``raw`` is a change published in a dated file (an FtM delta
        version), so the date is part of the id: a change back to an earlier content is a new
        statement of that date, not a duplicate of the earlier one. Snapshot formats do not set
        it: an unchanged record in the next snapshot must stay a duplicate.

        ``raw`` is the source record as read, and must not change afterwards: the statements
        made from one record object in a row share its encoding for their ids
        (:func:`statement_digest`), so a loader that refilled one dict per row would get the
        first row's ids. Every loader passes a record it parsed or copied for that row."""
        kind = record_type_of(details)
        digested = statement_digest(
            record_id, kind.value, status.value, raw, date if dated_by_file else None
        )
        statement_id = f"{self.source_format}-{digested}"
        if isinstance(details, RelationshipDetails):
            check_relationship(details)
        return Statement(
            statement_id=statement_id,
            record_id=record_id,
            record_type=kind,
            record_status=status,
            statement_date=date,
            provenance=Provenance(
                source=self.source,
                file=self.file,
                position=position,
                statement_id=statement_id,
                statement_date=date,
                publication_date=self.publication_date,
                retrieved_at=self.retrieved_at,
                record_status=status,
                source_format=self.source_format,
            ),
            given_details=details,
            raw=raw,
            id_from_content=True,
        )


def record_type_of(details: Details) -> RecordType:
    if isinstance(details, PersonDetails):
        return RecordType.PERSON
    if isinstance(details, EntityDetails):
        return RecordType.ENTITY
    return RecordType.RELATIONSHIP


def check_relationship(details: RelationshipDetails) -> None:
    """The checks the BODS codec makes on a relationship, for details built directly."""
    if isinstance(details.subject, str) and details.subject == details.interested_party:
        raise RecordError(
            f"relationship: expected the subject and interested party to differ, both are "
            f"{details.subject!r}",
            field="interestedParty",
        )
    for interest in details.interests:
        if interest.start_date and interest.end_date and interest.start_date > interest.end_date:
            kind = interest.type.value if interest.type else "(untyped)"
            raise RecordError(
                f"interest {kind}: expected startDate <= endDate, found "
                f"{interest.start_date} > {interest.end_date}",
                field="interests",
            )


def file_date(path: Path | str) -> str | None:
    """The date in a register file's name (``...-2024-11-22.txt``, ``20240505-0000-...``), or
    else in the name of its folder (``20240528074703-npf/entities.delta.json``)."""
    parts = Path(str(path).replace("!", "/")).parts
    for part in reversed(parts[-2:]):
        for match in _FILE_DATE.finditer(part):
            try:
                return date(*map(int, match.groups())).isoformat()
            except ValueError:
                continue
    return None


def iso_date(value: Any) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from an ISO date or date-time; ``None`` when blank.

    Raises :class:`RecordError` when the value is not a date."""
    raw = text(value)
    if raw is None:
        return None
    head = raw[:10]
    try:
        return date.fromisoformat(head).isoformat()
    except ValueError:
        raise RecordError(f"expected an ISO date, found {raw!r}") from None


def parse_date(value: Any, formats: tuple[str, ...]) -> str | None:
    """``value`` parsed with the first matching ``strptime`` format, as ``YYYY-MM-DD``
    (``%Y`` alone gives ``YYYY``, ``%Y-%m``/``%m/%Y`` give ``YYYY-MM``); ``None`` when blank.

    Two-digit years (``%y``) pivot on today: ``06`` is 2006, ``75`` is 1975, never the future.
    Raises :class:`RecordError` naming the formats when nothing matches."""
    raw = text(value)
    if raw is None:
        return None
    for fmt in formats:
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if "%y" in fmt:
            parsed = _pivot(parsed)
        if "%d" not in fmt:
            return (
                f"{parsed.year:04d}" if "%m" not in fmt else f"{parsed.year:04d}-{parsed.month:02d}"
            )
        return parsed.date().isoformat()
    raise RecordError(f"expected a date in one of the formats {', '.join(formats)}, found {raw!r}")


def _pivot(parsed: datetime) -> datetime:
    year = 2000 + parsed.year % 100
    if year > date.today().year:
        year -= 100
    return parsed.replace(year=year)


def dmy_month_name(value: str) -> str | None:
    """``DD-Mon-YY`` or ``DD-MON-YYYY`` (any case) as ``YYYY-MM-DD``; ``None`` if not that shape."""
    parts = value.strip().split("-")
    if len(parts) != 3 or parts[1].lower()[:3] not in _MONTHS:
        return None
    day, month, year = parts[0], _MONTHS[parts[1].lower()[:3]], parts[2]
    if not (day.isdigit() and year.isdigit() and len(year) in (2, 4)):
        return None
    full = int(year) if len(year) == 4 else _pivot(datetime(2000 + int(year), 1, 1)).year
    try:
        return date(full, month, int(day)).isoformat()
    except ValueError:
        return None


def identifier(scheme: str | None, value: Any, scheme_name: str | None = None) -> Identifier | None:
    """An :class:`Identifier`, or ``None`` when the value is blank."""
    raw = text(value)
    if raw is None:
        return None
    return Identifier(id=raw, scheme=scheme, scheme_name=scheme_name)


def compact(*items: Any) -> tuple[Any, ...]:
    """The items that are not ``None``, as a tuple."""
    return tuple(i for i in items if i is not None)
