"""Holdings see the co-owners of what is held: a held company's share bands are tightened
against all of its owners, as in a ``ubo`` report of it, so ``holdings``, ``shared`` and
``ubo`` give one answer for one company."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis import holdings_report, shared_report, ubo_report
from bo_graph.analysis.interval import Interval, Verdict
from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files

ZALA = Path("ftm-opensanctions-yente/tests/fixtures/dataset/zala/entities.ftm.json")
KALASHNIKOV = "ftm:NK-nR5AXM9AVPq4pQaSPSaVam"
ZAKHAROV = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw"
CST = "ftm:NK-abdzbEBkqyT29GyREbiURZ"


def test_a_band_beside_a_co_owners_share_is_what_the_co_owner_leaves(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """OpenSanctions' LLC CST: Zakharov holds 51%, JSC Kalashnikov Concern 49% and, in another
    statement, a 'subsidiary of' holding of no stated size. ``ubo`` of LLC CST says 49%;
    ``holdings`` and ``shared`` had said 49-100% with no control ruled out (the co-owners out
    of view) and now say 49% too."""
    import_files(embedded, [reference / ZALA], tmp_path / "q.jsonl")
    (owner,) = [o for o in ubo_report(embedded, CST).owners if o.party.id == KALASHNIKOV]
    held = {h.party.id: h for h in holdings_report(embedded, KALASHNIKOV).holdings}
    assert owner.share == held[CST].share == Interval.exact(49.0)
    assert held[CST].controls is Verdict.NO
    (both,) = shared_report(embedded, ZAKHAROV, KALASHNIKOV).holdings
    assert both.of_b.share == Interval.exact(49.0)
