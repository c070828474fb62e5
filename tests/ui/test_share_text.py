"""Shares as the screen, the case report and ``bo-graph ubo`` print them (sample_registers/README):
a beneficial owner by role or look-through is never shown holding 0%, the holdings tab gives a
person the owners tab's verdict, a path's product is labelled as such, and shares have at most
two decimals while the CSV keeps every digit."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest

from bo_graph.analysis.grounds import UboPolicy
from bo_graph.analysis.holdings import holdings_report
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.method import Method
from bo_graph.analysis.positions import positions
from bo_graph.export import case_report_html, csv_zip, gather_case
from bo_graph.render.shares import PATH_NOTE
from bo_graph.render.ubo_text import holdings_text, ubo_text
from bo_graph.store.base import GraphStore
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.tables import Row, holdings_rows, ubo_rows
from tests.ui.conftest import SUBJECT, analyse

TRUST_ROLES = [
    "per-rowena-castellane",
    "per-imogen-ashdown",
    "per-julian-thorne",
    "per-deborah-quayle",
    "per-larkspur-minor-beneficiary",
]


def rows_by_id(analysis: SubjectAnalysis) -> dict[str, Row]:
    return {r["id"]: r for r in ubo_rows(analysis.report)}


def test_no_beneficial_owner_is_shown_holding_nothing(lakeshore: SubjectAnalysis) -> None:
    rows = rows_by_id(lakeshore)
    owners = [r for r in rows.values() if r["status"] == "yes"]
    assert len(owners) == 7 and not any(r["share"].startswith("0%") for r in owners)
    for person in TRUST_ROLES:
        share = rows[person]["share"]
        assert share.startswith("— (role: ") and "The Larkspur Settlement" in share, share
        assert "holds 32.77% of Lakeshore" in share and "32.77%" in rows[person]["grounds"]
    assert rows["per-graham-ashdown"]["share"] == "— (look-through: 51.5%)"


def test_a_share_below_the_threshold_says_what_qualifies(lakeshore: SubjectAnalysis) -> None:
    malcolm = rows_by_id(lakeshore)["per-malcolm-ashdown"]["share"]
    assert malcolm.startswith("14.05% (role: ") and "32.77%" in malcolm
    darren = rows_by_id(lakeshore)["per-darren-pryce"]
    assert darren["status"] == "no" and darren["share"] == "24.5%"


def test_under_look_through_the_share_is_marked_as_such(sample_store: GraphStore) -> None:
    rows = rows_by_id(analyse(sample_store, SUBJECT, method=Method.LOOK_THROUGH))
    assert rows["per-graham-ashdown"]["share"] == "51.5% (look-through)"


def test_shares_have_two_decimals_on_screen_and_every_digit_in_the_csv(
    lakeshore: SubjectAnalysis, sample_store: GraphStore
) -> None:
    rows = rows_by_id(lakeshore)
    assert rows["ent-sable-reach"]["share"] == "46.82%"
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(gather_case(sample_store, lakeshore))))
    owners = csv.DictReader(io.StringIO(archive.read("owners.csv").decode("utf-8-sig")))
    sable = next(r for r in owners if r["id"] == "ent-sable-reach")
    assert float(sable["share_max"]) == pytest.approx(51.5 * 10 / 11)


def test_rounding_never_puts_a_share_on_a_threshold() -> None:
    assert Interval.exact(24.996).short_label() == "24.996%"
    assert Interval.exact(4.68182).short_label() == "4.68%"
    assert Interval(38.625, 51.5).short_label() == "[38.62, 51.5]%"


def test_a_path_figure_is_labelled_and_explained(lakeshore: SubjectAnalysis) -> None:
    sable = rows_by_id(lakeshore)["ent-sable-reach"]
    assert "[41.2% along this path]" in sable["paths"] and sable["share"] == "46.82%"
    text = ubo_text(lakeshore.report)
    assert "[12.36% along this path]" in text and PATH_NOTE in text
    assert "share 0%" not in text and "share — (role: protector of The Larkspur" in text


def test_the_case_report_says_what_the_screen_says(
    lakeshore: SubjectAnalysis, sample_store: GraphStore
) -> None:
    case = gather_case(sample_store, lakeshore, now=datetime(2026, 3, 3, tzinfo=UTC))
    html = case_report_html(case)
    assert "share — (look-through: 51.5%)" in html and "effective ownership 0%" not in html
    assert "along this path" in html


def holdings_of(store: GraphStore, analysis: SubjectAnalysis, person: str) -> dict[str, Row]:
    report = holdings_report(store, person)
    held = [h.party.id for h in report.holdings]
    found = positions(store, person, held, policy=UboPolicy(), known=[analysis.report])
    return {r["id"]: r for r in holdings_rows(report, found)}


def test_holdings_give_the_owners_tab_verdict(
    lakeshore: SubjectAnalysis, sample_store: GraphStore
) -> None:
    rowena = holdings_of(sample_store, lakeshore, "per-rowena-castellane")[SUBJECT]
    assert rowena["beneficial_owner"] == "yes" and rowena["share"].startswith("— (role: ")
    assert rowena["majority_control"] == "no"
    malcolm = holdings_of(sample_store, lakeshore, "per-malcolm-ashdown")
    assert malcolm[SUBJECT]["beneficial_owner"] == "yes"
    assert malcolm[SUBJECT]["share"].startswith("14.05% (role: ")
    # a held party other than the subject gets its own determination
    assert malcolm["ent-sable-reach"]["beneficial_owner"] == "yes"


def test_holdings_text_gives_the_verdict(sample_store: GraphStore) -> None:
    report = holdings_report(sample_store, "per-rowena-castellane")
    found = positions(sample_store, "per-rowena-castellane", [h.party.id for h in report.holdings])
    line = next(x for x in holdings_text(report, found).splitlines() if SUBJECT in x)
    assert line.endswith("beneficial owner: YES") and ": 0%" not in line
