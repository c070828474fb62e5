"""Jurisdiction lists: what is shipped (and why), user folders, editions, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.analysis.opacity import load_lists, shipped_folder
from bo_graph.analysis.opacity.jurisdictions import ListSet, released_on
from bo_graph.exc import ConfigError
from bo_graph.model.graph import When
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, load, owns, report
from tests.conftest import REPO

NOT_SHIPPED = ("tjn_fsi_2025.csv", "tjn_fsi_2022.csv", "ti_cpi_2025.csv")


def test_shipped_lists_are_the_openly_licensed_ones_with_dates_and_licences() -> None:
    lists = load_lists()
    assert {item.file for item in lists} == {
        "eu_tax_noncooperative_2026-02-17.csv",
        "fatf_lists_2026-06-19.csv",
    }
    manifest = json.loads((shipped_folder() / "lists.json").read_text())["files"]
    for item in lists:
        assert item.date == manifest[item.file]["date"]
        assert item.licence == manifest[item.file]["licence"]
        assert item.source != "not stated"
    for name in NOT_SHIPPED:
        assert not (shipped_folder() / name).exists()
    fatf = lists.latest("fatf_lists")
    assert fatf is not None and len(fatf.rows) == 25 and fatf.row("VGB") is not None


def test_docs_name_every_file_with_source_date_and_licence() -> None:
    text = (REPO / "docs" / "jurisdictions.md").read_text()
    for item in load_lists():
        assert item.file in text
    for name in NOT_SHIPPED:
        assert f"`{name}`" in text
    assert "BO_GRAPH_JURISDICTION_LISTS" in text and "bo-graph lists" in text


def test_a_user_folder_replaces_the_shipped_one_and_the_newest_edition_wins(
    tmp_path: Path,
) -> None:
    header = "iso2,iso3,name,value\n"
    (tmp_path / "fatf_lists_2026-06-19.csv").write_text(header + "VG,VGB,Virgin Islands (UK),x\n")
    (tmp_path / "fatf_lists_2026-10-23.csv").write_text(header + "KP,PRK,DPRK,y\n")
    lists = load_lists(tmp_path)
    newest = lists.latest("fatf_lists")
    assert newest is not None and newest.date == "2026-10-23" and newest.row("VG") is None
    assert lists.latest("eu_tax_noncooperative") is None
    assert newest.row("dprk") == ("KP", {"iso2": "KP", "iso3": "PRK", "name": "DPRK", "value": "y"})


def test_the_reference_folder_loads_as_it_is(reference: Path) -> None:
    lists = load_lists(reference / "jurisdictions")
    fsi = lists.latest("tjn_fsi")
    indicators = lists.latest("tjn_fsi", column="si_3")
    assert fsi is not None and fsi.edition == "2025" and "CC BY-NC-SA" in fsi.licence
    assert indicators is not None and indicators.edition == "2022"


def test_bad_lists_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "broken_2026.csv").write_text("code,score\nGB,1\n")
    with pytest.raises(ConfigError, match="expected the columns iso2, iso3, name, value"):
        load_lists(tmp_path)
    with pytest.raises(ConfigError, match="is not a folder"):
        load_lists(tmp_path / "missing")


def _fatf_editions(folder: Path) -> ListSet:
    header = "iso2,iso3,name,value\n"
    (folder / "fatf_lists_2023-02-24.csv").write_text(header + "KP,PRK,DPRK,x\n")
    monaco = "MC,MCO,Monaco,increased_monitoring\n"
    (folder / "fatf_lists_2024-06-28.csv").write_text(header + monaco)
    return load_lists(folder)


def test_a_dated_analysis_reads_the_edition_in_force_on_its_date(tmp_path: Path) -> None:
    lists = _fatf_editions(tmp_path)
    assert lists.in_force("fatf_lists", "2023-12-31").date == "2023-02-24"  # type: ignore[union-attr]
    assert lists.in_force("fatf_lists", "2024-06-28").date == "2024-06-28"  # type: ignore[union-attr]
    assert lists.in_force("fatf_lists", None).date == "2024-06-28"  # type: ignore[union-attr]
    oldest = lists.in_force("fatf_lists", "2020-01-01")
    assert oldest is not None and oldest.date == "2023-02-24"
    assert oldest.dated == "2023-02-24, published after 2020-01-01: no earlier edition held"


def test_a_jurisdiction_listed_after_the_analysis_date_is_not_flagged_for_it(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    (tmp_path / "lists").mkdir()
    lists = _fatf_editions(tmp_path / "lists")
    subject = ent("s", "Subject Ltd", date="2010-01-01")
    holder = ent("m", "Monaco Holdings SAM", jurisdiction="MC", date="2010-01-01")
    load(embedded, tmp_path, [subject, holder, owns("r1", "m", "s")])

    def fatf(when: When) -> list[str]:
        found = report(embedded, "s", ["OPQ-JUR-FATF"], when=when, lists=lists).flags
        return [f.explanation for f in found]

    assert fatf(When(as_of="2023-12-31")) == []  # Monaco was grey-listed in June 2024
    assert fatf(When(as_of="2024-12-31")) == [
        "Monaco Holdings SAM is in MC, listed as increased monitoring by the FATF (2024-06-28)"
    ]
    assert len(fatf(When())) == 1
    assert fatf(When(as_of="2020-01-01")) == []  # the oldest edition held: no Monaco
    only_later = tmp_path / "only-2024"
    only_later.mkdir()
    (only_later / "fatf_lists_2024-06-28.csv").write_text(
        (tmp_path / "lists" / "fatf_lists_2024-06-28.csv").read_text()
    )
    lists = load_lists(only_later)
    assert fatf(When(as_of="2020-01-01")) == [
        "Monaco Holdings SAM is in MC, listed as increased monitoring by the FATF (2024-06-28, "
        "published after 2020-01-01: no earlier edition held)"
    ]


def test_a_year_only_edition_is_in_force_from_its_release(reference: Path) -> None:
    """The FSI 2025 was released on 3 June 2025: an analysis of March 2025 reads the FSI 2022
    (released in May 2022), which did not list Malaysia above the secrecy threshold."""
    lists = load_lists(reference / "jurisdictions")
    march = lists.in_force("tjn_fsi", "2025-03-01")
    june = lists.in_force("tjn_fsi", "2025-06-03")
    assert march is not None and (march.edition, march.date) == ("2022", "2022-05-31")
    assert june is not None and (june.edition, june.date) == ("2025", "2025-06-03")
    assert released_on("Index 2025 (published 10 Feb 2026)", "2025") == "2026-02-10"
    assert released_on("FATF lists", "2026-06-19") == "", "a dated edition keeps its date"
