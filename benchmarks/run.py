"""bo-graph benchmarks: one command, side-by-side measurements, results JSON + docs/benchmarks.md.

    .venv/bin/python benchmarks/run.py --quick            # CI smoke: small sizes, checks it runs
    .venv/bin/python benchmarks/run.py --sizes 10000,100000,1000000 --neo4j   # the full run

Every size gets a synthetic register (``bo-graph synth``), imported into the embedded store
(and Neo4j with ``--neo4j``) in a child process whose peak RSS is measured; then UBO queries on
subjects stratified by chain depth, path queries, and a whole-register scan. Absolute times on
shared machines are noisy: compare the ratios measured side by side in the same run.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    import_embedded,
    import_neo4j,
    machine,
    query_latencies,
    synth_register,
)
from benchmarks.registers import import_psc, opacity_scan  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "results"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="CI smoke run: 2,000 companies")
    parser.add_argument("--sizes", default="10000,100000", help="company counts, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--neo4j", action="store_true", help="also measure the local Neo4j")
    parser.add_argument("--queries", type=int, default=200, help="UBO queries per size")
    parser.add_argument(
        "--path-queries", type=int, default=40, help="path queries per size (owner to subject)"
    )
    parser.add_argument(
        "--psc-lines", type=int, default=200_000, help="synthetic UK PSC lines to import"
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    return parser.parse_args(argv)


def run_size(companies: int, args: argparse.Namespace) -> dict[str, Any]:
    work = OUT / f"c{companies}"
    work.mkdir(parents=True, exist_ok=True)
    data, synth = synth_register(work, companies, args.seed)
    result: dict[str, Any] = {"companies": companies, "synth": synth}
    store = work / "embedded.sqlite"
    result["import_embedded"] = import_embedded(data, store)
    result["queries_embedded"] = query_latencies(
        str(store), args.queries, args.seed, path_queries=args.path_queries
    )
    result["opacity_scan"] = opacity_scan(store, work)
    if args.neo4j:
        from benchmarks.naive_import import naive_import
        from bo_graph.store.neo4j_server import stop_server

        try:
            uri, neo = import_neo4j(data, work)
            result["import_neo4j"] = neo
            result["import_neo4j_naive"] = naive_import(data, uri, min(5000, neo["statements"]))
            result["queries_neo4j"] = query_latencies(
                uri, args.queries, args.seed, naive=True, path_queries=args.path_queries
            )
        finally:
            stop_server(work / "neo4j-home")
    return result


def _results_name(when: str) -> str:
    """``results-DATE.json``, or with the time too when a run of that day is already kept."""
    daily = f"results-{when[:10]}.json"
    if not (RESULTS / daily).exists():
        return daily
    return f"results-{when[:10]}T{when[11:16].replace(':', '')}.json"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    started = time.time()
    runs = [run_size(n, args) for n in sizes]
    psc = import_psc(OUT / "psc", 2000 if args.quick else args.psc_lines)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "machine": machine(),
        "python": platform.python_version(),
        "seconds": round(time.time() - started, 1),
        "runs": runs,
        "psc": psc,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "quick.json" if args.quick else _results_name(str(results["when"]))
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n")
    print(report.summary(results))
    if not args.no_docs and not args.quick:
        report.update_docs(ROOT / "docs" / "benchmarks.md", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
