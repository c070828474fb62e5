"""Draft requests of real registers: what the registers already show is listed, once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bo_graph.export import gather_case, requests_text
from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files
from tests.ui.conftest import analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
VIZ = Path("icij-panama-papers-2016-linkurious") / "viz-data"


def test_each_recorded_owner_is_listed_once_with_all_its_interests(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """YALIS S.A. (Panama Papers): Sheikh Hamad Bibkhalifa Binhamad Al-Thani is recorded as its
    shareholder and, in another relationship, with an interest of unknown kind; the draft lists
    him once with both, and asks for the shareholders besides those shown (the bearers)."""
    import_files(embedded, [reference / VIZ / "3e6598d4.json"], tmp_path / "q.jsonl")
    text = requests_text(gather_case(embedded, analyse(embedded, "icij:226781"), now=NOW))
    shown = next(line for line in text.splitlines() if "the registers show:" in line)
    assert "Sheikh Hamad Bibkhalifa Binhamad Al-Thani (shares, unknown interest)" in shown
    assert "Sheikh Hamad Jassim J.M. Al-Thani (shares, rights by contract)" in shown
    assert shown.count("(shares") == 2, shown
    assert "in service roles WILDGEN & PARTNERS (the intermediary that registered it)" in shown
    assert "- YALIS S.A.: its register of beneficial owners, and every member, shareholder" in text


def test_layers_that_read_alike_name_their_record(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """YALIS S.A. has four bearer shareholders, each recorded as 'THE BEARER': the draft printed
    four identical lines, which read as one layer repeated; each now names its record."""
    import_files(embedded, [reference / VIZ / "3e6598d4.json"], tmp_path / "q.jsonl")
    text = requests_text(gather_case(embedded, analyse(embedded, "icij:226781"), now=NOW))
    draft = text.split("Draft request 2")[0]
    missing = draft.split("What the registers do not show:\n")[1].split("\n\n")[0].splitlines()
    assert len(missing) == 4 and len(set(missing)) == 4, missing
    assert missing[0].endswith('above YALIS S.A.: "THE BEARER" [icij:465033]')
