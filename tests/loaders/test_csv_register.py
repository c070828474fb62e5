"""CSV registers through YAML mappings: the shipped example mappings with their fixtures, the
EITI samples (../shared/reference_data section 4c), mapping errors and hostile rows."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from bo_graph.exc import ConfigError, SourceError
from bo_graph.model.codes import EntitySubtype, EntityType, InterestType, UnspecifiedReason
from bo_graph.model.records import EntityDetails, PersonDetails, RelationshipDetails, Unspecified
from bo_graph.model.share import Share
from bo_graph.store.embedded import EmbeddedStore
from loaders import csv_register, read
from tests.loaders.loader_helpers import (
    FIXTURES,
    MAPPINGS,
    OO_FILES,
    by_record,
    import_twice,
    kinds,
    rejected,
    statements,
)

NATIONAL = MAPPINGS / "national_register.yaml"
ACCOUNTS = MAPPINGS / "bank_accounts.yaml"
EITI = MAPPINGS / "eiti.yaml"
EXAMPLES = [
    (NATIONAL, FIXTURES / "national_register.csv", 11),
    (ACCOUNTS, FIXTURES / "bank_accounts.csv", 12),
]


@pytest.mark.parametrize(("mapping", "data", "count"), EXAMPLES, ids=lambda v: Path(str(v)).name)
def test_every_example_mapping_loads_its_fixture(
    mapping: Path, data: Path, count: int, tmp_path: Path
) -> None:
    items = list(csv_register.read(data, mapping=mapping))
    assert kinds(items) == {"Statement": count}
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [data], tmp_path, mapping=str(mapping))
        assert first.dangling == []
    finally:
        store.close()


def test_national_register_mapping() -> None:
    items = list(read(FIXTURES / "national_register.csv", mapping=NATIONAL))  # auto -> csv
    records = by_record(items)
    company = records["XL-REG-12345"][0]
    assert company.provenance.source == "Exampleland Register of Companies and Beneficial Owners"
    assert company.provenance.source_format == "xl-register"
    assert company.details.founding_date == "2001-04-03"  # type: ignore[union-attr]
    lagoon = records["XL-REG-55555"][0].details
    assert isinstance(lagoon, EntityDetails) and lagoon.entity_type is EntityType.LEGAL
    maria = records["XL-PERSON-P001"][0].details
    assert isinstance(maria, PersonDetails)
    assert maria.birth_date == "1968-06"
    assert [j.code for j in maria.nationalities] == [None, "DE"]
    band = records["XL-OWN-12345-PP001-S-03.04.2001"][0].details
    assert isinstance(band, RelationshipDetails)
    assert band.interests[0].share == Share(25, 50, lower_open=True)
    parent = records["XL-OWN-67890-C12345-S-15.09.2010"][0].details
    assert parent.interested_party == "XL-REG-12345"  # type: ignore[union-attr]  # leading zeros
    unknown = records["XL-UNSPECIFIED-55555-UNKNOWN"][0].details
    assert unknown.interested_party == Unspecified(  # type: ignore[union-attr]
        UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM, "UNKNOWN"
    )


def test_bank_account_mapping() -> None:
    records = by_record(csv_register.read(FIXTURES / "bank_accounts.csv", mapping=ACCOUNTS))
    account = records["account:GB33BUKB20201555555555"][0].details
    assert isinstance(account, EntityDetails)
    assert (account.entity_type, account.subtype) == (EntityType.ARRANGEMENT, EntitySubtype.OTHER)
    holder = records["account-role:A-1001:P-1:HOLDER"][0].details
    bo = records["account-role:A-1001:P-2:BO"][0].details
    proxy = records["account-role:A-1001:P-3:PROXY"][0].details
    assert holder.interests[0].type is InterestType.ENJOYMENT_AND_USE_OF_ASSETS  # type: ignore[union-attr]
    assert bo.interests[0].type is InterestType.RIGHT_TO_PROFIT_OR_INCOME_FROM_ASSETS  # type: ignore[union-attr]
    assert bo.interests[0].beneficial_ownership_or_control is True  # type: ignore[union-attr]
    assert proxy.interests[0].end_date == "2022-12-31"  # type: ignore[union-attr]
    company = records["account-party:P-1"][0].details
    assert company.identifiers[0].scheme == "GB-COH"  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "count"), [("eiti_corporate.csv", 3), ("eiti_individual.csv", 3)])
def test_eiti_samples(reference: Path, name: str, count: int) -> None:
    items = list(csv_register.read(OO_FILES / name, mapping=EITI))
    assert kinds(items) == {"Statement": count}
    relationship = statements(items)[-1].details
    assert isinstance(relationship, RelationshipDetails)
    assert relationship.interests[0].share == Share.exact(100)
    assert relationship.interests[0].type is InterestType.SHAREHOLDING


def test_eiti_invalid_columns_is_refused(reference: Path) -> None:
    with pytest.raises(SourceError, match=r"required by mapping .*eiti\.yaml are missing"):
        list(csv_register.read(OO_FILES / "eiti_invalid_columns.csv", mapping=EITI))


def test_mapping_is_required_and_must_exist(tmp_path: Path) -> None:
    data = FIXTURES / "national_register.csv"
    with pytest.raises(ConfigError, match="needs --mapping"):
        list(csv_register.read(data))
    with pytest.raises(ConfigError, match=r"nope\.yaml: no such mapping file"):
        list(csv_register.read(data, mapping=tmp_path / "nope.yaml"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "records: []",
            "(top level): expected the keys source, records, found a mapping with the keys "
            "records (missing source)",
        ),
        ("source: X\nrecords: []", "at least one record"),
        (
            "source: X\nrecords: [{kind: company, id: x}]",
            "records[1].kind: expected the record's kind, one of entity, person, relationship, "
            "found the text 'company'",
        ),
        ("source: X\nrecords: [{kind: relationship, id: x}]", "missing subject, interests"),
        (
            "source: X\nrecords: [{kind: entity, id: {column: a, codes: nope}}]",
            "records[1].id.codes: expected a code list defined under 'codes' (defined: none), "
            "found the text 'nope'",
        ),
        ("source: [unclosed", "not valid YAML"),
    ],
)
def test_bad_mappings_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(text)
    with pytest.raises(ConfigError, match=r"bad\.yaml") as caught:
        list(csv_register.read(FIXTURES / "national_register.csv", mapping=mapping))
    assert message in str(caught.value)


def test_hostile_rows_are_quarantined(tmp_path: Path) -> None:
    header = (FIXTURES / "national_register.csv").read_text().splitlines()[0]
    rows = [
        "C;00012345;Bad Date Ltd;LTD;31.02.2001;;1 Road;Town;Exampleland;;;;;;;;;;;;",
        "O;12345;;;;;;;;;;;P;P001;Z;;;;01.01.2001;;",
        "C;;No Number Ltd;LTD;01.01.2001;;1 Road;Town;Exampleland;;;;;;;;;;;;",
        "C;00099999;Short Row Ltd;LTD",
        "Q;1;;;;;;;;;;;;;;;;;;;",
        "O;12345;;;;;;;;;;;P;P001;S;150;;;01.01.2001;;",
    ]
    path = tmp_path / "register.csv"
    path.write_bytes(
        ("\n".join([header, *rows]) + "\n").encode() + b"P;;Caf\xe9;;;;;;;P9;;;;;;;;;;;\n"
    )
    reasons = [r.reason for r in rejected(csv_register.read(path, mapping=NATIONAL))]
    assert len(reasons) == 7
    assert "incorporated" in reasons[0] and "31.02.2001" in reasons[0]
    assert "unknown code 'Z'" in reasons[1]
    assert "id is blank" in reasons[2]
    assert "expected 21 fields" in reasons[3]
    assert "no record of the mapping matches" in reasons[4]
    assert "between 0 and 100" in reasons[5]
    assert "not valid utf-8" in reasons[6]


def test_an_address_typed_place_of_birth_is_the_place_of_birth(tmp_path: Path) -> None:
    mapping = tmp_path / "births.yaml"
    mapping.write_text(
        "name: births\nsource: Register of births\nrecords:\n"
        "  - kind: person\n    id: '{id}'\n    name: '{name}'\n    addresses:\n"
        "      - {type: placeOfBirth, address: '{born_in}', country: '{born_country}'}\n"
        "      - {type: residence, country: '{lives_in}'}\n"
    )
    data = tmp_path / "persons.csv"
    data.write_text("id,name,born_in,born_country,lives_in\nP1,Ana Pop,Cluj,Romania,Austria\n")
    [person] = statements(csv_register.read(data, mapping=mapping))
    details = person.details
    assert isinstance(details, PersonDetails) and details.place_of_birth is not None
    assert details.place_of_birth.address == "Cluj"
    assert details.place_of_birth.country is not None
    assert details.place_of_birth.country.code == "RO"
    assert [a.type for a in details.addresses] == ["residence"], "BODS keeps it apart"


def test_a_byte_order_mark_before_a_quoted_header_is_dropped_with_encoding_utf8(
    tmp_path: Path,
) -> None:
    """Excel's "CSV UTF-8" quotes the header and starts with a BOM; a mapping saying
    ``encoding: utf-8`` must still find the first column (not ``'"id"'``)."""
    mapping = tmp_path / "owners.yaml"
    mapping.write_text(
        "name: bom\nsource: Register\ncsv: {delimiter: ';', encoding: utf-8}\nrecords:\n"
        "  - kind: person\n    id: 'P-{id}'\n    name: '{name}'\n"
    )
    data = tmp_path / "owners.csv"
    data.write_bytes(b'\xef\xbb\xbf"id";"name"\r\n"1";"Zo\xc3\xab M\xc3\xbcller"\r\n')
    [person] = statements(csv_register.read(data, mapping=mapping))
    assert person.record_id == "P-1"
    assert isinstance(person.details, PersonDetails) and person.details.names[0].full_name == (
        "Zoë Müller"
    )


def test_open_bounds_of_a_share_are_values_read_as_true_or_false(tmp_path: Path) -> None:
    """``min_open``/``max_open`` take any value (a literal, a column, a template), read as
    true or false; ``"false"`` or a column saying no must not open the bound."""
    mapping = tmp_path / "bands.yaml"
    mapping.write_text(
        "name: bands\nsource: Register\nrecords:\n"
        "  - kind: relationship\n    id: 'R-{c}'\n    subject: 'C-{c}'\n"
        "    interested_party: 'P-{c}'\n    interests:\n      - type: shareholding\n"
        "        share: {min: '{lo}', max: '{hi}', min_open: {column: lo_open}, "
        "max_open: 'false'}\n"
    )
    data = tmp_path / "bands.csv"
    data.write_text("c,lo,hi,lo_open\n1,25,50,no\n2,25,50,yes\n3,25,50,\n4,25,50,maybe\n")
    items = list(csv_register.read(data, mapping=mapping))
    shares = {}
    for s in statements(items):
        assert isinstance(s.details, RelationshipDetails)
        shares[s.record_id] = s.details.interests[0].share
    assert shares == {
        "R-1": Share(25, 50, False, False),
        "R-2": Share(25, 50, True, False),
        "R-3": Share(25, 50, False, False),
    }
    [bad] = rejected(items)
    assert "share.min_open: expected true or false, found 'maybe'" in bad.reason


@pytest.mark.parametrize(
    ("row", "found"),
    [
        ('2;Beta;"X', "a quoted field opened on line 4 runs to line 6, over lines that read as"),
        ('2;"Beta;X', "found 2 in lines 4-6 read as one row: a quoted field opened on line 4"),
    ],
)
def test_an_unclosed_quote_never_swallows_the_rows_after_it_silently(
    row: str, found: str, tmp_path: Path
) -> None:
    """A quote left open in a register takes the rows after it into one field. When the merged
    row still has the header's width (the quote in the last column) it must not load with the
    rows it took as its text: the block is quarantined, naming its lines. A quoted address over
    two lines still loads."""
    mapping = tmp_path / "companies.yaml"
    mapping.write_text(
        "name: quotes\nsource: Register\ncsv: {delimiter: ';'}\nrecords:\n"
        "  - kind: entity\n    id: 'C-{no}'\n    name: '{name}'\n"
        "    addresses: [{address: '{city}'}]\n"
    )
    data = tmp_path / "companies.csv"
    data.write_text(f'no;name;city\n1;Alpha;"1 Road\nPort Town"\n{row}\n3;Gamma;Y\n4;Delta;Z\n')
    items = list(csv_register.read(data, mapping=mapping))
    assert [s.record_id for s in statements(items)] == ["C-1"]
    [bad] = rejected(items)
    assert bad.position == 4 and found in bad.reason
    assert "3;Gamma;Y" in bad.raw and "4;Delta;Z" in bad.raw


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("no;company_name;city", "'company_nmae' (did you mean 'company_name'?)"),
        ("no;name;city", "'company_nmae' required by mapping"),
        (
            "no|company_name|city",
            "holds '|', and the mapping's csv.delimiter is ';'",
        ),
    ],
)
def test_a_column_the_header_lacks_is_named_with_the_closest_header_name(
    header: str, found: str, tmp_path: Path
) -> None:
    """A typo in a mapping's column (or a renamed column) names the header's closest name; a
    header read as one column says which delimiter it holds."""
    mapping = tmp_path / "typo.yaml"
    mapping.write_text(
        "source: Register\ncsv: {delimiter: ';'}\nrecords:\n"
        "  - kind: entity\n    id: 'C-{no}'\n    name: '{company_nmae}'\n"
    )
    data = tmp_path / "companies.csv"
    data.write_text(f"{header}\n1;Alpha;X\n")
    with pytest.raises(SourceError) as caught:
        list(csv_register.read(data, mapping=mapping))
    assert "companies.csv: line 1: columns" in str(caught.value)
    assert found in str(caught.value)
    assert "did you mean 'no|" not in str(caught.value)


def test_a_byte_order_mark_with_another_encoding_named_is_refused(tmp_path: Path) -> None:
    """A file starting with a UTF-8 BOM is UTF-8: read as cp1252 it would load 'ZoÃ«'."""
    mapping = tmp_path / "owners.yaml"
    mapping.write_text(
        "name: bom\nsource: Register\ncsv: {delimiter: ';', encoding: cp1252}\nrecords:\n"
        "  - kind: person\n    id: 'P-{id}'\n    name: '{name}'\n"
    )
    data = tmp_path / "owners.csv"
    data.write_bytes(b"\xef\xbb\xbfid;name\r\n1;Zo\xc3\xab\r\n")
    with pytest.raises(SourceError) as caught:
        list(csv_register.read(data, mapping=mapping))
    assert "owners.csv: byte 0: expected cp1252 text, found a UTF-8 byte-order mark" in str(
        caught.value
    )


def test_an_unclosed_quote_over_the_field_limit_names_the_lines_it_took(tmp_path: Path) -> None:
    """In a large register a quote left open runs until the csv module's field limit (128 KiB):
    the quarantined block says which lines it took and why, not only 'field larger than field
    limit'; the rows after the block load."""
    mapping = tmp_path / "companies.yaml"
    mapping.write_text(
        "name: quotes\nsource: Register\ncsv: {delimiter: ';'}\nrecords:\n"
        "  - kind: entity\n    id: 'C-{no}'\n    name: '{name}'\n"
    )
    rows = [f"{i};Company number {i:05d} Limited;City" for i in range(3, 8000)]
    data = tmp_path / "companies.csv"
    data.write_text("\n".join(["no;name;city", "1;Alpha;X", '2;"Beta;Y', *rows]) + "\n")
    limit = csv.field_size_limit(131072)  # the default; a library imported may raise it
    try:
        items = list(csv_register.read(data, mapping=mapping))
    finally:
        csv.field_size_limit(limit)
    [bad] = rejected(items)
    assert bad.position == 3 and bad.reason.startswith("CSV syntax: field larger than")
    end = int(bad.reason.split(" runs to line ")[1].split()[0])
    assert f"in lines 3-{end} read as one row: a quoted field opened on line 3" in bad.reason
    loaded = {s.record_id for s in statements(items)}
    assert "C-1" in loaded and "C-7999" in loaded and "C-3" not in loaded


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_lines_ended_by_carriage_returns_alone_are_rows(tmp_path: Path, compress: bool) -> None:
    """Excel's "CSV (Macintosh)" and classic Mac OS tools end lines with a carriage return
    alone: such a register was refused at its header ('new-line character seen in unquoted
    field'). Its rows load, each at its own line."""
    mapping = tmp_path / "companies.yaml"
    mapping.write_text(
        "name: mac\nsource: Register\ncsv: {delimiter: ';', encoding: cp1252}\nrecords:\n"
        "  - kind: entity\n    id: 'C-{no}'\n    name: '{name}'\n"
    )
    text = b'no;name\r1;Soci\xe9t\xe9 A\r2;"B\rLtd"\r;\r3\r4;D'
    data = tmp_path / ("companies.csv.gz" if compress else "companies.csv")
    data.write_bytes(gzip.compress(text) if compress else text)
    items = list(csv_register.read(data, mapping=mapping))
    names = {s.record_id: (s.details.name, s.provenance.position) for s in statements(items)}
    assert names == {"C-1": ("Société A", 2), "C-2": ("B\nLtd", 3), "C-4": ("D", 7)}
    [short] = rejected(items)
    assert short.position == 6 and "expected 2 fields as in the header, found 1" in short.reason


def test_a_placeholder_year_0000_is_no_date(tmp_path: Path) -> None:
    """Registers write 0000 for an unknown year: it is no ISO date (there is no year 0, as
    0000-01 is refused), so it is not stored as a birth year but quarantined with the forms
    expected."""
    mapping = tmp_path / "persons.yaml"
    mapping.write_text(
        "name: p\nsource: Register\ndates: ['%d/%m/%Y']\nrecords:\n"
        "  - {kind: person, id: 'P-{id}', name: '{name}', birth_date: '{born}'}\n"
    )
    data = tmp_path / "persons.csv"
    data.write_text("id,name,born\n1,Ann,0000\n2,Bob,1970\n")
    items = list(csv_register.read(data, mapping=mapping))
    assert [s.record_id for s in statements(items)] == ["P-2"]
    [bad] = rejected(items)
    assert "birth_date: expected a date YYYY-MM-DD" in bad.reason and "found '0000'" in bad.reason
