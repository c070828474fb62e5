"""Real registers, read as an investigator reads them: an ICIJ intermediary is a service
provider, not a controller of the companies it had registered."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis import Verdict, ubo_report
from bo_graph.render.ubo_text import ubo_text
from bo_graph.store.embedded import EmbeddedStore
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
