"""Positive and negative cases for the rules of catalogue sections A3-A8."""

from __future__ import annotations

from bo_graph.model.graph import When
from tests.analysis.opacity.build import address, ent, interest, owns, per, rel
from tests.analysis.opacity.case import Case

S = "subject"
BASE = [ent(S, "Subject Ltd")]
HUB = address("Suite 4, 27 Old Row, London", "EC1V 9NR")
PERSON = per("p", "Ann Smith")
PEP = {
    "status": "isPep",
    "details": [{"reason": "Member of Parliament", "startDate": "2019-01-01"}],
}
FORMER = {
    "status": "isPep",
    "details": [{"reason": "Mayor", "startDate": "2010-01-01", "endDate": "2015-01-01"}],
}


def trust_case() -> list[dict[str, object]]:
    return [
        *BASE,
        ent("t", "The Blue Settlement", kind="arrangement", subtype="trust"),
        ent("tc", "Trustee Co Ltd", jurisdiction="KY"),
        owns("r1", "t", S),
        rel("r2", "tc", "t", interest("trustee")),
        rel("r3", "p", "t", interest("settlor")),
        PERSON,
    ]


def nominee_case() -> list[dict[str, object]]:
    return [
        *BASE,
        ent("n", "Nominee arrangement", kind="arrangement", subtype="nomination"),
        per("e", "Elena Vargas"),
        PERSON,
        owns("r1", "n", S, 30),
        rel("r2", "e", "n", interest("nominee")),
        rel("r3", "p", "n", interest("nominator")),
    ]


CASES_B: list[Case] = [
    Case("OPQ-ARRANGEMENT", True, trust_case(), severity="high", note="corporate trustee"),
    Case("OPQ-ARRANGEMENT", True, [*BASE, ent("f", "Stiftung Alpenblick"), owns("r1", "f", S)]),
    Case("OPQ-ARRANGEMENT", False, [*BASE, ent("a", "A Ltd"), owns("r1", "a", S)]),
    Case("OPQ-NOMINEE", True, nominee_case()),
    Case(
        "OPQ-NOMINEE",
        True,
        [
            *BASE,
            PERSON,
            rel("r1", "p", S, interest("shareholding", 30, details="nominee shareholder")),
        ],
    ),
    Case("OPQ-NOMINEE", False, [*BASE, PERSON, owns("r1", "p", S, 30)]),
    Case(
        "OPQ-BEARER-SHARES",
        True,
        [
            *BASE,
            PERSON,
            rel("r1", "p", S, interest("shareholding", 30, details="held in bearer form")),
        ],
    ),
    Case(
        "OPQ-BEARER-SHARES",
        True,
        [ent(S, "Subject SA", details="Sociedad anonima; issues bearer shares")],
        note="entity record text",
    ),
    Case(
        "OPQ-BEARER-SHARES",
        False,
        [
            ent(S, "Subject SA", details="No bearer shares: all registered"),
            PERSON,
            owns("r1", "p", S),
        ],
    ),
    Case(
        "OPQ-BEARER-SHARES",
        False,
        [ent(S, "Subject SA", details="issues bearer shares")],
        params=("OPQ-BEARER-SHARES.read_records=false",),
        note="record text not read",
    ),
    Case(
        "OPQ-CORPORATE-OFFICER",
        True,
        [*BASE, ent("d", "Directors Ltd"), rel("r1", "d", S, interest("boardMember"))],
    ),
    Case(
        "OPQ-CORPORATE-OFFICER", False, [*BASE, PERSON, rel("r1", "p", S, interest("boardMember"))]
    ),
    Case(
        "OPQ-SHELF-COMPANY",
        True,
        [
            ent(S, "Subject Ltd", founded="2019-01-01", addresses=[HUB]),
            ent("x", "Other Ltd", addresses=[HUB]),
            ent("a", "Buyer Ltd"),
            rel("r1", "a", S, interest("shareholding", 100, start="2020-06-01")),
        ],
        params=("agent_address_min=2",),
    ),
    Case(
        "OPQ-SHELF-COMPANY",
        False,
        [
            ent(S, "Subject Ltd", founded="2019-01-01", addresses=[HUB]),
            ent("x", "Other Ltd", addresses=[HUB]),
            ent("a", "Buyer Ltd"),
            rel("r1", "a", S, interest("shareholding", 100, start="2019-01-15")),
        ],
        params=("agent_address_min=2",),
    ),
    Case(
        "OPQ-JUR-SECRECY",
        True,
        [*BASE, ent("a", "A Ltd", jurisdiction="KY"), owns("r1", "a", S)],
        severity="high",
    ),
    Case(
        "OPQ-JUR-SECRECY", False, [*BASE, ent("a", "A Ltd", jurisdiction="CY"), owns("r1", "a", S)]
    ),
    Case(
        "OPQ-JUR-OWNERSHIP-SECRECY",
        True,
        [*BASE, ent("a", "A Ltd", jurisdiction="VG"), owns("r1", "a", S)],
        severity="high",
    ),
    Case(
        "OPQ-JUR-OWNERSHIP-SECRECY",
        False,
        [*BASE, ent("a", "A Ltd", jurisdiction="CY"), owns("r1", "a", S)],
    ),
    Case(
        "OPQ-JUR-EU-NONCOOP",
        True,
        [*BASE, ent("a", "A SA", jurisdiction="PA"), owns("r1", "a", S)],
        severity="high",
    ),
    Case(
        "OPQ-JUR-EU-NONCOOP",
        False,
        [*BASE, ent("a", "A Ltd", jurisdiction="VG"), owns("r1", "a", S)],
        params=("include_annex_ii=false",),
    ),
    Case(
        "OPQ-JUR-FATF",
        True,
        [
            *BASE,
            per("m", "Max Roe", addresses=[address("1 Av", "98000", "MC", "residence")]),
            owns("r1", "m", S),
        ],
        severity="medium",
    ),
    Case(
        "OPQ-JUR-FATF",
        True,
        [*BASE, ent("a", "A Co", jurisdiction="IR"), owns("r1", "a", S)],
        severity="high",
    ),
    Case("OPQ-JUR-FATF", False, [*BASE, ent("a", "A Ltd", jurisdiction="FR"), owns("r1", "a", S)]),
    Case(
        "OPQ-JUR-NO-LINK",
        True,
        [
            *BASE,
            ent("a", "A SA", jurisdiction="PA"),
            per("q", "Quinn Lee", addresses=[address("2 Rd", "", "GB", "residence")]),
            owns("r1", "a", S),
            owns("r2", "q", "a"),
        ],
    ),
    Case(
        "OPQ-JUR-NO-LINK",
        False,
        [
            *BASE,
            ent("a", "A SA", jurisdiction="PA"),
            per("q", "Quinn Lee", addresses=[address("2 Calle", "", "PA", "residence")]),
            owns("r1", "a", S),
            owns("r2", "q", "a"),
        ],
    ),
    Case("OPQ-JUR-CORRUPTION", True, [ent(S, "Subject SA", jurisdiction="PA")]),
    Case("OPQ-JUR-CORRUPTION", False, [ent(S, "Subject Ltd", jurisdiction="GB")]),
    Case(
        "OPQ-ADDRESS-HUB",
        True,
        [
            ent(S, "Subject Ltd", addresses=[HUB]),
            ent("x", "X Ltd", addresses=[HUB]),
            ent("y", "Y Ltd", addresses=[HUB]),
        ],
        params=("min_entities=3",),
    ),
    Case(
        "OPQ-ADDRESS-HUB",
        False,
        [
            ent(S, "Subject Ltd", addresses=[HUB]),
            ent("x", "X Ltd", addresses=[HUB]),
            ent("y", "Y Ltd", addresses=[HUB]),
        ],
        params=("min_entities=4",),
    ),
    Case(
        "OPQ-MANY-ROLES",
        True,
        [
            *BASE,
            ent("x", "X Ltd"),
            ent("y", "Y Ltd"),
            PERSON,
            *(rel(f"r{c}", "p", c, interest("boardMember")) for c in (S, "x", "y")),
        ],
        params=("min_roles=3",),
    ),
    Case(
        "OPQ-MANY-ROLES",
        False,
        [
            *BASE,
            ent("x", "X Ltd"),
            PERSON,
            *(rel(f"r{c}", "p", c, interest("boardMember")) for c in (S, "x")),
        ],
        params=("min_roles=3",),
    ),
    Case(
        "OPQ-SAME-DAY-BATCH",
        True,
        [
            ent(S, "Subject Ltd", addresses=[HUB], founded="2020-05-05"),
            ent("x", "X Ltd", addresses=[HUB], founded="2020-05-05"),
        ],
        params=("min_batch=2",),
    ),
    Case(
        "OPQ-SAME-DAY-BATCH",
        False,
        [
            ent(S, "Subject Ltd", addresses=[HUB], founded="2020-05-05"),
            ent("x", "X Ltd", addresses=[HUB], founded="2020-05-06"),
        ],
        params=("min_batch=2",),
    ),
    Case(
        "OPQ-RECENT-ENTITY",
        True,
        [*BASE, ent("a", "New Ltd", founded="2024-06-01"), owns("r1", "a", S)],
        when=When(as_of="2024-12-31"),
    ),
    Case(
        "OPQ-RECENT-ENTITY",
        False,
        [
            ent(S, "Subject Ltd", founded="2024-06-01"),
            ent("a", "Old Ltd", founded="2010-01-01"),
            owns("r1", "a", S),
        ],
        when=When(as_of="2024-12-31"),
        note="the subject itself is not flagged by default",
    ),
    Case(
        "OPQ-DISSOLVED-ENTITY",
        True,
        [*BASE, ent("a", "Ghost Ltd", dissolved="2023-01-01"), owns("r1", "a", S)],
        when=When(as_of="2024-06-01"),
        severity="high",
    ),
    Case(
        "OPQ-DISSOLVED-ENTITY",
        False,
        [*BASE, ent("a", "Live Ltd"), owns("r1", "a", S)],
        when=When(as_of="2024-06-01"),
    ),
    Case(
        "OPQ-FREQUENT-CHANGES",
        True,
        [
            *BASE,
            PERSON,
            per("q", "Bob Jones"),
            rel("r1", "p", S, interest("shareholding", 50), date="2024-02-01"),
            rel("r1", "p", S, interest("shareholding", 40), date="2024-05-01", status="updated"),
            rel("r2", "q", S, interest("shareholding", 60), date="2024-08-01"),
        ],
        when=When(as_of="2024-12-31"),
    ),
    Case(
        "OPQ-FREQUENT-CHANGES",
        False,
        [
            *BASE,
            PERSON,
            per("q", "Bob Jones"),
            rel("r1", "p", S, interest("shareholding", 50), date="2021-02-01"),
            rel("r2", "q", S, interest("shareholding", 50), date="2024-08-01"),
        ],
        when=When(as_of="2024-12-31"),
    ),
    Case(
        "OPQ-LATE-FILING",
        True,
        [
            ent(S, "Subject Ltd", date="2020-01-01"),
            PERSON,
            rel("r1", "p", S, interest("shareholding", 50, start="2022-01-01"), date="2022-06-01"),
        ],
    ),
    Case(
        "OPQ-LATE-FILING",
        False,
        [
            ent(S, "Subject Ltd", date="2020-01-01"),
            PERSON,
            rel("r1", "p", S, interest("shareholding", 50, start="2022-05-20"), date="2022-06-01"),
            rel("r2", "p", S, interest("boardMember", start="2015-01-01"), date="2022-06-01"),
        ],
        note="started before the register reported on the company: not late",
    ),
    Case(
        "OPQ-IMPLAUSIBLE-DATA",
        True,
        [*BASE, per("c", "Child Owner", birth="2015-03"), owns("r1", "c", S, 60)],
    ),
    Case("OPQ-IMPLAUSIBLE-DATA", True, [*BASE, per("u", "Unknown"), owns("r1", "u", S, 60)]),
    Case(
        "OPQ-IMPLAUSIBLE-DATA",
        False,
        [
            *BASE,
            per("a", "Adult Owner", birth="1970-03"),
            per("c", "Child Heir", birth="2015-03"),
            ent("t", "Family Trust", kind="arrangement", subtype="trust"),
            owns("r1", "a", S, 60),
            owns("r2", "t", S, 40),
            rel("r3", "c", "t", interest("beneficiaryOfLegalArrangement")),
        ],
        note="a minor beneficiary is plausible",
    ),
    Case(
        "OPQ-PEP",
        True,
        [*BASE, per("p", "Ann Smith", pep=PEP), owns("r1", "p", S, 10)],
        severity="high",
    ),
    Case(
        "OPQ-PEP",
        False,
        [*BASE, per("p", "Ann Smith", pep=FORMER), owns("r1", "p", S, 10)],
        note="left office long ago",
    ),
    Case(
        "OPQ-PEP",
        False,
        [*BASE, per("p", "Ann Smith", pep={"status": "isNotPep"}), owns("r1", "p", S, 10)],
    ),
]
