"""Registers with a row per interest give a holder's shares and votes in one company as two
relationships. The votes given apart are the holder's votes: its shares are not copied as
votes on top of them (30% of the shares and 30% of the votes are 30% of the votes, not a
majority)."""

from __future__ import annotations

from bo_graph.analysis import Verdict, determine_ubos
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.results import Rule
from bo_graph.model.codes import InterestType
from tests.analysis.analysis_builders import GraphBuilder, interest


def test_shares_and_votes_in_two_relationships_are_not_added_as_votes() -> None:
    g = GraphBuilder().person("Ann", "Bob")
    g.edge("Ann", "Co", interest(30))
    g.edge("Ann", "Co", interest(30, InterestType.VOTING_RIGHTS))
    g.edge("Bob", "Co", interest(70))
    g.edge("Bob", "Co", interest(70, InterestType.VOTING_RIGHTS))
    report = determine_ubos(g.build(), "Co")
    ann = next(o for o in report.owners if o.party.id == "Ann")
    assert ann.share == Interval.exact(30)
    assert ann.controls is Verdict.NO, "30% of the votes is no majority"
    assert Rule.CONTROL not in {ground.rule for ground in ann.grounds}
    assert report.inconsistent == (), "the votes declared total 100%, not 200%"


def test_votes_apart_from_shares_of_another_holder_still_decide() -> None:
    """Only the holder's own shares give way: Bob's 70% shares still count as his votes."""
    g = GraphBuilder().person("Ann", "Bob")
    g.edge("Ann", "Co", interest(10))
    g.edge("Ann", "Co", interest(20, InterestType.VOTING_RIGHTS))
    g.edge("Bob", "Co", interest(70))
    report = determine_ubos(g.build(), "Co")
    bob = next(o for o in report.owners if o.party.id == "Bob")
    assert bob.controls is Verdict.YES
