"""Which statements of a batch a store takes: both backends' writers decide it here.

A statement id already stored with the same content is a duplicate, with other content a
conflict; every other statement is fresh. One exception, for registers published as snapshots
(UK PSC, BasicCompanyData, GLEIF, ICIJ, CSV registers: every loader whose statement ids are a
digest of the record's content, :attr:`Statement.id_from_content`). A record that returns in a
later snapshot to the exact content of an earlier one (renamed A, then B, then A again; a PSC's
band 25-50 %, then 50-75 %, then 25-50 % again) gets the id of its first statement back. Taken
as a duplicate, the record would stay at B. So a duplicate whose record's latest version has
other content, and whose publication date is later than that version's, is taken as a new
version of the record: the statement re-dated to the publication that repeated it (the register
asserted that content on that date), under the id ``<statement id>@<publication date>``.
Re-importing any of the snapshots again changes nothing, since its publication is then no
later than the latest version's, or the latest version has its content already. Without
publication dates (a file name with no date) the returning record stays a duplicate.

BODS statements never return: their publishers give each statement its own id, and a BODS
statement repeated in a later file is the same statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from bo_graph.model.statement import Statement
from bo_graph.store.base import Conflict, WriteResult
from bo_graph.store.serial import content_hash

Fresh = list[tuple[Statement, str]]
"""Statements to write, each with its content hash."""


@dataclass(frozen=True)
class Latest:
    """The version of a record that is current (latest by statement date, then arrival)."""

    statement_id: str
    content_hash: str
    publication_date: str | None
    statement_date: str
    """The statement date, or ``""`` when it has none (older than every date)."""
    seq: int


def records_to_compare(statements: Sequence[Statement], stored: Mapping[str, str]) -> set[str]:
    """The records whose latest stored version :func:`admit` needs: those of the batch's
    snapshot statements that are stored already."""
    return {
        s.record_id
        for s in statements
        if s.id_from_content and s.provenance.publication_date and s.statement_id in stored
    }


def latest_versions(
    rows: Iterable[tuple[str, str, str, str | None, str | None, int]],
) -> dict[str, Latest]:
    """The latest version per record of ``(record uid, statement id, content hash, publication
    date, statement date, seq)`` rows, as the writers choose the current one."""
    out: dict[str, Latest] = {}
    for uid, statement_id, digest, published, date, seq in rows:
        version = Latest(statement_id, digest, published, date or "", seq)
        held = out.get(uid)
        if held is None or (held.statement_date, held.seq) < (version.statement_date, seq):
            out[uid] = version
    return out


def admit(
    statements: Sequence[Statement], stored: Mapping[str, str], latest: Mapping[str, Latest]
) -> tuple[Fresh, WriteResult]:
    """The fresh statements of the batch, in order; the others counted as duplicates or
    refused as conflicts. ``stored`` maps stored statement ids to their content hashes;
    ``latest`` holds the records of :func:`records_to_compare`."""
    seen, versions = dict(stored), dict(latest)
    fresh: Fresh = []
    result = WriteResult()
    for statement in statements:
        digest = content_hash(statement.raw)
        held = seen.get(statement.statement_id)
        if held is not None and held != digest:
            reason = (
                f"statement id {statement.statement_id!r} is already stored with different content"
            )
            result.conflicts.append(Conflict(statement, reason))
            continue
        if held is not None:
            returned = _returned(statement, digest, versions.get(statement.record_id))
            if returned is None:
                result.duplicates += 1
                continue
            statement = returned
        seen[statement.statement_id] = digest
        fresh.append((statement, digest))
        _note_version(versions, statement, digest)
    return fresh, result


def _returned(statement: Statement, digest: str, latest: Latest | None) -> Statement | None:
    """``statement``, a duplicate, as a new version of its record when its record returns to
    it in a later snapshot; else ``None``."""
    published = statement.provenance.publication_date
    if not statement.id_from_content or published is None or latest is None:
        return None
    if latest.content_hash == digest or not latest.publication_date:
        return None
    if published <= latest.publication_date:
        return None
    statement_id = f"{statement.statement_id}@{published}"
    date = max(statement.statement_date or "", published)
    provenance = replace(statement.provenance, statement_id=statement_id, statement_date=date)
    return replace(statement, statement_id=statement_id, statement_date=date, provenance=provenance)


def _note_version(versions: dict[str, Latest], statement: Statement, digest: str) -> None:
    """A fresh snapshot statement may be its record's latest version for the rest of the batch
    (it arrives after everything stored, so it wins ties)."""
    if not statement.id_from_content:
        return
    date = statement.statement_date or ""
    held = versions.get(statement.record_id)
    if held is None or held.statement_date <= date:
        published = statement.provenance.publication_date
        seq = held.seq + 1 if held is not None else 0
        versions[statement.record_id] = Latest(statement.statement_id, digest, published, date, seq)
