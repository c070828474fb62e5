"""FollowTheMoney (FtM) loader: entity JSON Lines (OpenSanctions ``entities.ftm.json``, Aleph
``followthemoney-store`` rows) and OpenSanctions deltas (``{"op": ..., "entity": ...}``).

Entities are read with the ``followthemoney`` library (``model.get_proxy``), so schemata and
properties are the model's; see :mod:`loaders.ftm_parties` and :mod:`loaders.ftm_map` for the
mapping. Entities of schemata that are neither parties nor ownership/directorship edges (Family,
Sanction, Address, Passport, Payment, Note, ...) are not loaded: each file ends with a warning
counting them per schema.
A date the mapping reads that the model's cleaning drops or shortens gives a warning naming
the entity, the property and the value (:func:`loaders.ftm_map.date_warnings`).

Deltas: ``ADD`` and ``MOD`` carry a whole entity and load like one, dated by their delta
version (the folder name ``20240528014702-pfh``), so a later version's ``MOD`` supersedes an
earlier ``ADD`` whatever the entity's own ``last_change``. ``DEL`` carries only the id: when this
import of the path (one file, or the version files of a folder or zip, read in name order)
added or modified that entity earlier, the record is closed (a closed statement with the last
details, dated by the delta version); otherwise the DEL is quarantined with the reason, since a
loader cannot tell which kind of record the id was. Of a folder or zip, files that hold no FtM
records (OpenSanctions' ``delta.json`` index of versions) are skipped with a warning.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import RecordStatus
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.statement import Statement
from loaders import ftm_map, ftm_parties
from loaders._common import Origin, file_date, iso_date, text
from loaders._io import BadLine, ProgressFn, first_records, iter_json_records
from loaders._sources import Source, format_sources

NAME = "ftm"
SOURCE = "FollowTheMoney"
OPS = frozenset({"ADD", "MOD", "DEL"})
_REMEMBERED = 100_000


def looks_like(record: Any) -> bool:
    """An FtM entity (``id``, ``schema``, ``properties``) or a delta (``op``, ``entity``)."""
    if not isinstance(record, Mapping):
        return False
    if "op" in record and isinstance(record.get("entity"), Mapping):
        return True
    return "schema" in record and "id" in record and "properties" in record


def read(path: Path, *, progress: ProgressFn | None = None) -> Iterator[LoadItem]:
    """Yield the statements of the FtM entities (or deltas) under ``path``."""
    known: OrderedDict[str, Statement] = OrderedDict()  # across the version files of a folder
    for source in format_sources(path, _not_ftm, "FtM"):
        if isinstance(source, Warned):
            yield source
            continue
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.name))
        reader = _Reader(origin, known)
        for position, raw in iter_json_records(source, progress):
            yield from reader.record(position, raw)
        yield from reader.summary()


def _not_ftm(source: Source) -> str | None:
    if any(looks_like(record) for record in first_records(iter_json_records(source))):
        return None
    return "no FtM entity or delta among its first records"


class _Reader:
    def __init__(self, origin: Origin, known: OrderedDict[str, Statement]) -> None:
        self.origin = origin
        self.skipped: Counter[str] = Counter()
        self.last = 0
        self.known = known
        """The latest statement of each record read (the last 100,000), for a later DEL."""

    def record(self, position: int, raw: Any) -> Iterator[LoadItem]:
        self.last = position
        if isinstance(raw, BadLine):
            yield Rejected(self.origin.file, position, raw.error, raw.text)
            return
        try:
            yield from self._record(position, raw)
        except RecordError as error:
            yield Rejected(self.origin.file, position, f"FtM: {error.reason}", raw)

    def _record(self, position: int, raw: Any) -> Iterator[LoadItem]:
        if not looks_like(raw):
            raise RecordError(
                "expected an FtM entity (id, schema, properties) or a delta (op, entity)"
            )
        if "op" not in raw:
            yield from self._entity(position, raw, raw)
            return
        op = str(raw.get("op")).upper()
        if op not in OPS:
            raise RecordError(f"op: expected one of {sorted(OPS)}, found {raw.get('op')!r}")
        if op == "DEL":
            yield self._delete(position, raw)
        else:
            yield from self._entity(position, raw["entity"], raw)

    def _entity(self, position: int, entity: Mapping[str, Any], raw: Any) -> Iterator[LoadItem]:
        from followthemoney import model  # slow to import: only when FtM data is read
        from followthemoney.exc import FollowTheMoneyException

        try:
            proxy = model.get_proxy(dict(entity), cleaned=False)
        except (FollowTheMoneyException, TypeError, ValueError) as error:
            raise RecordError(f"not a valid FtM entity: {error}") from None
        if proxy.id is None:
            raise RecordError("id: expected an entity id, found none")
        schema = proxy.schema
        if schema.is_a("Ownership"):
            details: Any = ftm_map.ownership(proxy)
        elif schema.is_a("Directorship"):
            details = ftm_map.directorship(proxy)
        elif schema.is_a("LegalEntity"):
            details = ftm_parties.party(proxy, text(entity.get("caption")))
        else:
            self.skipped[schema.name] += 1
            return
        origin = self._origin_of(entity)
        version = (entity is not raw and self.origin.publication_date) or None
        date = version or _date(entity)
        statement = origin.statement(
            position, f"ftm:{proxy.id}", details, raw, date=date, dated_by_file=bool(version)
        )
        self._remember(statement)
        yield statement
        notes = ftm_map.date_warnings(proxy, entity.get("properties"))
        notes += ftm_parties.lifetime_notes(proxy)
        if notes:
            yield Warned(self.origin.file, position, tuple(notes))

    def _origin_of(self, entity: Mapping[str, Any]) -> Origin:
        datasets = [str(d) for d in entity.get("datasets") or [] if d]
        if not datasets:
            return self.origin
        return Origin(
            f"{SOURCE}: {', '.join(datasets)}", self.origin.file, NAME, self.origin.publication_date
        )

    def _remember(self, statement: Statement) -> None:
        self.known[statement.record_id] = statement
        self.known.move_to_end(statement.record_id)
        if len(self.known) > _REMEMBERED:
            self.known.popitem(last=False)

    def _delete(self, position: int, raw: Mapping[str, Any]) -> Statement:
        entity_id = text(raw["entity"].get("id"))
        if entity_id is None:
            raise RecordError("DEL: expected the id of the entity to delete")
        previous = self.known.get(f"ftm:{entity_id}")
        if previous is None:
            raise RecordError(
                f"DEL of {entity_id!r}: a delta gives only the id, and the files of this import "
                "did not add or modify that entity, so its kind of record is unknown here; import "
                "the delta versions together (their folder), or re-import the full dataset"
            )
        dates = [d for d in (self.origin.publication_date, previous.statement_date) if d]
        return self.origin.statement(
            position,
            previous.record_id,
            previous.details,
            raw,
            date=max(dates) if dates else None,
            status=RecordStatus.CLOSED,
            dated_by_file=self.origin.publication_date is not None,
        )

    def summary(self) -> Iterator[Warned]:
        if self.skipped:
            counts = ", ".join(f"{name} {n}" for name, n in sorted(self.skipped.items()))
            note = f"not loaded (not parties, ownership or directorship): {counts}"
            yield Warned(self.origin.file, self.last, (note,))


def _date(entity: Mapping[str, Any]) -> str | None:
    for key in ("last_change", "updated_at", "last_seen"):
        try:
            found = iso_date(entity.get(key))
        except RecordError:
            continue
        if found:
            return found
    return None
