"""The BODS loader on folders and zip archives: every BODS file in them is read as it would be
alone (array, JSON Lines, single object, plain or gzip), files that are not BODS data are
skipped with a warning, and damage is named by archive, member and position."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import loaders
from bo_graph.exc import SourceError
from bo_graph.model.statement import Statement
from tests.factory import entity, owns, person
from tests.helpers import split
from tests.loaders.test_bods_reference import STANDARD

SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}


def _bods_files(folder: Path) -> dict[str, bytes]:
    """BODS files of every shape, and files of a published folder that are no BODS data."""
    records = [entity("c1", "Acme"), person("p1", "Ana"), owns("r1", "p1", "c1", {"exact": 60})]
    more = [entity(f"e{i}", f"Company {i}") for i in range(4)]
    return {
        "a-array.json": json.dumps(records, indent=1).encode(),
        "b-lines.jsonl.gz": gzip.compress("".join(json.dumps(r) + "\n" for r in more).encode()),
        "c-one.json": json.dumps(entity("solo", "Solo Ltd"), indent=2).encode(),
        "codes.csv": b"code,title\nshareholding,Shareholding\n",
        "README.md": b"# Register extract\n",
        "schema.json": json.dumps(SCHEMA, indent=2).encode(),
    }


def _identity(statement: Statement) -> tuple[str, str, str, int]:
    file = statement.provenance.file
    return statement.statement_id, statement.record_id, file, statement.provenance.position


def _one_by_one(folder: Path, files: dict[str, bytes]) -> list[tuple[str, str, str, int]]:
    out = []
    for name in sorted(files):
        if name.endswith(("csv", "md")) or name == "schema.json":
            continue
        out += [_identity(s) for s in split(list(loaders.read(folder / name, "bods")))[0]]
    return out


@pytest.mark.parametrize("fmt", ["auto", "bods"])
def test_a_folder_reads_every_bods_file_and_skips_the_rest(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "extract"
    folder.mkdir()
    files = _bods_files(folder)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    statements, rejected, warned = split(list(loaders.read(folder, fmt)))
    assert not rejected
    assert [_identity(s) for s in statements] == _one_by_one(folder, files)
    assert len(statements) == 8
    skipped = sorted(w.file for w in warned if "skipped" in w.warnings[0])
    assert skipped == sorted(str(folder / n) for n in ("README.md", "codes.csv", "schema.json"))


@pytest.mark.parametrize("fmt", ["auto", "bods"])
def test_a_zip_reads_each_member_as_a_stream_naming_it(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "extract"
    folder.mkdir()
    files = _bods_files(folder)
    archive = tmp_path / "extract.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        for name, data in files.items():
            packed.writestr(f"data/{name}", data)
            (folder / name).write_bytes(data)
    statements, rejected, warned = split(list(loaders.read(archive, fmt)))
    assert not rejected
    alone = _one_by_one(folder, files)
    member = {str(folder / n): f"{archive}!data/{n}" for n in files}
    assert [_identity(s) for s in statements] == [(s, r, member[f], p) for s, r, f, p in alone]
    assert {w.file for w in warned if "skipped" in w.warnings[0]} == {
        f"{archive}!data/{n}" for n in ("README.md", "codes.csv", "schema.json")
    }
    shape = [w for w in warned if "single JSON object" in w.warnings[0]]
    assert [w.file for w in shape] == [f"{archive}!data/c-one.json"]


def test_a_truncated_member_names_archive_member_and_position(tmp_path: Path) -> None:
    records = [entity(f"c{i}", f"Company {i}") for i in range(50)]
    text = json.dumps(records)
    cut = text[: len(text) // 2]
    whole = sum(text.index(json.dumps(r)) + len(json.dumps(r)) <= len(cut) for r in records)
    archive = tmp_path / "cut.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("ok.json", json.dumps([entity("ok", "Fine Ltd")]))
        packed.writestr("part.json", cut)
    read: list[Any] = []
    with pytest.raises(SourceError, match=rf"cut\.zip!part\.json: after item {whole}: invalid"):
        read.extend(loaders.read(archive, "bods"))
    assert [s.record_id for s in read] == ["ok"] + [f"c{i}" for i in range(whole)]


def test_a_member_damaged_before_its_first_record_is_an_error_not_skipped(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "cut.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("first.jsonl.gz", gzip.compress(b'{"statementId": "' + b"x" * 5000)[:60])
    with pytest.raises(SourceError, match=r"cut\.zip!first\.jsonl\.gz: .*corrupt"):
        list(loaders.read(archive, "bods"))


def test_a_folder_without_bods_data_is_refused_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "README.md").write_text("nothing here\n")
    with pytest.raises(SourceError, match=r"docs: open: expected BODS files, found none"):
        list(loaders.read(folder, "bods"))


def test_the_published_standard_folder_reads_like_its_files_one_by_one(
    reference: Path, tmp_path: Path
) -> None:
    """Examples, test data, schemas and code lists of every BODS version, as published."""
    folder = tmp_path / "bods-data-standard"
    shutil.copytree(STANDARD / "v0.4", folder / "v0.4")
    shutil.copytree(STANDARD / "v0.2" / "examples", folder / "v0.2" / "examples")
    items = list(loaders.read(folder, "auto"))
    statements, rejected, warned = split(items)
    skipped = {w.file for w in warned if "skipped" in w.warnings[0]}
    assert {Path(f).suffix for f in skipped} == {".csv", ".json"}
    assert not any("/examples/" in f for f in skipped)
    counts: Counter[str] = Counter()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if str(path) not in skipped:
            alone = split(list(loaders.read(path, "bods")))
            counts.update(statements=len(alone[0]), rejected=len(alone[1]))
    assert counts == {"statements": len(statements), "rejected": len(rejected)}
    assert len(statements) > 100
