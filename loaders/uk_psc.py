"""UK Companies House "persons with significant control" (PSC) snapshot loader.

Input: the snapshot's JSON Lines (``{"company_number": ..., "data": {...}}`` per line), also as
a JSON array or a single object, plain, gzip or zipped. Each PSC record gives:

- the company, as an entity record ``GB-COH-<number>`` (leading zeros dropped) that carries only
  its identifier, emitted once per run of lines about the same company; BasicCompanyData gives
  the same record its name and details;
- the PSC itself: a person (individual kinds) or an entity (corporate-entity and legal-person
  kinds), record id ``gb-psc:<company>/<psc id>`` from the record's ``links.self``. A corporate
  PSC registered at Companies House is the company record ``GB-COH-<registration number>``;
- the relationship PSC -> company, ``gb-psc:<company>/<psc id>#relationship``, with one interest
  per nature of control (see :mod:`loaders.uk_psc_codes`); a ceased PSC is a closed record whose
  interests end on ``ceased_on``.

Super-secure PSCs, PSC statements and exemptions name nobody: their relationship has an
unspecified interested party whose ``description`` is the register's code (the kind, the
statement, e.g. ``no-individual-or-entity-with-signficant-control``, or the exemption type).
The closing ``totals`` record is reported as a warning; an unknown kind is quarantined.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import (
    EntityType,
    InterestType,
    RecordStatus,
    UnspecifiedReason,
)
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.records import (
    EntityDetails,
    Identifier,
    Interest,
    Jurisdiction,
    PersonDetails,
    RelationshipDetails,
    Unspecified,
    normalise_identifier,
)
from bo_graph.model.statement import Statement
from loaders import uk_psc_codes as codes
from loaders import uk_psc_parties as parties
from loaders._common import GB_COH, Origin, digest, file_date, gb_coh_id, iso_date, text
from loaders._io import BadLine, ProgressFn, iter_json_records
from loaders._sources import iter_sources

NAME = "uk-psc"
SOURCE = "GB Persons of Significant Control Register"
PSC_SCHEME_NAME = "GB Persons of Significant Control Register"
TOTALS = "totals#persons-of-significant-control-snapshot"
INDIVIDUAL = frozenset(
    {"individual-person-with-significant-control", "individual-beneficial-owner"}
)
CORPORATE = parties.CORPORATE
LEGAL = parties.LEGAL
SUPER_SECURE = frozenset(
    {"super-secure-person-with-significant-control", "super-secure-beneficial-owner"}
)
STATEMENT = "persons-with-significant-control-statement"
EXEMPTIONS = "exemptions"
KINDS = INDIVIDUAL | CORPORATE | LEGAL | SUPER_SECURE | {STATEMENT, EXEMPTIONS}
UK = Jurisdiction(name="United Kingdom", code="GB")
INCORPORATED_ABROAD = ("OE", "FC", "SF", "NF")
"""Company number prefixes of bodies registered at Companies House but incorporated elsewhere:
overseas entities (OE) and overseas companies with a UK establishment (FC, SF, NF). The PSC
line does not say where, so their company records have no jurisdiction."""
_RECENT = 10_000


def looks_like(record: Any) -> bool:
    """A PSC snapshot line: ``{"company_number": ..., "data": {"kind": ...}}``."""
    if not isinstance(record, Mapping):
        return False
    data = record.get("data")
    return isinstance(data, Mapping) and isinstance(data.get("kind"), str)


def read(path: Path, *, progress: ProgressFn | None = None) -> Iterator[LoadItem]:
    """Yield statements, rejected records and warnings for each PSC record under ``path``."""
    for source in iter_sources(path):
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.basename))
        reader = _Reader(origin)
        for position, raw in iter_json_records(source, progress):
            yield from reader.record(position, raw)


class _Reader:
    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self.recent: OrderedDict[str, None] = OrderedDict()
        self.warnings: list[str] = []

    def record(self, position: int, raw: Any) -> Iterator[LoadItem]:
        file = self.origin.file
        if isinstance(raw, BadLine):
            yield Rejected(file, position, raw.error, raw.text)
            return
        self.warnings = []
        try:
            items = list(self._translate(position, raw))
        except RecordError as error:
            yield Rejected(file, position, f"PSC: {error.reason}", raw)
            return
        if self.warnings:
            yield Warned(file, position, tuple(self.warnings))
        yield from items

    def _translate(self, position: int, raw: Any) -> Iterator[LoadItem]:
        if not looks_like(raw):
            raise RecordError('expected {"company_number": ..., "data": {"kind": ...}}')
        data: Mapping[str, Any] = raw["data"]
        kind = str(data["kind"])
        if kind.startswith("totals#"):
            yield Warned(self.origin.file, position, (_totals(data),))
            return
        if kind not in KINDS:
            raise RecordError(f"unknown PSC kind {kind!r}")
        company = text(raw.get("company_number"))
        if company is None:
            raise RecordError("company_number: expected a company number, found none")
        statements = list(self._party_and_relationship(position, kind, company, data, raw))
        stub = self._company_stub(position, company)
        if stub is not None:
            yield stub
        yield from statements

    def _party_and_relationship(
        self, position: int, kind: str, company: str, data: Mapping[str, Any], raw: Any
    ) -> Iterator[Statement]:
        if kind in INDIVIDUAL or kind in CORPORATE or kind in LEGAL:
            yield from self._named(position, kind, company, data, raw)
        elif kind in SUPER_SECURE:
            reason = Unspecified(codes.SUPER_SECURE_REASON, description=kind)
            interest = Interest(
                InterestType.UNPUBLISHED_INTEREST, beneficial_ownership_or_control=True
            )
            yield self._unspecified(
                position, self._key(company, data), reason, data, raw, (interest,)
            )
        elif kind == STATEMENT:
            yield from self._statement(position, company, data, raw)
        elif kind == EXEMPTIONS:
            yield from self._exemptions(position, company, data, raw)
        else:
            raise RecordError(f"unknown PSC kind {kind!r}")

    # -- ids ------------------------------------------------------------------------------------
    def _key(self, company: str, data: Mapping[str, Any]) -> str:
        """``gb-psc:<company>/<psc id>`` from ``links.self``; derived from the content if absent."""
        links = data.get("links")
        link = text(links.get("self")) if isinstance(links, Mapping) else None
        prefix = f"gb-psc:{normalise_identifier(company)}"
        if link:
            return f"{prefix}/{link.rstrip('/').rsplit('/', 1)[-1]}"
        self.warnings.append("no links.self: the PSC id is derived from the record's content")
        return f"{prefix}/{data.get('kind')}-{digest(data)[:16]}"

    def _company_stub(self, position: int, company: str) -> Statement | None:
        record_id = gb_coh_id(company)
        if record_id in self.recent:
            self.recent.move_to_end(record_id)
            return None
        self.recent[record_id] = None
        if len(self.recent) > _RECENT:
            self.recent.popitem(last=False)
        where = None if company.upper().startswith(INCORPORATED_ABROAD) else UK
        details = EntityDetails(
            EntityType.REGISTERED, jurisdiction=where, identifiers=(Identifier(company, GB_COH),)
        )
        return self.origin.statement(position, record_id, details, {"company_number": company})

    # -- named PSCs -----------------------------------------------------------------------------
    def _named(
        self, position: int, kind: str, company: str, data: Mapping[str, Any], raw: Any
    ) -> Iterator[Statement]:
        key = self._key(company, data)
        link = Identifier(
            str((data.get("links") or {}).get("self") or key), scheme_name=PSC_SCHEME_NAME
        )
        notified = _date(data, "notified_on")
        details: PersonDetails | EntityDetails
        if kind in INDIVIDUAL:
            party_id, details = key, parties.person(data, link)
        else:
            party_id, details = parties.entity(key, kind, data, link, self.warnings)
        yield self.origin.statement(position, party_id, details, raw, date=notified)
        interests = self._interests(data, beneficial=kind in INDIVIDUAL)
        relationship = RelationshipDetails(gb_coh_id(company), party_id, interests)
        status, date = _status(data)
        yield self.origin.statement(
            position, f"{key}#relationship", relationship, raw, date=date, status=status
        )

    def _interests(self, data: Mapping[str, Any], beneficial: bool) -> tuple[Interest, ...]:
        start = _date(data, "notified_on")
        end = _date(data, "ceased_on")
        natures = data.get("natures_of_control") or []
        out = []
        for code in natures if isinstance(natures, list) else [natures]:
            interest = codes.nature_interest(str(code), beneficial=beneficial, start=start, end=end)
            if interest is None:
                self.warnings.append(f"unknown nature of control {code!r}: kept as unknownInterest")
                interest = codes.unknown_nature(str(code), beneficial, start, end)
            out.append(interest)
        if not out:
            self.warnings.append("no natures_of_control: the interest is unknown")
            out.append(codes.unknown_nature("", beneficial, start, end))
        return tuple(out)

    # -- unnamed: statements, exemptions, super-secure ------------------------------------------
    def _unspecified(
        self,
        position: int,
        key: str,
        party: Unspecified,
        data: Mapping[str, Any],
        raw: Any,
        interests: tuple[Interest, ...],
    ) -> Statement:
        company = text(raw.get("company_number")) or ""
        details = RelationshipDetails(gb_coh_id(company), party, interests)
        status, date = _status(data)
        return self.origin.statement(
            position, f"{key}#relationship", details, raw, date=date, status=status
        )

    def _statement(
        self, position: int, company: str, data: Mapping[str, Any], raw: Any
    ) -> Iterator[Statement]:
        code = text(data.get("statement")) or ""
        if code in codes.INFORMATIONAL_STATEMENTS:
            self.warnings.append(
                f"PSC statement {code!r} names no unspecified party: nothing to load"
            )
            return
        reason = codes.STATEMENT_REASONS.get(code)
        if reason is None:
            self.warnings.append(f"unknown PSC statement {code!r}: reason 'unknown'")
            reason = UnspecifiedReason.UNKNOWN
        interests: tuple[Interest, ...] = ()
        if reason is not UnspecifiedReason.NO_BENEFICIAL_OWNERS:
            end = _date(data, "ceased_on")
            start = _date(data, "notified_on")
            interests = (
                Interest(
                    InterestType.UNKNOWN_INTEREST,
                    beneficial_ownership_or_control=True,
                    start_date=start,
                    end_date=end,
                    details=code,
                ),
            )
        party = Unspecified(reason, description=code)
        yield self._unspecified(position, self._key(company, data), party, data, raw, interests)

    def _exemptions(
        self, position: int, company: str, data: Mapping[str, Any], raw: Any
    ) -> Iterator[Statement]:
        exemptions = data.get("exemptions")
        if not isinstance(exemptions, Mapping) or not exemptions:
            raise RecordError("exemptions: expected an object of exemption types, found none")
        prefix = f"gb-psc:{normalise_identifier(company)}/exemptions"
        for name, body in sorted(exemptions.items()):
            body = body if isinstance(body, Mapping) else {}
            code = text(body.get("exemption_type")) or str(name)
            periods = [i for i in body.get("items") or [] if isinstance(i, Mapping)]
            interests = tuple(
                Interest(
                    InterestType.UNKNOWN_INTEREST,
                    start_date=_date(p, "exempt_from"),
                    end_date=_date(p, "exempt_to"),
                    details=code,
                )
                for p in periods
            )
            party = Unspecified(codes.EXEMPTION_REASON, description=code)
            ended = bool(periods) and all(p.get("exempt_to") for p in periods)
            details = RelationshipDetails(gb_coh_id(company), party, interests)
            status = RecordStatus.CLOSED if ended else RecordStatus.NEW
            dates = [i.start_date for i in interests if i.start_date]
            yield self.origin.statement(
                position,
                f"{prefix}/{code}#relationship",
                details,
                raw,
                date=max(dates) if dates else None,
                status=status,
            )


def _date(data: Mapping[str, Any], key: str) -> str | None:
    """The ISO date under ``key``; the error names the field."""
    try:
        return iso_date(data.get(key))
    except RecordError as error:
        raise RecordError(f"{key}: {error.reason}", field=key) from None


def _status(data: Mapping[str, Any]) -> tuple[RecordStatus, str | None]:
    ceased_on = _date(data, "ceased_on")
    closed = ceased_on is not None or data.get("ceased") is True
    date = ceased_on or _date(data, "notified_on")
    return (RecordStatus.CLOSED if closed else RecordStatus.NEW), date


def _totals(data: Mapping[str, Any]) -> str:
    counts = {k: v for k, v in data.items() if k.endswith("_count")}
    when = data.get("generated_at")
    return f"snapshot totals record (not a PSC): {counts or 'no counts'}, generated {when}"
