"""An ICIJ release as a folder or zip holding other files: binary and non-UTF-8 files are skipped
with a warning naming them, a damaged ICIJ file stops the run naming it, and only hidden files
(and macOS's ``__MACOSX``) are left out unread."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from bo_graph.exc import SourceError
from bo_graph.ingest.pipeline import Accounting
from bo_graph.model.loading import LoadItem
from bo_graph.store.embedded import EmbeddedStore
from loaders import detect_format, icij
from tests.helpers import import_files
from tests.loaders.loader_helpers import FIXTURES, by_record, rejected, warned

CURRENT = FIXTURES / "icij_current"
OFFICER = "81000009,JOAO RIBEIRO,Portugal,PRT,Example Papers,,\n"


def _release(tmp_path: Path) -> Path:
    folder = tmp_path / "release"
    shutil.copytree(CURRENT, folder)
    return folder


def _officers(text: str) -> bytes:
    header = "node_id,name,countries,country_codes,sourceID,valid_until,note\n"
    return (header + text).encode("utf-8")


def _imported(tmp_path: Path, path: Path) -> Accounting:
    """The accounting of importing ``path`` into a new store; it must balance."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        counts = import_files(store, [path], tmp_path / "q.jsonl").accounting
    finally:
        store.close()
    assert counts.balanced, counts.line()
    return counts


def _warnings(items: list[LoadItem]) -> dict[str, str]:
    return {Path(w.file).name: " ".join(w.warnings) for w in warned(items)}


def test_binary_and_non_utf8_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = _release(tmp_path)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\xff\xfe binary \x00\n" * 20)
    (folder / "notes-latin1.csv").write_bytes("nom,pr\xe9nom\nSilva,Jos\xe9\n".encode("latin-1"))
    (folder / "metadata.json").write_text(json.dumps({"title": "Example Papers"}))
    items = list(icij.read(folder))
    notes = _warnings(items)
    for name in ("scan.pdf", "notes-latin1.csv", "metadata.json"):
        assert notes[name].startswith("not an ICIJ Offshore Leaks file"), name
        assert notes[name].endswith(": skipped"), name
    assert "is not valid utf-8" in notes["notes-latin1.csv"]
    assert "binary data" in notes["scan.pdf"]
    assert detect_format(folder) == "icij"
    counts = _imported(tmp_path, folder)
    assert (counts.read, counts.loaded, counts.quarantined) == (19, 18, 1)  # as the fixture alone


def test_a_non_utf8_row_of_an_icij_file_is_quarantined_the_file_goes_on(tmp_path: Path) -> None:
    folder = _release(tmp_path)
    (folder / "scan.pdf").write_bytes(b"\x00\xff" * 100)
    bad = "81000008,JOS\xc9 DA SILVA,Portugal,PRT,Example Papers,,\n".encode("latin-1")
    (folder / "nodes-officers-extra.csv").write_bytes(_officers("") + bad + OFFICER.encode())
    items = list(icij.read(folder))
    assert "icij:81000009" in by_record(items)
    (reason,) = [r.reason for r in rejected(items) if r.file.endswith("officers-extra.csv")]
    assert reason.startswith("bad encoding: line 2 is not valid utf-8")
    counts = _imported(tmp_path, folder)
    assert (counts.read, counts.loaded, counts.quarantined) == (21, 19, 2)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("nodes-officers.csv", _officers(OFFICER).decode().encode("utf-16")),
        ("Officers_mini.csv", b"\x00\x01\x02\xff" * 64),
        ("relationships.csv", b"node_id;name\n1;A\n"),
    ],
)
def test_a_damaged_icij_file_stops_the_run_naming_it(
    tmp_path: Path, name: str, data: bytes
) -> None:
    folder = _release(tmp_path)
    (folder / name).write_bytes(data)
    with pytest.raises(SourceError) as error:
        list(icij.read(folder))
    assert error.value.path == str(folder / name)
    assert error.value.position == "line 1"
    assert f"{name} is named as an ICIJ Offshore Leaks file" in str(error.value)


def test_underscore_files_are_read_hidden_files_and_macosx_are_not(tmp_path: Path) -> None:
    folder = _release(tmp_path)
    (folder / "_officers-late.csv").write_bytes(_officers(OFFICER))
    (folder / ".officers-draft.csv").write_bytes(_officers(OFFICER.replace("09", "10", 1)))
    hidden = folder / ".git"
    hidden.mkdir()
    (hidden / "officers.csv").write_bytes(_officers(OFFICER.replace("09", "11", 1)))
    records = by_record(icij.read(folder))
    assert "icij:81000009" in records
    assert "icij:81000010" not in records and "icij:81000011" not in records
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(CURRENT.glob("*.csv")):
            out.write(path, f"release/{path.name}")
        out.writestr("release/_officers-late.csv", _officers(OFFICER))
        out.writestr("__MACOSX/release/._nodes-officers.csv", b"\x00\x05\x16\x07 mac \xff")
        out.writestr("__MACOSX/release/nodes-officers.csv", b"\x00\x05\x16\x07 mac \xff")
        out.writestr("release/.officers-draft.csv", _officers(OFFICER.replace("09", "10", 1)))
    items = list(icij.read(archive))
    assert "icij:81000009" in by_record(items) and "icij:81000010" not in by_record(items)
    assert not [w for w in warned(items) if "MACOSX" in w.file or "/." in w.file]
    counts = _imported(tmp_path, archive)
    assert (counts.read, counts.loaded, counts.quarantined) == (20, 19, 1)
