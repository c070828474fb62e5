"""Positive and negative cases for catalogue item 36: registers that disagree."""

from __future__ import annotations

from typing import Any

from tests.analysis.opacity.build import ent, interest, owns, per, rel, unspecified
from tests.analysis.opacity.case import Case

S = "subject"
BASE = [ent(S, "Subject Ltd")]
CODE = "OPQ-REGISTER-DISCREPANCY"


def other(statement: dict[str, Any], register: str = "Other Register") -> dict[str, Any]:
    """``statement`` as another register publishes it."""
    return {**statement, "source": {"type": ["officialRegister"], "description": register}}


def bo(rid: str, party: str, subject: str) -> dict[str, Any]:
    """A beneficial owner declared without a share (an indirect interest)."""
    item = {**interest("otherInfluenceOrControl"), "directOrIndirect": "indirect"}
    return rel(rid, party, subject, {**item, "beneficialOwnershipOrControl": True})


ANN = per("p", "Ann Smith", birth="1970-01")
ANN_ELSEWHERE = other(per("p2", "SMITH, Ann", birth="1970-01-15"))

CASES_C: list[Case] = [
    Case(
        CODE,
        True,
        [*BASE, ANN, per("q", "Bob Jones"), owns("r1", "p", S, 60), other(owns("r2", "q", S, 60))],
        severity="medium",
        note="different owners",
    ),
    Case(
        CODE,
        True,
        [
            *BASE,
            ANN,
            ANN_ELSEWHERE,
            owns("r1", "p", S, 60),
            other(rel("r2", "p2", S, interest(share={"minimum": 25, "maximum": 50}))),
        ],
        note="shares apart",
    ),
    Case(
        CODE,
        False,
        [
            *BASE,
            ANN,
            ANN_ELSEWHERE,
            owns("r1", "p", S, 60),
            other(rel("r2", "p2", S, interest(share={"minimum": 50, "maximum": 75}))),
        ],
        note="one person, shares overlap",
    ),
    Case(
        CODE,
        True,
        [
            *BASE,
            ANN,
            other(per("p2", "Ann Smith", birth="1981-05")),
            owns("r1", "p", S, 60),
            other(owns("r2", "p2", S, 60)),
        ],
        note="namesakes born apart",
    ),
    Case(
        CODE,
        False,
        [
            *BASE,
            ANN,
            ent("h", "Holdco Limited"),
            ANN_ELSEWHERE,
            owns("r1", "h", S, 100),
            owns("r3", "p", "h", 100),
            other(bo("r2", "p2", S)),
        ],
        note="one line of ownership",
    ),
    Case(
        CODE,
        True,
        [
            *BASE,
            ANN,
            ANN_ELSEWHERE,
            owns("r1", "p", S, 60),
            other(rel("r2", "p2", S, interest("nominee"), interest("shareholding", 60))),
        ],
        note="nominee in one",
    ),
    Case(
        CODE,
        False,
        [
            *BASE,
            per("q", "Dr Bob Jones"),
            other(per("q2", "jones, bob")),
            ent("h", "Holdco Public Limited Company"),
            other(ent("h2", "HOLDCO PLC")),
            owns("r1", "q", S, 60),
            owns("r2", "h", S, 40),
            other(owns("r3", "q2", S, 60)),
            other(owns("r4", "h2", S, 40)),
        ],
        note="titles, case and legal forms aside",
    ),
    Case(
        CODE,
        False,
        [*BASE, ANN, per("q", "Bob Jones"), owns("r1", "p", S, 60), owns("r2", "q", S, 40)],
        note="one register",
    ),
    Case(
        CODE,
        True,
        [
            *BASE,
            ANN,
            owns("r1", "p", S, 60),
            other(rel("r2", unspecified("subjectUnableToConfirmOrIdentifyBeneficialOwner"), S)),
        ],
        note="other says it has none",
    ),
    Case(
        CODE,
        False,
        [
            *BASE,
            ANN,
            owns("r1", "p", S, 60),
            other(rel("r2", unspecified("subjectExemptFromDisclosure"), S)),
        ],
        note="other is exempt",
    ),
    Case(
        CODE,
        False,
        [*BASE, ANN, per("q", "Bob Jones"), owns("r1", "p", S, 60), other(owns("r2", "q", S, 10))],
        note="other names only a minor holder",
    ),
]
