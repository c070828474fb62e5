"""Streamlit AppTest: the view as the registers stood on a day (known-at) and the threshold
rule, from the controls and from a deep link, as `bo-graph ubo --known-at --rule` gives them."""

from __future__ import annotations

from datetime import date

from tests.ui import test_app
from tests.ui.test_app import app, table

fresh_store = test_app.fresh_store  # autouse: a fresh store filled with the sample registers


def owners_yes(at: object) -> set[str]:
    owners = table(at, "owner", "")
    return set(owners[owners["status"] == "yes"]["owner"])


def test_the_registers_as_they_stood_before_the_late_filed_sale() -> None:
    """Before 2021 the registers named the Pryces as Lakeshore's owners: the sale to Calder
    Bridge was filed later."""
    at = app(entity="ent-lakeshore-civil")
    assert "Darren Michael Pryce" not in owners_yes(at)
    at.date_input(key="ctl_known_at").set_value(date(2021, 1, 1)).run()
    assert not at.exception
    assert owners_yes(at) == {"Darren Michael Pryce", "Shona Margaret Pryce"}
    assert at.query_params["known_at"] == "2021-01-01", "the address bar reopens this view"


def test_a_deep_link_opens_the_view_known_at_a_day_under_the_stricter_rule() -> None:
    at = app(entity="ent-lakeshore-civil", threshold="24.5", known_at="2021-01-01", rule=">")
    assert not at.exception
    assert str(at.date_input(key="ctl_known_at").value) == "2021-01-01"
    assert at.selectbox(key="ctl_rule").value == ">"
    assert owners_yes(at) == {"Shona Margaret Pryce", "Darren Michael Pryce"}
    at.date_input(key="ctl_known_at").set_value(None).run()
    assert "Darren Michael Pryce" not in owners_yes(at), "exactly 24.5%: not more than 24.5%"
    at.selectbox(key="ctl_rule").set_value(">=").run()
    assert "Darren Michael Pryce" in owners_yes(at), "24.5% or more"


def test_a_bad_rule_in_a_link_is_reported_and_the_default_used() -> None:
    at = app(entity="ent-lakeshore-civil", rule="most")
    assert any("rule: expected '>=' or '>', found 'most'" in w.value for w in at.warning)
    assert at.selectbox(key="ctl_rule").value == ">="


def test_a_subject_the_registers_did_not_know_yet_is_said_so_not_today() -> None:
    """Known-at alone dates the view: a company first filed later has no record as the registers
    stood then, not "in effect today"."""
    at = app(entity="ent-lakeshore-civil", known_at="2010-01-01")
    assert not at.exception
    said = " ".join(w.value for w in at.warning)
    assert (
        "Lakeshore Civil Engineering Ltd has no record as the registers stood on 2010-01-01" in said
    )
    assert "today" not in said


def test_the_date_controls_reach_back_before_the_last_ten_years() -> None:
    """Streamlit's date picker starts ten years before today by default: a view of 2012 (the
    registers of an older structure) could not be picked, and setting it was dropped."""
    at = app(entity="ent-lakeshore-civil")
    for key in ("ctl_as_of", "ctl_known_at"):
        at.date_input(key=key).set_value(date(2012, 1, 1)).run()
        assert not at.exception
        assert at.date_input(key=key).value == date(2012, 1, 1)
    assert at.query_params["as_of"] == "2012-01-01"
    assert at.query_params["known_at"] == "2012-01-01"


def test_an_empty_owners_holdings_or_paths_tab_says_so_instead_of_an_empty_grid() -> None:
    """In 1990 Lakeshore had no recorded owner: the owners tab showed a grid without rows or
    columns. It now says so, as do the holdings of a person who holds nothing then and a
    search that finds no path."""
    at = app(entity="ent-lakeshore-civil", as_of="1990-01-01")
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    lakeshore = "Lakeshore Civil Engineering Ltd"
    assert f"No owner or controller of {lakeshore} is recorded (in effect on 1990-01-01)" in said
    assert not any("owner" in frame.value.columns for frame in at.dataframe)
    at = app(entity="per-malcolm-ashdown", as_of="1990-01-01")
    at.text_input(key="path_to_ref").set_value("ent-lakeshore-civil").run()
    at.button(key="path_go").click().run()
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "Malcolm James Ashdown holds or controls no party (in effect on 1990-01-01)" in said
    assert "No path links Malcolm James Ashdown and Lakeshore Civil Engineering Ltd" in said
    assert [frame for frame in at.dataframe if frame.value.empty] == []
