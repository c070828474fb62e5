"""The compiled bulk writer (``native/``) writes the store the Python writer writes: the same
rows in every table, byte for byte, the same accounting and the same quarantine, whatever the
records (duplicates, conflicts, updates out of date order, unspecified parties, odd text and
numbers), and it hands over to the Python writer where its rules stop (BODS 0.1-0.3, a store
that already holds statements)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import loaders
from bo_graph.exc import ConfigError
from bo_graph.ingest.pipeline import ImportReport, run_import
from bo_graph.model.loading import LoadItem
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.embedded.bulk import native_module
from bo_graph.store.identity import Merge
from tests.factory import chain_register, entity, owns, person, update_cases, write_jsonl
from tests.store.test_contract_identity import lei_register, psc_register

if native_module() is None:
    message = "bo_graph_native is not built (scripts/setup.sh test builds it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)

TABLES = {
    "statements": "SELECT * FROM statements ORDER BY statement_id",
    "nodes": "SELECT * FROM nodes ORDER BY id",
    "node_versions": "SELECT * FROM node_versions ORDER BY statement_id",
    "edges": "SELECT * FROM edges ORDER BY id",
    "edge_versions": "SELECT * FROM edge_versions ORDER BY statement_id",
    "identifiers": "SELECT * FROM identifiers ORDER BY key, node_id",
    "aliases": "SELECT * FROM aliases ORDER BY record_id",
    "search": "SELECT rowid, node_id, text FROM names_fts ORDER BY rowid",
    "meta": "SELECT key, value FROM meta ORDER BY key",
    "indexes": "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name",
}


def _read(path: Path, progress: Callable[[int], None], **extra: Any) -> Iterator[LoadItem]:
    return loaders.read(path, "auto", progress=progress, **extra)


def _import(store_path: Path, files: Sequence[Path], *, bulk: bool) -> tuple[ImportReport, str]:
    quarantine = store_path.with_suffix(".quarantine.jsonl")
    store = EmbeddedStore(store_path)
    try:
        report = run_import(store, list(files), _read, quarantine_path=quarantine, bulk=bulk)
    finally:
        store.close()
    return report, quarantine.read_text() if quarantine.exists() else ""


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


def assert_same_store(tmp_path: Path, files: Sequence[Path]) -> ImportReport:
    """Import ``files`` with each writer into a new store; both stores must be identical."""
    python_report, python_quarantine = _import(tmp_path / "python.sqlite", files, bulk=False)
    native_report, native_quarantine = _import(tmp_path / "native.sqlite", files, bulk=True)
    python_tables = _tables(tmp_path / "python.sqlite")
    native_tables = _tables(tmp_path / "native.sqlite")
    for name in TABLES:
        assert native_tables[name] == python_tables[name], f"table {name} differs"
    assert native_report.accounting == python_report.accounting
    assert native_report.per_file == python_report.per_file
    assert native_quarantine == python_quarantine
    assert (native_report.joined, native_report.loops) == (
        python_report.joined,
        python_report.loops,
    )
    return native_report


def test_a_register_is_written_row_for_row_as_the_python_writer_writes_it(
    tmp_path: Path,
) -> None:
    report = assert_same_store(tmp_path, [write_jsonl(tmp_path / "r.jsonl", chain_register(300))])
    assert report.accounting.loaded == 300 * 4 - 1


def test_updates_duplicates_and_conflicts_are_decided_alike(tmp_path: Path) -> None:
    base = chain_register(30)
    records = [*base, *update_cases(base, renamed_number="00000003")]
    report = assert_same_store(tmp_path, [write_jsonl(tmp_path / "r.jsonl", records)])
    assert report.accounting.duplicates == 2
    assert report.accounting.quarantined == 1


def test_records_of_one_company_in_two_registers_are_joined_alike(tmp_path: Path) -> None:
    registers = [psc_register(), [*lei_register(), owns("self", "XI-LEI-L", "GB-COH-1234")]]
    files = [write_jsonl(tmp_path / f"r{i}.jsonl", r) for i, r in enumerate(registers)]
    report = assert_same_store(tmp_path, files)
    assert report.joined == [Merge("GB-COH-1234", ("XI-LEI-L",))] and report.loops == ["self"]


def test_several_files_share_one_run_and_are_counted_per_file(tmp_path: Path) -> None:
    records = chain_register(40)
    first = write_jsonl(tmp_path / "a.jsonl", records[:70])
    second = write_jsonl(tmp_path / "b.jsonl", records[60:])  # ten lines again: duplicates
    report = assert_same_store(tmp_path, [first, second])
    assert report.per_file[str(second)].duplicates == 10


def test_a_file_given_twice_is_counted_alike(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", chain_register(10))
    second = write_jsonl(tmp_path / "b.jsonl", chain_register(12)[30:])
    report = assert_same_store(tmp_path, [first, second, first])
    assert report.per_file[str(first)].duplicates == len(chain_register(10))


def test_a_run_that_fails_later_still_quarantines_the_bulk_writers_conflicts(
    tmp_path: Path,
) -> None:
    records = chain_register(5)
    conflict = dict(records[0], recordDetails={**records[0]["recordDetails"], "name": "Other"})
    first = write_jsonl(tmp_path / "a.jsonl", [*records, conflict])
    unreadable = tmp_path / "notes.txt"
    unreadable.write_text("not a register\n")
    quarantines = []
    for bulk in (False, True):
        store_path = tmp_path / f"bulk-{bulk}.sqlite"
        with pytest.raises(ConfigError):
            _import(store_path, [first, unreadable], bulk=bulk)
        quarantines.append(store_path.with_suffix(".quarantine.jsonl").read_text())
        assert _tables(store_path)["statements"], "what was read before the failure is kept"
    assert quarantines[0] == quarantines[1]
    assert "already stored with different content" in quarantines[1]


def test_a_bods_0_3_file_after_a_0_4_file_hands_over_to_the_python_writer(
    tmp_path: Path, reference: Path
) -> None:
    legacy = reference / "bods-data-standard/v0.1/examples/2-single-update.json"
    files = [write_jsonl(tmp_path / "a.jsonl", chain_register(20)), legacy]
    report = assert_same_store(tmp_path, files)
    assert report.per_file[str(legacy)].loaded > 0


def test_the_published_bods_0_4_files_load_alike(tmp_path: Path, reference: Path) -> None:
    files = [
        p
        for p in sorted(reference.rglob("*.json*"))
        if "0.4" in str(p) and "/schema/" not in str(p) and loaders.detect_format(p) == "bods"
    ]
    assert files, "expected BODS 0.4 files in the reference data"
    for number, path in enumerate(files):
        folder = tmp_path / str(number)
        folder.mkdir()
        assert_same_store(folder, [path])


PUBLISHED_REGISTERS = (
    "uk-psc-register-sources-psc",
    "uk-psc-bods-uk-psc-pipeline",
    "gleif-golden-copy-json",
    "icij-panama-papers-2016-mini",
    "ftm-opensanctions-yente",
    "bods-data-standard/v0.2",
    "bods-data-standard/v0.3",
)


@pytest.mark.parametrize("folder", PUBLISHED_REGISTERS)
def test_statements_other_loaders_translate_are_written_alike(
    tmp_path: Path, reference: Path, folder: str
) -> None:
    files = [reference / folder] if folder.startswith("icij") else []  # a release folder
    for path in [] if files else sorted((reference / folder).rglob("*")):
        try:
            readable = path.is_file() and loaders.detect_format(path) is not None
        except Exception:  # not a register file (a README, a schema, a licence)
            readable = False
        if readable and path.stat().st_size < 20_000_000:
            files.append(path)
    assert files, f"expected register files under {folder}"
    report = assert_same_store(tmp_path, files)
    assert report.accounting.loaded > 0


def test_a_store_with_statements_is_written_by_the_python_writer(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    _import(path, [write_jsonl(tmp_path / "a.jsonl", chain_register(5))], bulk=True)
    store = EmbeddedStore(path)
    try:
        assert store.open_bulk(100) is None
    finally:
        store.close()


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
).filter(str.strip)
SHARE = st.floats(min_value=0, max_value=100, allow_nan=False) | st.integers(0, 100)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(TEXT, min_size=2, max_size=6), shares=st.lists(SHARE, min_size=1, max_size=5))
def test_any_text_and_number_is_stored_and_hashed_alike(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], shares: list[float]
) -> None:
    folder = tmp_path_factory.mktemp("hypothesis")
    records: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        records.append(entity(f"e{i}", name, number=f"{name[:5]}-{i}"))
        records.append(person(f"p{i}", name[::-1]))
    for i, share in enumerate(shares):
        records.append(owns(f"r{i}", f"p{i % len(names)}", f"e{(i + 1) % len(names)}",
                            {"exact": share}))  # fmt: skip
    assert_same_store(folder, [write_jsonl(folder / "r.jsonl", records)])


JSON_LEAF = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | TEXT | SHARE
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extra=st.dictionaries(TEXT.filter(lambda key: key not in {"name"}), JSON_VALUE, max_size=4))
def test_members_of_any_name_and_nesting_are_hashed_alike(
    tmp_path_factory: pytest.TempPathFactory, extra: dict[str, Any]
) -> None:
    """The content hash sorts every object's members by key, at any depth, whatever the keys'
    text (escapes, non-ASCII, keys that sort differently once unescaped)."""
    folder = tmp_path_factory.mktemp("hypothesis")
    company = entity("e0", "Acme Ltd", number="01")
    company["recordDetails"]["annotationsOfThePublisher"] = extra
    company["publicationDetails"] = {
        **company["publicationDetails"],
        "extra": {"nested": [extra, {"b": extra, "a": 1}]},
    }
    records = [company, person("p0", "Ann Smith"), owns("r0", "p0", "e0", {"exact": 30})]
    report = assert_same_store(folder, [write_jsonl(folder / "r.jsonl", records)])
    assert report.accounting.loaded == len(records)
