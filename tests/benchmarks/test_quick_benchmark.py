"""The quick benchmark runs and writes its results (no timing is asserted: that is what the
benchmark's own report is for)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_quick_benchmark_runs_and_writes_results() -> None:
    results = REPO / "benchmarks" / "results" / "quick.json"
    results.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--no-docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text())
    (run,) = data["runs"]
    assert run["import_embedded"]["statements"] == run["import_embedded"]["loaded"] > 1000
    assert run["import_embedded"]["peak_rss_mib"] > 0
    assert run["queries_embedded"]["ubo"]["all"]["n"] > 0
    assert "statements_per_second" in run["import_embedded"]
    assert run["opacity_scan"]["subjects"] > 0 and run["opacity_scan"]["flags"] > 0
    psc = data["psc"]
    assert psc["lines"] == 2000 and psc["loaded"] == psc["statements"] > 2000
    assert psc["full_snapshot_hours"] > 0


def test_analysis_chain_benchmark_runs_and_both_solvers_give_the_same_report() -> None:
    results = REPO / "benchmarks" / "out" / "analysis_chain.json"
    results.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "benchmarks/analysis_chain.py", "--lengths", "12", "--repeat", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (run,) = json.loads(results.read_text())["runs"]
    assert (run["length"], run["parties"], run["relationships"]) == (12, 24, 23)
    assert run["same_reports"] is True
