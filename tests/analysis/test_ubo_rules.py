"""UBO rules on hand-made graphs: trusts, nominees, officers, bands, control, OFAC, components."""

from __future__ import annotations

import json

import pytest

from bo_graph.analysis import ThresholdRule, UboPolicy, Verdict, determine_ubos
from bo_graph.analysis.holdings import sanctions_in
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.results import OwnerResult, Rule, UboReport
from bo_graph.model.codes import InterestType, UnspecifiedReason
from bo_graph.model.graph import When
from bo_graph.model.share import Share
from tests.analysis.analysis_builders import GraphBuilder, chain_graph, interest

EXACT = 1e-9


def owner(report: UboReport, party: str) -> OwnerResult:
    return next(o for o in report.owners if o.party.id == party)


def bo_ids(report: UboReport) -> set[str]:
    return {o.party.id for o in report.beneficial_owners}


def rules(result: OwnerResult) -> set[Rule]:
    return {g.rule for g in result.grounds if g.verdict is not None}


# -- trusts ----------------------------------------------------------------------------------


def trust_graph() -> GraphBuilder:
    g = GraphBuilder().person("Settlor", "Beneficiary", "Protector", "X", "Small settlor")
    g.trust("Trust", "Small trust")
    g.owns("Trust", "Co", 60)
    g.role("Settlor", "Trust", InterestType.SETTLOR)
    g.role("Beneficiary", "Trust", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT)
    g.role("Protector", "Trust", InterestType.PROTECTOR)
    g.role("Trustee Ltd", "Trust", InterestType.TRUSTEE)
    g.owns("X", "Trustee Ltd", 100)
    g.owns("Small trust", "Co", 5)
    g.role("Small settlor", "Small trust", InterestType.SETTLOR)
    return g


def test_trust_roles_are_beneficial_owners_whatever_their_share() -> None:
    report = determine_ubos(trust_graph().build(), "Co")
    assert bo_ids(report) == {"Settlor", "Beneficiary", "Protector", "X"}
    for party in ("Settlor", "Beneficiary", "Protector"):
        assert rules(owner(report, party)) == {Rule.TRUST_ROLE}
        assert owner(report, party).share == Interval(0, 0)


def test_corporate_trustee_is_looked_through() -> None:
    x = owner(determine_ubos(trust_graph().build(), "Co"), "X")
    [ground] = [g for g in x.grounds if g.rule is Rule.TRUST_ROLE]
    assert "Trustee Ltd" in ground.text
    assert ground.verdict is Verdict.YES


def test_trust_below_threshold_passes_nothing() -> None:
    report = determine_ubos(trust_graph().build(), "Co")
    assert owner(report, "Small settlor").beneficial_owner is Verdict.NO


# -- nominees --------------------------------------------------------------------------------


def test_a_nominator_declared_not_beneficial_still_controls() -> None:
    """BODS 0.4's nomination example declares the nominator's own interest not beneficial
    ownership or control (the beneficial ownership is the one the nominee holds for them). A
    person's nominator interest so declared still gives control: the rule that a person's
    declined control interest confers none is for service providers (an ICIJ intermediary),
    and a nominator is the one behind the nominee."""
    g = GraphBuilder().person("Nominator", "Nominee").entity("Co")
    g.edge("Nominator", "Co", interest(None, InterestType.NOMINATOR, beneficial=False))
    g.edge("Nominee", "Co", interest(60, beneficial=False), interest(None, InterestType.NOMINEE))
    report = determine_ubos(g.build(), "Co")
    assert "Nominator" in bo_ids(report)
    assert owner(report, "Nominator").controls is Verdict.YES


def test_nominee_shareholding_belongs_to_the_nominator() -> None:
    g = GraphBuilder().person("Nominator", "Nominee").nomination("Arrangement")
    g.role("Nominator", "Arrangement", InterestType.NOMINATOR)
    g.role("Nominee", "Arrangement", InterestType.NOMINEE)
    g.owns("Arrangement", "Co", 40)
    report = determine_ubos(g.build(), "Co")
    nominator = owner(report, "Nominator")
    assert nominator.share == Interval.exact(40)
    assert {Rule.OWNERSHIP, Rule.NOMINATOR} <= rules(nominator)
    nominee = owner(report, "Nominee")
    assert nominee.share == Interval(0, 0)
    assert nominee.beneficial_owner is Verdict.NO
    assert [g.rule for g in nominee.grounds] == [Rule.NOMINEE]


# -- senior managing official fallback -------------------------------------------------------


def test_officers_are_reported_when_nobody_qualifies() -> None:
    g = GraphBuilder().person("Director", *(f"P{i}" for i in range(10)))
    for i in range(10):
        g.owns(f"P{i}", "Co", 10)
    g.role("Director", "Co", InterestType.BOARD_MEMBER)
    report = determine_ubos(g.build(), "Co")
    assert report.fallback == "senior_managing_officials"
    director = owner(report, "Director")
    assert director.beneficial_owner is Verdict.YES
    assert rules(director) == {Rule.SMO_FALLBACK}
    assert "AMLR Art. 63" in director.grounds[0].legal_basis
    assert bo_ids(report) == {"Director"}


def test_no_fallback_when_someone_qualifies() -> None:
    g = GraphBuilder().person("Director", "Owner")
    g.owns("Owner", "Co", 30)
    g.role("Director", "Co", InterestType.SENIOR_MANAGING_OFFICIAL)
    report = determine_ubos(g.build(), "Co")
    assert report.fallback is None
    assert bo_ids(report) == {"Owner"}


# -- bands and the threshold rule ------------------------------------------------------------


def test_band_straddling_the_threshold_is_possible() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", (20, 30))
    report = determine_ubos(g.build(), "Co")
    assert owner(report, "P").beneficial_owner is Verdict.POSSIBLE
    assert report.to_json()["owners"][0]["beneficial_owner"] == "possible"


@pytest.mark.parametrize(
    ("share", "rule", "expected"),
    [
        (Share.exact(25), ThresholdRule.AT_LEAST, Verdict.YES),
        (Share.exact(25), ThresholdRule.MORE_THAN, Verdict.NO),
        (Share(25, 50, lower_open=True), ThresholdRule.MORE_THAN, Verdict.YES),
        (Share(0, 25, upper_open=True), ThresholdRule.AT_LEAST, Verdict.NO),
        (Share(0, 25), ThresholdRule.AT_LEAST, Verdict.POSSIBLE),
    ],
)
def test_threshold_rule_respects_open_ends(
    share: Share, rule: ThresholdRule, expected: Verdict
) -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", share)
    report = determine_ubos(g.build(), "Co", policy=UboPolicy(rule=rule))
    assert owner(report, "P").beneficial_owner is expected


@pytest.mark.parametrize(
    ("rule", "basis"),
    [
        (ThresholdRule.AT_LEAST, "EU AMLR Art. 52 (ownership ≥25%)"),
        (ThresholdRule.MORE_THAN, "UK PSC / AMLD4 Art. 3(6)(a)(i) (ownership >25%)"),
    ],
)
def test_the_ownership_ground_cites_the_law_whose_wording_the_rule_follows(
    rule: ThresholdRule, basis: str
) -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 40)
    ground = owner(determine_ubos(g.build(), "Co", policy=UboPolicy(rule=rule)), "P").grounds[0]
    assert ground.legal_basis == basis


def test_threshold_is_configurable() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 12)
    assert bo_ids(determine_ubos(g.build(), "Co", policy=UboPolicy(threshold=10))) == {"P"}
    assert bo_ids(determine_ubos(g.build(), "Co")) == set()


# -- control ---------------------------------------------------------------------------------


def test_control_without_ownership() -> None:
    g = GraphBuilder().person("Appointer", "Shareholder")
    g.owns("Shareholder", "Co", 100)
    g.role("Appointer", "Co", InterestType.APPOINTMENT_OF_BOARD)
    report = determine_ubos(g.build(), "Co")
    appointer = owner(report, "Appointer")
    assert appointer.share == Interval(0, 0)
    assert rules(appointer) == {Rule.CONTROL}
    assert appointer.beneficial_owner is Verdict.YES


def test_control_interest_in_a_controlling_entity() -> None:
    g = GraphBuilder().person("P")
    g.role("P", "HoldCo", InterestType.RIGHTS_GRANTED_BY_CONTRACT)
    g.owns("HoldCo", "Co", 60)
    p = owner(determine_ubos(g.build(), "Co"), "P")
    assert p.controls is Verdict.YES
    assert Rule.CONTROL in rules(p)
    assert p.look_through == Interval.exact(60)


def test_voting_rights_decide_control_over_shares() -> None:
    g = GraphBuilder().person("P")
    g.edge("P", "Co", interest(10), interest(60, InterestType.VOTING_RIGHTS))
    p = owner(determine_ubos(g.build(), "Co"), "P")
    assert p.share == Interval.exact(10)
    assert p.controls is Verdict.YES


def test_voting_rights_of_unknown_size_give_possible_control() -> None:
    g = GraphBuilder().person("P")
    g.edge("P", "Co", interest(10), interest(None, InterestType.VOTING_RIGHTS))
    assert owner(determine_ubos(g.build(), "Co"), "P").controls is Verdict.POSSIBLE


def test_look_through_aggregates_controlled_holdings() -> None:
    """AMLR Art. 54(a): 10% direct + 20% held by a 60%-controlled company = 30%."""
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 10)
    g.owns("P", "Sub", 60)
    g.owns("Sub", "Co", 20)
    p = owner(determine_ubos(g.build(), "Co"), "P")
    assert p.share.lo == pytest.approx(22, abs=EXACT)
    assert p.look_through is not None and p.look_through.lo == pytest.approx(30, abs=EXACT)
    assert rules(p) == {Rule.LOOK_THROUGH}


def test_the_look_through_ground_cites_how_the_person_controls_the_entity() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 10)
    control = g.owns("P", "Sub", 60)
    g.owns("Sub", "Co", 20)
    report = determine_ubos(g.build(), "Co")
    p = owner(report, "P")
    (ground,) = p.grounds
    assert ground.edges == (control,)
    assert control in p.evidence


def test_the_owns_a_controlling_entity_ground_cites_the_chain_of_control() -> None:
    """P holds 30% of Hold, which controls Co through Mid (60% of 60%)."""
    g = GraphBuilder().person("P")
    g.owns("P", "Hold", 30)
    into_mid = g.owns("Hold", "Mid", 60)
    into_co = g.owns("Mid", "Co", 60)
    report = determine_ubos(g.build(), "Co")
    p = owner(report, "P")
    via_hold = [g for g in p.grounds if g.rule is Rule.OWNS_CONTROLLER and "of Hold" in g.text]
    assert [g.edges for g in via_hold] == [(into_mid, into_co)]
    assert {into_mid, into_co} <= set(p.evidence)


def test_a_majority_by_band_reads_as_more_than_half() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", Share(50, 75, lower_open=True, upper_open=True))
    p = owner(determine_ubos(g.build(), "Co"), "P")
    (control,) = [g for g in p.grounds if g.rule is Rule.CONTROL]
    assert control.text == "controls Co through a majority of the votes in Co (more than 50%)"


# -- OFAC 50% rule (T4, T5) ------------------------------------------------------------------


def blocked(shares: dict[tuple[str, str], float | tuple[float, float]]) -> dict[str, Verdict]:
    report = sanctions_in(chain_graph(shares), ["X"])
    return {p.id: p.blocked for p in report.parties}


def test_t4_ofac_example_1() -> None:
    assert blocked({("X", "A"): 50, ("A", "B"): 50}) == {
        "X": Verdict.YES,
        "A": Verdict.YES,
        "B": Verdict.YES,
    }


def test_t5_ofac_example_2_aggregate_of_blocked_entities() -> None:
    result = blocked({("X", "A"): 50, ("X", "B"): 50, ("A", "C"): 25, ("B", "C"): 25})
    assert result["C"] is Verdict.YES


def test_t5_ofac_example_3_direct_plus_blocked_entity() -> None:
    assert blocked({("X", "A"): 50, ("X", "B"): 10, ("A", "B"): 40})["B"] is Verdict.YES


def test_t5_ofac_counter_example() -> None:
    result = blocked({("X", "A"): 25, ("X", "B"): 25, ("A", "C"): 50, ("B", "C"): 50})
    assert result == {"X": Verdict.YES, "A": Verdict.NO, "B": Verdict.NO}
    report = sanctions_in(chain_graph({("X", "A"): 25, ("X", "B"): 25}), ["X"])
    assert report.to_json()["parties"][1]["blocked"] is False


def test_ofac_band_reaching_50_only_at_the_top_is_possible() -> None:
    assert blocked({("X", "A"): (40, 60)})["A"] is Verdict.POSSIBLE


# -- flags, time and JSON ----------------------------------------------------------------------


def test_unknown_shares_and_unspecified_parties_are_reported() -> None:
    g = GraphBuilder().person("P")
    g.unspecified("U", UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED)
    g.owns("U", "Co", 40)
    g.owns("P", "Co", None)
    report = determine_ubos(g.build(), "Co")
    assert [u.party.id for u in report.unspecified] == ["U"]
    assert report.unspecified[0].share == Interval.exact(40)
    assert owner(report, "P").share == Interval(0, 60)  # tightened by U's 40%
    assert owner(report, "P").share_unknown
    assert owner(report, "P").beneficial_owner is Verdict.POSSIBLE
    assert [u.edge for u in report.unknown_shares] == [
        next(e for e in g.edges if e.startswith("P->"))
    ]


def test_ended_interests_do_not_count() -> None:
    g = GraphBuilder().person("Old", "New")
    g.edge("Old", "Co", interest(60, end="2020-01-01"))
    g.edge("New", "Co", interest(60, start="2020-01-01"))
    now = determine_ubos(g.build(), "Co", when=When(as_of="2021-01-01"))
    assert bo_ids(now) == {"New"}
    before = determine_ubos(g.build(), "Co", when=When(as_of="2019-06-01"))
    assert bo_ids(before) == {"Old"}


def test_json_is_stable_and_serialisable() -> None:
    graph = chain_graph({("A", "B1"): 100, ("B1", "C"): 30}, ("A",))
    first = determine_ubos(graph, "C").to_json()
    assert json.dumps(first, sort_keys=True) == json.dumps(
        determine_ubos(graph, "C").to_json(), sort_keys=True
    )
    assert first["subject"]["id"] == "C"
    a = next(o for o in first["owners"] if o["id"] == "A")
    assert set(a) >= {"id", "name", "kind", "share", "beneficial_owner", "grounds", "paths"}
    assert a["share"] == {"min": 30.0, "max": 30.0, "min_open": False, "max_open": False}
    assert a["beneficial_owner"] is True
    assert a["grounds"][0]["legal_basis"] == "EU AMLR Art. 52 (ownership ≥25%)"
    assert a["paths"][0]["edges"] == ["A->B1#0", "B1->C#1"]
    assert a["paths"][0]["steps"][0]["direction"] == "owns"
    assert a["evidence"] == {"A->B1#0": ["st-A->B1#0"], "B1->C#1": ["st-B1->C#1"]}


# -- voting rights -----------------------------------------------------------------------------


def test_a_quarter_of_the_votes_without_the_shares_is_beneficial_ownership() -> None:
    """AMLR Art. 52(1): "25 % or more of the shares or voting rights"."""
    g = GraphBuilder().person("P", "Q")
    votes = g.edge("P", "Co", interest(30, InterestType.VOTING_RIGHTS))
    g.owns("Q", "Co", 70)
    p = owner(determine_ubos(g.build(), "Co"), "P")
    assert p.beneficial_owner is Verdict.YES
    (ground,) = p.grounds
    assert (ground.rule, ground.text) == (Rule.VOTES, "holds 30% of the votes in Co")
    assert ground.legal_basis == "EU AMLR Art. 52 (voting rights ≥25%)"
    assert ground.edges == (votes,)
    uk = UboPolicy(rule=ThresholdRule.MORE_THAN)
    g25 = GraphBuilder().person("P")
    g25.edge("P", "Co", interest(25, InterestType.VOTING_RIGHTS))
    assert owner(determine_ubos(g25.build(), "Co", policy=uk), "P").beneficial_owner is Verdict.NO


def test_votes_held_through_a_controlled_company_count_whole() -> None:
    """P controls Sub (60%), which holds 30% of the votes in Co: P holds 30% of Co's votes."""
    g = GraphBuilder().person("P")
    g.owns("P", "Sub", 60)
    g.edge("Sub", "Co", interest(5), interest(30, InterestType.VOTING_RIGHTS))
    p = owner(determine_ubos(g.build(), "Co"), "P")
    assert p.beneficial_owner is Verdict.YES
    assert rules(p) == {Rule.VOTES}
    (ground,) = p.grounds
    assert ground.share == Interval.exact(30)


def test_votes_that_follow_the_shares_add_no_ground() -> None:
    g = GraphBuilder().person("P")
    g.edge("P", "Co", interest(40), interest(40, InterestType.VOTING_RIGHTS))
    assert rules(owner(determine_ubos(g.build(), "Co"), "P")) == {Rule.OWNERSHIP}
