"""The measurements behind benchmarks/run.py: each returns plain JSON-able numbers."""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bo_graph.analysis import ubo_report
from bo_graph.analysis.paths import find_paths
from bo_graph.model.graph import NodeKind
from bo_graph.settings import load_settings
from bo_graph.store import open_store
from bo_graph.store.base import Direction, GraphStore

DEPTH_BUCKETS = ((1, 1, "1"), (2, 3, "2-3"), (4, 7, "4-7"), (8, 10_000, "8+"))


def machine() -> dict[str, Any]:
    cpu = ""
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    if Path("/proc/meminfo").exists():
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": memory}


PEAK_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
    "print('PEAK_RSS_KIB', peak, file=sys.stderr); "
    "sys.exit(code)"
)


def run_measured(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command`` in a fresh wrapper process; return wall time, the command's own peak RSS
    (MiB), and its stdout."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, *command],
        capture_output=True,
        env={**os.environ, **(env or {})},
    )
    seconds = time.perf_counter() - started
    err = done.stderr.decode()
    if done.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {err[-2000:]}")
    peak = [line for line in err.splitlines() if line.startswith("PEAK_RSS_KIB")]
    peak_mib = round(int(peak[-1].split()[1]) / 1024, 1) if peak else None
    return {"seconds": round(seconds, 3), "peak_rss_mib": peak_mib, "stdout": done.stdout.decode()}


def synth_register(work: Path, companies: int, seed: int) -> tuple[Path, dict[str, Any]]:
    data = work / f"register-{companies}-{seed}.jsonl"
    if not data.exists():
        command = [
            sys.executable,
            "-m",
            "bo_graph",
            "synth",
            "--companies",
            str(companies),
            "--seed",
            str(seed),
            "--out",
            str(data),
            "--json",
        ]
        measured = run_measured(command)
        summary = json.loads(measured["stdout"])
        summary["generate_seconds"] = measured["seconds"]
        (work / "synth.json").write_text(json.dumps(summary))
    return data, json.loads((work / "synth.json").read_text())


def import_embedded(data: Path, store: Path) -> dict[str, Any]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "bo_graph",
        "import",
        "--store",
        str(store),
        "--json",
        str(data),
    ]
    measured = run_measured(command)
    report = json.loads(measured["stdout"])
    return _rate(measured, report["accounting"]) | _writer(report)


def _writer(report: dict[str, Any]) -> dict[str, Any]:
    """Which writer wrote, and for the compiled one its thread's seconds per kind of work."""
    return {"writer": report.get("writer"), "writer_profile": report.get("bulk_profile")}


def _rate(measured: dict[str, Any], accounting: dict[str, int]) -> dict[str, Any]:
    return {
        "statements": accounting["read"],
        "loaded": accounting["loaded"],
        "seconds": measured["seconds"],
        "statements_per_second": round(accounting["read"] / measured["seconds"]),
        "peak_rss_mib": measured["peak_rss_mib"],
    }


def import_neo4j(data: Path, work: Path) -> tuple[str, dict[str, Any]]:
    from bo_graph.store.neo4j_server import start_server

    home = work / "neo4j-home"
    if home.exists():
        shutil.rmtree(home)  # a fresh database: the import measures loading, not duplicates
    started = time.perf_counter()
    info = start_server(home, timeout=600)
    startup = round(time.perf_counter() - started, 2)
    command = [sys.executable, "-m", "bo_graph", "import", "--store", info.uri, "--json", str(data)]
    # the import finds the local server it may stop for `neo4j-admin database import`
    measured = run_measured(command, env={"BO_GRAPH_NEO4J_HOME": str(home)})
    report = json.loads(measured["stdout"])
    rate = _rate(measured, report["accounting"]) | _writer(report)
    return info.uri, {**rate, "server_start_seconds": startup}


def _depth(store: GraphStore, node_id: str) -> int:
    return store.expand([node_id], Direction.UP, max_depth=40, max_nodes=2000).depth_reached


def stratified_subjects(store: GraphStore, count: int, seed: int) -> dict[str, list[str]]:
    """Up to ``count`` entity subjects, spread over the depth buckets."""
    rng = random.Random(seed)
    candidates: list[str] = []
    for seen, node in enumerate(store.iter_nodes(NodeKind.ENTITY)):
        if len(candidates) < 4000:
            candidates.append(node.id)
        else:
            slot = rng.randrange(seen + 1)
            if slot < 4000:
                candidates[slot] = node.id
    rng.shuffle(candidates)
    per_bucket = max(1, count // len(DEPTH_BUCKETS))
    buckets: dict[str, list[str]] = {label: [] for _, _, label in DEPTH_BUCKETS}
    for node_id in candidates:
        depth = _depth(store, node_id)
        for low, high, label in DEPTH_BUCKETS:
            if low <= depth <= high and len(buckets[label]) < per_bucket:
                buckets[label].append(node_id)
        if all(len(v) >= per_bucket for v in buckets.values()):
            break
    return buckets


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "n": len(samples),
        "p50_ms": round(pick(0.50), 3),
        "p95_ms": round(pick(0.95), 3),
        "p99_ms": round(pick(0.99), 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def query_latencies(
    uri: str, count: int, seed: int, *, naive: bool = False, path_queries: int = 40
) -> dict[str, Any]:
    store = open_store(load_settings(store=uri), readonly=True)
    try:
        buckets = stratified_subjects(store, count, seed)
        ubo: dict[str, Any] = {}
        everything: list[float] = []
        pairs: list[tuple[str, str]] = []
        for label, subjects in buckets.items():
            samples = []
            for subject in subjects:
                _timed(lambda s=subject: ubo_report(store, s))  # warm
                samples.append(_timed(lambda s=subject: ubo_report(store, s)))
                owners = ubo_report(store, subject).owners
                if owners:
                    pairs.append((owners[-1].party.id, subject))
            ubo[label] = percentiles(samples)
            everything += samples
        ubo["all"] = percentiles(everything)
        paths = [
            _timed(lambda a=a, b=b: find_paths(store, a, b))  # the defaults users get
            for a, b in pairs[:path_queries]
        ]
        scan_started = time.perf_counter()
        nodes = sum(1 for _ in store.iter_nodes())
        edges = sum(1 for _ in store.iter_edges())
        scan = {
            "nodes": nodes,
            "edges": edges,
            "seconds": round(time.perf_counter() - scan_started, 2),
        }
        result = {"ubo": ubo, "paths": percentiles(paths), "scan": scan}
        if naive:
            from benchmarks.naive_cypher import naive_latencies

            result["naive_cypher"] = naive_latencies(store, buckets)
        return result
    finally:
        store.close()
