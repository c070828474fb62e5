"""Positive and negative cases for the rules of catalogue sections A1-A2 (owners, structure)."""

from __future__ import annotations

from tests.analysis.opacity.build import (
    address,
    ent,
    interest,
    owns,
    per,
    rel,
    unspecified,
)
from tests.analysis.opacity.case import Case

S = "subject"
BASE = [ent(S, "Subject Ltd")]

CASES_A: list[Case] = [
    Case(
        "OPQ-OWNER-UNSPECIFIED",
        True,
        [*BASE, rel("r1", unspecified("subjectUnableToConfirmOrIdentifyBeneficialOwner", "x"), S)],
        severity="high",
    ),
    Case(
        "OPQ-OWNER-UNSPECIFIED",
        False,
        [*BASE, rel("r1", unspecified("interestedPartyExemptFromDisclosure"), S)],
    ),
    Case(
        "OPQ-OWNER-UNKNOWN",
        True,
        [*BASE, ent("u", "Blacked out", kind="unknownEntity"), owns("r1", "u", S, 40)],
    ),
    Case("OPQ-OWNER-UNKNOWN", False, [*BASE, per("p", "Ann Smith"), owns("r1", "p", S, 40)]),
    Case(
        "OPQ-NO-NATURAL-PERSON",
        True,
        [*BASE, ent("a", "Top Holdings Ltd", jurisdiction="VG"), owns("r1", "a", S)],
        severity="high",
    ),
    Case(
        "OPQ-NO-NATURAL-PERSON",
        False,
        [*BASE, ent("a", "A Ltd"), per("p", "Ann Smith"), owns("r1", "a", S), owns("r2", "p", "a")],
    ),
    Case(
        "OPQ-NO-NATURAL-PERSON",
        False,
        [*BASE, ent("a", "Listed plc", listed=True), owns("r1", "a", S)],
        note="a listed company at the end of the chain is lawful opacity, not this flag",
    ),
    Case(
        "OPQ-MISSING-RECORD",
        True,
        [*BASE, owns("r1", "ghost", S, 60)],
        severity="medium",
        note="the relationship names an owner whose record was never loaded",
    ),
    Case(
        "OPQ-MISSING-RECORD",
        False,
        [
            *BASE,
            rel("r1", "ghost", S, interest("boardMember")),
            per("p", "Ann Smith"),
            owns("r2", "p", S),
        ],
        note="a director is no layer of the chain, even without a record",
    ),
    Case(
        "OPQ-PSC-STATEMENT",
        True,
        [
            *BASE,
            rel(
                "r1",
                unspecified(
                    "subjectUnableToConfirmOrIdentifyBeneficialOwner",
                    "psc-exists-but-not-identified",
                ),
                S,
                interest("unknownInterest"),
            ),
        ],
        severity="high",
    ),
    Case(
        "OPQ-PSC-STATEMENT",
        True,
        [
            *BASE,
            rel(
                "r1",
                unspecified(
                    "noBeneficialOwners",
                    "PSC statement: no-individual-or-entity-with-signficant-control",
                ),
                S,
                interest("unknownInterest"),
            ),
        ],
        severity="low",
    ),
    Case(
        "OPQ-PSC-STATEMENT",
        False,
        [*BASE, rel("r1", unspecified("noBeneficialOwners", "none registrable"), S)],
    ),
    Case(
        "OPQ-GLEIF-EXCEPTION",
        True,
        [
            *BASE,
            rel(
                "r1",
                unspecified(
                    "interestedPartyHasNotProvidedInformation", "GLEIF exception NON_PUBLIC"
                ),
                S,
                interest("otherInfluenceOrControl", details="LEI reporting exception: NON_PUBLIC"),
            ),
        ],
        severity="high",
    ),
    Case(
        "OPQ-GLEIF-EXCEPTION",
        False,
        [*BASE, rel("r1", unspecified("unknown", "the parent is non public"), S)],
    ),
    Case(
        "OPQ-SMO-FALLBACK",
        True,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("seniorManagingOfficial"))],
    ),
    Case(
        "OPQ-SMO-FALLBACK",
        False,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("boardMember"))],
    ),
    Case(
        "OPQ-PROTECTED-PARTY",
        True,
        [
            *BASE,
            per(
                "m",
                kind="anonymousPerson",
                unspecified=unspecified("interestedPartyExemptFromDisclosure"),
            ),
            owns("r1", "m", S, 10),
        ],
        severity="low",
    ),
    Case(
        "OPQ-PROTECTED-PARTY",
        True,
        [
            *BASE,
            rel("r1", unspecified("unknown", "super-secure-persons-with-significant-control"), S),
        ],
    ),
    Case("OPQ-PROTECTED-PARTY", False, [*BASE, per("p", "Ann Smith"), owns("r1", "p", S)]),
    Case(
        "OPQ-EXEMPT-SUBJECT",
        True,
        [*BASE, rel("r1", unspecified("subjectExemptFromDisclosure"), S)],
    ),
    Case(
        "OPQ-EXEMPT-SUBJECT",
        True,
        [*BASE, ent("a", "Listed plc", listed=True), owns("r1", "a", S)],
    ),
    Case(
        "OPQ-EXEMPT-SUBJECT",
        False,
        [*BASE, ent("a", "A Ltd", listed=False), owns("r1", "a", S)],
    ),
    Case(
        "OPQ-INTEREST-UNKNOWN",
        True,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("shareholding"))],
    ),
    Case(
        "OPQ-INTEREST-UNKNOWN",
        False,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("shareholding", 60))],
    ),
    Case(
        "OPQ-CHAIN-DEPTH",
        True,
        [
            *BASE,
            ent("a", "A Ltd"),
            ent("b", "B Ltd"),
            ent("c", "C Ltd"),
            per("p", "Ann Smith"),
            owns("r1", "a", S),
            owns("r2", "b", "a"),
            owns("r3", "c", "b"),
            owns("r4", "p", "c"),
        ],
        severity="medium",
    ),
    Case(
        "OPQ-CHAIN-DEPTH",
        False,
        [*BASE, ent("a", "A Ltd"), per("p", "Ann Smith"), owns("r1", "a", S), owns("r2", "p", "a")],
    ),
    Case(
        "OPQ-CROSS-BORDER",
        True,
        [
            *BASE,
            ent("a", "A Ltd", jurisdiction="CY"),
            ent("b", "B Ltd", jurisdiction="VG"),
            owns("r1", "a", S),
            owns("r2", "b", "a"),
        ],
        severity="medium",
    ),
    Case(
        "OPQ-CROSS-BORDER",
        True,
        [
            *BASE,
            ent("a", "A Ltd", jurisdiction="VG"),
            ent("b", "B Ltd", jurisdiction="GB"),
            owns("r1", "a", S),
            owns("r2", "b", "a"),
        ],
        severity="high",
        note="round trip GB -> VG -> GB",
    ),
    Case(
        "OPQ-CROSS-BORDER",
        False,
        [*BASE, ent("a", "A Ltd", jurisdiction="VG"), owns("r1", "a", S)],
    ),
    Case(
        "OPQ-CIRCULAR",
        True,
        [
            *BASE,
            ent("a", "A Ltd"),
            ent("b", "B Ltd"),
            per("p", "Ann Smith"),
            owns("r1", "a", S),
            owns("r2", "b", "a", 60),
            owns("r3", "a", "b", 20),
            owns("r4", "p", "a", 40),
        ],
        severity="medium",
    ),
    Case(
        "OPQ-CIRCULAR",
        True,
        [
            *BASE,
            ent("a", "A Ltd"),
            ent("b", "B Ltd"),
            owns("r1", "a", S),
            owns("r2", "b", "a"),
            owns("r3", "a", "b"),
        ],
        severity="high",
        note="closed loop",
    ),
    Case(
        "OPQ-CIRCULAR",
        False,
        [*BASE, ent("a", "A Ltd"), ent("b", "B Ltd"), owns("r1", "a", S), owns("r2", "b", "a")],
    ),
    Case(
        "OPQ-BELOW-THRESHOLD",
        True,
        [*BASE, per("p", "Ann Smith"), owns("r1", "p", S, 24)],
    ),
    Case(
        "OPQ-BELOW-THRESHOLD",
        True,
        [
            *BASE,
            *(per(f"p{i}", f"P{i} Q{i}") for i in range(4)),
            *(owns(f"r{i}", f"p{i}", S, 25) for i in range(4)),
        ],
        params=("OPQ-BELOW-THRESHOLD.rule=>",),
        note="equal split, and each exactly 25% is below 'more than 25%'",
    ),
    Case(
        "OPQ-BELOW-THRESHOLD",
        False,
        [
            *BASE,
            per("p", "Ann Smith"),
            per("q", "Bob Jones"),
            owns("r1", "p", S, 30),
            owns("r2", "q", S, 10),
        ],
    ),
    Case(
        "OPQ-SPLIT-HOLDING",
        True,
        [
            *BASE,
            per("p", "Ann Pryce"),
            per("q", "Bob Pryce"),
            owns("r1", "p", S, 20),
            owns("r2", "q", S, 15),
        ],
        severity="high",
    ),
    Case(
        "OPQ-SPLIT-HOLDING",
        True,
        [
            *BASE,
            per("p", "Ann Smith", addresses=[address("1 Mill Lane", "YO1", kind="residence")]),
            per("q", "Bob Jones", addresses=[address("1 Mill Lane", "YO1", kind="residence")]),
            owns("r1", "p", S, 20),
            owns("r2", "q", S, 15),
        ],
        note="shared address",
    ),
    Case(
        "OPQ-SPLIT-HOLDING",
        False,
        [
            *BASE,
            per("p", "Ann Smith"),
            per("q", "Bob Jones"),
            owns("r1", "p", S, 20),
            owns("r2", "q", S, 15),
        ],
    ),
    Case(
        "OPQ-CONTROL-NO-OWNERSHIP",
        True,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("appointmentOfBoard"))],
    ),
    Case(
        "OPQ-CONTROL-NO-OWNERSHIP",
        False,
        [
            *BASE,
            per("p", "Ann Smith"),
            rel("r1", "p", S, interest("appointmentOfBoard"), interest("shareholding", 10)),
        ],
    ),
    Case(
        "OPQ-SHARES-INCONSISTENT",
        True,
        [
            *BASE,
            per("p", "Ann Smith"),
            per("q", "Bob Jones"),
            owns("r1", "p", S, 60),
            owns("r2", "q", S, 55),
        ],
    ),
    Case(
        "OPQ-SHARES-INCONSISTENT",
        False,
        [
            *BASE,
            per("p", "Ann Smith"),
            per("q", "Bob Jones"),
            owns("r1", "p", S, 60),
            owns("r2", "q", S, 40),
        ],
    ),
]
