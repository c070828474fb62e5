"""The BasicCompanyData loader, and the company node it shares with the PSC loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bo_graph.exc import SourceError
from bo_graph.model.records import EntityDetails
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, uk_companies
from tests.helpers import import_files
from tests.loaders.loader_helpers import (
    PSC,
    import_twice,
    kinds,
    rejected,
    statements,
    warned,
    zipped,
)

WRAPPED = PSC / "tests" / "fixtures" / "basic-company-data-1.csv"
JSON_ROWS = PSC / "tests" / "fixtures" / "company-data-1.json"
SNAPSHOT = PSC / "derived" / "psc-snapshot-sample.jsonl"


def _header() -> str:
    """The real header, unwrapped (leading spaces kept)."""
    return "".join(WRAPPED.read_text().splitlines()[:11])


def test_hard_wrapped_fixture_is_one_company(reference: Path) -> None:
    items = list(uk_companies.read(WRAPPED))
    assert kinds(items) == {"Statement": 1, "Warned": 1}
    assert "hard-wrapped at 118" in warned(items)[0].warnings[0]
    (company,) = statements(items)
    assert company.record_id == "GB-COH-8209948"
    details = company.details
    assert isinstance(details, EntityDetails)
    assert details.name == "! LTD"
    assert details.founding_date == "2012-09-11"  # 11/09/2012 is DD/MM/YYYY
    assert details.identifiers[0].id == "08209948"
    assert details.addresses[0].postcode == "HG1 1ND"
    assert company.statement_date == "2024-09-11"  # latest filing: confirmation statement
    assert detect_format(WRAPPED) == "uk-companies"


def test_header_has_55_columns_some_with_leading_spaces(reference: Path) -> None:
    names = _header().split(",")
    assert len(names) == 55
    assert " CompanyNumber" in names and " RegAddress.AddressLine2" in names


def test_json_twin_gives_the_same_statement(reference: Path) -> None:
    items = list(uk_companies.read(JSON_ROWS))
    assert [s.record_id for s in statements(items)] == ["GB-COH-8209948", "GB-COH-11399177"]
    from_csv = statements(uk_companies.read(WRAPPED))[0]
    assert statements(items)[0].statement_id == from_csv.statement_id
    assert detect_format(JSON_ROWS) == "uk-companies"


def test_bad_rows_are_quarantined(reference: Path, tmp_path: Path) -> None:
    row = '"X LTD","00000042","","","1 ROAD","","TOWN","","ENGLAND","AB1 2CD","Private","Active",'
    row += '"United Kingdom","","31/02/2012"' + ',""' * 40
    short = '"Y LTD","00000043","",""'
    missing = '"Z LTD",""' + ',""' * 53
    path = tmp_path / "BasicCompanyData-2024-11-01.csv"
    path.write_text("\n".join([_header(), row, short, missing]) + "\n")
    items = list(uk_companies.read(path))
    reasons = [r.reason for r in rejected(items)]
    assert len(reasons) == 3
    assert "IncorporationDate" in reasons[0]
    assert "expected 55 fields" in reasons[1]
    assert "CompanyNumber" in reasons[2]


def _padded(name: str, number: str, width: int, fields: int = 55) -> str:
    """A row of ``fields`` fields whose company name is padded to make it ``width`` long."""
    tail = ',""' * (fields - 2)
    pad = width - len(f'"{name}","{number}"{tail}')
    return f'"{name}{" " * pad}","{number}"{tail}'


def test_unwrapped_file_with_lines_of_equal_length_is_read_as_it_is(
    reference: Path, tmp_path: Path
) -> None:
    """Header and rows of one length and a short row: not hard-wrapped, so no row is joined."""
    header = _header()
    width = len(header)
    rows = [_padded("A LTD", "1", width), _padded("B LTD", "2", width, fields=20)]
    rows += [_padded("C LTD", "3", width), _padded("D LTD", "4", width - 7)]
    path = tmp_path / "BasicCompanyData-2024-11-01.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    items = list(uk_companies.read(path))
    assert kinds(items) == {"Statement": 3, "Rejected": 1}  # no 'hard-wrapped' warning
    assert [s.record_id for s in statements(items)] == ["GB-COH-1", "GB-COH-3", "GB-COH-4"]
    (short,) = rejected(items)
    assert short.position == 3 and "expected 55 fields as in the header, found 20" in short.reason
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, [path], tmp_path / "q.jsonl")
    finally:
        store.close()
    assert (report.accounting.read, report.accounting.loaded) == (4, 3)
    assert report.accounting.quarantined == 1 and report.accounting.balanced


def test_file_date_and_bad_encoding(reference: Path, tmp_path: Path) -> None:
    good = '"W LTD","123","","","","","","","","","","","United Kingdom","","01/01/2020"'
    good += ',""' * 40
    path = tmp_path / "BasicCompanyData-2024-11-01.csv"
    path.write_bytes((_header() + "\n" + good + "\n").encode() + b'"\xff\xfe LTD","9"\n')
    items = list(uk_companies.read(path))
    (company,) = statements(items)
    assert company.statement_date == "2024-11-01"
    assert company.provenance.publication_date == "2024-11-01"
    (bad,) = rejected(items)
    assert "not valid utf-8" in bad.reason and bad.position == 3


def test_not_basic_company_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(SourceError, match="not BasicCompanyData"):
        list(uk_companies.read(path))


@pytest.mark.parametrize("companies_first", [True, False])
def test_psc_and_company_data_make_one_node(
    reference: Path, tmp_path: Path, companies_first: bool
) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    paths = [SNAPSHOT, JSON_ROWS] if not companies_first else [JSON_ROWS, SNAPSHOT]
    try:
        report, _ = import_twice(store, paths, tmp_path)
        assert report.dangling == []
        node = store.get_node("GB-COH-8209948")
        assert node is not None and node.details.name == "! LTD"  # type: ignore[union-attr]
        sources = {s.provenance.source for s in store.statements_for("GB-COH-8209948")}
        assert sources == {"GB Persons of Significant Control Register", uk_companies.SOURCE}
        assert len(store.find_by_identifier("GB-COH", "8209948")) == 1
    finally:
        store.close()


def test_zipped_company_data(reference: Path, tmp_path: Path) -> None:
    csv_copy = shutil.copy(WRAPPED, tmp_path / "BasicCompanyData-2024-11-01-part1_7.csv")
    archive = zipped([Path(csv_copy)], tmp_path / "BasicCompanyData-2024-11-01-part1_7.zip")
    assert detect_format(archive) == "uk-companies"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, [archive], tmp_path / "q.jsonl")
        assert report.accounting.loaded == 1 and report.accounting.balanced
        (statement,) = store.statements_for("GB-COH-8209948")
        assert statement.provenance.file.endswith(".zip!BasicCompanyData-2024-11-01-part1_7.csv")
        assert statement.provenance.publication_date == "2024-11-01"
    finally:
        store.close()


def test_an_unchanged_company_in_the_next_month_s_file_is_a_duplicate(
    reference: Path, tmp_path: Path
) -> None:
    """Monthly snapshots repeat millions of unchanged companies: they must not be new
    statements each month. A changed one is."""
    paths = []
    for month, name in (("01", "W LTD"), ("02", "W LTD"), ("03", "V LTD")):
        row = f'"{name}","123","","","","","","","","","","","United Kingdom","","01/01/2020"'
        path = tmp_path / f"BasicCompanyData-2024-{month}-01.csv"
        path.write_text(_header() + "\n" + row + ',""' * 40 + "\n")
        paths.append(path)
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, paths, tmp_path / "q.jsonl")
        assert (report.accounting.loaded, report.accounting.duplicates) == (2, 1)
        node = store.get_node("GB-COH-123")
        assert node is not None and node.name == "V LTD"
    finally:
        store.close()
