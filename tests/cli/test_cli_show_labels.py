"""`show` tells relationships apart as the registers do: the kind of control, direct or
indirect, in the source's own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.store.embedded import EmbeddedStore
from tests.cli.test_cli_json_shapes import run_main
from tests.conftest import SAMPLES
from tests.helpers import import_files

GLEIF_API = Path("gleif-api-gleif-rs") / "tests" / "data"
VIZ = Path("icij-panama-papers-2016-linkurious") / "viz-data"


def _show(
    files: list[Path],
    ref: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> list[str]:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    import_files(store, files, tmp_path / "q.jsonl")
    store.close()
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run_main(
        monkeypatch, capsys, "show", ref, "--store", str(tmp_path / "graph.sqlite")
    )
    assert code == 0, err
    return [" ".join(line.split()) for line in out.splitlines()]


def test_direct_and_ultimate_consolidation_are_told_apart(
    tmp_path: Path,
    reference: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """GLEIF API: Microsoft Corporation consolidates MICROSOFT ROUND ISLAND ONE directly and
    ultimately. `show` printed the same line twice, 'MICROSOFT CORPORATION (registered entity,
    US-WA) [XI-LEI-INR2EJN1ERAN0W5ZP974] - GLEIF Global LEI Index: otherInfluenceOrControl
    2017-10-02..': two records that read as a duplicate."""
    lines = _show(
        [reference / GLEIF_API], "XI-LEI-GGCMDC0OOHBLHHFALS29", tmp_path, monkeypatch, capsys
    )
    parent = [line for line in lines if "[XI-LEI-INR2EJN1ERAN0W5ZP974]" in line]
    assert [line.split(": ", 1)[1] for line in parent] == [
        'otherInfluenceOrControl "IS_DIRECTLY_CONSOLIDATED_BY: accounting consolidation" '
        "2017-10-02..",
        'otherInfluenceOrControl (indirect) "IS_ULTIMATELY_CONSOLIDATED_BY: accounting '
        'consolidation" 2017-10-02..',
    ]


def test_an_intermediary_is_shown_as_one(
    tmp_path: Path,
    reference: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """BARROW HILL LIMITED: the law firm that had it registered was shown among the parties
    that own or control it as 'HOLMAN FENWICK WILLAN LLP ...: otherInfluenceOrControl', with
    nothing to say it is the intermediary."""
    lines = _show([reference / VIZ / "4b22977e.json"], "icij:76642", tmp_path, monkeypatch, capsys)
    [firm] = [line for line in lines if "[icij:587847]" in line]
    assert firm.endswith(': otherInfluenceOrControl "registered"')


def test_provenance_cites_an_item_of_a_json_file_and_a_line_of_json_lines(
    tmp_path: Path,
    reference: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Open Ownership register's real.json is a pretty-printed array: AIMIA INC. is its 2nd
    statement, from line 39 on. `show` cited it as 'real.json:2', a line inside AIMIA HOLDINGS
    UK LIMITED's statement."""
    real = reference / "bods-visualisation-tool" / "prototype" / "src" / "fixtures" / "real.json"
    [item] = [i for i, s in enumerate(json.loads(real.read_text()), 1) if s["statementID"] == AIMIA]
    lines = _show([real, SAMPLES / "case-lakeshore.jsonl"], AIMIA, tmp_path, monkeypatch, capsys)
    assert f"{real}, item {item} (statement {AIMIA})" in " ".join(lines)
    lakeshore = _show([], "per-shona-pryce", tmp_path, monkeypatch, capsys)
    assert "sample_registers/case-lakeshore.jsonl:3 (statement ee008b99" in " ".join(lakeshore)
    assert "Provenance (1 statement):" in lakeshore  # one record, one statement


AIMIA = "openownership-register-4464213138928640503"


def test_show_gives_the_particulars_of_the_record(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Greyfriars Holdings Ltd was struck off on 2025-11-25 (line 91) and Rowena Castellane is a
    Member of Parliament (line 41): `show` printed neither, only the name and the relationships."""
    sample = SAMPLES / "case-lakeshore.jsonl"
    lines = _show([sample], "ent-greyfriars-holdings", tmp_path, monkeypatch, capsys)
    assert lines[1:5] == [
        "jurisdiction: United Kingdom",
        "identifiers: GB-COH 12751906",
        "founded: 2020-07-28",
        "dissolved: 2025-11-25",
    ]
    rowena = _show([], "per-rowena-castellane", tmp_path, monkeypatch, capsys)
    assert rowena[1] == "born: 1969-01"
    assert rowena[4].startswith("politically exposed: yes: Member of Parliament (House of Commons)")
