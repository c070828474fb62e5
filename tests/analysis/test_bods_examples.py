"""T11-T15 and the nominee / trust / joint-ownership examples, on the official BODS 0.4 files.

The files are read into subgraphs by :func:`bods_subgraph` (a test helper approximating the
store's time semantics); store-based versions of these tests live with the store.
"""

from __future__ import annotations

import pytest

from bo_graph.analysis import Verdict, determine_ubos
from bo_graph.analysis.interval import Interval
from bo_graph.analysis.results import OwnerResult, Rule, UboReport
from tests.analysis.analysis_builders import EXAMPLES, bods_subgraph

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason=f"{EXAMPLES} is missing")

EXACT = 1e-9


def report_for(name: str, subject: str, **when: str) -> UboReport:
    graph, moment = bods_subgraph(name, **when)
    return determine_ubos(graph, f"bods:{subject}", when=moment)


def shares_by_name(report: UboReport) -> dict[str, tuple[float, float]]:
    return {o.party.name: (o.share.lo, o.share.hi) for o in report.owners if o.share.hi > 0}


def owner_named(report: UboReport, name: str) -> OwnerResult:
    return next(o for o in report.owners if o.party.name == name)


# -- T11-T13 declared indirect vs components ------------------------------------------------


def test_t11_declared_60_implies_full_ownership_of_both_intermediates() -> None:
    report = report_for("mutilple-indirect-ownership-2.json", "1e049760d6c7")
    person = owner_named(report, "Person 1")
    assert person.share == Interval(0, 60)  # the primary is not counted on top
    [check] = report.declared_checks
    assert check.status == "consistent"
    assert check.computed == Interval(0, 60)
    implied = {i.edge: i.share for i in check.implied}
    assert implied == {
        "bods:b8e59fa7e1a6": Interval.exact(100),
        "bods:5a8646b55833": Interval.exact(100),
    }
    assert person.beneficial_owner is Verdict.POSSIBLE


def test_t12_declared_30_implies_half_of_the_intermediate() -> None:
    report = report_for("indirect-ownership.json", "ad3f6c2fcc9e")
    [check] = report.declared_checks
    assert check.status == "consistent"
    assert check.computed == Interval(0, 60)
    [implied] = check.implied
    assert implied.edge == "bods:05e81af035e4"
    assert implied.share.lo == pytest.approx(50, abs=EXACT)
    assert implied.share.hi == pytest.approx(50, abs=EXACT)
    assert {u.edge for u in report.unknown_shares} == {"bods:05e81af035e4"}


def test_t13_direct_plus_indirect_implies_full_ownership_of_b() -> None:
    report = report_for("mixed-direct-and-indirect-ownership.json", "9bfe59b6a869")
    person = owner_named(report, "Person 1")
    assert person.share == Interval(50, 100)
    assert person.beneficial_owner is Verdict.YES
    [check] = report.declared_checks
    assert check.declared == Interval.exact(50)
    assert check.computed == Interval(0, 50)
    assert [(i.edge, i.share) for i in check.implied] == [
        ("bods:acdf30ece808", Interval.exact(100))
    ]


# -- T14 / T15 change over time -------------------------------------------------------------

FERMCAT = "ent-93c75c87ab28f889"


def test_t14_as_declared_on_2021_06_01() -> None:
    report = report_for("fermcat.json", FERMCAT, known_at="2021-06-01")
    assert shares_by_name(report) == {"Riyadh Byrne-Amin": (50, 50), "Patrick O'Donohue": (50, 50)}


def test_t14_as_in_effect_on_2021_06_01_known_later() -> None:
    report = report_for("fermcat.json", FERMCAT, as_of="2021-06-01")
    assert shares_by_name(report) == {"Declan Byrne-Amin": (50, 50), "Patrick O'Donohue": (50, 50)}


@pytest.mark.parametrize("moment", [{"known_at": "2022-02-01"}, {"as_of": "2022-02-01"}])
def test_t14_from_2022_patrick_holds_everything(moment: dict[str, str]) -> None:
    report = report_for("fermcat.json", FERMCAT, **moment)
    assert shares_by_name(report) == {"Patrick O'Donohue": (100, 100)}
    assert [o.party.name for o in report.beneficial_owners] == ["Patrick O'Donohue"]


@pytest.mark.parametrize(
    ("known_at", "expected"),
    [
        ("2020-06-01", {"Maria Esteves": (100, 100)}),
        ("2021-09-25", {"Shear Trust": (60, 60), "Maria Esteves": (40, 40)}),
        ("2022-09-25", {"Shear Trust": (70, 70), "Maria Esteves": (30, 30)}),
        ("2023-03-03", {"Shear Trust": (80, 80)}),
    ],
)
def test_t15_tecido_over_time(known_at: str, expected: dict[str, tuple[float, float]]) -> None:
    report = report_for("tecido.json", "01B68D7633", known_at=known_at)
    assert shares_by_name(report) == expected
    persons = [o.party.name for o in report.beneficial_owners]
    assert persons == (["Maria Esteves"] if "Maria Esteves" in expected else [])


# -- nominee, trust and joint ownership ------------------------------------------------------


def test_nominee_is_looked_through_to_the_nominator() -> None:
    report = report_for("nomination.json", "104AB1984C")
    silvia = owner_named(report, "Silvia Teixeira Perez")
    vanessa = owner_named(report, "Vanessa Rivero")
    assert silvia.beneficial_owner is Verdict.YES
    assert {Rule.NOMINATOR, Rule.CONTROL} <= {g.rule for g in silvia.grounds}
    assert vanessa.beneficial_owner is Verdict.NO
    assert [g.rule for g in vanessa.grounds] == [Rule.NOMINEE]
    assert report.fallback is None


def test_trust_roles_are_beneficial_owners_of_the_trust() -> None:
    report = report_for("levent.json", "8e40d059")
    roles = {o.party.name: o for o in report.beneficial_owners}
    assert set(roles) == {"Andrew Anderson", "Bella Buxton", "(anonymous person)"}
    for result in roles.values():
        assert result.beneficial_owner is Verdict.YES
        assert {g.rule for g in result.grounds if g.verdict} == {Rule.TRUST_ROLE}
        assert "AMLR Art. 58" in result.grounds[0].legal_basis


def test_joint_ownership_arrangement_splits_the_holding() -> None:
    report = report_for("joint-ownership.json", "31c55e425764")
    assert shares_by_name(report) == {
        "Joint shareholding": (100, 100),
        "Natalie Coleman": (50, 50),
        "Roberto Lopez": (50, 50),
    }
    assert {o.party.name for o in report.beneficial_owners} == {"Natalie Coleman", "Roberto Lopez"}
