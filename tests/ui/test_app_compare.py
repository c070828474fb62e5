"""Streamlit AppTest of the Compare tab: what the subject and another party share, on the
Lakeshore case (each test on a fresh store, as in test_app)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui import test_app
from tests.ui.test_app import app, table

fresh_store = test_app.fresh_store  # autouse: a fresh store filled with the sample registers


def compare(at: AppTest, typed: str = "", *, picked: str = "") -> AppTest:
    """Ask what the subject shares with a party of the structure, or one typed in."""
    if picked:
        at.selectbox(key="compare_with").select(picked)
    at.text_input(key="compare_ref").input(typed).run()
    at.button(key="compare_go").click().run()
    assert not at.exception and not at.error
    return at


def labels(at: AppTest, column: str) -> dict[str, str]:
    """The column labels of the table that has ``column``, as the user reads them."""
    [frame] = [f for f in at.dataframe if column in f.value.columns]
    return {k: v.get("label", k) for k, v in json.loads(frame.proto.columns).items()}


def texts(elements: object) -> str:
    return "\n".join(e.value for e in elements)  # type: ignore[attr-defined]


def test_two_companies_with_an_owner_in_common_list_it_with_its_share_in_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trail = tmp_path / "audit.jsonl"
    monkeypatch.setenv("BO_GRAPH_AUDIT_LOG", str(trail))
    at = compare(app(entity="ent-lakeshore-civil"), "Pellam Plant Hire")
    assert "'Compare with': Pellam Plant Hire Ltd" in texts(at.caption), "the match is named"
    owners = table(at, "share_a", "")
    [shona] = owners[owners["owner"] == "Shona Margaret Pryce"].to_dict("records")
    assert (shona["status_a"], shona["share_a"]) == ("no", "24%")
    assert (shona["status_b"], shona["share_b"]) == ("yes", "60% (controls)")
    assert shona["particulars"].startswith("born 1968-07")
    assert labels(at, "share_a")["share_b"] == "share in Pellam Plant Hire Ltd"
    assert "**Upstream of both (1)**" in texts(at.markdown)
    said = texts(at.info)
    assert "Neither Lakeshore Civil Engineering Ltd nor Pellam Plant Hire Ltd is upstream" in said
    assert "Nothing is held or controlled by both" in said
    at.number_input(key="ctl_threshold").set_value(20.0).run()  # the view's threshold applies
    at.button(key="compare_go").click().run()
    [shona] = table(at, "share_a", "").to_dict("records")
    assert (shona["status_a"], shona["share_a"]) == ("yes", "24%")
    asked = [json.loads(x) for x in trail.read_text().splitlines() if '"shared"' in x]
    assert [line["params"]["party"] for line in asked] == ["ent-pellam-plant-hire"] * 2
    assert [line["threshold"] for line in asked] == [25.0, 20.0]


def test_unrelated_parties_share_nothing_and_the_tab_says_so() -> None:
    at = compare(app(entity="ent-lakeshore-civil"), "ent-greyfriars-holdings")
    assert (
        "Lakeshore Civil Engineering Ltd and Greyfriars Holdings Ltd share no owner or "
        "controller and no holding, and neither is upstream of the other."
    ) in texts(at.info)
    assert not [f for f in at.dataframe if {"share_a", "of_a"} & set(f.value.columns)]
    at.text_input(key="compare_ref").input("Lakeshore Civil Engineering Ltd").run()
    at.button(key="compare_go").click().run()
    assert "Pick or type a party other than Lakeshore Civil Engineering Ltd." in texts(at.error)


def test_the_answer_is_at_the_view_date() -> None:
    """Greyfriars held Calder Bridge, and so Lakeshore, until 2025."""
    at = compare(app(entity="ent-lakeshore-civil", as_of="2022-06-30"), "ent-greyfriars-holdings")
    assert "in effect on 2022-06-30" in texts(at.caption)
    said = texts(at.markdown)
    assert "Greyfriars Holdings Ltd is upstream of Lakeshore Civil Engineering Ltd, indirectly" in (
        said
    )
    assert "Greyfriars Holdings Ltd -> Calder Bridge Holdings Ltd" in texts(at.text)


def test_a_party_of_the_structure_upstream_of_the_subject_and_what_both_hold() -> None:
    at = compare(app(entity="ent-lakeshore-civil"), picked="per-malcolm-ashdown")
    said = texts(at.markdown)
    assert "Malcolm James Ashdown is upstream of Lakeshore Civil Engineering Ltd, indirectly" in (
        said
    )
    assert "No party is upstream of both Lakeshore Civil Engineering Ltd and Malcolm" in (
        texts(at.info)
    )
    at = compare(app(entity="ent-calder-bridge"), picked="ent-sable-reach")
    [lakeshore] = table(at, "of_a", "").to_dict("records")
    assert lakeshore["holding"] == "Lakeshore Civil Engineering Ltd"
    assert (lakeshore["of_a"], lakeshore["of_b"]) == ("51.5% (controls)", "46.82% (controls)")
    assert labels(at, "of_a")["of_a"] == "Calder Bridge Holdings Ltd holds"
    assert "Sable Reach Holdings Ltd is upstream of Calder Bridge Holdings Ltd" in (
        texts(at.markdown)
    )


def test_several_matches_are_offered_with_the_particulars_that_tell_them_apart() -> None:
    at = app(entity="ent-lakeshore-civil")
    at.text_input(key="compare_ref").input("ashdown").run()
    match = at.selectbox(key="compare_match")
    assert len(match.options) == 3, "several matches are offered, best first"
    label = match.format_func("per-malcolm-ashdown")
    assert label.startswith("Malcolm James Ashdown — person, born 1961-04; nationality")
    assert label.endswith("[per-malcolm-ashdown]")
    match.select("per-graham-ashdown")
    at.button(key="compare_go").click().run()
    assert "What Lakeshore Civil Engineering Ltd and Graham Robert Ashdown share" in texts(
        at.caption
    )
