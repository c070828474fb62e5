"""A UTF-8 byte-order mark, which Windows tools write before JSON and CSV alike, is no data:
a register file saved with one reads as the same file without it, plain or gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from loaders import bods, detect_format, uk_psc
from tests.loaders.loader_helpers import PSC, REFERENCE, rejected, statements

BOM = b"\xef\xbb\xbf"
SNAPSHOT = PSC / "derived" / "psc-snapshot-sample.jsonl"
BODS_ARRAY = REFERENCE / "bods-data-standard" / "v0.4" / "examples" / "bods-package.json"


@pytest.mark.parametrize(
    ("original", "loader", "name"),
    [
        (SNAPSHOT, uk_psc, "persons-with-significant-control-snapshot-2024-11-22.txt"),
        (BODS_ARRAY, bods, "bods-package.json"),
    ],
    ids=["uk-psc-json-lines", "bods-json-array"],
)
@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_a_file_with_a_byte_order_mark_reads_as_without(
    reference: Path, tmp_path: Path, original: Path, loader: object, name: str, compress: bool
) -> None:
    data = BOM + original.read_bytes()
    path = tmp_path / (name + (".gz" if compress else ""))
    path.write_bytes(gzip.compress(data) if compress else data)
    assert detect_format(path) == detect_format(original)
    read = loader.read  # type: ignore[attr-defined]
    items = list(read(path))
    assert not rejected(items)
    ids = [s.statement_id for s in statements(read(original))]
    assert [s.statement_id for s in statements(items)] == ids and ids
