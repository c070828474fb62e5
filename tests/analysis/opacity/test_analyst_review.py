"""What an analyst noticed reading the flags on real registers (UK PSC, GLEIF, BODS examples,
ICIJ, OpenSanctions): each test is one finding a flag must not overstate, duplicate or word in
raw codes."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis.opacity import Flag
from bo_graph.analysis.opacity.flags import Severity
from bo_graph.model.graph import When
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import (
    ent,
    interest,
    load,
    owns,
    per,
    rel,
    report,
    unspecified,
)
from tests.helpers import import_files

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


def _secrecy(store: EmbeddedStore, target: str) -> list[Flag]:
    flags = report(store, S, ["OPQ-JUR-OWNERSHIP-SECRECY"]).flags
    return [f for f in flags if f.target.id == target]


def test_ownership_recorded_but_not_published_is_said_so(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """GLEIF, Swedeit Italian Aktiebolag (SE: FSI 2022 indicator 3 = 40, indicator 6 = 100):
    the register records the owners but does not publish them. The flag said 'does not record
    or publish' at high severity, in raw column names; a competent authority can obtain what is
    recorded, so this is the weakest form. (Test list KY: indicator 3 = 50, 6 = 100.)"""
    load(embedded, tmp_path, [*BASE, ent("a", "A Ltd", jurisdiction="KY"), owns("r1", "a", S)])
    [flag] = _secrecy(embedded, "a")
    assert flag.severity is Severity.LOW
    assert "does not publish who owns companies" in flag.explanation
    assert "record" not in flag.explanation.split("(")[0]  # recorded: not a gap
    assert "indicator 6 (public company ownership) 100" in flag.explanation
    assert "si_" not in flag.explanation


def test_ownership_not_recorded_is_high_and_worded(embedded: EmbeddedStore, tmp_path: Path) -> None:
    load(embedded, tmp_path, [*BASE, ent("a", "A Ltd", jurisdiction="VG"), owns("r1", "a", S)])
    [flag] = _secrecy(embedded, "a")
    assert flag.severity is Severity.HIGH
    assert "does not record who owns companies and does not publish" in flag.explanation
    assert "indicator 3 (recorded company ownership) 100" in flag.explanation


def test_a_state_has_no_ownership_to_hide(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """BODS example bods-package-fi-soe: the Republic of Finland (a state) and its Ministry of
    Finance (a state body) were flagged because Finland 'does not record or publish who owns
    companies'."""
    state = ent("st", "Republic of Utopia", jurisdiction="VG", kind="state")
    body = ent("min", "Ministry of Finance", jurisdiction="VG", kind="stateBody")
    load(embedded, tmp_path, [*BASE, state, body, owns("r1", "min", S), owns("r2", "st", "min")])
    assert _secrecy(embedded, "st") == [] and _secrecy(embedded, "min") == []
    dark = report(embedded, S, ["OPQ-JUR-OWNERSHIP-SECRECY"]).summary.dark_layers
    assert list(dark) == [], "a state is where ownership ends, not where the trail goes dark"


def _smo(beneficial: bool | None) -> dict[str, object]:
    item = interest("seniorManagingOfficial", details="General director")
    if beneficial is not None:
        item["beneficialOwnershipOrControl"] = beneficial
    return item


def test_a_general_director_next_to_a_named_owner_is_no_fallback(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """OpenSanctions zala, LLC CST: Zakharov holds 51%, and he and Abashkin are its 'general
    directors' (ICIJ: 'President' of BARROW HILL LIMITED). The flag said each was 'registered
    as senior managing official: the fallback used when no beneficial owner is identified'."""
    people = [per("z", "Alexander Zakharov"), per("a", "Konstantin Abashkin")]
    load(
        embedded,
        tmp_path,
        [*BASE, *people, owns("r1", "z", S, 51), rel("r2", "a", S, _smo(None))],
    )
    assert [f for f in report(embedded, S).flags if f.code == "OPQ-SMO-FALLBACK"] == []


def test_the_register_decides_whether_a_managing_official_is_the_fallback(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    people = [per("z", "Ann Smith"), per("a", "Bob Jones"), per("c", "Cy Long")]
    statements = [*BASE, *people, owns("r1", "z", S, 10)]
    statements += [rel("r2", "a", S, _smo(True)), rel("r3", "c", S, _smo(False))]
    load(embedded, tmp_path, statements)
    flags = [f for f in report(embedded, S).flags if f.code == "OPQ-SMO-FALLBACK"]
    assert [f.target.id for f in flags] == ["r2"]


def test_the_eu_annex_is_named_in_words(embedded: EmbeddedStore, tmp_path: Path) -> None:
    """Lakeshore: 'Inversiones Cordillera Azul S.A. is in PA, on annex_i of the EU list'."""
    statements = [*BASE, ent("a", "A SA", jurisdiction="PA"), ent("b", "B Ltd", jurisdiction="VG")]
    load(embedded, tmp_path, [*statements, owns("r1", "a", S, 50), owns("r2", "b", S, 50)])
    flags = {f.target.id: f for f in report(embedded, S, ["OPQ-JUR-EU-NONCOOP"]).flags}
    assert "on Annex I (non-cooperative jurisdictions) of the" in flags["a"].explanation
    assert "on Annex II (" in flags["b"].explanation
    assert all("annex_" not in f.explanation for f in flags.values())


def _gleif(reason: str, code: str) -> dict[str, object]:
    return rel(
        "r1",
        unspecified(reason, code),
        S,
        interest(
            "otherInfluenceOrControl", details=f"DIRECT_ACCOUNTING_CONSOLIDATION_PARENT: {code}"
        ),
    )


def test_a_gleif_exception_is_not_also_lawful_opacity(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """GLEIF repex, Hutchin Hill Capital, LP (NON_CONSOLIDATING, which the loader records as
    subjectExemptFromDisclosure): it was flagged both 'exempt from disclosing its beneficial
    owners ... Lawful opacity' and 'reported a GLEIF parent-reporting exception' (medium), from
    the same statement, and its dark layer was counted as lawful."""
    load(embedded, tmp_path, [*BASE, _gleif("subjectExemptFromDisclosure", "NON_CONSOLIDATING")])
    found = report(embedded, S)
    assert [(f.code, f.severity) for f in found.flags] == [("OPQ-GLEIF-EXCEPTION", Severity.MEDIUM)]
    assert [d.lawful for d in found.summary.dark_layers] == [False]


def test_a_non_public_gleif_parent_is_one_high_flag(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    load(embedded, tmp_path, [*BASE, _gleif("interestedPartyExemptFromDisclosure", "NON_PUBLIC")])
    found = report(embedded, S)
    assert [(f.code, f.severity) for f in found.flags] == [("OPQ-GLEIF-EXCEPTION", Severity.HIGH)]


def test_a_partnership_or_joint_holding_is_not_described_as_a_trust(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """GLEIF 'Hutchin Hill Capital, LP' and BODS joint-ownership.json's 'Joint shareholding'
    (held 50/50 by two named persons) were each said to have 'its beneficial owners are its
    founders, trustees, protectors and beneficiaries, not shareholders'."""
    joint = ent("j", "Joint shareholding", kind="arrangement")
    lp = ent("lp", "Hill Capital, LP", jurisdiction="US")
    people = [per("n", "Natalie Coleman"), per("r", "Roberto Lopez")]
    statements = [*BASE, joint, lp, *people, owns("r1", "j", S, 50), owns("r2", "lp", S, 50)]
    statements += [owns("r3", "n", "j", 50), owns("r4", "r", "j", 50)]
    load(embedded, tmp_path, statements)
    flags = {f.target.id: f.explanation for f in report(embedded, S, ["OPQ-ARRANGEMENT"]).flags}
    assert "trustees" not in flags["j"] and "trustees" not in flags["lp"]
    assert "the parties to the arrangement" in flags["j"]
    assert "its partners, not shareholders, own and control it" in flags["lp"]


def test_a_sanctions_dataset_update_is_not_a_filing(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """OpenSanctions dates LLC CST's ownership statements by its own last change of them (2026),
    though the interests start in 2015-2017: neither frequent changes nor late filings."""
    zala = reference / "ftm-opensanctions-yente/tests/fixtures/dataset/zala/entities.ftm.json"
    import_files(embedded, [zala], tmp_path / "q.jsonl")
    codes = ["OPQ-FREQUENT-CHANGES", "OPQ-LATE-FILING"]
    found = report(embedded, "ftm:NK-abdzbEBkqyT29GyREbiURZ", codes, when=When(as_of="2026-06-30"))
    assert found.name == "LLC CST"
    assert found.flags == ()
