"""ICIJ Offshore Leaks role labels -> BODS interests.

Role labels are free text with typos and case variants ("Beneficial Owner", "Beneficiay",
"Owner, director and shareholder", "Director (Rami Makhlouf)"). A label is lower-cased, its
parenthetical remarks and a trailing "of" are dropped, known typos are fixed, and it is split
into parts at ``/``, ``,``, ``;``, ``&``, `` - `` and `` and ``. Each part is classified by the
first keyword it contains (table below); a label with no known part is an unknown role.

"through ..." in a label makes the interest indirect; a "sole shareholder" holds exactly 100%.
The original label is kept in each interest's ``details``. Address and similarity edges are
not roles (see :func:`edge_kind`).

"Beneficiary" depends on the subject. Of a trust, a foundation or another legal arrangement it
is BODS ``beneficiaryOfLegalArrangement``. Of an ordinary company (most of ICIJ's "Beneficiary
of" edges: in the Mossack Fonseca files it is how the service provider recorded the company's
beneficial owner) it is ``unknownInterest`` with beneficialOwnershipOrControl true, the label
kept in ``details``: exactly what "beneficial owner" maps to, since BODS 0.4 has no beneficial
owner interest type. The loader tells :func:`interests` which subjects hold beneficiaries
(:func:`loaders.icij_nodes.holds_beneficiaries`) from the node files it has read before the
edge; a subject it has not read (an edge file imported before, or without, its node files) is
taken as a company: the safe reading, which claims no arrangement the data does not show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bo_graph.model.codes import DirectOrIndirect, InterestType
from bo_graph.model.records import Interest
from bo_graph.model.share import Share


@dataclass(frozen=True)
class Role:
    type: InterestType
    beneficial: bool | None = None
    share: Share | None = None


_I = InterestType
BENEFICIAL_OWNER = Role(_I.UNKNOWN_INTEREST, True)
"""A beneficial owner as the service provider recorded it: BODS 0.4 has no type for it."""

#: (keyword, role), first match wins: more specific keywords first. A beneficiary's role here
#: is of an arrangement; :func:`interests` makes it :data:`BENEFICIAL_OWNER` of anything else.
KEYWORDS: tuple[tuple[str, Role], ...] = (
    ("nominee", Role(_I.NOMINEE, False)),
    ("nominator", Role(_I.NOMINATOR)),
    ("beneficial owner", BENEFICIAL_OWNER),
    ("beneficiar", Role(_I.BENEFICIARY_OF_LEGAL_ARRANGEMENT, True)),
    ("sole shareholder", Role(_I.SHAREHOLDING, share=Share(100, 100))),  # the only one: all
    ("shareholder", Role(_I.SHAREHOLDING)),
    ("stockholder", Role(_I.SHAREHOLDING)),
    ("share holder", Role(_I.SHAREHOLDING)),
    ("owner", Role(_I.UNKNOWN_INTEREST)),
    ("protector", Role(_I.PROTECTOR)),
    ("settlor", Role(_I.SETTLOR)),
    ("founder", Role(_I.SETTLOR)),
    ("trustee", Role(_I.TRUSTEE)),
    ("chairman", Role(_I.BOARD_CHAIR)),
    ("chair", Role(_I.BOARD_CHAIR)),
    ("council", Role(_I.BOARD_MEMBER)),
    ("board", Role(_I.BOARD_MEMBER)),
    ("director", Role(_I.BOARD_MEMBER)),
    ("president", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("secretary", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("treasurer", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("manager", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("signatory", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("officer", Role(_I.SENIOR_MANAGING_OFFICIAL)),
    ("attorney", Role(_I.RIGHTS_GRANTED_BY_CONTRACT)),
    ("proxy", Role(_I.RIGHTS_GRANTED_BY_CONTRACT)),
    ("intermediary", Role(_I.OTHER_INFLUENCE_OR_CONTROL, False)),
    ("registered", Role(_I.OTHER_INFLUENCE_OR_CONTROL, False)),
    ("member", Role(_I.SHAREHOLDING)),
    ("partner", Role(_I.UNKNOWN_INTEREST)),
)

TYPOS = {
    "beneficiay": "beneficiary",
    "benificiary": "beneficiary",
    "beneficary": "beneficiary",
    "beneficiery": "beneficiary",
    "benefical": "beneficial",
    "sharehoder": "shareholder",
    "shareholer": "shareholder",
    "shareholders": "shareholder",
    "directors": "director",
    "authorised": "authorized",
}

_PARENS = re.compile(r"\([^)]*\)")
_SPLIT = re.compile(r"\s*(?:/|,|;|&|\s-\s|\band\b)\s*")
_WORD = re.compile(r"[a-z]+")

ADDRESS = "address"
SIMILAR = "similar"
ROLE = "role"


def normalise(label: str) -> str:
    """Lower case, no parenthetical remarks, typos fixed, single spaces, no trailing "of"."""
    text = _PARENS.sub(" ", label.lower())
    text = _WORD.sub(lambda m: TYPOS.get(m.group(0), m.group(0)), text)
    text = " ".join(text.replace("_", " ").split())
    return text[:-3] if text.endswith(" of") else text


def edge_kind(label: str) -> str:
    """``address`` (registered address), ``similar`` (ICIJ's entity-resolution hints such as
    ``same_name_as``) or ``role``."""
    text = normalise(label)
    if "address" in text and ("registered" in text or text == "address"):
        return ADDRESS
    words = text.split()
    if words and (words[0] in ("same", "similar", "probably") or text.startswith("has similar")):
        return SIMILAR
    return ROLE


def interests(
    label: str, start: str | None, end: str | None, *, arrangement: bool = False
) -> tuple[Interest, ...]:
    """The interests a role label stands for (each once); empty when no part is known.
    ``arrangement``: the subject is a trust, foundation or other arrangement, whose beneficiary
    is a ``beneficiaryOfLegalArrangement``; of any other subject a beneficiary is recorded as
    its beneficial owner (:data:`BENEFICIAL_OWNER`)."""
    text = normalise(label)
    indirect = "through" in label.lower()
    level = DirectOrIndirect.INDIRECT if indirect else DirectOrIndirect.UNKNOWN
    found: dict[InterestType, Role] = {}
    for part in _SPLIT.split(text):
        role = classify(part, arrangement=arrangement)
        if role is not None and role.type not in found:
            found[role.type] = role
    return tuple(
        Interest(
            role.type,
            level,
            role.beneficial,
            role.share,
            start_date=start,
            end_date=end,
            details=label.strip(),
        )
        for role in found.values()
    )


def classify(part: str, *, arrangement: bool = False) -> Role | None:
    """The role of one part of a label, or ``None``. A bare "officer" (ICIJ's generic link)
    is an interest of unknown kind; a beneficiary is one of an arrangement only when the
    subject is one (``arrangement``), else the beneficial owner."""
    if part in ("officer", "is officer"):
        return Role(_I.UNKNOWN_INTEREST)
    role = next((role for keyword, role in KEYWORDS if keyword in part), None)
    if role is not None and role.type is _I.BENEFICIARY_OF_LEGAL_ARRANGEMENT and not arrangement:
        return BENEFICIAL_OWNER
    return role
