"""Whole-register scan: every entity of the store as a subject, with its flags, streamed.

Design (``docs/flags.md``, "Scan"): one pass builds the in-memory :class:`Snapshot` (party
facts, relationships by subject and by holder, address index). Each subject's chain is then
walked in memory; node and edge rules are evaluated once per party or relationship and their
flags reused for every subject whose chain contains it (a :class:`Memo` for the run); subject
rules run per subject, with effective shares by the fast acyclic pass (the engine's solver only
for chains with a cycle). History rules read statements only for records whose current
statement could matter, with caches; the owners at the start of the frequent-changes window are
read in one query per batch. With ``workers > 1`` the batches are evaluated in forked processes
that share the snapshot (each opens its own store through ``reopen`` for the history rules);
rows come back in store order.
"""

from __future__ import annotations

import csv
import gc
import io
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from bo_graph.analysis.opacity.context import Environment, SubjectInputs
from bo_graph.analysis.opacity.evaluate import FlagReport, Memo, report_for
from bo_graph.analysis.opacity.history import History
from bo_graph.analysis.opacity.jurisdictions import ListSet
from bo_graph.analysis.opacity.rules_time import has_recent_filing, window
from bo_graph.analysis.opacity.snapshot import Progress, Snapshot, build_snapshot
from bo_graph.analysis.opacity.spec import Config, Need
from bo_graph.analysis.opacity.view import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, ChainView
from bo_graph.model.graph import CURRENT, When
from bo_graph.store.base import GraphStore

SCAN_SCHEMA = "bo-graph/scan/1"
CHURN = "OPQ-FREQUENT-CHANGES"
Row = dict[str, Any]


@dataclass(frozen=True)
class ScanSettings:
    config: Config
    lists: ListSet
    when: When = CURRENT
    today: date = field(default_factory=date.today)
    max_depth: int = DEFAULT_MAX_DEPTH
    max_nodes: int = DEFAULT_MAX_NODES
    batch_size: int = 1000


@dataclass
class Run:
    """What one process needs to evaluate batches: the snapshot, its environment, the memo."""

    snapshot: Snapshot
    settings: ScanSettings
    env: Environment
    memo: Memo = field(default_factory=Memo)


def environment(snapshot: Snapshot, settings: ScanSettings, history: History | None) -> Environment:
    empty: list[Any] = []
    return Environment(
        when=settings.when,
        lists=settings.lists,
        fact_of=snapshot.parties.get,
        owners_of=lambda node: snapshot.into.get(node, empty),
        holdings_of=lambda node: snapshot.outof.get(node, empty),
        address_source=lambda: snapshot.addresses,
        history=history,
        today=settings.today,
        fast_shares=True,
    )


def scan_store(
    store: GraphStore,
    settings: ScanSettings,
    *,
    progress: Progress | None = None,
    workers: int = 1,
    reopen: Callable[[], GraphStore] | None = None,
) -> Iterator[Row]:
    """One JSON-ready row per entity of ``store``, in the store's order."""
    yield from _scan(store, settings, _same, progress, workers, reopen)


def scan_lines(
    store: GraphStore,
    settings: ScanSettings,
    fmt: str,
    *,
    progress: Progress | None = None,
    workers: int = 1,
    reopen: Callable[[], GraphStore] | None = None,
) -> Iterator[bytes]:
    """The scan as output lines (``jsonl`` or ``csv``, header first), encoded where the rows
    are computed (in the workers), so only bytes travel between processes."""
    if fmt == "csv":
        yield _csv_line(csv_header(settings.config))
        encode: Callable[[Row], bytes] = CsvEncoder(settings.config)
    else:
        encode = jsonl_line
    yield from _scan(store, settings, encode, progress, workers, reopen)


def _same(row: Row) -> Row:
    return row


def jsonl_line(row: Row) -> bytes:
    return orjson.dumps(row) + b"\n"


class CsvEncoder:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, row: Row) -> bytes:
        return _csv_line(csv_row(row, self.config))


def _csv_line(cells: list[str]) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerow(cells)
    return text.getvalue().encode("utf-8")


def _scan(
    store: GraphStore,
    settings: ScanSettings,
    encode: Callable[[Row], Any],
    progress: Progress | None,
    workers: int,
    reopen: Callable[[], GraphStore] | None,
) -> Iterator[Any]:
    parallel = reopen if workers > 1 else None
    snapshot = build_snapshot(store, settings.when, progress, parallel)
    total = len(snapshot.subjects)
    starts = list(range(0, total, settings.batch_size))
    done = 0
    gc.freeze()  # the snapshot lives as long as the scan: no collection walks it again
    try:
        for rows in _batches(store, snapshot, settings, starts, workers, reopen, encode):
            yield from rows
            done += len(rows)
            if progress is not None:
                progress("scanning subjects", done, total)
    finally:
        gc.unfreeze()


def _needs_history(settings: ScanSettings) -> bool:
    return Need.HISTORY in settings.config.needs


def _batches(
    store: GraphStore,
    snapshot: Snapshot,
    settings: ScanSettings,
    starts: list[int],
    workers: int,
    reopen: Callable[[], GraphStore] | None,
    encode: Callable[[Row], Any],
) -> Iterator[list[Any]]:
    if workers <= 1 or len(starts) < 2 or (_needs_history(settings) and reopen is None):
        history = History(store, settings.when) if _needs_history(settings) else None
        run = Run(snapshot, settings, environment(snapshot, settings, history))
        for start in starts:
            yield [encode(row) for row in evaluate_batch(run, _slice(run, start))]
        return
    _SHARED.update(snapshot=snapshot, settings=settings, reopen=reopen, encode=encode)
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(workers, initializer=_start_worker) as pool:
            yield from pool.imap(_run_batch, starts, chunksize=1)
    finally:
        _SHARED.clear()


def _slice(run: Run, start: int) -> list[str]:
    return run.snapshot.subjects[start : start + run.settings.batch_size]


_SHARED: dict[str, Any] = {}
"""What forked workers inherit from the parent: the snapshot, the settings, ``reopen``."""


def _start_worker() -> None:
    snapshot: Snapshot = _SHARED["snapshot"]
    settings: ScanSettings = _SHARED["settings"]
    reopen = _SHARED["reopen"]
    history = History(reopen(), settings.when) if _needs_history(settings) and reopen else None
    _SHARED["run"] = Run(snapshot, settings, environment(snapshot, settings, history))


def _run_batch(start: int) -> list[Any]:
    run: Run = _SHARED["run"]
    encode = _SHARED["encode"]
    return [encode(row) for row in evaluate_batch(run, _slice(run, start))]


def evaluate_batch(run: Run, subjects: Sequence[str]) -> list[Row]:
    settings = run.settings
    views = [
        run.snapshot.view(s, max_depth=settings.max_depth, max_nodes=settings.max_nodes)
        for s in subjects
    ]
    _prefetch(run, views)
    rows = []
    for view in views:
        inputs = SubjectInputs(view, run.env)
        rows.append(scan_row(report_for(inputs, settings.config, run.memo)))
    return rows


def _prefetch(run: Run, views: list[ChainView]) -> None:
    """One query for the owners at the start of the frequent-changes window, for every company
    of the batch that the rule will look at and that is not evaluated yet."""
    history, config = run.env.history, run.settings.config
    if history is None or CHURN not in config.params:
        return
    start, _ = window(run.env.analysis_date, int(config.of(CHURN)["months"]))
    wanted = {
        node
        for view in views
        for node in view.chain
        if node not in run.memo.nodes and has_recent_filing(run.env.owners_of(node), start)
    }
    history.prefetch_owners(wanted, start)


def scan_row(report: FlagReport) -> Row:
    summary = report.summary
    return {
        "schema": SCAN_SCHEMA,
        "subject": {"id": report.subject, "name": report.name, "subkind": report.subkind},
        "score": summary.score,
        "opaque_share": summary.opaque_share.to_json(),
        "identified_share": summary.identified_share.to_json(),
        "arrangement_share": summary.arrangement_share.to_json(),
        "dark_layers": len(summary.dark_layers),
        "flags": [report.flag_json(f) for f in report.flags],
        "truncated": len(report.truncated),
    }


def csv_header(config: Config) -> list[str]:
    fixed = ["subject_id", "name", "subkind", "score", "opaque_share_min", "opaque_share_max"]
    return [*fixed, "dark_layers", "flags", *(r.code for r in config.rules)]


def csv_row(row: Row, config: Config) -> list[str]:
    counts: dict[str, int] = {}
    for flag in row["flags"]:
        counts[flag["code"]] = counts.get(flag["code"], 0) + 1
    subject, share = row["subject"], row["opaque_share"]
    return [
        subject["id"],
        subject["name"],
        subject["subkind"],
        f"{row['score']:g}",
        f"{share['min']:g}",
        f"{share['max']:g}",
        str(row["dark_layers"]),
        str(len(row["flags"])),
        *(str(counts.get(r.code, 0)) for r in config.rules),
    ]
