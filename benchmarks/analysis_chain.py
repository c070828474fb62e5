"""UBO analysis on chains of controlling entities: one prepared solver per report, side by side
with a solver prepared again for every ownership column (how reports worked before).

    .venv/bin/python benchmarks/analysis_chain.py              # lengths 50,100,200,400
    .venv/bin/python benchmarks/analysis_chain.py --lengths 100,200 --repeat 5

The register: companies c0 ... c(n-1), each company 60 % owned by the one before it (so each
controls the next) and 40 % by a person of its own. The subject is the last company. Every
entity upstream controls it, so the "owns a controlling entity" rule needs the ownership column
of every one of them: n columns of up to n parties each, the analysis's worst common case
(deep corporate chains). The store is imported once; the subgraph is expanded once; only
``determine_ubos`` is timed (median of ``--repeat`` runs), with both solvers alternated in the
same process, and their reports compared. Writes ``benchmarks/out/analysis_chain.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest.mock import patch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import loaders  # noqa: E402
from bo_graph.analysis import grounds  # noqa: E402
from bo_graph.analysis.effective import (  # noqa: E402
    OwnershipEvaluation,
    OwnershipSolver,
    evaluate_ownership,
)
from bo_graph.analysis.network import Link  # noqa: E402
from bo_graph.analysis.results import UboReport  # noqa: E402
from bo_graph.analysis.ubo import determine_ubos  # noqa: E402
from bo_graph.ingest import run_import  # noqa: E402
from bo_graph.model.graph import Subgraph  # noqa: E402
from bo_graph.store.base import Direction  # noqa: E402
from bo_graph.store.embedded import EmbeddedStore  # noqa: E402
from tests.factory import entity, owns, person, write_jsonl  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "analysis_chain.json"


def chain(length: int) -> Iterator[dict[str, Any]]:
    for i in range(length):
        yield entity(f"c{i}", f"Chain Company {i} Ltd", number=f"{i:08d}")
        yield person(f"p{i}", f"Chain Person {i}")
        yield owns(f"rp{i}", f"p{i}", f"c{i}", {"exact": 40})
        if i:
            yield owns(f"rc{i}", f"c{i - 1}", f"c{i}", {"exact": 60})


def expanded(folder: Path, length: int) -> Subgraph:
    data = write_jsonl(folder / f"chain-{length}.jsonl", list(chain(length)))
    store = EmbeddedStore(folder / f"chain-{length}.sqlite")
    try:
        report = run_import(
            store,
            [data],
            lambda path, progress: loaders.read(path, "auto", progress=progress),
            quarantine_path=folder / "quarantine.jsonl",
        )
        assert report.accounting.quarantined == 0, report.accounting.line()
        subject = f"c{length - 1}"
        return store.expand([subject], Direction.UP, max_depth=length + 1, max_nodes=10 * length)
    finally:
        store.close()


class SolverPerColumn:
    """The solver's interface, preparing the network again for every column."""

    def __init__(self, links: Sequence[Link]) -> None:
        self.links = links

    def ownership(self, target: str) -> OwnershipEvaluation:
        return evaluate_ownership(self.links, target)


def timed(subgraph: Subgraph, subject: str, solver: type[Any]) -> tuple[float, UboReport]:
    """``determine_ubos`` with ``solver`` as the reports' ownership solver."""
    with patch.object(grounds, "OwnershipSolver", solver):
        started = time.perf_counter()
        report = determine_ubos(subgraph, subject)
        return time.perf_counter() - started, report


def measure(length: int, repeat: int, folder: Path) -> dict[str, Any]:
    subgraph = expanded(folder, length)
    subject = f"c{length - 1}"
    prepared, again = [], []
    reports = []
    for _ in range(repeat):  # alternated, so both see the same machine
        seconds, one = timed(subgraph, subject, OwnershipSolver)
        prepared.append(seconds)
        seconds, other = timed(subgraph, subject, SolverPerColumn)
        again.append(seconds)
        reports.append(one.to_json() == other.to_json())
    per_report, per_column = statistics.median(prepared), statistics.median(again)
    return {
        "length": length,
        "parties": len(subgraph.nodes),
        "relationships": len(subgraph.edges),
        "prepared_once_s": round(per_report, 4),
        "prepared_per_column_s": round(per_column, 4),
        "speedup": round(per_column / per_report, 2),
        "same_reports": all(reports),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--lengths", default="50,100,200,400", help="chain lengths, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each solver per length")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bo-graph-chain-") as tmp:
        for length in (int(n) for n in args.lengths.split(",")):
            row = measure(length, args.repeat, Path(tmp))
            rows.append(row)
            print(
                f"chain {row['length']:>4}: {row['parties']:>4} parties, "
                f"one solver {row['prepared_once_s']:.3f} s, "
                f"a solver per column {row['prepared_per_column_s']:.3f} s "
                f"({row['speedup']}x), same reports: {row['same_reports']}"
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"runs": rows}, indent=2) + "\n")
    return 0 if all(row["same_reports"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
