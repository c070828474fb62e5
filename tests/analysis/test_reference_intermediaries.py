"""Real registers, read as an investigator reads them: an ICIJ intermediary is a service
provider, not a controller of the companies it had registered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bo_graph.analysis import Verdict, ubo_report
from bo_graph.analysis.holdings import holdings_report
from bo_graph.analysis.opacity import (
    RULES,
    ScanSettings,
    configure,
    flags_report,
    load_lists,
    scan_store,
)
from bo_graph.analysis.paths import find_paths
from bo_graph.render.path_text import step_text
from bo_graph.render.ubo_text import holdings_text, ubo_text
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS
from tests.helpers import import_files

VIZ = Path("icij-panama-papers-2016-linkurious") / "viz-data"


def test_an_icij_intermediary_person_is_no_beneficial_owner_by_control(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """SIERRA LEONA S.A. (Panama Papers, 2016 viz data): FRANCISCO IBANEZ CONCHA is the Chilean
    attorney who had it registered (the viz 'registered' edge, recorded as other influence or
    control that is not beneficial ownership or control). `ubo` said 'YES ... controls SIERRA
    LEONA S.A. through other influence or control — AMLR Art. 53 control', ahead of the person
    the leak names as its beneficial owner."""
    import_files(embedded, [reference / VIZ / "722e2309.json"], tmp_path / "q.jsonl")
    report = ubo_report(embedded, "icij:99200")
    lawyer = next(o for o in report.owners if o.party.name == "FRANCISCO IBANEZ CONCHA")
    assert lawyer.beneficial_owner is Verdict.NO
    assert lawyer.controls is Verdict.NO
    assert [g.rule for g in lawyer.grounds] == []
    text = ubo_text(report)
    assert "YES      FRANCISCO IBANEZ CONCHA" not in text
    assert "controls SIERRA LEONA S.A. through other influence or control" not in text
    owner = next(o for o in report.owners if o.party.name == "Alfredo Ovalle Rodríguez")
    assert owner.beneficial_owner is Verdict.POSSIBLE


def _barrow_hill(store: EmbeddedStore, tmp_path: Path, reference: Path) -> None:
    """BARROW HILL LIMITED (BVI): HOLMAN FENWICK WILLAN LLP, the London law firm that had it
    and 30 other companies registered (the viz 'registered' edge), MOSSACK FONSECA & CO.
    (B.V.I.) LTD. as shareholder, a 'Beneficiary' and a 'Sole signatory'."""
    import_files(store, [reference / VIZ / "4b22977e.json"], tmp_path / "q.jsonl")


def test_an_icij_intermediary_firm_controls_nothing(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """`holdings` of the law firm said 'BARROW HILL LIMITED [icij:76642]: 0% (controls)' for
    each of the 31 companies it registered, and `ubo --json` had the firm at `controls: true`."""
    _barrow_hill(embedded, tmp_path, reference)
    firm = "icij:587847"
    held = holdings_report(embedded, firm)
    assert len(held.holdings) == 31
    assert [h.party.name for h in held.holdings if h.controls is not Verdict.NO] == []
    assert "(controls)" not in holdings_text(held)
    owners = {o.party.id: o for o in ubo_report(embedded, "icij:76642").owners}
    assert owners[firm].controls is Verdict.NO


def test_an_icij_intermediary_firm_is_not_where_the_trail_goes_dark(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """`flags` said 'OPQ-NO-NATURAL-PERSON (high) [layer 1]: the chain ends at HOLMAN FENWICK
    WILLAN LLP (GB), which has no recorded owner or controller' and listed the firm among the
    dark layers, for every company the firm registered (180 such flags on 162 companies of the
    2016 viz data): the firm is the service provider, not a layer of ownership. The dark layer
    MOSSACK FONSECA & CO. (B.V.I.) LTD., a shareholder with no recorded owner, stays."""
    _barrow_hill(embedded, tmp_path, reference)
    config = configure(RULES)
    lists = load_lists(TEST_LISTS)
    found = flags_report(embedded, "icij:76642", config=config, lists=lists)
    dark = [d.name for d in found.summary.dark_layers]
    assert dark == ["MOSSACK FONSECA & CO. (B.V.I.) LTD."]
    ends = [f.target.id for f in found.flags if f.code == "OPQ-NO-NATURAL-PERSON"]
    assert ends == ["icij:302740"]
    [row] = [r for r in scan_store(embedded, ScanSettings(config, lists)) if _is(r, "icij:76642")]
    assert row["dark_layers"] == 1
    assert [f["target"]["id"] for f in row["flags"] if f["code"] == "OPQ-NO-NATURAL-PERSON"] == [
        "icij:302740"
    ]


def _is(row: dict[str, Any], subject: str) -> bool:
    return bool(row["subject"]["id"] == subject)


def test_the_protector_and_beneficiaries_of_a_foundation_are_its_beneficial_owners(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """UF UNIVERSE FOUNDATION (Panama Papers, 2016 viz data): Mehriban Aliyeva its protector,
    Leyla and Arzu Aliyeva its beneficiaries (and board members). A Panama private-interest
    foundation is a legal entity, not an arrangement, so `ubo` ignored the roles: 'No natural
    person qualifies: senior managing officials are reported instead', the protector not
    listed at all, while `flags` said 'UF UNIVERSE FOUNDATION is a foundation: its beneficial
    owners are its founders, board members and beneficiaries'. Trust roles recorded in an
    entity make it trust-like (AMLR Art. 57): its role holders are its beneficial owners."""
    import_files(embedded, [reference / VIZ / "33321528.json"], tmp_path / "q.jsonl")
    report = ubo_report(embedded, "icij:225723")
    verdicts = {o.party.name: o.beneficial_owner for o in report.beneficial_owners}
    assert verdicts == {
        "Mehriban Aliyeva": Verdict.YES,
        "Leyla Aliyeva": Verdict.YES,
        "Arzu Aliyeva": Verdict.YES,
    }
    assert report.fallback is None
    text = ubo_text(report)
    assert "No natural person qualifies" not in text
    assert "+ protector of UF UNIVERSE FOUNDATION" in text


def test_a_path_through_an_intermediary_does_not_say_it_controls(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """`paths` from the law firm to BARROW HILL LIMITED read 'HOLMAN FENWICK WILLAN LLP controls
    BARROW HILL LIMITED (otherInfluenceOrControl)'."""
    _barrow_hill(embedded, tmp_path, reference)
    report = find_paths(embedded, "icij:587847", "icij:76642", k=1)
    assert [step_text(s) for s in report.paths[0].steps] == [
        "HOLMAN FENWICK WILLAN LLP is a service provider of BARROW HILL LIMITED "
        "(otherInfluenceOrControl)"
    ]
    back = find_paths(embedded, "icij:76642", "icij:587847", k=1)
    assert [step_text(s) for s in back.paths[0].steps] == [
        "BARROW HILL LIMITED has HOLMAN FENWICK WILLAN LLP as service provider "
        "(otherInfluenceOrControl)"
    ]
