"""Helpers shared by the register-loader tests (not a test module)."""

from __future__ import annotations

import gzip
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bo_graph.ingest import ImportReport
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.statement import Statement
from bo_graph.store.embedded import EmbeddedStore
from tests.conftest import REFERENCE
from tests.helpers import import_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"
PSC = REFERENCE / "uk-psc-bods-uk-psc-pipeline"
PSC_SOURCES = REFERENCE / "uk-psc-register-sources-psc" / "spec" / "fixtures"
OO_FILES = REFERENCE / "oo-register-fixtures" / "spec" / "fixtures" / "files"
GLEIF_PIPELINES = REFERENCE / "gleif-bodspipelines" / "tests" / "fixtures"
GLEIF_API = REFERENCE / "gleif-api-gleif-rs" / "tests" / "data"
GLEIF_GOLDEN = REFERENCE / "gleif-golden-copy-json"
ICIJ_MINI = REFERENCE / "icij-panama-papers-2016-mini"
ICIJ_VIZ = REFERENCE / "icij-panama-papers-2016-linkurious" / "viz-data"
FTM = REFERENCE / "ftm-opensanctions-yente" / "tests" / "fixtures" / "dataset"
MAPPINGS = Path(__file__).resolve().parents[2] / "loaders" / "mappings"


def kinds(items: Iterable[LoadItem]) -> Counter[str]:
    return Counter(type(i).__name__ for i in items)


def statements(items: Iterable[LoadItem]) -> list[Statement]:
    return [i for i in items if isinstance(i, Statement)]


def rejected(items: Iterable[LoadItem]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


def warned(items: Iterable[LoadItem]) -> list[Warned]:
    return [i for i in items if isinstance(i, Warned)]


def by_record(items: Iterable[LoadItem]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = {}
    for statement in statements(items):
        out.setdefault(statement.record_id, []).append(statement)
    return out


def details(statement: Statement) -> Any:
    return statement.bods_details


def gzipped(source: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


def zipped(sources: Sequence[Path], target: Path) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source in sources:
            archive.write(source, source.name)
    return target


def import_twice(
    store: EmbeddedStore, paths: Sequence[Path], tmp_path: Path, **options: str
) -> tuple[ImportReport, ImportReport]:
    """Import ``paths`` twice; the second run must find duplicates only."""
    first = import_files(store, paths, tmp_path / "q1.jsonl", **options)
    second = import_files(store, paths, tmp_path / "q2.jsonl", **options)
    assert first.accounting.balanced, first.accounting.line()
    assert second.accounting.balanced, second.accounting.line()
    assert second.accounting.loaded == 0
    assert second.accounting.duplicates == first.accounting.loaded + first.accounting.duplicates
    assert second.accounting.quarantined == first.accounting.quarantined
    return first, second
