"""The bulk import into the local server's empty database (compiled writer -> CSV files ->
``neo4j-admin database import``) stores what the transactional writer stores: every node and
relationship with every property, the same accounting and the same quarantine, with a real
server stopped and started again around the importer. It hands over to transactions where its
rules stop (BODS 0.1-0.3 replacements), is not used where it would not be safe (a database
with data, a server bo-graph does not manage), loads records longer than the importer's default
read buffer, and loads nothing (leaving the server running) when the run is interrupted."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

import loaders
from bo_graph.ingest.pipeline import ImportReport, run_import
from bo_graph.model.loading import LoadItem
from bo_graph.settings import Settings, load_settings
from bo_graph.store.embedded.bulk import native_module
from bo_graph.store.identity import Merge
from bo_graph.store.neo4j_store import Neo4jStore
from tests.conftest import _clear_neo4j
from tests.factory import chain_register, entity, owns, person, update_cases, write_jsonl
from tests.store.test_contract_identity import lei_register, psc_register

pytestmark = pytest.mark.neo4j

if native_module() is None:
    message = "bo_graph_native is not built (scripts/setup.sh test builds it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)

NODES = """
MATCH (n) WHERE NOT n:Identifier OR EXISTS { (n)-[:IDENTIFIES]->() }
RETURN labels(n) AS labels, properties(n) AS props
"""
"""Every node but an Identifier no party has any more (the transactional writer leaves those
behind when a party's identifiers change; they name nothing)."""
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.key) AS start, coalesce(b.id, b.key) AS end,
       properties(r) AS props
"""
SCHEMA = "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A local server of its own, managed as ``bo-graph neo4j start`` would (the bulk import
    stops and starts it)."""
    from bo_graph.store.neo4j_server import start_server, stop_server

    home = tmp_path_factory.mktemp("neo4j-bulk-home")
    info = start_server(home, timeout=600)
    try:
        yield load_settings(env={"BO_GRAPH_NEO4J_HOME": str(home)}, store=info.uri)
    finally:
        stop_server(home)


def _read(path: Path, progress: Callable[[int], None], **extra: Any) -> Iterator[LoadItem]:
    return loaders.read(path, "auto", progress=progress, **extra)


def _import(
    settings: Settings, files: Sequence[Path], quarantine: Path, *, bulk: bool
) -> tuple[ImportReport, str]:
    store = Neo4jStore.connect(settings)
    try:
        report = run_import(store, list(files), _read, quarantine_path=quarantine, bulk=bulk)
    finally:
        store.close()
    return report, quarantine.read_text() if quarantine.exists() else ""


def _canonical(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


def _graph(uri: str) -> dict[str, list[str]]:
    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        return {
            name: _canonical([r.data() for r in session.run(query)])
            for name, query in (("nodes", NODES), ("relationships", RELATIONSHIPS),
                                ("schema", SCHEMA))
        }  # fmt: skip


def assert_same_graph(settings: Settings, tmp_path: Path, files: Sequence[Path]) -> ImportReport:
    """Import ``files`` into the emptied database by transactions, then by the bulk import;
    both must leave the same graph."""
    _clear_neo4j(settings.store)
    python_report, python_quarantine = _import(settings, files, tmp_path / "tx.q", bulk=False)
    assert python_report.bulk_profile is None
    expected = _graph(settings.store)
    _clear_neo4j(settings.store)
    bulk_report, bulk_quarantine = _import(settings, files, tmp_path / "bulk.q", bulk=True)
    assert bulk_report.bulk_profile is not None
    assert "neo4j_admin_import" in bulk_report.bulk_profile, "the bulk import was not used"
    loaded = _graph(settings.store)
    for part in expected:
        assert loaded[part] == expected[part], f"the {part} differ"
    assert bulk_report.accounting == python_report.accounting
    assert bulk_report.per_file == python_report.per_file
    # the same lines; the bulk writer's conflicts come after the run's other rejects
    assert sorted(bulk_quarantine.splitlines()) == sorted(python_quarantine.splitlines())
    assert bulk_report.dangling == python_report.dangling
    assert (bulk_report.joined, bulk_report.loops) == (python_report.joined, python_report.loops)
    return bulk_report


PERSON = 'Person "{i}",\nof somewhere'
"""Names with quotes, a comma and a line break."""


def _tricky(companies: int) -> list[dict[str, Any]]:
    """Updates in and out of date order, a closed relationship, a duplicate, a conflict, an
    unspecified owner, an owner that never arrives, and a party renamed with new identifiers."""
    base = chain_register(companies, PERSON)
    dangling = owns("d1", "p-missing", "c7", {"exact": 30})
    early = owns("e1", "p-late", "c8", {"exact": 40})
    late = person("p-late", "Late Person")
    return [*base, *update_cases(base, renamed_number="99999999"), dangling, early, late]


def _published(reference: Path) -> list[Path]:
    files = [reference / "icij-panama-papers-2016-mini"]
    folders = ("uk-psc-register-sources-psc", "gleif-golden-copy-json", "ftm-opensanctions-yente")
    candidates = [p for p in sorted(reference.rglob("*.json*")) if "0.4" in str(p)]
    candidates += [p for folder in folders for p in sorted((reference / folder).rglob("*"))]
    for path in candidates:
        if "/schema/" in str(path) or not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            if loaders.detect_format(path) is not None:
                files.append(path)
        except Exception:  # not a register file (a README, a schema, a licence)
            continue
    return files


def test_a_register_and_the_published_files_load_as_transactions_would_store_them(
    local: Settings, tmp_path: Path, reference: Path
) -> None:
    files = [write_jsonl(tmp_path / "tricky.jsonl", _tricky(40)), *_published(reference)]
    report = assert_same_graph(local, tmp_path, files)
    assert report.accounting.quarantined >= 1
    assert report.accounting.duplicates >= 2
    assert [d for d in report.dangling if "p-missing" in str(d)], "a dangling owner is reported"


def test_records_of_one_company_in_two_registers_are_joined_after_a_bulk_import(
    local: Settings, tmp_path: Path
) -> None:
    registers = [psc_register(), [*lei_register(), owns("self", "XI-LEI-L", "GB-COH-1234")]]
    files = [write_jsonl(tmp_path / f"r{i}.jsonl", r) for i, r in enumerate(registers)]
    report = assert_same_graph(local, tmp_path, files)
    assert report.joined == [Merge("GB-COH-1234", ("XI-LEI-L",))] and report.loops == ["self"]


def test_writes_after_a_bulk_import_leave_the_graph_transactions_alone_would_leave(
    local: Settings, tmp_path: Path
) -> None:
    """The bulk import gives every node its id itself, and leaves unused ids where a party
    lost identifiers; later transactions must still create, link and resolve as usual."""
    first = write_jsonl(tmp_path / "first.jsonl", _tricky(12))
    later = [person("p-missing", "Missing Person"), *chain_register(15, PERSON)[-8:],
             owns("n1", "p-late", "c9", {"exact": 10}), entity("c3", "Company Three Again",
             number="77777777", date="2026-01-01")]  # fmt: skip
    second = write_jsonl(tmp_path / "second.jsonl", later)
    _clear_neo4j(local.store)
    _import(local, [first, second], tmp_path / "tx.q", bulk=False)
    expected = _graph(local.store)
    _clear_neo4j(local.store)
    report, _ = _import(local, [first], tmp_path / "bulk.q", bulk=True)
    assert report.bulk_profile is not None and "neo4j_admin_import" in report.bulk_profile
    report, _ = _import(local, [second], tmp_path / "after.q", bulk=True)
    assert report.bulk_profile is None  # the database holds statements now
    assert not [d for d in report.dangling if "p-missing" in str(d)], "the owner has arrived"
    assert _graph(local.store) == expected


def test_a_bods_0_1_file_after_a_0_4_file_hands_over_to_transactions(
    local: Settings, tmp_path: Path, reference: Path
) -> None:
    legacy = reference / "bods-data-standard/v0.1/examples/2-single-update.json"
    files = [write_jsonl(tmp_path / "a.jsonl", chain_register(20, PERSON)), legacy]
    report = assert_same_graph(local, tmp_path, files)
    assert report.per_file[str(legacy)].loaded > 0


def test_a_database_with_data_and_a_server_bo_graph_does_not_manage_use_transactions(
    local: Settings, neo4j_uri: str, tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", chain_register(5, PERSON))
    second = write_jsonl(tmp_path / "b.jsonl", chain_register(8, PERSON))
    _clear_neo4j(local.store)
    report, _ = _import(local, [first], tmp_path / "a.q", bulk=True)
    assert report.bulk_profile is not None
    report, _ = _import(local, [second], tmp_path / "b.q", bulk=True)
    assert report.bulk_profile is None  # the database holds statements now
    assert report.accounting.duplicates == 5 * 4 - 1
    _clear_neo4j(neo4j_uri)
    other = load_settings(env={"BO_GRAPH_NEO4J_HOME": str(tmp_path)}, store=neo4j_uri)
    report, _ = _import(other, [first], tmp_path / "c.q", bulk=True)
    assert report.bulk_profile is None


def test_a_record_longer_than_the_importers_read_buffer_loads_alike(
    local: Settings, tmp_path: Path
) -> None:
    big = entity("big", "Big Holdings Ltd", number="55555555")
    big["recordDetails"]["addresses"] = [{"type": "registered", "address": "x" * 9_000_000}]
    files = [write_jsonl(tmp_path / "big.jsonl", [*chain_register(3, PERSON), big])]
    report = assert_same_graph(local, tmp_path, files)
    assert report.accounting.loaded == 3 * 4 - 1 + 1


def test_a_run_that_fails_while_reading_loads_nothing_and_leaves_the_server_running(
    local: Settings, tmp_path: Path
) -> None:
    from bo_graph.store.neo4j_server import server_status

    def failing(path: Path, progress: Callable[[int], None], **extra: Any) -> Iterator[LoadItem]:
        for number, item in enumerate(_read(path, progress, **extra)):
            if number == 30:
                raise KeyboardInterrupt  # the user stops the import
            yield item

    _clear_neo4j(local.store)
    before = server_status(local.neo4j_home)
    files = [write_jsonl(tmp_path / "a.jsonl", chain_register(20, PERSON))]
    store = Neo4jStore.connect(local)
    try:
        with pytest.raises(KeyboardInterrupt):
            run_import(store, files, failing, quarantine_path=tmp_path / "q.jsonl", bulk=True)
    finally:
        store.close()
    after = server_status(local.neo4j_home)
    assert before is not None and after is not None and after.pid == before.pid
    assert _graph(local.store)["relationships"] == []
    assert not list(local.neo4j_home.glob("bulk-import-*")), "its files are removed"


def test_too_little_disk_for_the_store_stops_before_the_server_does(
    local: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk made the importer fail with "Error in input data"; the import now says what
    it needs and finds before the server is stopped, and loads nothing."""
    import shutil

    from bo_graph.exc import StoreError
    from bo_graph.store import neo4j_admin
    from bo_graph.store.neo4j_server import server_status

    _clear_neo4j(local.store)
    before = server_status(local.neo4j_home)
    files = [write_jsonl(tmp_path / "a.jsonl", chain_register(20, PERSON))]
    nearly_full = shutil.disk_usage(tmp_path)._replace(free=1000)
    monkeypatch.setattr(neo4j_admin.shutil, "disk_usage", lambda path: nearly_full)
    with pytest.raises(StoreError, match=r"needs about 0\.0 GB free .* found 0\.0 GB; nothing"):
        _import(local, files, tmp_path / "q.jsonl", bulk=True)
    after = server_status(local.neo4j_home)
    assert before is not None and after is not None and after.pid == before.pid
    assert [n for n in _graph(local.store)["nodes"] if '"Meta"' not in n] == [], "nothing loaded"
    assert not list(local.neo4j_home.glob("bulk-import-*")), "its files are removed"
