"""Any CSV register, through a declarative YAML mapping (``--format csv --mapping FILE``).

The mapping (see :mod:`loaders.csv_mapping` and ``docs/loaders.md``) lists the records each row
gives: entities, persons and relationships, each with a ``when`` condition, an id template and
its fields. A row may give several records (a flat file with a company, its owner and the
ownership on one line). Every column the mapping reads must be in the header, otherwise the
file is refused naming the missing columns. A row whose record cannot be built (an unknown code,
a bad date, a blank id, too few fields) is quarantined whole with the reason. A date field
(``statement_date``, ``founding_date``, ``dissolution_date``, ``birth_date``, an interest's
``start_date``/``end_date``) keeps an ISO date and parses anything else with the mapping's
``dates``, with or without ``date: true``: a date that fits neither is quarantined, never stored
as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from bo_graph.exc import ConfigError, RecordError, SourceError
from bo_graph.model.codes import (
    DirectOrIndirect,
    EntitySubtype,
    EntityType,
    PersonType,
    RecordStatus,
    interest_type,
    unspecified_reason,
)
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.records import (
    Address,
    Details,
    EntityDetails,
    Identifier,
    Interest,
    Name,
    PartyRef,
    PersonDetails,
    RelationshipDetails,
    Unspecified,
)
from bo_graph.model.share import Share
from bo_graph.model.statement import Statement
from loaders._common import Origin, file_date
from loaders._countries import jurisdiction
from loaders._io import ProgressFn
from loaders._sources import iter_sources
from loaders._tabular import BadRow, CsvReader
from loaders.csv_mapping import RegisterMapping, Values, load_mapping, matches

NAME = "csv"
NO_MAPPING = "--format csv needs --mapping FILE (a YAML mapping of the columns)"
TRUE = frozenset({"true", "yes", "y", "1"})
FALSE = frozenset({"false", "no", "n", "0"})
HEADER_SHOWN = 12
"""Header names an error shows (with the count of the others)."""
DELIMITERS = (";", ",", "\t", "|")


def looks_like(record: Any) -> bool:
    """Never detected by content: a CSV register needs its mapping (``--mapping``)."""
    return False


def read(
    path: Path, *, mapping: Path | str | None = None, progress: ProgressFn | None = None
) -> Iterator[LoadItem]:
    """Yield the records the ``mapping`` file describes for each row of the CSV at ``path``."""
    if mapping is None:
        raise ConfigError(NO_MAPPING)
    spec = load_mapping(Path(mapping))
    for source in iter_sources(path):
        reader = CsvReader(
            source, delimiter=spec.delimiter, encoding=spec.encoding, progress=progress
        )
        missing = sorted(spec.columns - set(reader.header))
        if missing:
            raise SourceError(source.name, "line 1", _missing(missing, reader.header, spec))
        origin = Origin(
            spec.source, source.name, spec.name, publication_date=file_date(source.basename)
        )
        if reader.wrapped_at:
            yield Warned(
                source.name, 1, (f"hard-wrapped at {reader.wrapped_at} characters: joined",)
            )
        for position, row in reader.rows():
            if isinstance(row, BadRow):
                yield Rejected(source.name, position, row.reason, row.text)
                continue
            yield from _row(spec, origin, position, row)


def _missing(missing: list[str], header: list[str], spec: RegisterMapping) -> str:
    """The columns a mapping reads that the header lacks, each with the header's closest name
    (a typo in the mapping or a renamed column), and the header; a header read as one column
    that holds another delimiter says so."""
    others = [d for d in DELIMITERS if len(header) == 1 and d in header[0] and d != spec.delimiter]
    names = [] if others else header
    hints = [
        f"{column!r} (did you mean {close[0]!r}?)" if close else repr(column)
        for column in missing
        for close in [get_close_matches(column, names, n=1, cutoff=0.6)]
    ]
    more = f" and {len(header) - HEADER_SHOWN} more" if len(header) > HEADER_SHOWN else ""
    if others:
        more += (
            f"; the header read as one column holds {others[0]!r}, and the mapping's "
            f"csv.delimiter is {spec.delimiter!r}"
        )
    return (
        f"columns {', '.join(hints)} required by mapping {spec.path} are missing "
        f"(header: {header[:HEADER_SHOWN]}{more})"
    )


def _row(
    spec: RegisterMapping, origin: Origin, position: int, row: dict[str, str]
) -> Iterator[LoadItem]:
    values = Values(spec, row)
    try:
        statements = [
            _record(values, origin, position, record, index)
            for index, record in enumerate(spec.records, 1)
            if matches(record.get("when"), row)
        ]
    except RecordError as error:
        yield Rejected(origin.file, position, f"{spec.name}: {error.reason}", row)
        return
    if not statements:
        yield Rejected(
            origin.file, position, f"{spec.name}: no record of the mapping matches this row", row
        )
    yield from statements


def _record(
    values: Values, origin: Origin, position: int, record: Mapping[str, Any], index: int
) -> Statement:
    kind = record["kind"]
    record_id = values.text(record["id"], f"records[{index}].id")
    if record_id is None:
        raise RecordError(f"records[{index}] ({kind}): the id is blank", field="id")
    details: Details
    if kind == "entity":
        details = _entity(values, record)
    elif kind == "person":
        details = _person(values, record)
    else:
        details = _relationship(values, record)
    status = _code(RecordStatus, values.text(record.get("status"), "status") or "new", "status")
    date = values.date(record.get("statement_date"), "statement_date")
    return origin.statement(
        position, record_id, details, dict(values.row), date=date, status=status
    )


def _code(enum: Any, value: str, field: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise RecordError(f"{field}: unknown code {value!r}", field=field) from None


def _identifiers(values: Values, specs: Any) -> tuple[Identifier, ...]:
    out = []
    for spec in specs or []:
        value = values.text(spec.get("id"), "identifiers.id")
        if value:
            out.append(
                Identifier(
                    value,
                    values.text(spec.get("scheme"), "identifiers.scheme"),
                    values.text(spec.get("scheme_name"), "identifiers.scheme_name"),
                )
            )
    return tuple(out)


def _addresses(values: Values, specs: Any) -> tuple[Address, ...]:
    out = []
    for spec in specs or []:
        line = values.text(spec.get("address"), "addresses.address")
        country = values.text(spec.get("country"), "addresses.country")
        postcode = values.text(spec.get("postcode"), "addresses.postcode")
        if line or country or postcode:
            out.append(
                Address(
                    line,
                    values.text(spec.get("type"), "addresses.type"),
                    postcode,
                    jurisdiction(country),
                )
            )
    return tuple(out)


def _entity(values: Values, r: Mapping[str, Any]) -> EntityDetails:
    kind = values.text(r.get("entity_type"), "entity_type") or EntityType.REGISTERED.value
    subtype = values.text(r.get("subtype"), "subtype")
    return EntityDetails(
        _code(EntityType, kind, "entity_type"),
        _code(EntitySubtype, subtype, "subtype") if subtype else None,
        name=values.text(r.get("name"), "name") or "",
        alternate_names=tuple(values.texts(r.get("alternate_names"), "alternate_names")),
        jurisdiction=jurisdiction(values.text(r.get("jurisdiction"), "jurisdiction")),
        identifiers=_identifiers(values, r.get("identifiers")),
        addresses=_addresses(values, r.get("addresses")),
        founding_date=values.date(r.get("founding_date"), "founding_date"),
        dissolution_date=values.date(r.get("dissolution_date"), "dissolution_date"),
        uri=values.text(r.get("uri"), "uri"),
    )


PLACE_OF_BIRTH = "placeOfBirth"
"""The address type of a person's place of birth: BODS keeps it apart from the addresses."""


def _person(values: Values, r: Mapping[str, Any]) -> PersonDetails:
    kind = values.text(r.get("person_type"), "person_type") or PersonType.KNOWN.value
    given = values.text(r.get("given_name"), "given_name")
    family = values.text(r.get("family_name"), "family_name")
    name = values.text(r.get("name"), "name") or " ".join(p for p in (given, family) if p)
    addresses = _addresses(values, r.get("addresses"))
    births = [a for a in addresses if a.type == PLACE_OF_BIRTH]
    return PersonDetails(
        _code(PersonType, kind, "person_type"),
        names=(Name(name, "legal", given_name=given, family_name=family),) if name else (),
        identifiers=_identifiers(values, r.get("identifiers")),
        nationalities=tuple(
            j for j in map(jurisdiction, values.texts(r.get("nationalities"), "nationalities")) if j
        ),
        birth_date=values.date(r.get("birth_date"), "birth_date"),
        addresses=tuple(a for a in addresses if a.type != PLACE_OF_BIRTH),
        place_of_birth=births[0] if births else None,
        tax_residencies=tuple(
            j
            for j in map(jurisdiction, values.texts(r.get("tax_residencies"), "tax_residencies"))
            if j
        ),
    )


def _relationship(values: Values, r: Mapping[str, Any]) -> RelationshipDetails:
    subject = values.text(r["subject"], "subject")
    if subject is None:
        raise RecordError("subject: the id is blank", field="subject")
    party: PartyRef | None = values.text(r.get("interested_party"), "interested_party")
    if party is None and isinstance(r.get("unspecified"), Mapping):
        spec = r["unspecified"]
        reason = values.text(spec.get("reason"), "unspecified.reason") or "unknown"
        party = Unspecified(
            _code(unspecified_reason, reason, "unspecified.reason"),
            values.text(spec.get("description"), "unspecified.description"),
        )
    if party is None:
        raise RecordError("interested_party: the id is blank", field="interested_party")
    interests = tuple(i for i in (_interest(values, s) for s in r.get("interests") or []) if i)
    return RelationshipDetails(subject, party, interests)


def _interest(values: Values, spec: Mapping[str, Any]) -> Interest | None:
    if not matches(spec.get("when"), values.row):
        return None
    kind = values.text(spec.get("type"), "interests.type")
    level = values.text(spec.get("direct_or_indirect"), "interests.direct_or_indirect") or "unknown"
    return Interest(
        _code(interest_type, kind, "interests.type") if kind else None,
        _code(DirectOrIndirect, level, "interests.direct_or_indirect"),
        _flag(
            values, spec.get("beneficial_ownership_or_control"), "beneficial_ownership_or_control"
        ),
        share=_share(values, spec.get("share")),
        start_date=values.date(spec.get("start_date"), "interests.start_date"),
        end_date=values.date(spec.get("end_date"), "interests.end_date"),
        details=values.text(spec.get("details"), "interests.details"),
    )


def _flag(values: Values, spec: Any, field: str) -> bool | None:
    """A true/false field: a literal, or a column or template read as true/yes/y/1 or
    false/no/n/0; ``None`` when blank."""
    value = values.get(spec, field)
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise RecordError(f"{field}: expected true or false, found {value!r}", field=field)


def _number(values: Values, spec: Any, field: str) -> float | None:
    raw = values.text(spec, field)
    if raw is None:
        return None
    try:
        return float(raw.replace("%", "").replace(",", ".").strip())
    except ValueError:
        raise RecordError(f"{field}: expected a number, found {raw!r}", field=field) from None


def _share(values: Values, spec: Any) -> Share | None:
    if not isinstance(spec, Mapping):
        return None
    exact = _number(values, spec.get("exact"), "share.exact")
    if exact is not None:
        return Share.exact(exact)
    low = _number(values, spec.get("min"), "share.min")
    high = _number(values, spec.get("max"), "share.max")
    if low is None and high is None:
        return None
    return Share(
        low if low is not None else 0.0,
        high if high is not None else 100.0,
        bool(_flag(values, spec.get("min_open"), "share.min_open")) and low is not None,
        bool(_flag(values, spec.get("max_open"), "share.max_open")) and high is not None,
    )
