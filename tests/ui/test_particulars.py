"""A party's particulars (birth, nationality, residence, PEP status; an entity's registration)
are shown wherever an investigator has to tell parties apart: the owners table and report,
search results, the graph's tooltips and the party detail panel."""

from __future__ import annotations

import csv
import io
import zipfile

from bo_graph.export import case_report_html, csv_zip, gather_case
from bo_graph.model.particulars import particulars
from bo_graph.render.ubo_text import ubo_text
from bo_graph.store.base import GraphStore
from bo_graph.store.public import PublicTier
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.tables import search_rows, ubo_rows
from bo_graph.viz.text import node_tooltip

MALCOLM = "born 1961-04; nationality United Kingdom; resident in Monaco"


def test_the_owners_table_and_report_tell_who_each_person_is(lakeshore: SubjectAnalysis) -> None:
    rows = {r["id"]: r for r in ubo_rows(lakeshore.report)}
    assert rows["per-malcolm-ashdown"]["particulars"] == MALCOLM
    assert rows["ent-calder-bridge"]["particulars"] == "", "entities have a jurisdiction column"
    lines = ubo_text(lakeshore.report).splitlines()
    owner = next(i for i, line in enumerate(lines) if "[per-malcolm-ashdown]" in line)
    assert lines[owner + 1].strip() == MALCOLM


def test_search_results_tell_people_of_one_name_apart(sample_store: GraphStore) -> None:
    [row] = [r for r in search_rows(sample_store.search("rowena castellane"))]
    assert row["particulars"] == (
        "born 1969-01; nationality United Kingdom; politically exposed person"
    ), "a service address is no residence"


def test_a_persons_detail_rows_and_tooltip(sample_store: GraphStore) -> None:
    rowena = sample_store.get_node("per-rowena-castellane")
    assert rowena is not None
    rows = dict(particulars(rowena))
    assert rows["politically exposed"] == (
        "yes: Member of Parliament (House of Commons) for Harrowmere North, United Kingdom, "
        "since 2019-12-12; Member of the House of Commons Transport Committee, United Kingdom, "
        "since 2024-10-21"
    )
    assert rows["nationality"] == "United Kingdom" and rows["born"] == "1969-01"
    assert rows["service address"] == "House of Commons, London, SW1A 0AA, United Kingdom"
    assert "politically exposed person" in node_tooltip(rowena, None, [])


def test_an_entitys_detail_rows(sample_store: GraphStore) -> None:
    node = sample_store.get_node("ent-lakeshore-civil")
    assert node is not None
    rows = dict(particulars(node))
    assert rows["kind"] == "registered entity"
    assert rows["jurisdiction"] == "United Kingdom"
    assert "GB-COH 09471253" in rows["identifiers"]


def test_the_public_tier_shows_a_persons_particulars_without_the_address(
    sample_store: GraphStore,
) -> None:
    node = PublicTier(sample_store).get_node("per-darren-pryce")
    assert node is not None
    rows = dict(particulars(node))
    assert rows["born"] == "1966-02" and rows["country of residence"] == "United Kingdom"
    assert rows["residence address"] == "United Kingdom", "the country only, not Millbeck House"


def test_the_case_report_identifies_each_owner_by_particulars(
    sample_store: GraphStore, lakeshore: SubjectAnalysis
) -> None:
    """A request for mutual legal assistance names a person with what identifies them."""
    html = case_report_html(gather_case(sample_store, lakeshore))
    assert f"Malcolm James Ashdown</span> (known person; {MALCOLM}): yes" in html
    assert f"<td>{MALCOLM}</td>" in html, "the owners table has the particulars column"
    owners = csv_zip(gather_case(sample_store, lakeshore))
    with zipfile.ZipFile(io.BytesIO(owners)) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("owners.csv").decode("utf-8-sig"))))
    assert {r["owner"]: r["particulars"] for r in rows}["Malcolm James Ashdown"] == MALCOLM


def test_the_json_of_every_party_carries_its_particulars(lakeshore: SubjectAnalysis) -> None:
    owners = {o["id"]: o for o in lakeshore.report.to_json()["owners"]}
    assert owners["per-malcolm-ashdown"]["particulars"] == MALCOLM
    assert owners["ent-calder-bridge"]["particulars"] is None
