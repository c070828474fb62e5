"""What share of the subject a dark layer carries: a holding whose size the registers do not
give is of unknown size, not 0% (the engine counts it as 0% in the opaque share)."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis.opacity.text import report_text
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, interest, load, owns, rel, report, unspecified


def test_an_undisclosed_owner_above_a_holding_of_unknown_size(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """An undisclosed party owns all of a holding company that holds shares of the subject in a
    size the register does not give, beside a company recorded with all of them: the engine
    counts the holding as 0% (the recorded 100% leaves it nothing), and its layer is of
    unknown size. The company with no recorded owner carries its 100%."""
    load(
        embedded,
        tmp_path,
        [
            ent("ent-subject", "Subject Ltd"),
            ent("ent-holdco", "Holdco Ltd"),
            ent("ent-open", "Open Ltd"),
            rel("rel-holdco", "ent-holdco", "ent-subject", interest("shareholding")),
            owns("rel-open", "ent-open", "ent-subject", 100),
            rel("rel-u", unspecified("unknown", "undisclosed holder"), "ent-holdco"),
        ],
    )
    flags = report(embedded, "ent-subject")
    layers = {d.name: d for d in flags.summary.dark_layers}
    assert layers["undisclosed holder"].share is not None
    assert layers["undisclosed holder"].share.hi == 0
    assert layers["undisclosed holder"].share_unknown
    assert layers["undisclosed holder"].share_text == "of unknown size"
    assert not layers["Open Ltd"].share_unknown and layers["Open Ltd"].share_text == "100%"
    json_layers = {d["name"]: d for d in flags.to_json()["summary"]["dark_layers"]}
    assert json_layers["undisclosed holder"]["share_unknown"] is True
    assert json_layers["Open Ltd"]["share_unknown"] is False
    text = report_text(flags)
    assert "undisclosed holder — undisclosed (unknown), of unknown size" in text
