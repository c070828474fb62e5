"""Format auto-detection across the register formats: CSV by header, XML by root element, JSON
by keys or records, zip archives and folders by their members; and the LOADERS table."""

from __future__ import annotations

import gzip
import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest

import loaders
from bo_graph.exc import ConfigError, SourceError
from tests.factory import entity
from tests.loaders.loader_helpers import (
    FIXTURES,
    FTM,
    GLEIF_API,
    GLEIF_GOLDEN,
    GLEIF_PIPELINES,
    ICIJ_MINI,
    ICIJ_VIZ,
    PSC,
    PSC_SOURCES,
    zipped,
)

SAMPLES = {
    "uk-psc": PSC / "derived" / "psc-snapshot-sample.jsonl",
    "uk-companies": PSC / "tests" / "fixtures" / "basic-company-data-1.csv",
    "gleif": GLEIF_PIPELINES / "rr-data.xml",
    "icij": ICIJ_VIZ / "52815807.json",
    "ftm": FTM / "zala" / "entities.ftm.json",
}


def test_every_register_format_is_registered() -> None:
    assert set(loaders.LOADERS) >= {"bods", "uk-psc", "uk-companies", "gleif", "icij", "ftm", "csv"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_detected_plain_gzip_and_zipped(reference: Path, tmp_path: Path, name: str) -> None:
    path = SAMPLES[name]
    assert loaders.detect_format(path) == name
    gz = tmp_path / (path.name + ".gz")
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert loaders.detect_format(gz) == name
    assert loaders.detect_format(zipped([path], tmp_path / "a.zip")) == name


@pytest.mark.parametrize(
    "path",
    [
        GLEIF_PIPELINES / "lei-data.xml",
        GLEIF_PIPELINES / "repex-data.json",
        GLEIF_API / "lei_records" / "multi_lei_records.json",
        PSC_SOURCES / "psc_super_secure.json",
        ICIJ_MINI / "Intermediaries_mini.csv",
    ],
    ids=lambda p: p.name,
)
def test_more_layouts(reference: Path, path: Path) -> None:
    assert loaders.detect_format(path) in {"gleif", "uk-psc", "icij"}


def test_golden_copy_detected_by_its_first_key(reference: Path) -> None:
    assert loaders.detect_format(next(GLEIF_GOLDEN.glob("*.json"))) == "gleif"


def test_folder_of_one_format(reference: Path, tmp_path: Path) -> None:
    folder = tmp_path / "release"
    shutil.copytree(ICIJ_MINI, folder)
    (folder / "README.txt").write_text("About this release\n")
    assert loaders.detect_format(folder) == "icij"


def test_mixed_zip_and_unknown_inputs_are_refused(reference: Path, tmp_path: Path) -> None:
    mixed = zipped([SAMPLES["uk-psc"], SAMPLES["ftm"]], tmp_path / "mixed.zip")
    with pytest.raises(ConfigError, match="several formats"):
        loaders.detect_format(mixed)
    table = tmp_path / "table.csv"
    table.write_text("colour,size\nred,3\n")
    with pytest.raises(ConfigError, match="--mapping"):
        loaders.detect_format(table)
    xml = tmp_path / "doc.xml"
    xml.write_text("<catalogue><item/></catalogue>")
    with pytest.raises(ConfigError, match="catalogue"):
        loaders.detect_format(xml)


def test_mapping_option_selects_the_csv_loader() -> None:
    items = list(
        loaders.read(
            FIXTURES / "bank_accounts.csv",
            mapping=FIXTURES.parents[2] / "loaders" / "mappings" / "bank_accounts.yaml",
        )
    )
    assert len(items) == 12


def test_options_a_loader_does_not_take_are_not_passed(reference: Path) -> None:
    items = list(loaders.read(SAMPLES["ftm"], "auto", validation="strict"))
    assert items


def test_damaged_archives_name_the_file(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(SourceError, match=r"broken\.zip: open: not a readable zip"):
        loaders.detect_format(archive)
    truncated = tmp_path / "snapshot.txt.gz"
    truncated.write_bytes(gzip.compress(b'{"company_number": "1"}\n' * 10)[:20])
    with pytest.raises(SourceError, match=r"snapshot\.txt\.gz: .*corrupt file"):
        list(loaders.read(truncated, "uk-psc"))


def _cut_gzip(path: Path, text: str, keep: float) -> bytes:
    """``text`` gzipped into ``path`` and cut after ``keep`` of its bytes; returns what the
    cut file still decompresses to."""
    packed = gzip.compress(text.encode())
    path.write_bytes(packed[: int(len(packed) * keep)])
    return zlib.decompressobj(wbits=31).decompress(path.read_bytes())


def test_a_truncated_gzip_is_detected_and_read_up_to_its_damage(tmp_path: Path) -> None:
    records = [entity(f"c{i}", f"Company {i}") for i in range(300)]
    lines = tmp_path / "cut.jsonl.gz"
    readable = _cut_gzip(lines, "".join(json.dumps(r) + "\n" for r in records), 0.2)
    complete = readable.count(b"\n")
    assert 0 < complete < 300 and len(readable) < 65536  # less than detection looks at
    assert loaders.detect_format(lines) == "bods"
    read: list[Any] = []
    with pytest.raises(SourceError, match=rf"cut\.jsonl\.gz: line {complete + 1}: corrupt file"):
        read.extend(loaders.read(lines))
    assert [s.record_id for s in read] == [f"c{i}" for i in range(complete)]

    array = tmp_path / "cut.json.gz"
    text = json.dumps(records)
    readable = _cut_gzip(array, text, 0.6)
    ends = [text.index(json.dumps(r)) + len(json.dumps(r)) for r in records]
    whole = sum(end <= len(readable) for end in ends)  # items complete before the damage
    assert 100 < whole < 300
    for fmt in ("auto", "bods"):
        items: list[Any] = []
        with pytest.raises(SourceError, match=rf"cut\.json\.gz: after item {whole}: corrupt"):
            items.extend(loaders.read(array, fmt))
        assert [s.record_id for s in items] == [f"c{i}" for i in range(whole)]


def test_a_gzip_damaged_before_its_first_record_names_where(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    _cut_gzip(path, json.dumps(entity("c1", "Acme " * 200)) + "\n", 0.6)
    with pytest.raises(SourceError, match=r"cut\.jsonl\.gz: line 1: corrupt file"):
        loaders.detect_format(path)
    readable = _cut_gzip(path, json.dumps(entity("c1", "Acme"), indent=1) + "\n", 0.6)
    assert readable  # a pretty-printed object, cut: the error says how far it could be read
    with pytest.raises(SourceError, match=rf"cut\.jsonl\.gz: byte {len(readable)}: corrupt file"):
        list(loaders.read(path, "bods"))
