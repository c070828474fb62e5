"""Deep links and table rows."""

from __future__ import annotations

from datetime import date

from bo_graph.analysis.method import Method
from bo_graph.store.base import GraphStore
from bo_graph.viz.deeplink import ViewParams, parse_params, to_params
from bo_graph.viz.marks import marks_from_flags
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.tables import flag_rows, search_rows, ubo_rows


def test_a_deep_link_round_trips() -> None:
    view = ViewParams("ent-x", date(2022, 6, 30), 10.0, Method.CONTROL)
    assert parse_params(to_params(view)) == (view, [])
    assert to_params(ViewParams()) == {}


def test_aliases_and_bad_values_are_reported_not_fatal() -> None:
    params, problems = parse_params(
        {"ref": ["GB-COH:09471253"], "date": "30/06/2022", "threshold": "250", "method": "magic"}
    )
    assert params == ViewParams(entity="GB-COH:09471253")
    assert len(problems) == 3
    assert parse_params({"method": "LOOK_THROUGH", "threshold": "25%"})[0] == ViewParams(
        threshold=25.0, method=Method.LOOK_THROUGH
    )


def test_search_rows_show_kind_jurisdiction_and_source(sample_store: GraphStore) -> None:
    rows = search_rows(sample_store.search("lakeshore civil"))
    row = next(r for r in rows if r["id"] == "ent-lakeshore-civil")
    assert row["kind"] == "company" and row["jurisdiction"] == "GB"
    assert row["source"].startswith("Companies House")


def test_ubo_rows_have_status_share_grounds_and_paths(lakeshore: SubjectAnalysis) -> None:
    rows = {r["id"]: r for r in ubo_rows(lakeshore.report, shown=set())}
    malcolm = rows["per-malcolm-ashdown"]
    assert malcolm["status"] == "yes" and malcolm["share"].startswith("14.05% (role: ")
    assert "settlor" in malcolm["grounds"] and "Lakeshore Civil Engineering Ltd" in malcolm["paths"]
    assert rows["per-darren-pryce"]["status"] == "no"
    assert rows["per-graham-ashdown"]["status"] == "yes"
    assert malcolm["in_graph"] == "collapsed"
    first = ubo_rows(lakeshore.report)[0]
    assert first["status"] == "yes" and first["in_graph"] == ""


def test_flag_json_becomes_marks_and_rows_with_provenance() -> None:
    flag = {
        "code": "OPQ-UNSPEC",
        "severity": "high",
        "lawful": False,
        "target": {"kind": "edge", "id": "rel-1", "name": "X -> Y"},
        "explanation": "owner not disclosed",
        "values": {},
        "lists": [],
        "evidence": [
            {
                "role": "edge",
                "id": "rel-1",
                "record_id": "rel-1",
                "statement_ids": ["st-1", "st-2"],
                "source": "Cyprus register",
                "file": "cy.jsonl",
                "position": 7,
                "statement_date": "2023-09-29",
            }
        ],
    }
    subject_flag = {**flag, "target": {"kind": "subject", "id": "", "name": "Y"}}
    marks = marks_from_flags([flag, subject_flag], "ent-y", {"OPQ-UNSPEC": "Undisclosed owner"})
    assert [m.target for m in marks] == ["rel-1", "ent-y"]
    assert marks[0].statement_ids == ("st-1", "st-2") and marks[0].title == "Undisclosed owner"
    row = flag_rows(marks[:1], {})[0]
    assert row["registers"] == "Cyprus register" and row["dates"] == "2023-09-29"
    assert "cy.jsonl:7" in row["files"] and row["severity"] == "high"
