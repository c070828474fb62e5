"""Imports: accounting, quarantine, strict mode, damaged files, idempotency, history."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import loaders
from bo_graph.exc import SourceError, StoreError
from bo_graph.ingest.pipeline import ImportReport, StrictStop, run_import
from bo_graph.model.graph import When
from bo_graph.model.loading import LoadItem
from bo_graph.model.statement import Statement
from bo_graph.store.base import WriteResult
from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity, owns, person
from tests.helpers import import_files


def write_lines(path: Path, records: list[Any]) -> Path:
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def read_any(path: Path, progress: object) -> Iterator[LoadItem]:
    return loaders.read(path)


def small_case() -> list[dict[str, Any]]:
    return [
        entity("c1", "Acme Holdings Ltd", number="00012345"),
        person("p1", "Ana Müller"),
        owns("r1", "p1", "c1", {"exact": 60}),
    ]


def test_bad_records_are_quarantined_with_file_line_and_reason(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    bad_share = owns("r2", "p1", "c1", {"minimum": 80, "maximum": 20})
    records = [*small_case(), "{not json", bad_share, {"hello": "world"}]
    path = write_lines(tmp_path / "in.jsonl", records)
    report = import_files(embedded, [path], tmp_path / "q.jsonl")
    acc = report.accounting
    assert (acc.read, acc.loaded, acc.quarantined, acc.duplicates) == (6, 3, 3, 0)
    assert acc.balanced and report.exit_code == 3
    quarantined = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert [q["line"] for q in quarantined] == [4, 5, 6]
    assert all(q["file"] == str(path) for q in quarantined)
    assert "invalid JSON" in quarantined[0]["reason"]
    assert "minimum" in quarantined[1]["reason"] or "schema" in quarantined[1]["reason"]
    assert quarantined[2]["record"] == {"hello": "world"}


def test_accounting_counts_duplicates_on_reimport(embedded: EmbeddedStore, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl", small_case())
    first = import_files(embedded, [path], tmp_path / "q.jsonl")
    second = import_files(embedded, [path], tmp_path / "q.jsonl")
    assert first.accounting.line() == "read 3 = loaded 3 + quarantined 0 + duplicates 0"
    assert second.accounting.line() == "read 3 = loaded 0 + quarantined 0 + duplicates 3"


def _dump(store: EmbeddedStore) -> dict[str, list[Any]]:
    tables = ["statements", "nodes", "edges", "edge_versions", "node_versions", "identifiers"]
    out = {}
    for table in tables:
        rows = store.conn.execute(f"SELECT * FROM {table}").fetchall()
        # seq is arrival order: the same content may arrive in another order after a crash
        out[table] = sorted(
            tuple(c for c in row if not isinstance(c, int) or c in (0, 1)) for row in rows
        )
    return out


def test_importing_twice_leaves_identical_counts_and_content(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl", small_case())
    once = EmbeddedStore(tmp_path / "once.sqlite")
    twice = EmbeddedStore(tmp_path / "twice.sqlite")
    import_files(once, [path], tmp_path / "q.jsonl")
    import_files(twice, [path], tmp_path / "q.jsonl")
    import_files(twice, [path], tmp_path / "q.jsonl")
    assert once.counts() == twice.counts()
    assert _dump(once) == _dump(twice)


def test_strict_stops_at_the_first_bad_record(embedded: EmbeddedStore, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl", [*small_case(), "{oops"])
    with pytest.raises(StrictStop, match=r"in\.jsonl:4: invalid JSON"):
        import loaders
        from bo_graph.ingest import run_import

        run_import(
            embedded,
            [path],
            lambda p, cb: loaders.read(p),
            quarantine_path=tmp_path / "q.jsonl",
            strict=True,
        )


def test_truncated_json_array_names_file_and_position_and_keeps_store_consistent(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    records = [entity(f"c{i}", f"Company {i}") for i in range(3000)]
    text = json.dumps(records)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) * 2 // 3])
    with pytest.raises(SourceError, match=r"cut\.json: after item (\d+): invalid JSON") as caught:
        import_files(embedded, [path], tmp_path / "q.jsonl")
    whole_items = int(caught.value.position.split()[-1])
    assert whole_items > 1000
    assert embedded.counts().statements == whole_items  # everything before the damage, no more
    fixed = tmp_path / "fixed.json"
    fixed.write_text(text)
    report = import_files(embedded, [fixed], tmp_path / "q.jsonl")
    assert report.accounting.duplicates == whole_items
    assert report.accounting.loaded == 3000 - whole_items


def test_corrupt_gzip_is_a_fatal_error_naming_the_file(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    good = gzip.compress(("\n".join(json.dumps(r) for r in small_case()) + "\n").encode())
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(SourceError, match=r"bad\.jsonl\.gz: .*(corrupt file|not a readable gzip)"):
        import_files(embedded, [path], tmp_path / "q.jsonl")


def test_gzip_json_lines_load(embedded: EmbeddedStore, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl.gz", small_case())
    report = import_files(embedded, [path], tmp_path / "q.jsonl")
    assert report.accounting.loaded == 3


def test_references_resolve_across_files_and_runs(embedded: EmbeddedStore, tmp_path: Path) -> None:
    rel = write_lines(tmp_path / "rel.jsonl", [owns("r1", "p1", "c1", {"exact": 60})])
    first = import_files(embedded, [rel], tmp_path / "q.jsonl")
    assert {(d.role, d.target) for d in first.dangling} == {
        ("subject", "c1"),
        ("interestedParty", "p1"),
    }
    parties = write_lines(tmp_path / "parties.jsonl", small_case()[:2])
    second = import_files(embedded, [parties], tmp_path / "q.jsonl")
    assert second.dangling == []
    assert [e.interested_party for e in embedded.owners_of("c1")] == ["p1"]


def test_later_statements_update_and_close_records_keeping_history(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    records = [
        *small_case(),
        owns(
            "r1", "p1", "c1", {"exact": 80}, start="2024-06-01", date="2024-06-01", status="updated"
        ),
        owns(
            "r1", "p1", "c1", {"exact": 80}, start="2024-06-01", date="2025-03-01", status="closed"
        ),
    ]
    import_files(embedded, [write_lines(tmp_path / "in.jsonl", records)], tmp_path / "q.jsonl")
    assert embedded.owners_of("c1") == []  # closed: history, not current
    mid = embedded.owners_of("c1", When(as_of="2024-12-31"))
    assert [i.share.lower for e in mid for i in e.interests if i.share] == [80.0]
    early = embedded.owners_of("c1", When(known_at="2024-03-01"))
    assert [i.share.lower for e in early for i in e.interests if i.share] == [60.0]
    assert len(embedded.statements_for("r1")) == 3


def test_readers_keep_working_while_a_writer_imports(tmp_path: Path) -> None:
    writer = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(writer, [write_lines(tmp_path / "a.jsonl", small_case())], tmp_path / "q.jsonl")
    reader = EmbeddedStore(tmp_path / "g.sqlite", readonly=True)
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.conn.execute("DELETE FROM edges")  # uncommitted change inside the writer's transaction
    assert len(reader.owners_of("c1")) == 1  # the reader sees the last committed state, unblocked
    writer.conn.execute("ROLLBACK")
    assert reader.search("muller ana")[0].id == "p1"


class FailingStore(EmbeddedStore):
    """An embedded store whose ``fail_at``-th write fails (a full disk, a lost server)."""

    def __init__(self, path: Path, fail_at: int) -> None:
        super().__init__(path)
        self.writes, self.fail_at = 0, fail_at

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        self.writes += 1
        if self.writes == self.fail_at:
            raise StoreError(f"write {self.writes}: expected to write, found the disk full")
        return super().write_batch(statements)


def test_a_run_stopped_by_the_store_reports_what_it_committed(tmp_path: Path) -> None:
    store = FailingStore(tmp_path / "g.sqlite", fail_at=4)
    path = write_lines(tmp_path / "in.jsonl", [entity(f"c{i}", f"Company {i}") for i in range(20)])
    report = ImportReport()
    with pytest.raises(StoreError, match="write 4"):
        run_import(
            store,
            [path],
            read_any,
            quarantine_path=tmp_path / "q.jsonl",
            batch_size=2,
            report=report,
        )
    committed = store.counts().statements
    assert 6 <= committed < 20  # the three writes before the failure, maybe the next ones
    acc = report.per_file[str(path)]
    assert (acc.read, acc.loaded, acc.quarantined, acc.duplicates) == (committed, committed, 0, 0)
    assert report.accounting == acc


def test_a_strict_stop_reports_what_was_committed_before_it(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "in.jsonl", [*small_case(), "{oops", entity("c2", "Later")])
    report = ImportReport()
    with pytest.raises(StrictStop, match=r"in\.jsonl:4"):
        run_import(
            embedded,
            [path],
            read_any,
            quarantine_path=tmp_path / "q.jsonl",
            strict=True,
            report=report,
        )
    assert report.accounting.line() == "read 3 = loaded 3 + quarantined 0 + duplicates 0"
    assert embedded.counts().statements == 3
