"""UK Companies House BasicCompanyData loader: the free company data product.

Input: the CSV (``BasicCompanyDataAsOneFile-YYYY-MM-DD.csv``, often zipped), or the same rows as
JSON objects. The real header has names with a leading space (``" CompanyNumber"``), dates are
``DD/MM/YYYY`` and there are 55 columns, ten pairs of them previous names. Each row is one entity
record ``GB-COH-<number>`` (leading zeros dropped), the same record the PSC loader gives the
company, so both registers' statements land on one node. The statement date is the date in the
file name, or else the latest filing date in the row (confirmation statement, accounts, annual
return, incorporation): a dated statement wins over the PSC loader's undated identifier-only
record of the same company, whatever the import order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError, SourceError
from bo_graph.model.codes import EntityType
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.records import Address, EntityDetails, Identifier, Jurisdiction
from loaders._common import GB_COH, Origin, compact, file_date, gb_coh_id, parse_date, text
from loaders._countries import jurisdiction
from loaders._io import BadLine, ProgressFn, first_significant_byte, iter_json_records
from loaders._sources import Source, iter_sources
from loaders._tabular import BadRow, CsvReader

NAME = "uk-companies"
SOURCE = "GB Companies House BasicCompanyData"
REQUIRED = ("CompanyName", "CompanyNumber")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
ADDRESS_LINES = (
    "RegAddress.CareOf",
    "RegAddress.POBox",
    "RegAddress.AddressLine1",
    "RegAddress.AddressLine2",
    "RegAddress.PostTown",
    "RegAddress.County",
)
UK = Jurisdiction(name="United Kingdom", code="GB")
AS_OF_COLUMNS = (
    "ConfStmtLastMadeUpDate",
    "Accounts.LastMadeUpDate",
    "Returns.LastMadeUpDate",
    "IncorporationDate",
)


def looks_like(record: Any) -> bool:
    """A BasicCompanyData row (as JSON or as a CSV header turned into a dict)."""
    if not isinstance(record, Mapping):
        return False
    keys = {str(k).strip() for k in record}
    return all(k in keys for k in REQUIRED)


def looks_like_header(header: list[str]) -> bool:
    return all(k in header for k in REQUIRED) and "IncorporationDate" in header


def read(path: Path, *, progress: ProgressFn | None = None) -> Iterator[LoadItem]:
    """Yield one entity statement per company row under ``path`` (CSV or JSON)."""
    for source in iter_sources(path):
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.basename))
        if first_significant_byte(source) in (b"[", b"{"):
            yield from _json_rows(source, origin, progress)
        else:
            yield from _csv_rows(source, origin, progress)


def _csv_rows(source: Source, origin: Origin, progress: ProgressFn | None) -> Iterator[LoadItem]:
    reader = CsvReader(source, progress=progress)
    missing = [k for k in REQUIRED if k not in reader.header]
    if missing:
        raise SourceError(source.name, "line 1", f"not BasicCompanyData: no column {missing}")
    if reader.wrapped_at:
        note = f"every line is hard-wrapped at {reader.wrapped_at} characters: lines were joined"
        yield Warned(source.name, 1, (note,))
    for position, row in reader.rows():
        if isinstance(row, BadRow):
            yield Rejected(source.name, position, row.reason, row.text)
        else:
            yield from _one(origin, position, row)


def _json_rows(source: Source, origin: Origin, progress: ProgressFn | None) -> Iterator[LoadItem]:
    for position, raw in iter_json_records(source, progress):
        if isinstance(raw, BadLine):
            yield Rejected(source.name, position, raw.error, raw.text)
        elif not looks_like(raw):
            yield Rejected(source.name, position, f"expected a row with {REQUIRED}", raw)
        else:
            yield from _one(origin, position, {str(k).strip(): v for k, v in raw.items()})


def _one(origin: Origin, position: int, row: Mapping[str, Any]) -> Iterator[LoadItem]:
    try:
        number = text(row.get("CompanyNumber"))
        if number is None:
            raise RecordError("CompanyNumber: expected a company number, found none")
        details = company(row, number)
    except RecordError as error:
        yield Rejected(origin.file, position, f"BasicCompanyData: {error.reason}", dict(row))
        return
    date = file_date(Path(origin.file).name) or _latest_filing(row)
    yield origin.statement(position, gb_coh_id(number), details, dict(row), date=date)


def _latest_filing(row: Mapping[str, Any]) -> str | None:
    """The date the row's information is current to, when the file name has no date: the
    latest filing it reflects (confirmation statement, accounts, return or incorporation)."""
    dates = [_date(row, column) for column in AS_OF_COLUMNS]
    return max((d for d in dates if d), default=None)


def company(row: Mapping[str, Any], number: str) -> EntityDetails:
    """The entity details of one BasicCompanyData row."""
    previous = (text(row.get(f"PreviousName_{n}.CompanyName")) for n in range(1, 11))
    return EntityDetails(
        EntityType.REGISTERED,
        name=text(row.get("CompanyName")) or "",
        alternate_names=compact(*previous),
        jurisdiction=jurisdiction(text(row.get("CountryOfOrigin"))) or UK,
        identifiers=(Identifier(number, GB_COH, uri=text(row.get("URI"))),),
        addresses=compact(_address(row)),
        founding_date=_date(row, "IncorporationDate"),
        dissolution_date=_date(row, "DissolutionDate"),
        uri=text(row.get("URI")),
    )


def _date(row: Mapping[str, Any], column: str) -> str | None:
    try:
        return parse_date(row.get(column), DATE_FORMATS)
    except RecordError as error:
        raise RecordError(f"{column}: {error.reason}", field=column) from None


def _address(row: Mapping[str, Any]) -> Address | None:
    lines = ", ".join(v for v in (text(row.get(k)) for k in ADDRESS_LINES) if v)
    country = text(row.get("RegAddress.Country"))
    postcode = text(row.get("RegAddress.PostCode"))
    if not (lines or country or postcode):
        return None
    return Address(
        address=lines or None, type="registered", postcode=postcode, country=jurisdiction(country)
    )
