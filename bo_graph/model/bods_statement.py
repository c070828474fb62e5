"""A BODS statement's envelope as a canonical :class:`Statement`: ids, type, status, provenance.

Shared by the BODS loader (every record) and the import pipeline (a :class:`Checked` 0.4 record
the compiled bulk writer did not take, which becomes a statement here).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.bods04 import details_from_bods
from bo_graph.model.bods04_checks import check_details
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.records import Provenance
from bo_graph.model.statement import Statement

_RECORD_TYPES: dict[str, RecordType] = {t.value: t for t in RecordType}
_RECORD_STATUSES: dict[str, RecordStatus] = {s.value: s for s in RecordStatus}


def text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def found(raw: Mapping[str, Any], key: str) -> str:
    """What a statement holds at ``key``, as JSON says it, for a message: ``nothing (no
    statementID)`` when the member is missing, ``null``, ``{}``, ``"es1"``."""
    if key not in raw:
        return f"nothing (no {key})"
    text = json.dumps(raw[key], ensure_ascii=False, default=str)
    return text if len(text) <= 80 else f"{text[:77]}..."


def required(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise RecordError(f"{key}: expected a non-empty string, found {found(raw, key)}", field=key)
    return value


def provenance(raw: Mapping[str, Any], version: str, file: str, position: int,
               statement_id: str, status: RecordStatus) -> Provenance:  # fmt: skip
    details = raw.get("publicationDetails")
    details = details if isinstance(details, Mapping) else {}
    source = raw.get("source")
    source = source if isinstance(source, Mapping) else {}
    publisher = details.get("publisher")
    publisher_name = publisher.get("name") if isinstance(publisher, Mapping) else None
    return Provenance(
        source=text(source.get("description")) or text(publisher_name) or Path(file).name,
        file=file,
        position=position,
        statement_id=statement_id,
        statement_date=text(raw.get("statementDate")),
        publication_date=text(details.get("publicationDate")),
        retrieved_at=text(source.get("retrievedAt")),
        record_status=status,
        source_format=f"bods-{version}",
    )


def v04_envelope(raw: Mapping[str, Any]) -> tuple[str, str, RecordType, RecordStatus]:
    """Statement id, record id, type and status of a 0.4 statement; raises :class:`RecordError`
    for what a graph cannot use."""
    statement_id = required(raw, "statementId")
    kind, status = _fast_codes(raw.get("recordType"), raw.get("recordStatus") or "new")
    if kind is None or status is None:
        try:
            kind = RecordType(str(raw.get("recordType")))
            status = RecordStatus(raw.get("recordStatus") or "new")
        except ValueError as error:
            raise RecordError(str(error), field="recordType") from None
    return statement_id, required(raw, "recordId"), kind, status


def _fast_codes(kind: Any, status: Any) -> tuple[RecordType | None, RecordStatus | None]:
    """Both codes by dict lookup (an Enum call costs ~0.4 us); ``None`` for what is not a
    known code, which the Enum calls then report."""
    if kind.__class__ is not str or status.__class__ is not str:
        return None, None
    return _RECORD_TYPES.get(kind), _RECORD_STATUSES.get(status)


def check_v04(raw: Mapping[str, Any]) -> RecordType:
    """Every check :func:`statement_from_v04` makes of a schema-valid record, without building
    it: its type, or :class:`RecordError`."""
    _, _, kind, _ = v04_envelope(raw)
    check_details(kind, raw.get("recordDetails"))
    return kind


def statement_from_v04(
    raw: Mapping[str, Any], file: str, position: int, checked_by_schema: bool
) -> Statement:
    """A 0.4 statement that passed its schema keeps its ``recordDetails`` as they are (after the
    checks the schema cannot make); the typed records are built only when someone asks."""
    statement_id, record_id, kind, status = v04_envelope(raw)
    details = raw.get("recordDetails")
    given: dict[str, Any] = (
        {"given_bods": check_details(kind, details)}
        if checked_by_schema
        else {"given_details": details_from_bods(kind, details)}
    )
    return Statement(
        statement_id=statement_id,
        record_id=record_id,
        record_type=kind,
        record_status=status,
        statement_date=text(raw.get("statementDate")),
        provenance=provenance(raw, "0.4", file, position, statement_id, status),
        **given,
        raw=raw,
        declaration_subject=text(raw.get("declarationSubject")),
    )
