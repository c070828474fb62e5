"""Real UK PSC lines, read as an investigator reads them."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis import ubo_report
from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files

PSC = Path("uk-psc-bods-uk-psc-pipeline") / "tests" / "fixtures"


def test_a_direct_and_an_as_firm_holding_on_one_line_warn_of_double_counting(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """OE031044: the Government of the Czech Republic holds 'more than 25%' of the shares, and
    'more than 25%' as a firm (an indirect interest with no chain behind it, used as a direct
    holding). The two were added to (50, 100]% with only 'exceeded 100% (inconsistent data)
    and was capped': the warning that a declared indirect share may double count the party's
    other holdings looked at other relationships only, not at the direct interest on the same
    PSC line."""
    import_files(embedded, [reference / PSC / "psc-data-6.json"], tmp_path / "q.jsonl")
    report = ubo_report(embedded, "GB-COH-OE031044")
    [owner] = report.owners
    assert owner.party.name == "Government Of Czech Republic"
    assert (
        "Government Of Czech Republic has a declared indirect share in (registered entity GB-COH "
        "OE031044) (edge gb-psc:OE031044/28NaTOioatSpvI7hNY3qz_fKYoI#relationship) and also "
        "reaches it through other ownership links: the total may double count"
    ) in report.warnings
    assert (
        "the computed share of Government Of Czech Republic in (registered entity GB-COH "
        "OE031044) exceeded 100% (its declared indirect share counted on top of its other "
        "holdings) and was capped"
    ) in report.warnings
    assert not [w for w in report.warnings if "inconsistent data" in w]
