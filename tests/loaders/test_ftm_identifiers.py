"""The identifiers of FtM parties say what they are, and a person's are BODS 0.4 person
identifiers (zala, ../shared/reference_data section 8a)."""

from __future__ import annotations

import json
from pathlib import Path

from bo_graph.model.particulars import particulars
from bo_graph.store.embedded import EmbeddedStore
from loaders import ftm, read
from loaders.bods_checks import BodsChecker
from tests.cli.test_cli import run
from tests.cli.test_cli_public_tier import run_as
from tests.helpers import import_files
from tests.loaders.loader_helpers import FTM, by_record, statements
from tests.loaders.test_bods04_of_registers import as_bods04

ZALA = FTM / "zala" / "entities.ftm.json"
SVETLANA = "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc"  # innCode, taxNumber, idNumber "TIN: ..."
LAVRENTIY = "ftm:NK-hUAjuiA3vTKXF6v2X6MYnS"  # passportNumber
LLC_CST = "ftm:NK-abdzbEBkqyT29GyREbiURZ"
INN = "Russian taxpayer number (INN)"


def test_a_persons_identifiers_pass_the_bods_person_checks(reference: Path) -> None:
    """BODS 0.4 schemes a person's identifier ``<ISO alpha-3>-<PASSPORT|TAXID|IDCARD>``; the
    entity scheme ``RU-INN`` on five sanctioned persons failed lib-cove-bods' check."""
    checker = BodsChecker(today="2026-01-01")
    found = []
    for position, statement in enumerate(statements(read(ZALA, "ftm")), 1):
        bods = as_bods04(statement) | {"statementId": f"{position:032d}"}
        found += [f.code for f in checker.check(bods, position) if "identifiers" in f.code]
    assert found == []


def test_identifiers_say_what_they_are_in_the_bods_export(reference: Path) -> None:
    records = by_record(ftm.read(ZALA))
    svetlana = records[SVETLANA][0].bods_details["identifiers"]
    assert {"id": "183111242572", "scheme": "RUS-TAXID", "schemeName": INN} in svetlana
    assert {"id": "183111242572", "schemeName": "tax number"} in svetlana
    # OpenSanctions' idNumber holds her taxpayer number: not a "national id number"
    assert {"id": "TIN: 183111242572", "schemeName": "ID number"} in svetlana
    passport = records[LAVRENTIY][0].bods_details["identifiers"]
    assert {"id": "089132114", "schemeName": "passport number"} in passport
    company = records[LLC_CST][0].bods_details["identifiers"]
    assert {"id": "1841015504", "scheme": "RU-INN", "schemeName": INN} in company
    assert {"id": "M52TNV23BGX4", "schemeName": "SAM.gov Unique Entity ID (UEI)"} in company


def test_a_company_is_still_found_by_its_inn(reference: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [ZALA], tmp_path / "q.jsonl")
        assert store.resolve_ref("RU-INN:1841015504").id == LLC_CST
        node = store.get_node(SVETLANA)
        assert node is not None
        shown = dict(particulars(node))["identifiers"]
        assert "RUS-TAXID 183111242572" in shown and "ID number TIN: 183111242572" in shown
    finally:
        store.close()


def test_show_and_the_case_files_name_an_identifier_without_a_scheme(
    reference: Path, tmp_path: Path
) -> None:
    """A passport or registration number FtM gives without its country is shown by what it
    is, not as ``{"scheme": null}`` or ``?:1091841000624``; the public still sees no
    identifier of a person."""
    assert run("import", str(ZALA), cwd=tmp_path).returncode == 0
    shown = json.loads(run_as("authority", "show", LAVRENTIY, "--json", cwd=tmp_path).stdout)
    passport = {"scheme": None, "scheme_name": "passport number", "id": "089132114"}
    assert passport in shown["node"]["identifiers"]
    public = json.loads(run_as("public", "show", LAVRENTIY, "--json", cwd=tmp_path).stdout)
    assert public["node"]["identifiers"] == []
    company = json.loads(run("show", LLC_CST, "--json", cwd=tmp_path).stdout)["node"]
    inn = {"scheme": "RU-INN", "scheme_name": INN, "id": "1841015504"}
    assert inn in company["identifiers"]
    done = run("export", LLC_CST, "--format", "html", "--out", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [report] = tmp_path.glob("*.html")
    page = report.read_text()
    assert "registration number 1091841000624" in page and "RU-INN:1841015504" in page
    assert "?:" not in page
