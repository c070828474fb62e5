"""Exports of a subject view: case report, GraphML, BODS 0.4, CSV."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from bo_graph.export import (
    CaseData,
    bods_json,
    case_report_html,
    case_tables,
    csv_zip,
    gather_case,
    graphml_bytes,
)
from bo_graph.model.loading import Rejected
from bo_graph.store.base import Direction, GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.public import PublicTier
from bo_graph.viz.dark import dark_places
from bo_graph.viz.network_html import external_resources
from bo_graph.viz.subject import SubjectAnalysis
from tests.helpers import import_files, read_all
from tests.ui.conftest import SUBJECT, analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def case(sample_store: GraphStore, lakeshore: SubjectAnalysis) -> CaseData:
    return gather_case(sample_store, lakeshore, now=NOW)


def test_report_is_self_contained_and_complete(case: CaseData) -> None:
    html = case_report_html(case)
    assert external_resources(html) == []
    assert "<script" not in html.lower()
    assert "<svg" in html and "bo-legend" in html
    for name in ("Malcolm James Ashdown", "Graham Robert Ashdown", "Rowena Elizabeth Castellane"):
        assert name in html
    assert "integrated" in html and "&gt;= 25%" in html
    assert "the current state (today, 2026-03-01)" in html
    for items in case.statements.values():  # every source statement is cited
        for statement in items:
            assert statement.provenance.statement_id in html
    assert "sample_registers/case-lakeshore.jsonl" in html
    assert "Companies House (UK)" in html and "Tamarind files" in html


def test_report_says_where_the_trail_goes_dark_where_to_ask_and_on_which_statements(
    case: CaseData,
) -> None:
    """The report listed only the undisclosed owners (not the blacked-out 40% shareholder of
    Torrance) and printed the opacity summary as Python dictionaries; each dark layer now names
    the party the known chain stops at, its jurisdiction (where a request would go) and the
    statements, as the CSV table dark_layers.csv does."""
    html = case_report_html(case)
    dark = html.split("<h3>Where the trail goes dark")[1].split("<h2>")[0]
    rows = {r["unknown"]: r for r in case_tables(case)["dark_layers"]}
    torrance = rows["Unidentified corporate shareholder of Torrance Ventures Ltd"]
    assert (torrance["stops_at"], torrance["request_to"]) == ("Torrance Ventures Ltd", "SC")
    assert torrance["share"] == "4.68%"
    trustee = next(r for r in rows.values() if r["stops_at"] == "Tamarind Fiduciary (Cayman) Ltd")
    norhaven = next(r for r in rows.values() if r["stops_at"] == "Norhaven Capital Ltd")
    assert (trustee["request_to"], norhaven["request_to"]) == ("KY", "CY")
    for row in (torrance, trustee, norhaven):
        edge = case.analysis.subgraph.edges[
            {"SC": "rel-unknown-torrance", "KY": "rel-unspecified-tamarind"}.get(
                row["request_to"], "rel-unspecified-norhaven"
            )
        ]
        assert edge.provenance is not None
        assert edge.provenance.statement_id in row["statement_ids"]
        for cell in ("stops_at", "request_to", "statement_ids", "files"):
            assert escape(row[cell]) in dark
    assert "circular holding: circular ownership among Norhaven Capital Ltd" in dark
    assert (
        "Requests for the dark layers would go to: CY (1 layer), KY (1 layer), SC (1 layer)."
        in dark
    )
    opacity = html.split("<h2>Opacity flags</h2>")[1].split("<table>")[0]
    assert "{'" not in opacity and "opaque share" in opacity and "4.68%" in opacity
    flags = html.split("<h2>Opacity flags</h2>")[1].split("<h2>")[0]
    assert "<td>OPQ-OWNER-UNKNOWN</td>" in flags, "the code docs/flags.md and flags.csv use"


def test_an_undisclosed_owner_of_unknown_share_is_not_said_to_carry_0_percent(
    case: CaseData,
) -> None:
    """Norhaven's undisclosed owner holds shares of unknown size (the report lists them as
    such), but the dark layers table, dark_layers.csv and the owners tab said it carries '0%'
    of the subject, as if it did not matter. The owners of the corporate trustee hold shares of
    unknown size of the trustee, which holds no shares of the chain (a trustee's role), and the
    protected minor, a trust beneficiary, holds none: both carry 0% of the subject."""
    rows = {r["stops_at"]: r for r in case_tables(case)["dark_layers"]}
    assert rows["Norhaven Capital Ltd"]["share"] == "of unknown size"
    assert rows["Tamarind Fiduciary (Cayman) Ltd"]["share"] == "0%"
    assert rows["The Larkspur Settlement"]["share"] == "0%"
    html = case_report_html(case).split("<h3>Where the trail goes dark")[1].split("<h2>")[0]
    assert html.count("<td>of unknown size</td>") == 1 and html.count("<td>0%</td>") == 2
    places = [line for line in dark_places(case.analysis) if "undisclosed" in line]
    assert [p.endswith(", a holding of unknown size") for p in places] == [True, False]


def test_a_company_whose_owners_were_not_loaded_is_where_its_trail_stops(
    sample_store: GraphStore,
) -> None:
    """At the party limit, Norhaven (CY) is loaded but not its owners: the request for them goes
    to Cyprus, not to the UK of Aldermoor, which it holds."""
    limited = analyse(sample_store, SUBJECT, max_nodes=10)
    rows = case_tables(gather_case(sample_store, limited, now=NOW))["dark_layers"]
    norhaven = next(r for r in rows if r["unknown"] == "Norhaven Capital Ltd")
    assert norhaven["why"] == "expansion limit"
    assert (norhaven["stops_at"], norhaven["request_to"]) == ("Norhaven Capital Ltd", "CY")


def test_each_owner_cites_the_statements_its_share_and_grounds_rest_on(case: CaseData) -> None:
    """The owners table named paths but no statement: a reader could not tell which filings
    make Graham Ashdown a beneficial owner. Each row now lists, per relationship, the statement
    ids behind it, in the report and in owners.csv, and each is among the sources."""
    graham = case.analysis.subgraph.edges["rel-graham-calder"].provenance
    calder = case.analysis.subgraph.edges["rel-calder-lakeshore"].provenance
    assert graham is not None and calder is not None
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(case)))
    owners = csv.DictReader(io.StringIO(archive.read("owners.csv").decode("utf-8-sig")))
    row = next(r for r in owners if r["id"] == "per-graham-ashdown")
    assert row["statements"].splitlines() == [
        f"rel-calder-lakeshore: {calder.statement_id}",
        f"rel-graham-calder: {graham.statement_id}",
    ]
    html = case_report_html(case)
    owners_html = html.split("<h2>Parties upstream")[1].split("<h2>")[0]
    graham_row = next(r for r in owners_html.split("<tr>") if "per-graham-ashdown" in r)
    assert graham.statement_id in graham_row and calder.statement_id in graham_row
    sources = {r["statement_id"] for r in case_tables(case)["sources"]}
    for owner in case.analysis.report.owners:
        assert {i for ids in owner.evidence.values() for i in ids} <= sources


def test_report_lists_each_register_with_its_retrieval_and_publication_dates(
    case: CaseData,
) -> None:
    """The list of registers gave only a count of statements: a request must say when each
    source was retrieved and which period its filings cover."""
    registers = case_report_html(case).split("<h3>Registers</h3>")[1].split("</ul>")[0]
    rows = [r for r in case_tables(case)["sources"] if r["register"].startswith("Cyprus")]
    retrieved = sorted({r["retrieved_at"] for r in rows})
    published = sorted({r["publication_date"] for r in rows})
    assert len(retrieved) == len(published) == 1, "the sample's Cyprus extract: one retrieval"
    line = next(li for li in registers.split("<li>") if li.startswith("Cyprus"))
    assert f"{len(rows)} statements; retrieved {retrieved[0]}; published {published[0]}" in line


def test_report_states_the_date_threshold_and_method_used(sample_store: GraphStore) -> None:
    from datetime import date

    from bo_graph.analysis.method import Method

    analysis = analyse(
        sample_store, SUBJECT, as_of=date(2022, 6, 30), threshold=10.0, method=Method.CONTROL
    )
    html = case_report_html(gather_case(sample_store, analysis, now=NOW))
    assert "2022-06-30" in html and "&gt;= 10%" in html and "control: control only" in html
    assert "Aldermoor" not in html.split("<h2>Sources")[0], "Aldermoor did not exist in 2022"


def test_graphml_is_a_copy_with_every_party_and_relationship(case: CaseData) -> None:
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(case)), force_multigraph=True)
    subgraph = case.analysis.subgraph
    assert set(graph.nodes) == set(subgraph.nodes)
    assert graph.number_of_edges() == len(subgraph.edges)
    assert graph.nodes["per-malcolm-ashdown"]["beneficial_owner"] == "yes"
    assert graph.nodes[SUBJECT]["is_subject"] is True
    keys = {k for _, _, k in graph.edges(keys=True)}
    assert "rel-calder-lakeshore" in keys


def test_graphml_shares_are_the_shareholding_the_relationships_table_gives(
    case: CaseData,
) -> None:
    """An edge's share_min/share_max mixed its shareholding with its voting rights: Calder
    Bridge's 51.5% of Lakeshore read 50-75 in the GraphML while the report and relationships.csv
    said 51.5%. Each measure now has its own attributes."""
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(case)), force_multigraph=True)
    edges = {k: data for _, _, k, data in graph.edges(keys=True, data=True)}
    calder = edges["rel-calder-lakeshore"]
    assert (calder["share_min"], calder["share_max"]) == (51.5, 51.5)
    assert (calder["votes_min"], calder["votes_max"]) == (50.0, 75.0)
    rows = {r["id"]: r for r in case_tables(case)["relationships"]}
    assert "51.5% shareholding" in rows["rel-calder-lakeshore"]["interests"]
    assert "share_min" not in edges["rel-graham-calder"], "control only: no share"


def test_bods_export_is_valid_04_and_round_trips(case: CaseData, tmp_path: Path) -> None:
    statements = json.loads(bods_json(case))
    ids = [s["statementId"] for s in statements]
    assert len(ids) == len(set(ids))
    path = tmp_path / "case.json"
    path.write_bytes(bods_json(case))
    items = read_all(path, validation="strict")
    assert not [i for i in items if isinstance(i, Rejected)], "every statement validates"
    store = EmbeddedStore(tmp_path / "again.sqlite")
    try:
        report = import_files(store, [path], tmp_path / "q.jsonl")
        assert report.accounting.quarantined == 0 and not report.dangling
        again = store.expand([SUBJECT], Direction.UP, when=case.analysis.when)
        assert set(again.nodes) == set(case.analysis.subgraph.nodes)
        assert set(again.edges) == set(case.analysis.subgraph.edges)
    finally:
        store.close()


def test_csv_zip_holds_every_table(case: CaseData) -> None:
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(case)))
    names = set(archive.namelist())
    assert names == {
        "owners.csv",
        "flags.csv",
        "dark_layers.csv",
        "parties.csv",
        "relationships.csv",
        "sources.csv",
        "case.json",
    }
    owners = list(csv.DictReader(io.StringIO(archive.read("owners.csv").decode("utf-8-sig"))))
    assert {"Malcolm James Ashdown", "Graham Robert Ashdown"} <= {r["owner"] for r in owners}
    parties = archive.read("parties.csv").decode("utf-8-sig").splitlines()
    assert len(parties) == 1 + len(case.analysis.subgraph.nodes)
    about = json.loads(archive.read("case.json"))
    assert about["subject"]["id"] == SUBJECT and about["method"] == "integrated"
    assert csv_zip(case) == csv_zip(case), "the same case gives the same bytes"


def test_a_public_tier_case_export_is_valid_bods_without_home_addresses(
    sample_store: GraphStore, case: CaseData, tmp_path: Path
) -> None:
    """The same case exported by a public deployment: the owners' home addresses are gone, their
    countries, months of birth and every relationship stay, and the file still validates."""
    public = PublicTier(sample_store)
    exported = bods_json(gather_case(public, analyse(public, SUBJECT), now=NOW))

    def persons(document: bytes) -> dict[str, Any]:
        return {
            s["recordId"]: s["recordDetails"]
            for s in json.loads(document)
            if s["recordType"] == "person"
        }

    assert (
        "Millbeck Lane" in persons(bods_json(case))["per-darren-pryce"]["addresses"][0]["address"]
    )
    pryce = persons(exported)["per-darren-pryce"]
    assert pryce["birthDate"] == "1966-02"
    assert pryce["addresses"] == [
        {"type": "residence", "country": {"name": "United Kingdom", "code": "GB"}}
    ]
    path = tmp_path / "public.json"
    path.write_bytes(exported)
    assert not [i for i in read_all(path, validation="strict") if isinstance(i, Rejected)]
    assert len(json.loads(exported)) == len(json.loads(bods_json(case)))


def test_every_export_of_a_public_case_says_what_was_withheld(
    sample_store: GraphStore, case: CaseData
) -> None:
    """A case file made by a public deployment read like a full one: a reader could take the
    missing addresses and identifiers for missing register data. The report, case.json and the
    GraphML now say which tier made them and what it withheld."""
    from bo_graph.store.public import NOTICE

    public = gather_case(PublicTier(sample_store), analyse(PublicTier(sample_store), SUBJECT))
    header = case_report_html(public).split("<h2>")[0]
    assert escape(NOTICE) in header
    assert "competent-authority tier" in case_report_html(case).split("<h2>")[0]
    about = json.loads(zipfile.ZipFile(io.BytesIO(csv_zip(public))).read("case.json"))
    assert (about["tier"], about["withheld"]) == ("public", NOTICE)
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(public)), force_multigraph=True)
    assert (graph.graph["tier"], graph.graph["withheld"]) == ("public", NOTICE)
    assert nx.read_graphml(io.BytesIO(graphml_bytes(case))).graph["tier"] == "authority"


def test_an_export_is_written_down_before_the_file_is_made(
    sample_store: GraphStore, case: CaseData, tmp_path: Path
) -> None:
    from app_pages.context import AppStore
    from app_pages.export_panel import _rendered
    from bo_graph.exc import AuditError
    from bo_graph.settings import load_settings

    audit = tmp_path / "audit.jsonl"
    app = AppStore(sample_store, load_settings(env={"BO_GRAPH_AUDIT_LOG": str(audit)}), None)
    view = case.analysis.settings.describe()
    html = _rendered(case_report_html, lambda: case, app, SUBJECT, "report", view)
    assert SUBJECT in html
    [line] = [json.loads(x) for x in audit.read_text().splitlines()]
    assert line["action"] == "export"
    assert line["params"] == {"subject": SUBJECT, "kind": "report", "view": view}
    assert "threshold >= 25%" in view
    blocked = AppStore(sample_store, load_settings(env={"BO_GRAPH_AUDIT_LOG": str(tmp_path)}), None)
    with pytest.raises(AuditError):
        _rendered(case_report_html, lambda: case, blocked, SUBJECT, "report")


class _Panel:
    """Stands in for Streamlit: records what the export panel offers."""

    def __init__(self) -> None:
        self.offered: dict[str, str] = {}

    def caption(self, text: str) -> None:
        pass

    def columns(self, n: int) -> list[_Panel]:
        return [self] * n

    def download_button(self, label: str, **options: Any) -> None:
        self.offered[options["key"]] = options["file_name"]


def test_export_file_names_say_the_subject_and_date_and_are_safe(
    sample_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The panel named every download 'case-<record id>.<ext>': a view of 2022 and today's got
    the same name, and a record id such as a PSC link ('gb-psc:123/abc') put ':' and '/' in it.
    Downloads are now named like the Python API's files: safe record id, then the date."""
    import dataclasses
    from datetime import date

    from app_pages import export_panel as panel_module
    from app_pages.context import AppStore
    from bo_graph.settings import load_settings

    app = AppStore(sample_store, load_settings(env={}), None)
    dated = analyse(sample_store, SUBJECT, as_of=date(2022, 6, 30))
    psc = dataclasses.replace(
        dated, subject=dataclasses.replace(dated.subject, record_id="gb-psc:123/ab c")
    )
    names = {}
    for label, analysis in (
        ("today", analyse(sample_store, SUBJECT)),
        ("2022", dated),
        ("psc", psc),
    ):
        fake = _Panel()
        monkeypatch.setattr(panel_module, "st", fake)
        panel_module.export_panel(app, analysis)
        names[label] = fake.offered
    assert names["2022"]["export_report"] == "case-ent-lakeshore-civil-2022-06-30.html"
    assert names["today"]["export_csv"] == "case-ent-lakeshore-civil-current-tables.zip"
    assert names["2022"]["export_report"] == gather_case(sample_store, dated).file_stem() + ".html"
    assert names["psc"]["export_bods"] == "case-gb-psc_123_ab_c-2022-06-30.bods.json"


def test_an_export_made_on_the_click_is_written_down_with_the_pages_session(
    sample_store: GraphStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Streamlit makes a deferred download in a thread of its own, where no script run (and so
    no browser session) is known: the export's audit line had no session. It now carries the
    session of the page that offered the download."""
    from app_pages import export_panel as panel_module
    from app_pages.context import AppStore
    from bo_graph.settings import load_settings

    audit = tmp_path / "audit.jsonl"
    app = AppStore(sample_store, load_settings(env={"BO_GRAPH_AUDIT_LOG": str(audit)}), None)
    offered: dict[str, Any] = {}

    class Panel(_Panel):
        def download_button(self, label: str, **options: Any) -> None:
            offered[options["key"]] = options["data"]

    monkeypatch.setattr(panel_module, "st", Panel())
    monkeypatch.setattr(panel_module, "ui_session", lambda: "session-of-the-page")
    panel_module.export_panel(app, analyse(sample_store, SUBJECT))
    monkeypatch.setattr(panel_module, "ui_session", lambda: "")  # the click's own thread
    offered["export_requests"]()
    [line] = [json.loads(x) for x in audit.read_text().splitlines()]
    assert (line["action"], line["session"]) == ("export", "session-of-the-page")
