"""kill -9 during a real import subprocess, import again: the result equals a clean import."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity, owns, person
from tests.ingest.test_import import _dump


def _big_register(path: Path, companies: int) -> Path:
    with path.open("w") as out:
        for i in range(companies):
            for record in (
                entity(f"c{i}", f"Company {i} Ltd", number=f"{i:08d}"),
                person(f"p{i}", f"Person {i}"),
                owns(f"r{i}", f"p{i}", f"c{i}", {"exact": 100}),
            ):
                out.write(json.dumps(record) + "\n")
            if i:
                out.write(json.dumps(owns(f"x{i}", f"c{i - 1}", f"c{i}", {"exact": 10})) + "\n")
    return path


def _import(store: Path, data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bo_graph", "import", "--store", str(store), str(data)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _committed(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_9_mid_import_then_rerun_equals_a_clean_import(tmp_path: Path) -> None:
    data = _big_register(tmp_path / "big.jsonl", 20_000)
    env = {**os.environ, "BO_GRAPH_BATCH_SIZE": "1000"}
    crashed = tmp_path / "crashed.sqlite"
    process = _import(crashed, data, env)
    deadline = time.monotonic() + 120
    while _committed(crashed) < 5_000 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _committed(crashed)
    assert 0 < partial < 79_999

    rerun = _import(crashed, data, env)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"duplicates {partial}" in out.decode()

    clean = tmp_path / "clean.sqlite"
    done = _import(clean, data, env)
    done.communicate(timeout=300)
    a, b = EmbeddedStore(crashed, readonly=True), EmbeddedStore(clean, readonly=True)
    assert a.counts() == b.counts()
    assert _dump(a) == _dump(b)
