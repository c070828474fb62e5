"""Flags read against the published reference samples (GLEIF API, ICIJ, Open Ownership Register,
OpenSanctions, BODS 0.4 examples): each test is one flag that claimed more than its data showed
or was raised on the wrong party."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bo_graph.analysis.opacity import Flag
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, interest, load, owns, per, rel, report, unspecified

S = "subject"
BASE = [ent(S, "Subject Ltd")]


def _codes(store: EmbeddedStore, code: str, params: tuple[str, ...] = ()) -> list[Flag]:
    return [f for f in report(store, S, [code], params).flags if f.code == code]


def _consolidated(parent: str, child: str) -> dict[str, Any]:
    item = interest("otherInfluenceOrControl", details="IS_DIRECTLY_CONSOLIDATED_BY: accounting")
    item["beneficialOwnershipOrControl"] = False
    return rel(f"c-{child}", parent, child, item)


def test_a_group_parent_by_accounting_consolidation_is_no_formation_agent(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """GLEIF API: SHELL PLC and COMMERZBANK AG, parents that consolidate 20-odd subsidiaries in
    their accounts, were each called 'a professional nominee, director or formation agent'."""
    subs = [ent(c, f"{c.upper()} Ltd") for c in ("x", "y")]
    group = ent("g", "Group PLC")
    load(embedded, tmp_path, [*BASE, *subs, group, *(_consolidated("g", c) for c in (S, "x", "y"))])
    assert _codes(embedded, "OPQ-MANY-ROLES", ("min_roles=3",)) == []


def test_a_company_holding_shares_in_many_companies_is_still_counted(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    subs = [ent(c, f"{c.upper()} Ltd") for c in ("x", "y")]
    agent = ent("g", "Formations Ltd")
    load(embedded, tmp_path, [*BASE, *subs, agent, *(owns(f"o{c}", "g", c) for c in (S, "x", "y"))])
    [flag] = _codes(embedded, "OPQ-MANY-ROLES", ("min_roles=3",))
    assert flag.target.id == "g"


def test_many_roles_do_not_make_the_holder_a_professional_nominee(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """ICIJ Panama Papers: 'Khalifa bin Zayed bin Sultan Al Nahyan holds interests or offices in
    26 entities (at least 20): a professional nominee, director or formation agent'. He owns
    them; the count is what professionals leave behind, not proof that he is one."""
    subs = [ent(c, f"{c.upper()} Ltd") for c in ("x", "y")]
    load(embedded, tmp_path, [*BASE, *subs, per("k", "Khalifa")])
    load(embedded, tmp_path, [owns(f"o{c}", "k", c) for c in (S, "x", "y")])
    [flag] = _codes(embedded, "OPQ-MANY-ROLES", ("min_roles=3",))
    assert flag.explanation == (
        "Khalifa holds interests or offices in 3 entities (at least 3): as many as a "
        "professional nominee, director or formation agent would"
    )


def test_related_holders_of_unknown_shares_are_not_said_to_reach_the_threshold(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """ICIJ and the Slovak register (no percentages): 'Maroš Buocik, Maroš Buocik, related by a
    shared surname or address, together hold [0, 200]% of SAD Prievidza a.s., above the 25%
    threshold no one of them reaches'. Neither share is known, so neither is known to be below
    the threshold, and together they are not known to be above it."""
    people = [per("a", "Ann Gula"), per("b", "Bob Gula")]
    holdings = [rel(f"r{p}", p, S, interest("shareholding")) for p in ("a", "b")]
    load(embedded, tmp_path, [*BASE, *people, *holdings])
    assert _codes(embedded, "OPQ-SPLIT-HOLDING") == []


def test_related_holders_each_below_the_threshold_are_still_flagged(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    people = [per("a", "Ann Gula"), per("b", "Bob Gula")]
    load(embedded, tmp_path, [*BASE, *people, owns("ra", "a", S, 20), owns("rb", "b", S, 20)])
    [flag] = _codes(embedded, "OPQ-SPLIT-HOLDING")
    assert "together hold 40% of Subject Ltd, above the 25% threshold" in flag.explanation


def test_related_holders_who_may_reach_the_threshold_together_are_said_to_may(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    people = [per("a", "Ann Gula"), per("b", "Bob Gula")]
    ranged = rel("rb", "b", S, interest(share={"minimum": 1, "maximum": 10}))
    load(embedded, tmp_path, [*BASE, *people, owns("ra", "a", S, 20), ranged])
    [flag] = _codes(embedded, "OPQ-SPLIT-HOLDING")
    assert "together hold [21, 30]% of Subject Ltd, which may reach the 25% threshold" in (
        flag.explanation
    )


def test_an_intermediary_is_not_said_to_control_the_company(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """ICIJ Panama Papers: every 'intermediary of' edge (recorded as other influence or control
    that is not beneficial ownership or control) gave 'MICHAEL PAPAGEORGE, MR. controls KENT
    DEVELOPMENT LIMITED (other influence or control) without holding shares or votes'."""
    item = interest("otherInfluenceOrControl", details="intermediary of")
    item["beneficialOwnershipOrControl"] = False
    load(embedded, tmp_path, [*BASE, per("p", "Michael Papageorge"), rel("r1", "p", S, item)])
    assert _codes(embedded, "OPQ-CONTROL-NO-OWNERSHIP") == []


def test_a_declared_controller_without_shares_is_still_flagged(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    item = interest("appointmentOfBoard")
    item["beneficialOwnershipOrControl"] = True
    load(embedded, tmp_path, [*BASE, per("p", "Graham Ashdown"), rel("r1", "p", S, item)])
    [flag] = _codes(embedded, "OPQ-CONTROL-NO-OWNERSHIP")
    assert flag.explanation.startswith("Graham Ashdown controls Subject Ltd (appointment of board")


def _panama(*statements: dict[str, Any]) -> list[dict[str, Any]]:
    return [*BASE, ent("a", "A SA", jurisdiction="PA"), owns("r1", "a", S), *statements]


def test_an_owner_of_unknown_place_is_not_evidence_of_no_link(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """Lakeshore, Tamarind Fiduciary (Cayman) Ltd, whose one owner the leak does not show, and
    OpenSanctions, a Russian partnership whose director has no address country: 'none of its 1
    recorded owners or officers ... is there: no apparent economic link'. Nobody is known to be
    anywhere, so nothing says the link is missing."""
    hidden = unspecified("informationUnknownToPublisher", "Not shown in the leak")
    load(embedded, tmp_path, _panama(rel("r2", hidden, "a"), per("q", "Quinn Lee")))
    load(embedded, tmp_path, [owns("r3", "q", "a", 10)])
    assert [f.target.id for f in _codes(embedded, "OPQ-JUR-NO-LINK")] == []


def test_owners_of_unknown_place_are_counted_apart(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """Lakeshore, Torrance Ventures Ltd (SC): held by Norhaven (CY) and by a shareholder whose
    name is blacked out; the flag said 'none of its 2 recorded owners ... is there'."""
    gb = {"type": "residence", "address": "2 Rd", "country": {"name": "GB", "code": "GB"}}
    hidden = unspecified("informationUnknownToPublisher", "Name blacked out")
    load(embedded, tmp_path, _panama(per("q", "Quinn Lee", addresses=[gb]), owns("r2", "q", "a")))
    load(embedded, tmp_path, [rel("r3", hidden, "a")])
    [flag] = _codes(embedded, "OPQ-JUR-NO-LINK")
    assert "none of its 1 recorded owners or officers whose country is known" in flag.explanation
    assert "1 more with no country recorded" in flag.explanation


def test_a_nominee_director_arrangement_is_not_a_corporate_director(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """BODS 0.4 nomination.json: 'Perez-Rivero nomination, a company, is board member of Los
    Corazones de Plata: a corporate officer'. The board member is a nomination arrangement (a
    person, Vanessa Rivero, sits as nominee director); OPQ-NOMINEE reports it."""
    nomination = ent("n", "Perez-Rivero nomination", kind="arrangement", subtype="nomination")
    statements = [*BASE, nomination, per("v", "Vanessa Rivero"), per("s", "Silvia Perez")]
    statements += [rel("r1", "n", S, interest("boardMember"))]
    statements += [
        rel("r2", "v", "n", interest("nominee")),
        rel("r3", "s", "n", interest("nominator")),
    ]
    load(embedded, tmp_path, statements)
    found = report(embedded, S, ["OPQ-CORPORATE-OFFICER", "OPQ-NOMINEE"]).flags
    assert [f.code for f in found] == ["OPQ-NOMINEE"]
