"""Declared indirect shares (BODS primary relationships and their components), and how the
ownership report shows them; the methods (``--method``) that decide on fewer grounds."""

from __future__ import annotations

from bo_graph.analysis import UboPolicy, Verdict, determine_ubos
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.method import Method
from bo_graph.analysis.results import Rule
from bo_graph.model.codes import InterestType
from bo_graph.render.ubo_text import ubo_text
from tests.analysis.analysis_builders import GraphBuilder, interest
from tests.analysis.test_ubo_rules import bo_ids, owner

# -- components and declared indirect ----------------------------------------------------------


def test_primary_with_components_is_not_double_counted() -> None:
    g = GraphBuilder().person("P")
    b_to_a = g.owns("B", "A", 60, is_component=True)
    p_to_b = g.owns("P", "B", 50, is_component=True)
    g.edge(
        "P",
        "A",
        interest(30, indirect=True, beneficial=True),
        ident="primary",
        component_records=("B", b_to_a, p_to_b),
    )
    report = determine_ubos(g.build(), "A")
    p = owner(report, "P")
    assert p.share == Interval.exact(30)
    assert report.declared_checks[0].status == "consistent"
    assert all("primary" not in chain.to_json()["edges"] for chain in p.paths)
    assert Rule.DECLARED in {g.rule for g in p.grounds}


def test_declared_indirect_without_components_is_a_direct_equivalent() -> None:
    g = GraphBuilder().person("P")
    g.edge("P", "A", interest(30, indirect=True), ident="primary", component_records=("gone",))
    report = determine_ubos(g.build(), "A")
    p = owner(report, "P")
    assert p.share == Interval.exact(30)
    assert "declared indirect" in p.paths[0].steps[0].relation
    [check] = report.declared_checks
    assert check.status == "used_as_direct_equivalent"
    assert "gone" in check.note


def test_declared_indirect_with_a_gap_in_its_components_keeps_the_owner() -> None:
    """Only the holding company's component is published; the owner's own link to it is not:
    the declared 30% must not vanish with the missing link."""
    g = GraphBuilder().person("P", "Q")
    b_to_a = g.owns("B", "A", 60, is_component=True)
    g.owns("Q", "A", 40)
    g.edge(
        "P",
        "A",
        interest(30, indirect=True, beneficial=True),
        ident="primary",
        component_records=("B", "p-to-b-not-published", b_to_a),
    )
    report = determine_ubos(g.build(), "A")
    assert owner(report, "P").share == Interval.exact(30)
    [check] = report.declared_checks
    assert check.status == "used_as_direct_equivalent"
    assert "do not link the owner" in check.note
    assert "p-to-b-not-published" in check.note


def test_declared_indirect_next_to_another_route_warns() -> None:
    g = GraphBuilder().person("P")
    g.edge("P", "A", interest(30, indirect=True), ident="primary")
    g.owns("P", "B", 50)
    g.owns("B", "A", 60)
    report = determine_ubos(g.build(), "A")
    assert any("double count" in w for w in report.warnings)


def test_declared_share_above_components_is_flagged() -> None:
    g = GraphBuilder().person("P")
    edge = g.owns("B", "A", 20)
    g.owns("P", "B", 100)
    g.edge("P", "A", interest(60, indirect=True), component_records=(edge,))
    [check] = determine_ubos(g.build(), "A").declared_checks
    assert check.status == "above_computed_maximum"


def test_the_text_report_shows_a_declaration_its_components_contradict() -> None:
    g = GraphBuilder().person("P")
    edge = g.owns("B", "A", 20)
    g.owns("P", "B", 100)
    g.edge("P", "A", interest(60, indirect=True), component_records=(edge,))
    text = ubo_text(determine_ubos(g.build(), "A"))
    assert "P in A: declared 60%, above the most its components allow (20% computed)" in text


def test_the_text_report_names_holdings_of_unknown_size() -> None:
    g = GraphBuilder().person("P", "Q")
    g.owns("P", "Co", None)
    g.owns("Q", "Co", 60)
    text = ubo_text(determine_ubos(g.build(), "Co"))
    assert "Holdings of unknown size" in text
    assert "  P -> Co" in text


# -- methods ---------------------------------------------------------------------------------


def decided(g: GraphBuilder, subject: str, method: Method) -> set[str]:
    report = determine_ubos(g.build(), subject, policy=UboPolicy(method=method))
    assert report.method == method.value
    return bo_ids(report)


def test_look_through_counts_direct_holdings() -> None:
    """UK PSC: a direct holding above the threshold makes a PSC whatever sits above it."""
    g = GraphBuilder().person("P", "Q")
    g.owns("P", "Co", 40)
    g.owns("Q", "Co", 60)
    assert decided(g, "Co", Method.LOOK_THROUGH) == {"P", "Q"}


def test_look_through_shows_the_look_through_share() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 10)
    g.owns("P", "Sub", 60)
    g.owns("Sub", "Co", 20)
    policy = UboPolicy(method=Method.LOOK_THROUGH)
    p = owner(determine_ubos(g.build(), "Co", policy=policy), "P")
    assert p.share == Interval.exact(30)
    assert p.beneficial_owner is Verdict.YES


def test_control_alone_falls_back_to_senior_managing_officials() -> None:
    """Two 40% holders control nothing: under ``control`` nobody qualifies, so the director is
    reported as senior managing official, as the integrated method would do."""
    g = GraphBuilder().person("P", "Q", "Director")
    g.owns("P", "Co", 40)
    g.owns("Q", "Co", 40)
    g.role("Director", "Co", InterestType.BOARD_MEMBER)
    assert decided(g, "Co", Method.INTEGRATED) == {"P", "Q"}
    report = determine_ubos(g.build(), "Co", policy=UboPolicy(method=Method.CONTROL))
    assert bo_ids(report) == {"Director"}
    assert report.fallback == "senior_managing_officials"
    assert Rule.SMO_FALLBACK in {g.rule for g in owner(report, "Director").grounds}
    assert "method control" in ubo_text(report)


def test_control_alone_with_no_officer_warns_that_no_one_qualifies() -> None:
    g = GraphBuilder().person("P", "Q")
    g.owns("P", "Co", 40)
    g.owns("Q", "Co", 40)
    report = determine_ubos(g.build(), "Co", policy=UboPolicy(method=Method.CONTROL))
    assert bo_ids(report) == set()
    assert "no beneficial owner and no senior managing official identified" in report.warnings


def test_a_person_as_subject_is_told_to_ask_what_they_hold() -> None:
    """Opening a person's page: not 'no beneficial owner identified', which reads as opacity."""
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 60)
    report = determine_ubos(g.build(), "P")
    assert not any("no beneficial owner" in w for w in report.warnings)
    assert any("is a natural person" in w and "holds" in w for w in report.warnings)
