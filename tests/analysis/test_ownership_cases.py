"""The worked cases T1-T10, T16 and T17 of ownership-methods.md at the engine level."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from bo_graph.analysis import Verdict, build_network, determine_ubos, evaluate_ownership
from bo_graph.analysis.chains import simple_path_sum
from bo_graph.analysis.control import ControlGraph
from bo_graph.analysis.effective import integrated_values
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.network import Link
from bo_graph.analysis.results import OwnerResult, Rule, UboReport
from bo_graph.model.share import Share
from tests.analysis.analysis_builders import GraphBuilder, ShareSpec, chain_graph

EXACT = 1e-9


def links_of(
    shares: Mapping[tuple[str, str], ShareSpec], persons: tuple[str, ...] = ()
) -> tuple[Link, ...]:
    return build_network(chain_graph(shares, persons)).ownership


def owner(report: UboReport, party: str) -> OwnerResult:
    return next(o for o in report.owners if o.party.id == party)


def rules(result: OwnerResult) -> set[Rule]:
    return {g.rule for g in result.grounds}


# -- T1 OECD glossary ------------------------------------------------------------------------

T1 = {("A", "B1"): 100, ("A", "B2"): 80, ("B1", "C"): 20, ("B2", "C"): 40}


def test_t1_integrated_share_is_52_percent() -> None:
    shares = evaluate_ownership(links_of(T1, ("A",)), "C").shares
    assert shares["A"].lo == pytest.approx(52, abs=EXACT)
    assert shares["A"].hi == pytest.approx(52, abs=EXACT)
    assert shares["A"].is_exact


def test_t1_a_is_ubo_by_ownership_and_control() -> None:
    report = determine_ubos(chain_graph(T1, ("A",)), "C")
    a = owner(report, "A")
    assert a.beneficial_owner is Verdict.YES
    assert {Rule.OWNERSHIP, Rule.CONTROL} <= rules(a)
    assert a.controls is Verdict.YES
    assert a.look_through is not None
    assert a.look_through.lo == pytest.approx(60, abs=EXACT)


# -- T2 / T3 FATS ultimate controlling institutional unit -------------------------------------


def test_t2_chain_of_majorities_gives_control_not_share() -> None:
    graph = chain_graph({("F", "G"): 70, ("G", "H"): 60}, ("F",))
    assert evaluate_ownership(build_network(graph).ownership, "H").shares["F"].lo == (
        pytest.approx(42, abs=EXACT)
    )
    control = ControlGraph.of(build_network(graph))
    assert set(control.controlled("F", upper=False)) == {"G", "H"}
    f = owner(determine_ubos(graph, "H"), "F")
    assert f.controls is Verdict.YES
    assert Rule.CONTROL in rules(f)
    assert f.look_through is not None and f.look_through.lo == pytest.approx(60, abs=EXACT)


def test_t3_minority_at_the_top_controls_nothing() -> None:
    graph = chain_graph({("I", "J"): 30, ("J", "K"): 80}, ("I",))
    network = build_network(graph)
    assert evaluate_ownership(network.ownership, "K").shares["I"].lo == (
        pytest.approx(24, abs=EXACT)
    )
    control = ControlGraph.of(network)
    assert control.controlled("I", upper=True) == {}
    assert set(control.controlled("J", upper=False)) == {"K"}
    report = determine_ubos(graph, "K")
    i = owner(report, "I")
    assert i.controls is Verdict.NO
    assert owner(report, "J").controls is Verdict.YES
    # Not by ownership (24% < 25%) nor control, but AMLR Art. 54(b): I holds 30% of J,
    # an entity that controls K.
    assert rules(i) == {Rule.OWNS_CONTROLLER}
    assert i.beneficial_owner is Verdict.YES


# -- T6 / T7 cross-holdings ----------------------------------------------------------------

T6 = {("P", "X"): 50, ("Q", "Y"): 50, ("X", "Y"): 50, ("Y", "X"): 50}


def test_t6_cross_holding_integrated_shares() -> None:
    links = links_of(T6, ("P", "Q"))
    in_x = evaluate_ownership(links, "X").shares
    in_y = evaluate_ownership(links, "Y").shares
    assert in_x["P"].lo == pytest.approx(200 / 3, abs=EXACT)
    assert in_y["P"].lo == pytest.approx(100 / 3, abs=EXACT)
    assert in_x["P"].lo + in_x["Q"].lo == pytest.approx(100, abs=EXACT)


def test_t6_simple_paths_undercount() -> None:
    links = links_of(T6, ("P", "Q"))
    assert simple_path_sum(links, "X")["P"] == pytest.approx(0.5, abs=EXACT)
    assert simple_path_sum(links, "Y")["P"] == pytest.approx(0.25, abs=EXACT)


def test_t7_two_firms_m2_and_m3() -> None:
    links = links_of({("1", "2"): 50, ("2", "1"): 50})
    into_2 = integrated_values(links, "2")
    assert into_2.integrated["1"] == pytest.approx(2 / 3, abs=EXACT)
    assert into_2.integrated["2"] == pytest.approx(1 / 3, abs=EXACT)
    assert into_2.corrected("1") == pytest.approx(0.5, abs=EXACT)
    assert into_2.corrected("2") == pytest.approx(0.25, abs=EXACT)
    assert into_2.return_factor["1"] == pytest.approx(4 / 3, abs=EXACT)


def test_t7_final_claims_equal_person_columns() -> None:
    """EGJ A = C^(I - C)^-1: the outside holders' integrated shares (2/3, 1/3)."""
    links = links_of({("1", "2"): 50, ("2", "1"): 50, ("P", "1"): 50, ("Q", "2"): 50}, ("P", "Q"))
    assert evaluate_ownership(links, "1").shares["P"].lo == pytest.approx(200 / 3, abs=EXACT)
    assert evaluate_ownership(links, "2").shares["P"].lo == pytest.approx(100 / 3, abs=EXACT)


# -- T8 Bank of Italy company control --------------------------------------------------------

T8 = {
    ("1", "2"): 90,
    ("2", "3"): 100,
    ("3", "2"): 10,
    ("3", "4"): 90,
    ("4", "5"): 100,
    ("5", "1"): 10,
    ("1", "6"): 90,
    ("6", "5"): 100,
    ("5", "10"): 90,
    ("10", "20"): 100,
    ("20", "1"): 50,
    ("1", "10"): 90,
    ("19", "5"): 100,
    ("10", "19"): 50,
}
ALL_T8 = {"1", "2", "3", "4", "5", "6", "10", "20"}
T8_CONTROLLED = {
    "1": ALL_T8 - {"1"},
    "2": ALL_T8 - {"2"},
    "3": ALL_T8 - {"3"},
    "4": ALL_T8 - {"4"},
    "5": ALL_T8 - {"5"},
    "6": ALL_T8 - {"6"},
    "10": {"20"},
    "19": ALL_T8,
    "20": set(),
}


@pytest.mark.parametrize("controller", sorted(T8_CONTROLLED))
def test_t8_controlled_sets(controller: str) -> None:
    control = ControlGraph.of(build_network(chain_graph(T8)))
    assert set(control.controlled(controller, upper=False)) == T8_CONTROLLED[controller]
    assert set(control.controlled(controller, upper=True)) == T8_CONTROLLED[controller]


# -- T9 ECB close links (inconsistent inputs) -------------------------------------------------

T9 = {
    ("A", "B"): 20,
    ("B", "A"): 80,
    ("B", "C"): 20,
    ("C", "D"): 60,
    ("D", "A"): 90,
    ("A", "C"): 20,
}
T9_M1 = {
    ("A", "C"): 0.24,
    ("B", "D"): 0.216,
    ("D", "C"): 0.216,
    ("B", "A"): 0.908,
    ("C", "D"): 0.6,
    ("A", "B"): 0.2,
    ("B", "C"): 0.36,
    ("C", "A"): 0.54,
    ("D", "A"): 0.9,
}


@pytest.mark.parametrize(("pair", "expected"), sorted(T9_M1.items()))
def test_t9_simple_path_close_links(pair: tuple[str, str], expected: float) -> None:
    holder, subject = pair
    assert simple_path_sum(links_of(T9), subject)[holder] == pytest.approx(expected, abs=EXACT)


def test_t9_integrated_values_and_inconsistency_flag() -> None:
    network = build_network(chain_graph(T9))
    assert integrated_values(network.ownership, "C").integrated["A"] == (
        pytest.approx(0.3378, abs=5e-5)
    )
    assert integrated_values(network.ownership, "A").integrated["B"] == (
        pytest.approx(1.278, abs=5e-4)
    )
    assert [i.subject for i in network.inconsistent] == ["A"]
    report = determine_ubos(chain_graph(T9), "A")
    assert all(o.share.hi <= 100 for o in report.owners)
    assert [i.subject.id for i in report.inconsistent] == ["A"]


# -- T10 Vitali bow tie ---------------------------------------------------------------------

T10 = {
    ("0", "1"): 10,
    ("1", "2"): 50,
    ("1", "3"): 50,
    ("1", "4"): 20,
    ("2", "1"): 30,
    ("2", "4"): 20,
    ("3", "1"): 30,
    ("3", "4"): 60,
    ("4", "1"): 30,
    ("4", "2"): 50,
    ("4", "3"): 50,
    ("4", "5"): 100,
}
T10_M2_ROW1 = [9, 10, 10, 10, 10]
T10_L = {"1": 10, "2": 6.1667, "3": 10.5, "4": 11.6667}
T10_M3_ROW1 = [0.9, 1, 1, 1, 1]
T10_M3_ROW4 = [0.8571, 0.9286, 0.9286, 0.9143, 1]


@pytest.mark.parametrize("column", [1, 2, 3, 4, 5])
def test_t10_bow_tie(column: int) -> None:
    solution = integrated_values(links_of(T10), str(column))
    assert solution.integrated["1"] == pytest.approx(T10_M2_ROW1[column - 1], abs=5e-4)
    assert solution.corrected("0") == pytest.approx(1.0, abs=EXACT)
    assert solution.corrected("1") == pytest.approx(T10_M3_ROW1[column - 1], abs=5e-5)
    assert solution.corrected("4") == pytest.approx(T10_M3_ROW4[column - 1], abs=5e-5)
    for node, factor in T10_L.items():
        if node in solution.return_factor:
            assert solution.return_factor[node] == pytest.approx(factor, abs=5e-5)


def test_t10_sole_outside_owner_owns_everything() -> None:
    report = determine_ubos(chain_graph(T10, ("0",)), "5")
    top = owner(report, "0")
    assert top.share.lo == pytest.approx(100, abs=EXACT)
    assert top.beneficial_owner is Verdict.YES
    assert all(o.share.hi <= 100 + EXACT for o in report.owners)


# -- T16 UK PSC bands -----------------------------------------------------------------------


def test_t16_bands_multiply_with_open_ends() -> None:
    builder = GraphBuilder().person("P")
    builder.owns("P", "A", Share(25, 50, lower_open=True))
    builder.owns("A", "B", Share(50, 75, lower_open=True, upper_open=True))
    share = evaluate_ownership(build_network(builder.build()).ownership, "B").shares["P"]
    assert share == Interval(12.5, 37.5, True, True)
    report = determine_ubos(builder.build(), "B")
    p = owner(report, "P")
    assert p.share.to_json() == {"min": 12.5, "max": 37.5, "min_open": True, "max_open": True}
    assert p.controls is Verdict.NO
    by_rule = {g.rule: g.verdict for g in p.grounds}
    assert by_rule[Rule.OWNERSHIP] is Verdict.POSSIBLE  # 12.5 < 25 <= 37.5
    # A holds more than 50% of B, so A controls B; P holds more than 25% of A (Art. 54(b)).
    assert by_rule[Rule.OWNS_CONTROLLER] is Verdict.YES
    assert p.beneficial_owner is Verdict.YES


def test_t16_lower_bounds_above_100_are_flagged() -> None:
    builder = GraphBuilder().person("P", "Q")
    builder.owns("P", "A", Share(25, 50, lower_open=True))
    builder.owns("Q", "A", Share(75, 100))
    report = determine_ubos(builder.build(), "A")
    assert [(i.subject.id, i.measure) for i in report.inconsistent] == [("A", "shares")]
    assert owner(report, "P").share == Interval(25, 50, True, False)


# -- T17 closed loop ------------------------------------------------------------------------


def test_t17_closed_loop_terminates_and_is_reported() -> None:
    graph = chain_graph({("Alpha", "Beta"): 100, ("Beta", "Alpha"): 100})
    report = determine_ubos(graph, "Alpha")
    assert [sorted(p.id for p in loop.nodes) for loop in report.closed_loops] == [["Alpha", "Beta"]]
    assert report.closed_loops[0].closed
    assert report.beneficial_owners == ()
    assert all(o.share.hi <= 100 for o in report.owners)
    assert any("no beneficial owner" in w for w in report.warnings)
    assert report.to_json()["closed_loops"][0]["kind"] == "closed_loop"


def test_large_components_are_solved_by_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above LARGE_COMPONENT the block is iterated, not inverted: same M2 values, no M3."""
    from bo_graph.analysis import linear

    inverted = {t: integrated_values(links_of(T10), str(t)).integrated for t in range(1, 6)}
    monkeypatch.setattr(linear, "LARGE_COMPONENT", 1)
    for target, expected in inverted.items():
        iterated = integrated_values(links_of(T10), str(target))
        assert iterated.uncorrected == {"1", "2", "3", "4"}
        for node, value in expected.items():
            assert iterated.integrated[node] == pytest.approx(value, rel=1e-9)
    report = determine_ubos(chain_graph(T10, ("0",)), "5")
    assert owner(report, "0").share.lo == pytest.approx(100, abs=1e-7)
    assert any("solved by iteration" in w for w in report.warnings)
    closed = chain_graph({("Alpha", "Beta"): 100, ("Beta", "Alpha"): 100})
    assert determine_ubos(closed, "Alpha").closed_loops[0].closed
