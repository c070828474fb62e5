"""Streamlit AppTest of each page, on a fresh temporary store (BO_GRAPH_STORE).

The app imports the sample registers into the empty store itself (issue point 1). The store is
cached with ``st.cache_resource``, which outlives an AppTest: it is cleared around every test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages import panels
from bo_graph.analysis.holdings import holdings_report
from bo_graph.viz.network_html import external_resources
from tests.conftest import REPO, SAMPLES
from tests.factory import entity, owns
from tests.loaders.loader_helpers import FIXTURES as CSV_FIXTURES

APP = str(REPO / "app.py")
IMPORT_PAGE = "app_pages/import_registers.py"


@pytest.fixture(autouse=True)
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    store = tmp_path / "store" / "graph.sqlite"
    monkeypatch.setenv("BO_GRAPH_STORE", str(store))
    st.cache_resource.clear()
    yield store
    st.cache_resource.clear()


def app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest, column: str, value: str) -> Any:
    """The first dataframe that has ``column`` (a pandas DataFrame)."""
    for frame in at.dataframe:
        data = frame.value
        if column in data.columns and (not value or value in set(data[column])):
            return data
    raise AssertionError(f"no table with {column}={value!r}")


def srcdoc(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return str(frames[0].proto.srcdoc)


def test_deep_link_opens_the_subject_with_graph_and_owners(fresh_store: Path) -> None:
    at = app(entity="ent-lakeshore-civil")
    assert not at.exception
    assert fresh_store.exists(), "the empty store was filled with the sample registers"
    assert any("sample registers were imported" in i.value for i in at.sidebar.info)
    html = srcdoc(at)
    assert "vis.Network" in html and external_resources(html) == []
    owners = table(at, "owner", "Malcolm James Ashdown")
    yes = set(owners[owners["status"] == "yes"]["owner"])
    assert {"Malcolm James Ashdown", "Graham Robert Ashdown"} <= yes
    assert "Darren Michael Pryce" not in yes
    assert at.query_params["entity"] == "ent-lakeshore-civil"
    assert at.subheader[0].value == "Lakeshore Civil Engineering Ltd"


def test_deep_link_sets_date_threshold_and_method() -> None:
    at = app(entity="GB-COH:09471253", as_of="2022-06-30", threshold="10", method="control")
    assert not at.exception
    assert str(at.date_input(key="ctl_as_of").value) == "2022-06-30"
    assert at.number_input(key="ctl_threshold").value == 10.0
    assert at.selectbox(key="ctl_method").value == "control"
    assert any("in effect on 2022-06-30" in c.value for c in at.caption)
    assert at.query_params["as_of"] == "2022-06-30"


def test_a_bad_deep_link_is_explained() -> None:
    at = app(entity="nobody-at-all", threshold="500")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "nobody-at-all" in warnings and "threshold" in warnings
    assert not at.get("iframe")


def test_search_shows_kind_jurisdiction_source_and_opens_a_result() -> None:
    at = app()
    at.text_input(key="search_text").input("ashdown malcolm").run()
    rows = table(at, "name", "Malcolm James Ashdown")
    assert {"kind", "jurisdiction", "source"} <= set(rows.columns)
    assert rows[rows["name"] == "Malcolm James Ashdown"]["kind"].iloc[0] == "person"
    at.selectbox(key="search_choice").select("per-malcolm-ashdown")
    at.button(key="search_open").click().run()
    assert not at.exception
    assert at.subheader[0].value == "Malcolm James Ashdown"
    assert at.query_params["entity"] == "per-malcolm-ashdown"


def test_search_narrowed_by_kind_and_jurisdiction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the search box: of the five companies named Holdings, the British Virgin Islands
    ones; a person asked for there finds none; a jurisdiction it cannot read says so. The
    audit trail holds the filters of each question."""
    monkeypatch.setenv("BO_GRAPH_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    at = app()
    at.text_input(key="search_text").input("holdings").run()
    at.text_input(key="search_jurisdiction").input("vg").run()
    assert not at.exception
    rows = table(at, "name", "Sable Reach Holdings Ltd")
    assert sorted(rows["id"]) == ["ent-nomination-sable", "ent-sable-reach"]
    at.selectbox(key="search_kind").select("person").run()
    info = "No party matches 'holdings' (kind person, jurisdiction VG)."
    assert info in [i.value for i in at.info] and not at.dataframe
    at.text_input(key="search_jurisdiction").input("Virgin Islands").run()
    assert any("found 'Virgin Islands'" in e.value for e in at.error) and not at.dataframe
    lines = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [line["params"] for line in lines if line["action"] == "search"][-2:] == [
        {"text": "holdings", "kind": None, "jurisdiction": "VG"},
        {"text": "holdings", "kind": "person", "jurisdiction": "VG"},
    ]


def test_particulars_tell_parties_apart_in_search_and_subject_view() -> None:
    at = app()
    at.text_input(key="search_text").input("ashdown").run()
    rows = table(at, "name", "Malcolm James Ashdown")
    born = dict(zip(rows["name"], rows["particulars"], strict=True))
    assert born["Malcolm James Ashdown"].startswith("born 1961-04; nationality United Kingdom")
    assert "born 1961-04" in at.selectbox(key="search_choice").format_func("per-malcolm-ashdown")
    at = app(entity="ent-lakeshore-civil")
    assert any("jurisdiction: United Kingdom" in c.value for c in at.caption)
    at.selectbox(key="focus_choice").select("per-malcolm-ashdown").run()
    [details] = [t.value for t in at.table if "country of residence" in t.value.index]
    assert details["value"]["born"] == "1961-04"


def test_method_and_threshold_change_the_owners() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.number_input(key="ctl_threshold").set_value(20.0).run()
    owners = table(at, "owner", "Darren Michael Pryce")
    assert owners[owners["owner"] == "Darren Michael Pryce"]["status"].iloc[0] == "yes"
    at.selectbox(key="ctl_method").select("control").run()
    owners = table(at, "owner", "Graham Robert Ashdown")
    status = dict(zip(owners["owner"], owners["status"], strict=True))
    assert status["Graham Robert Ashdown"] == "yes" and status["Darren Michael Pryce"] == "no"


def test_busy_nodes_collapse_and_expand_on_request() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.number_input(key="ctl_max_owners").set_value(2).run()
    assert any("Not everything is drawn" in w.value for w in at.warning)
    assert "more owners" in srcdoc(at)
    choices = at.selectbox(key="expand_choice").options
    at.button(key="expand_go").click().run()
    assert len(at.selectbox(key="expand_choice").options) == len(choices) - 1
    owners = table(at, "in_graph", "")
    assert "collapsed" in set(owners["in_graph"]), "the table names the hidden parties"


def test_selecting_a_node_recentres_the_view() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="focus_choice").select("ent-calder-bridge")
    at.button(key="focus_go").click().run()
    assert at.subheader[0].value == "Calder Bridge Holdings Ltd"
    assert at.query_params["entity"] == "ent-calder-bridge"


def test_panels_holdings_paths_and_raw_records() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()
    holdings = table(at, "holding", "Lakeshore Civil Engineering Ltd")
    assert "Sable Reach Holdings Ltd" in set(holdings["holding"])
    at.selectbox(key="path_to").select("per-graham-ashdown")
    at.button(key="path_go").click().run()
    assert not at.exception
    paths = table(at, "steps", "")
    assert "Graham Robert Ashdown" in paths["steps"].iloc[0]
    records = table(at, "statement_id", "")
    assert set(records["record"]) == {"ent-lakeshore-civil"}
    captions = [c.value for c in at.caption]
    assert "3 statements behind party: Lakeshore Civil Engineering Ltd, oldest first." in captions
    assert at.json, "the raw statements are shown"


def test_holdings_give_a_trust_beneficiary_the_owners_tab_verdict() -> None:
    """Rowena holds no shares but is a beneficial owner of Lakeshore as a trust beneficiary."""
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-rowena-castellane").run()
    holdings = table(at, "holding", "Lakeshore Civil Engineering Ltd")
    row = holdings[holdings["holding"] == "Lakeshore Civil Engineering Ltd"].iloc[0]
    assert row["beneficial_owner"] == "yes" and row["share"].startswith("— (role: ")
    assert any("majority control" in c.value for c in at.caption)


def test_paths_name_their_limits_and_a_step_limit_cut_off_is_never_silent() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="path_to").select("per-malcolm-ashdown")
    at.radio(key="path_mode").set_value("all").run()
    at.button(key="path_go").click().run()
    assert not at.exception
    steps = "\n".join(table(at, "steps", "")["steps"])
    assert "The Larkspur Settlement has Malcolm James Ashdown as beneficiary" in steps
    assert "Calder Bridge Holdings Ltd has Fenwright Directors Ltd on its board" in steps
    assert any("6 paths" in c.value and "up to 12 steps" in c.value for c in at.caption)
    at.number_input(key="path_hops_all").set_value(6).run()
    at.button(key="path_go").click().run()
    assert any("3 paths" in c.value and "up to 6 steps" in c.value for c in at.caption)
    assert any("The search stopped at 6 steps" in w.value for w in at.warning)
    at.radio(key="path_mode").set_value("shortest").run()
    at.number_input(key="path_count_shortest").set_value(2).run()
    at.button(key="path_go").click().run()
    assert any("the 2 shortest asked for, up to 30 steps" in c.value for c in at.caption)
    assert len(table(at, "steps", "")) == 2


def test_any_other_party_is_found_by_name_search() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.text_input(key="path_to_ref").input("Pellam Plant Hire").run()
    at.button(key="path_go").click().run()
    assert not at.exception and not at.error
    assert any("and Pellam Plant Hire Ltd" in c.value for c in at.caption)
    at.text_input(key="path_to_ref").input("ashdown").run()
    match = at.selectbox(key="path_to_match")
    assert len(match.options) == 3, "several matches are offered, best first"
    match.select("per-graham-ashdown")
    at.button(key="path_go").click().run()
    assert any("and Graham Robert Ashdown" in c.value for c in at.caption)
    at.text_input(key="path_to_ref").input("zzqxw").run()
    at.button(key="path_go").click().run()
    assert any("No party matches 'zzqxw'" in e.value for e in at.error)


def test_export_buttons_are_offered() -> None:
    at = app(entity="ent-lakeshore-civil")
    labels = {getattr(b, "label", "") for b in at.get("download_button")}
    assert {"Case report (HTML, print to PDF)", "GraphML", "BODS 0.4 JSON"} <= labels


def test_import_page_detects_formats_imports_and_offers_the_quarantine() -> None:
    at = app()
    at.switch_page(IMPORT_PAGE).run()
    assert not at.exception
    first = (SAMPLES / "case-lakeshore.jsonl").read_text().splitlines()[0]
    bad = {**json.loads(first), "recordType": "bogus"}
    bad["statementId"] = "ffff" + bad["statementId"]
    upload = "\n".join([first, json.dumps(bad)]).encode()
    at.file_uploader(key="upload").set_value(
        [("register.jsonl", upload, "application/jsonl"), ("notes.txt", b"hello", "text/plain")]
    )
    at.run()
    at.button(key="import_go").click().run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "register.jsonl: bods" in text and "notes.txt: not imported" in text
    success = " ".join(s.value for s in at.success)
    assert "read 2 = loaded 0 + quarantined 1 + duplicates 1" in success
    labels = {getattr(b, "label", "") for b in at.get("download_button")}
    assert "Download the quarantine report (JSON Lines)" in labels


def test_a_public_deployment_says_so_and_shows_no_home_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BO_GRAPH_TIER", "public")
    at = app(entity="per-darren-pryce")
    assert not at.exception
    assert any("Public tier: personal data withheld" in w.value for w in at.sidebar.warning)
    shown = [json.loads(j.value) for j in at.json]
    [record] = [r for r in shown if r.get("recordId") == "per-darren-pryce"]
    details = record["recordDetails"]
    assert details["names"][0]["fullName"] == "Darren Michael Pryce"
    assert details["birthDate"] == "1966-02"
    assert details["addresses"] == [
        {"type": "residence", "country": {"name": "United Kingdom", "code": "GB"}}
    ]
    at.switch_page(IMPORT_PAGE).run()
    assert not at.exception
    assert any("Imports are not available in the public tier" in w.value for w in at.warning)
    assert not at.get("file_uploader") and not at.button, "no upload: the public only reads"


def test_the_ui_writes_each_question_down_before_answering_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = tmp_path / "audit.jsonl"
    monkeypatch.setenv("BO_GRAPH_AUDIT_LOG", str(audit))
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()  # same analysis
    at.text_input(key="search_text").input("pryce").run()
    assert not at.exception

    def actions() -> list[tuple[str, dict[str, Any]]]:
        lines = [json.loads(line) for line in audit.read_text().splitlines()]
        assert {line["tool"] for line in lines} == {"ui"}
        assert len({line["session"] for line in lines[1:]}) == 1  # one browser session
        return [(line["action"], line["params"]) for line in lines]

    seen = actions()
    assert [a for a, _ in seen] == [
        "import", "open", "analyse", "holdings", "matches", "records", "holdings", "matches",
        "search",
    ]  # fmt: skip
    assert seen[1][1] == {"ref": "ent-lakeshore-civil"}  # the REF as linked
    assert seen[2][1]["subject"] == "ent-lakeshore-civil" and seen[2][1]["method"] == "integrated"
    assert seen[5][1] == {"uid": "ent-lakeshore-civil"} and seen[8][1] == {"text": "pryce"}
    assert seen[6][1]["ref"] == seen[7][1]["ref"] == "per-malcolm-ashdown"
    at.number_input(key="ctl_threshold").set_value(10.0).run()
    assert [a for a, _ in actions()][9:] == ["analyse"]
    at.text_input(key="search_text").input("").run()
    at.text_input(key="search_text").input("pryce").run()  # asked again: written again
    assert [a for a, _ in actions()][10:] == ["search"]
    at.selectbox(key="path_to").select("per-graham-ashdown")
    for _ in range(2):  # the same question asked twice is written twice
        at.button(key="path_go").click().run()
    paths = [p for a, p in actions() if a == "paths"]
    assert [p["to"] for p in paths] == ["per-graham-ashdown"] * 2


def test_the_ui_answers_nothing_when_the_trail_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app()  # the store, filled with the sample registers before the trail breaks
    monkeypatch.setenv("BO_GRAPH_AUDIT_LOG", str(tmp_path))
    st.cache_resource.clear()
    at = app(entity="ent-lakeshore-civil")
    assert any("expected a writable audit trail" in e.value for e in at.error)
    assert not at.dataframe and not at.get("iframe"), "no owners, no graph"


def test_a_party_limit_that_cuts_the_structure_is_said_on_the_opacity_tab() -> None:
    """A smaller structure scores lower: the tab must not look less opaque silently."""
    at = app(entity="ent-lakeshore-civil")
    assert not any("party limit stopped" in w.value for w in at.warning)
    at.number_input(key="ctl_max_nodes").set_value(10).run()
    assert any("party limit stopped" in w.value for w in at.warning)


def test_a_csv_register_is_imported_with_its_mapping_from_the_page() -> None:
    """A CSV register cannot be detected: the page says to choose its format, and imports it
    once the format and the mapping file are given."""
    at = app()
    at.switch_page(IMPORT_PAGE).run()
    register = (CSV_FIXTURES / "bank_accounts.csv").read_bytes()
    at.file_uploader(key="upload").set_value([("accounts.csv", register, "text/csv")]).run()
    at.button(key="import_go").click().run()
    text = " ".join(m.value for m in at.markdown)
    assert "accounts.csv: not imported" in text and "Choose its format under 'Format'" in text
    assert "--format" not in text and "uploads" not in text, "no CLI option, no server path"

    at.selectbox(key="import_format").select("csv").run()
    assert at.button(key="import_go").disabled, "a CSV register needs its mapping"
    mapping = (REPO / "loaders" / "mappings" / "bank_accounts.yaml").read_bytes()
    at.file_uploader(key="import_mapping").set_value([("accounts.yaml", mapping, "text/yaml")])
    at.run()
    at.button(key="import_go").click().run()
    assert not at.exception
    assert "accounts.csv: csv (chosen)" in " ".join(m.value for m in at.markdown)
    assert "read 12 = loaded 12" in " ".join(s.value for s in at.success)


def test_the_import_page_names_the_references_to_records_not_in_the_store() -> None:
    at = app()
    at.switch_page(IMPORT_PAGE).run()
    records = [entity("co-1", "Orphan Holdings Ltd"), owns("rel-1", "nobody-here", "co-1")]
    upload = "".join(json.dumps(r) + "\n" for r in records).encode()
    at.file_uploader(key="upload").set_value([("orphans.jsonl", upload, "application/jsonl")])
    at.run()
    at.button(key="import_go").click().run()
    warning = " ".join(w.value for w in at.warning)
    assert "orphans.jsonl:2" in warning and "interestedParty -> 'nobody-here'" in warning


def test_holdings_cut_by_the_party_limit_name_where_they_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The warning named the parties left unexpanded as a Python dict of ids."""
    monkeypatch.setattr(panels, "holdings_report", partial(holdings_report, max_nodes=2))
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()
    [cut] = [w.value for w in at.warning if w.value.startswith("Not every holding was loaded")]
    assert "{" not in cut and "relationship(s) not followed" in cut
    assert re.search(r"[A-Z][\w .]+ \\\[[\w-]+\\\]: \d+ relationship", cut), cut
