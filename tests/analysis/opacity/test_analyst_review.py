"""What an analyst noticed reading the flags on real registers (UK PSC, GLEIF, BODS examples,
ICIJ, OpenSanctions): each test is one finding a flag must not overstate, duplicate or word in
raw codes."""

from __future__ import annotations

from pathlib import Path

from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import (
    ent,
    interest,
    load,
    per,
    rel,
    report,
    unspecified,
)

S = "subject"
BASE = [ent(S, "Subject Ltd")]


def test_a_super_secure_psc_is_lawful_opacity_only(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """UK PSC snapshot, company 02443921: a super-secure PSC with an unpublished interest. The
    lawful protection must not come back into the concealment score as an unknown interest."""
    party = unspecified("unknown", "super-secure-person-with-significant-control")
    load(embedded, tmp_path, [*BASE, rel("r1", party, S, interest("unpublishedInterest"))])
    found = report(embedded, S)
    assert [f.code for f in found.flags] == ["OPQ-PROTECTED-PARTY"]
    assert found.summary.score == 0


def test_a_gleif_exception_is_one_finding(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """GLEIF repex NO_KNOWN_PERSON (no interests on the relationship): one flag, not a second
    'interest of NO_KNOWN_PERSON ... not published' on the same statement."""
    party = unspecified("noBeneficialOwners", "NO_KNOWN_PERSON")
    statement = rel("r1", party, S)
    statement["recordDetails"]["interests"] = []
    load(embedded, tmp_path, [*BASE, statement])
    codes = [f.code for f in report(embedded, S).flags]
    assert codes == ["OPQ-GLEIF-EXCEPTION"]


def test_an_unknown_interest_of_a_named_owner_is_still_flagged(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    load(
        embedded,
        tmp_path,
        [*BASE, per("p", "Ann Smith"), rel("r1", "p", S, interest("unknownInterest"))],
    )
    assert [f.code for f in report(embedded, S).flags] == ["OPQ-INTEREST-UNKNOWN"]
