"""Small helpers for tests: import files into a store, load statements from a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import loaders
from bo_graph.ingest import ImportReport, run_import
from bo_graph.model.loading import LoadItem, Rejected, Warned
from bo_graph.model.statement import Statement
from bo_graph.store.base import GraphStore


def import_files(
    store: GraphStore, paths: Sequence[Path], quarantine: Path, **options: str
) -> ImportReport:
    def read(path: Path, progress: object) -> object:
        return loaders.read(path, "auto", **options)

    return run_import(store, list(paths), read, quarantine_path=quarantine)  # type: ignore[arg-type]


def split(items: Sequence[LoadItem]) -> tuple[list[Statement], list[Rejected], list[Warned]]:
    statements = [i for i in items if isinstance(i, Statement)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    warned = [i for i in items if isinstance(i, Warned)]
    return statements, rejected, warned


def read_all(path: Path, **options: str) -> list[LoadItem]:
    return list(loaders.read(path, "auto", **options))
