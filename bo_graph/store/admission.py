"""Which statements of a batch a store takes: both backends' writers decide it here.

A statement id already stored with the same content is a duplicate, with other content a
conflict; every other statement is fresh. One exception, for registers published as snapshots
(UK PSC, BasicCompanyData, GLEIF, ICIJ, CSV registers: every loader whose statement ids are a
digest of the record's content, :attr:`Statement.id_from_content`). A record that returns in a
later snapshot to the exact content of an earlier one (renamed A, then B, then A again; a PSC's
band 25-50 %, then 50-75 %, then 25-50 % again) gets the id of its first statement back. Taken
as a duplicate, the record would stay at B. So such a duplicate is taken as a new version of
the record, under the id ``<statement id>@<publication date>``, when:

- the record's latest version *from the same register format* has other content and an
  earlier publication date (another format's statements, such as the company stub a PSC line
  gives for a company of BasicCompanyData, are other sources, not versions to return from);
- and that format gives the record one statement per publication. A company that is the
  corporate PSC of several companies has one statement per PSC line in each snapshot; with no
  order between them, a repeated one is no return.

The new version then wins or loses by the writers' one rule, as a changed record would: its
statement date (the snapshot's date for BasicCompanyData, the notification date for a PSC, so
arrival order decides), then arrival order. Re-importing any of the snapshots changes nothing:
its publication is then no later than the latest version's, or the latest version has its
content already. Without publication dates (a file name with no date) the returning record
stays a duplicate.

BODS statements never return: their publishers give each statement its own id, and a BODS
statement repeated in a later file is the same statement.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from bo_graph.model.statement import Statement
from bo_graph.store.base import Conflict, WriteResult
from bo_graph.store.serial import content_hash

Fresh = list[tuple[Statement, str]]
"""Statements to write, each with its content hash."""

VersionRow = tuple[str, str, str, str, str | None, str | None, int]
"""A stored statement: (record uid, source format, statement id, content hash, publication
date, statement date, seq)."""


@dataclass
class Versions:
    """A record's statements from one register format: the latest (by statement date, then
    arrival, as the writers choose the current one) and the publications they came from."""

    statement_id: str
    content_hash: str
    publication_date: str | None
    order: tuple[str, int]
    """(statement date or ``""``, seq)."""
    publications: set[str | None] = field(default_factory=set)
    one_per_publication: bool = True

    def add(self, row: VersionRow) -> None:
        _, _, statement_id, digest, published, date, seq = row
        if published in self.publications:
            self.one_per_publication = False
        self.publications.add(published)
        if (date or "", seq) >= self.order:
            self.statement_id, self.content_hash = statement_id, digest
            self.publication_date, self.order = published, (date or "", seq)


Key = tuple[str, str]
"""(record uid, source format)."""


def records_to_compare(statements: Sequence[Statement], stored: Mapping[str, str]) -> set[str]:
    """The records whose stored versions :func:`admit` needs: those of the batch's dated
    snapshot statements that are duplicates (of a stored statement or of one earlier in the
    batch)."""
    seen: set[str] = set()
    out: set[str] = set()
    for s in statements:
        if s.id_from_content and s.provenance.publication_date:
            if s.statement_id in stored or s.statement_id in seen:
                out.add(s.record_id)
            seen.add(s.statement_id)
    return out


def stored_versions(rows: Iterable[VersionRow]) -> dict[Key, Versions]:
    """The versions per record and format of the stored statements ``rows``."""
    out: dict[Key, Versions] = {}
    for row in rows:
        _note(out, row)
    return out


def _note(versions: dict[Key, Versions], row: VersionRow) -> None:
    key = (row[0], row[1])
    held = versions.get(key)
    if held is None:
        versions[key] = held = Versions(row[2], row[3], row[4], ("", -1))
    held.add(row)


def admit(
    statements: Sequence[Statement],
    stored: Mapping[str, str],
    compared: Collection[str],
    versions: dict[Key, Versions],
) -> tuple[Fresh, WriteResult]:
    """The fresh statements of the batch, in order; the others counted as duplicates or
    refused as conflicts. ``stored`` maps stored statement ids to their content hashes;
    ``compared`` are the records of :func:`records_to_compare`, whose stored versions
    ``versions`` holds and which takes the batch's fresh statements of those records as they
    come (no other record has a duplicate to compare, so no other is followed)."""
    seen = dict(stored)
    fresh: Fresh = []
    result = WriteResult()
    for order, statement in enumerate(statements):
        digest = content_hash(statement.raw)
        held = seen.get(statement.statement_id)
        if held is not None and held != digest:
            reason = (
                f"statement id {statement.statement_id!r} is already stored with different content"
            )
            result.conflicts.append(Conflict(statement, reason))
            continue
        if held is not None:
            returned = _returned(statement, digest, versions.get(_key(statement)))
            if returned is None:
                result.duplicates += 1
                continue
            statement = returned
        seen[statement.statement_id] = digest
        fresh.append((statement, digest))
        if statement.record_id in compared:  # after everything stored: it wins ties of dates
            p = statement.provenance
            row = (*_key(statement), statement.statement_id, digest, p.publication_date,
                   statement.statement_date, 1 << 62 | order)  # fmt: skip
            _note(versions, row)
    return fresh, result


def _key(statement: Statement) -> Key:
    return statement.record_id, statement.provenance.source_format


def _returned(statement: Statement, digest: str, versions: Versions | None) -> Statement | None:
    """``statement``, a duplicate, as a new version of its record when its record returns to
    it in a later snapshot; else ``None``."""
    published = statement.provenance.publication_date
    if not statement.id_from_content or published is None or versions is None:
        return None
    if not versions.one_per_publication or versions.content_hash == digest:
        return None
    if not versions.publication_date or published <= versions.publication_date:
        return None
    statement_id = f"{statement.statement_id}@{published}"
    provenance = replace(statement.provenance, statement_id=statement_id)
    return replace(statement, statement_id=statement_id, provenance=provenance)
