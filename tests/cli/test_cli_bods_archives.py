"""BODS from a folder or a zip archive, as a user imports it: the same counts, provenance naming
the member, idempotent re-imports, and damage named by archive, member and position."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import SAMPLES

CASE = SAMPLES / "case-lakeshore.jsonl"
ALL_LOADED = "read 95 = loaded 95 + quarantined 0 + duplicates 0"
ALL_DUPLICATES = "read 95 = loaded 0 + quarantined 0 + duplicates 95"


def _provenance_file(cwd: Path) -> str:
    shown = json.loads(run("show", "GB-COH:9471253", "--json", cwd=cwd).stdout)
    return str(shown["node"]["provenance"]["file"])


def _case_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(CASE, folder / CASE.name)
    (folder / "README.md").write_text("# The Lakeshore case\n\nFictional register extracts.\n")
    return folder


def _case_zip(tmp_path: Path) -> Path:
    archive = tmp_path / "case.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        packed.write(CASE, f"registers/{CASE.name}")
        packed.writestr("registers/README.md", "# The Lakeshore case\n")
    return archive


@pytest.mark.parametrize("fmt", ["auto", "bods"])
def test_the_sample_case_imports_from_a_folder_like_the_plain_file(
    tmp_path: Path, fmt: str
) -> None:
    folder = _case_folder(tmp_path)
    done = run("import", "--format", fmt, str(folder), "--quarantine", "q.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ALL_LOADED in done.stdout
    assert _provenance_file(tmp_path) == str(folder / CASE.name)
    skipped = [json.loads(x) for x in (tmp_path / "q.warnings.jsonl").read_text().splitlines()]
    assert [w["file"] for w in skipped if "skipped" in w["warnings"][0]] == [
        str(folder / "README.md")
    ]
    again = run("import", "--format", fmt, str(folder), cwd=tmp_path)
    assert again.returncode == 0 and ALL_DUPLICATES in again.stdout


@pytest.mark.parametrize("fmt", ["auto", "bods"])
def test_the_sample_case_imports_from_a_zip_like_the_plain_file(tmp_path: Path, fmt: str) -> None:
    archive = _case_zip(tmp_path)
    done = run("import", "--format", fmt, str(archive), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ALL_LOADED in done.stdout
    assert _provenance_file(tmp_path) == f"{archive}!registers/{CASE.name}"
    again = run("import", "--format", fmt, str(archive), cwd=tmp_path)
    assert again.returncode == 0 and ALL_DUPLICATES in again.stdout
    plain = run("import", str(CASE), cwd=tmp_path)  # the same statements: ids do not move
    assert plain.returncode == 0 and ALL_DUPLICATES in plain.stdout


def test_a_bad_line_in_a_member_is_quarantined_naming_the_member(tmp_path: Path) -> None:
    lines = CASE.read_text().splitlines()
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr(
            "case.jsonl.gz", gzip.compress(("\n".join(lines[:3]) + "\n{oops\n").encode())
        )
    done = run("import", str(archive), "--quarantine", "q.jsonl", cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "read 4 = loaded 3 + quarantined 1 + duplicates 0" in done.stdout
    quarantined = json.loads((tmp_path / "q.jsonl").read_text())
    assert (quarantined["file"], quarantined["line"]) == (f"{archive}!case.jsonl.gz", 4)


def test_a_truncated_member_names_the_archive_member_and_line(tmp_path: Path) -> None:
    packed = gzip.compress(CASE.read_bytes())
    cut = packed[: int(len(packed) * 0.3)]
    complete = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    assert 0 < complete < 95
    archive = tmp_path / "cut.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("case.jsonl.gz", cut)
    done = run("import", archive.name, cwd=tmp_path)  # short: the console wraps long messages
    assert done.returncode == 1
    where = f"cut.zip!case.jsonl.gz: line {complete + 1}: corrupt file"
    assert where in " ".join(done.stderr.split())
    assert f"read {complete} = loaded {complete} + quarantined 0" in done.stdout


def test_a_bods_array_with_a_number_beyond_64_bits_imports(tmp_path: Path) -> None:
    """The same record reads alike from a JSON array and from JSON Lines: a 30-digit number (in
    a member the schema leaves open) is read as orjson reads it from a line, a float, instead of
    crashing the import when the record is written."""
    records = [json.loads(line) for line in CASE.read_text().splitlines()[:3]]
    records[1]["recordDetails"]["sourceRowId"] = 123456789012345678901234567890
    array = tmp_path / "big.json"
    array.write_text(json.dumps(records))
    done = run("import", str(array), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "read 3 = loaded 3 + quarantined 0 + duplicates 0" in done.stdout
