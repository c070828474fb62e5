"""Register-level measurements: the UK PSC import and the whole-register opacity scan.

Both run the real CLI in a child process (``bo-graph import --format uk-psc`` and
``bo-graph scan``), so the figures include start-up, reading, writing and output as a user
would see them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.measure import run_measured

FULL_PSC_SNAPSHOT_LINES = 15_000_000
"""About the size of the full UK PSC snapshot (issue #7)."""
OPEN_OWNERSHIP_PIPELINE_HOURS = 21.0
"""The published run time of Open Ownership's PSC pipeline (../shared/docs/peers.md)."""


def psc_file(work: Path, lines: int) -> Path:
    """A deterministic synthetic PSC snapshot of ``lines`` lines (tests/loaders/psc_synth.py)."""
    data = work / f"psc-{lines}.jsonl"
    if not data.exists():
        work.mkdir(parents=True, exist_ok=True)
        run_measured([sys.executable, "-m", "tests.loaders.psc_synth", str(data), str(lines)])
    return data


def import_psc(work: Path, lines: int) -> dict[str, Any]:
    """PSC lines per second into a fresh embedded store, and what that means for a full
    snapshot next to Open Ownership's published pipeline time."""
    data = psc_file(work, lines)
    store = work / "psc.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "bo_graph", "import", "--format", "uk-psc"]
    command += ["--store", str(store), "--json", str(data)]
    measured = run_measured(command)
    report = json.loads(measured["stdout"])
    accounting = report["accounting"]
    per_second = lines / measured["seconds"]
    full_hours = FULL_PSC_SNAPSHOT_LINES / per_second / 3600
    return {
        "lines": lines,
        "statements": accounting["read"],
        "loaded": accounting["loaded"],
        "seconds": measured["seconds"],
        "lines_per_second": round(per_second),
        "statements_per_second": round(accounting["read"] / measured["seconds"]),
        "peak_rss_mib": measured["peak_rss_mib"],
        "full_snapshot_hours": round(full_hours, 2),
        "open_ownership_hours": OPEN_OWNERSHIP_PIPELINE_HOURS,
        "speedup_vs_open_ownership": round(OPEN_OWNERSHIP_PIPELINE_HOURS / full_hours, 1),
        "writer": report.get("writer"),
        "writer_profile": report.get("bulk_profile"),
    }


def opacity_scan(store: Path, work: Path) -> dict[str, Any]:
    """``bo-graph scan`` over every entity of the store, flags written as JSON Lines."""
    out = work / "scan.jsonl"
    command = [sys.executable, "-m", "bo_graph", "scan", "--store", str(store), "--out", str(out)]
    measured = run_measured(command)
    subjects = flags = 0
    with out.open("rb") as handle:
        for line in handle:
            subjects += 1
            flags += len(json.loads(line).get("flags", []))
    return {
        "seconds": measured["seconds"],
        "subjects": subjects,
        "flags": flags,
        "peak_rss_mib": measured["peak_rss_mib"],
    }
