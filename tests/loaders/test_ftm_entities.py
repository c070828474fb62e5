"""The lifetime of an FtM company that OpenSanctions merged from several registrations (zala,
../shared/reference_data section 8a): founded at its earliest incorporation, dissolved only
when the dissolution comes after its latest."""

from __future__ import annotations

from pathlib import Path

from bo_graph.model.particulars import particulars
from bo_graph.store.embedded import EmbeddedStore
from loaders import ftm
from tests.analysis.opacity.build import report
from tests.helpers import import_files
from tests.loaders.loader_helpers import FTM, by_record, warned

ZALA = FTM / "zala" / "entities.ftm.json"
UNMANNED = "ftm:NK-cWSvGMvufNH5KwEV88FwTA"  # 3 OGRNs: 2005-11-03, 2002-07-31, 2012-10-29
IZHTELECOM = "ftm:NK-56Edov9bas9puzaChH5pBy"  # 2 OGRNs, dissolved 2012-06-30 and 2025-04-03
TSST = "ftm:ru-inn-5920040846"  # one registration: 2013-06-06 to 2019-08-02


def test_a_merged_company_is_not_dissolved_by_its_predecessor(
    reference: Path, tmp_path: Path
) -> None:
    """LLC Unmanned Systems (sanctioned, status Active) was shown as dissolved on 2005-11-03,
    the day of its first incorporation date: the end of an earlier registration. Dissolved, it
    had no owners to hide, so its missing owners raised no flag."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [ZALA], tmp_path / "q.jsonl")
        rows = {}
        for ref in (UNMANNED, IZHTELECOM, TSST):
            node = store.get_node(ref)
            assert node is not None
            found = dict(particulars(node))
            rows[ref] = (found.get("founded"), found.get("dissolved"))
        assert rows == {
            UNMANNED: ("2002-07-31", None),
            IZHTELECOM: ("2002-10-02", "2025-04-03"),
            TSST: ("2013-06-06", "2019-08-02"),
        }
        codes = [f.code for f in report(store, UNMANNED, ["OPQ-NO-NATURAL-PERSON"]).flags]
        assert codes == ["OPQ-NO-NATURAL-PERSON"]
    finally:
        store.close()


def test_the_bods_export_and_the_warning(reference: Path) -> None:
    items = list(ftm.read(ZALA))
    details = by_record(items)[UNMANNED][0].bods_details
    assert details["foundingDate"] == "2002-07-31" and "dissolutionDate" not in details
    notes = [n for w in warned(items) for n in w.warnings if "dissolutionDate" in n]
    assert notes == [
        "entity 'NK-cWSvGMvufNH5KwEV88FwTA' (Company) dissolutionDate: 2005-11-03 is before its "
        "latest incorporationDate 2012-10-29: the dissolution of a registration the publisher "
        "merged into it, not of the entity; read without a dissolution date"
    ]
