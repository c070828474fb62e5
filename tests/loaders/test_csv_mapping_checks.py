"""Mapping mistakes are refused when the mapping is loaded (a misspelt condition key, an
unknown filter, a value of the wrong shape, an unusable CSV option), naming the file, the place
in it, what was expected and what was found; a date field never keeps a date as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.exc import ConfigError
from loaders import csv_register
from loaders.csv_mapping import load_mapping
from tests.cli.test_cli import run
from tests.loaders.loader_helpers import by_record, rejected

BASE = """\
source: Test Register
dates: ["%d.%m.%Y"]
records:
  - kind: entity
    when: {column: type, equals: C}
    id: "T-{id}"
    name: "{name}"
    founding_date: "{updated}"
    statement_date: "{updated}"
  - kind: person
    when: {column: type, equals: P}
    id: "P-{id}"
    name: "{name}"
    birth_date: "{updated}"
  - kind: relationship
    when: {column: type, equals: O}
    id: "R-{id}-{owner}"
    subject: "T-{id}"
    interested_party: "P-{owner}"
    statement_date: "{updated}"
    interests:
      - type: shareholding
        share: {exact: "{pct}"}
        start_date: "{updated}"
"""
ROWS = """\
type,id,name,owner,pct,updated
C,001,Alpha Ltd,,,05.01.2024
P,10,Jane Doe,,,1968-06
O,1,,10,30,2024-01-05T10:20:00Z
"""

BAD = [
    (  # YAML reads an unquoted Yes as true: the register's "Yes" would never match
        ('dates: ["%d.%m.%Y"]', 'dates: ["%d.%m.%Y"]\ncodes: {flags: {Yes: "x"}}'),
        "codes.flags: expected a value as the register writes it (YAML reads an unquoted Yes, "
        'No, On, Off or Null as true, false or null: quote it, "Yes": x), found the key true',
    ),
    (  # the condition would match every row
        ("equals: C}", "equal: C}"),
        "records[1].when: expected one of the keys column, equals, in, startswith, empty, "
        "not_empty, not, found the unknown key 'equal'",
    ),
    (
        ("when: {column: type, equals: C}", 'when: "type == C"'),
        "records[1].when: expected a condition {column: C, equals: V} (or in, startswith, "
        "empty, not_empty) or a list of them, found the text 'type == C'",
    ),
    (
        ("when: {column: type, equals: C}", "when: {column: type, equals: C, in: [C]}"),
        "records[1].when: expected a column and one of equals, in, startswith",
    ),
    (
        ("when: {column: type, equals: C}", "when: {column: type, in: C}"),
        "records[1].when.in: expected a list of values, found the text 'C'",
    ),
    (
        ('"T-{id}"', '"T-{id|normalize}"'),
        "records[1].id: expected a filter among norm, upper, lower, code:LIST, found "
        "'normalize' in '{id|normalize}'",
    ),
    (
        ('"T-{id}"', '"T-{id|norm|upper}"'),
        "records[1].id: expected at most one filter per {column|filter}",
    ),
    (('"T-{id}"', '"T-{id"'), "records[1].id: expected braces in pairs around a column"),
    (('"T-{id}"', '"T-{ | norm}"'), "records[1].id: expected a column name between the braces"),
    (
        ('"T-{id}"', '"T-{id|code:nope}"'),
        "records[1].id: expected a code list defined under 'codes' (defined: none), found "
        "'nope' in '{id|code:nope}'",
    ),
    (
        ("    founding_date:", "    founding_dat:"),
        "records[1]: expected one of the keys kind, when, id, statement_date, status, entity_type,",
    ),
    (
        ('    birth_date: "{updated}"', "    birth_date: {column: updated, dates: true}"),
        "records[2].birth_date: expected one of the keys column, template, value, codes, date, "
        "split, default, required, found the unknown key 'dates'",
    ),
    (
        ('    birth_date: "{updated}"', "    birth_date: {column: updated, template: x}"),
        "records[2].birth_date: expected exactly one of column, template, value",
    ),
    (
        ('    birth_date: "{updated}"', "    birth_date: {column: updated, date: yes please}"),
        "records[2].birth_date.date: expected true or false, found the text 'yes please'",
    ),
    (
        ("    interests:\n      - type:", "    interests:\n        type:"),
        "records[3].interests: expected a list of mappings, each an interest, found a mapping "
        "with the keys type, share, start_date",
    ),
    (
        (
            '    name: "{name}"\n    founding',
            '    identifiers: {scheme: XX, id: "{id}"}\n    founding',
        ),
        "records[1].identifiers: expected a list of mappings, each an identifier, found a "
        "mapping with the keys scheme, id",
    ),
    (
        ("share: {exact:", "share: {exactly:"),
        "records[3].interests[1].share: expected one of the keys exact, min, max, min_open, "
        "max_open, found the unknown key 'exactly'",
    ),
    (
        ("source:", 'csv: {delimiter: ";;"}\nsource:'),
        "csv.delimiter: expected one character, such as ';', found the text ';;'",
    ),
    (
        ("source:", "csv: {encoding: utf9}\nsource:"),
        "csv.encoding: expected an encoding such as utf-8 or cp1252, found the text 'utf9'",
    ),
    (
        ("source:", "csv: {encoding: utf-16}\nsource:"),
        "csv.encoding: expected an encoding such as utf-8 or cp1252, with one byte per line "
        "break (save a UTF-16 or UTF-32 file, Excel's Unicode Text, as UTF-8), found the text "
        "'utf-16'",
    ),
    (
        ("source:", "csv: {delimter: ;}\nsource:"),
        "csv: expected one of the keys delimiter, encoding, found the unknown key 'delimter'",
    ),
    (
        ('dates: ["%d.%m.%Y"]', "dates: 5"),
        "dates: expected a strptime format such as '%d.%m.%Y', or a list, found the number 5",
    ),
    (("source:", "codes: [a, b]\nsource:"), "codes: expected code lists by name, a mapping"),
    (
        ("source:", "date: [x]\nsource:"),
        "(top level): expected one of the keys name, source, csv, dates, codes, records, found "
        "the unknown key 'date'",
    ),
]


def _mapping(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = BASE.replace(old, new) if old else BASE
    assert text != BASE or not old, old
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    return path


def _rows(tmp_path: Path, text: str = ROWS) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m[:40] for _, m in BAD])
def test_a_mapping_mistake_is_refused_naming_file_place_expected_and_found(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    mapping = _mapping(tmp_path, *change)
    with pytest.raises(ConfigError) as caught:
        load_mapping(mapping)
    assert str(caught.value).startswith(f"--mapping {mapping}: ")
    assert message in str(caught.value)


def test_the_base_mapping_and_spaces_in_a_template_are_accepted(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, '"T-{id}"', '"T-{ id | norm }"')
    records = by_record(csv_register.read(_rows(tmp_path), mapping=mapping))
    assert sorted(records) == ["P-10", "R-1-10", "T-1"]  # 001 normalised, as T-{id|norm}


def test_the_cli_exits_2_on_a_mapping_mistake_before_opening_the_store(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, "equals: C}", "equal: C}")
    store = tmp_path / "g.sqlite"
    args = ("import", "--format", "csv", "--mapping", str(mapping), "--store", str(store))
    done = run(*args, str(_rows(tmp_path)), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    message = " ".join(done.stderr.split())  # the console wraps long lines
    assert "bad.yaml: records[1].when:" in message and "found the unknown key 'equal'" in message
    assert "Traceback" not in done.stderr and not store.exists()


def test_the_cli_exits_2_on_a_mapping_that_used_to_crash(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, "source:", 'csv: {delimiter: ";;"}\nsource:')
    args = ("import", "--format", "csv", "--mapping", str(mapping), str(_rows(tmp_path)))
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "csv.delimiter: expected one" in done.stderr and "Traceback" not in done.stderr


def test_date_fields_are_iso_whether_or_not_they_say_date_true(tmp_path: Path) -> None:
    records = by_record(csv_register.read(_rows(tmp_path), mapping=_mapping(tmp_path)))
    company = records["T-001"][0]
    assert company.statement_date == "2024-01-05"  # 05.01.2024 through the mapping's dates
    assert company.details.founding_date == "2024-01-05"  # type: ignore[union-attr]
    assert records["P-10"][0].details.birth_date == "1968-06"  # type: ignore[union-attr]
    ownership = records["R-1-10"][0]
    assert ownership.statement_date == "2024-01-05"  # the day of an ISO date-time
    assert ownership.details.interests[0].start_date == "2024-01-05"  # type: ignore[union-attr]


def test_a_date_in_no_expected_form_is_quarantined_not_stored_raw(tmp_path: Path) -> None:
    data = _rows(tmp_path, ROWS.replace("05.01.2024", "03/02/2019"))
    mapping = _mapping(tmp_path, 'dates: ["%d.%m.%Y"]\n', "")
    items = list(csv_register.read(data, mapping=mapping))
    [bad] = rejected(items)
    assert (bad.file, bad.position) == (str(data), 2)
    assert bad.reason == (
        "csv:bad: founding_date: expected a date YYYY-MM-DD (or YYYY-MM, YYYY, a date-time) or "
        "in one of the mapping's dates formats (%Y-%m-%d), found '03/02/2019'"
    )
    assert sorted(by_record(items)) == ["P-10", "R-1-10"]


def test_the_cli_quarantines_the_row_and_balances(tmp_path: Path) -> None:
    data = _rows(tmp_path, ROWS.replace("1968-06", "June 1968"))
    quarantine = tmp_path / "q.jsonl"
    args = ("import", "--format", "csv", "--mapping", str(_mapping(tmp_path)), str(data))
    done = run(*args, "--quarantine", str(quarantine), "--store", "g.sqlite", cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "read 3 = loaded 2 + quarantined 1 + duplicates 0" in done.stdout
    [line] = quarantine.read_text().splitlines()
    record = json.loads(line)
    assert (record["file"], record["line"]) == (str(data), 3)
    assert "birth_date: expected a date YYYY-MM-DD" in record["reason"]
    assert "(%d.%m.%Y), found 'June 1968'" in record["reason"]
