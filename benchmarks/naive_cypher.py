"""The naive UBO question as one Cypher pattern, as public tools write it: every variable-length
path from the subject up to a person, multiplying the shares along the path with ``reduce`` and
summing per person. Run side by side with the engine on the same Neo4j, and compared with it."""

from __future__ import annotations

import time
from typing import Any

from bo_graph.analysis import ubo_report
from bo_graph.store.base import GraphStore

NAIVE_UBO = (
    "MATCH p = (c:Party {id: $id})<-[:HOLDS*1..20]-(o:Party {kind: 'person'}) "
    "WHERE all(r IN relationships(p) WHERE NOT r.closed AND r.share_min IS NOT NULL) "
    "RETURN o.id AS owner, "
    "sum(reduce(s = 1.0, r IN relationships(p) | s * r.share_min / 100.0)) * 100 AS share"
)


def _naive(driver: Any, subject: str) -> dict[str, float]:
    records, _, _ = driver.execute_query(NAIVE_UBO, id=subject, routing_="r")
    return {r["owner"]: float(r["share"]) for r in records}


def naive_latencies(store: GraphStore, buckets: dict[str, list[str]]) -> dict[str, Any]:
    """Latency of the naive query and of the engine per depth bucket, and where they disagree."""
    connection = getattr(store, "connection", None)
    driver = getattr(connection, "driver", None)
    if driver is None:
        return {"skipped": "the store has no Neo4j driver"}
    out: dict[str, Any] = {}
    for label, subjects in buckets.items():
        naive_ms, engine_ms, wrong = [], [], 0
        for subject in subjects:
            started = time.perf_counter()
            naive = _naive(driver, subject)
            naive_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            report = ubo_report(store, subject)
            engine_ms.append((time.perf_counter() - started) * 1000)
            engine = {o.party.id: o.share.lo for o in report.owners if o.party.kind == "person"}
            if any(
                abs(naive.get(k, 0.0) - engine.get(k, 0.0)) > 1e-6 for k in set(naive) | set(engine)
            ):
                wrong += 1
        out[label] = {
            "n": len(subjects),
            "naive_p95_ms": _p95(naive_ms),
            "engine_p95_ms": _p95(engine_ms),
            "ratio_p95": round(_p95(naive_ms) / max(_p95(engine_ms), 1e-9), 2)
            if subjects
            else None,
            "naive_differs": wrong,
        }
    return out


def _p95(samples: list[float]) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3)
