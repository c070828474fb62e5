"""The ICIJ 2016 viz widgets repeat a node or an edge in several files, laid out differently:
the same record, read once."""

from __future__ import annotations

from pathlib import Path

from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files

VIZ = Path("icij-panama-papers-2016-linkurious") / "viz-data"


def test_a_node_or_edge_repeated_in_another_widget_is_a_duplicate(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """26 party nodes and 25 role edges appear in two to four of the 73 files, each time with
    the same ICIJ data and another layout (x, y, size, colour, view statistics). The statement
    id hashed the layout too: 'read 1394 = loaded 1390 + quarantined 4 + duplicates 0', and
    MOSSACK FONSECA & CO. (U.K.) LIMITED had four statements, one per widget."""
    report = import_files(embedded, [reference / VIZ], tmp_path / "q.jsonl")
    counts = report.accounting
    assert (counts.read, counts.loaded, counts.quarantined, counts.duplicates) == (
        1394,
        1339,
        4,
        51,
    )
    assert len(embedded.statements_for("icij:590963")) == 1
    assert embedded.get_nodes(["icij:590963"])["icij:590963"].name == (
        "MOSSACK FONSECA & CO. (U.K.) LIMITED"
    )
