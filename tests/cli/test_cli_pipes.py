"""Commands in shell pipelines: a reader that stops early (``| head``) is not an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files


@pytest.fixture
def store_file(tmp_path: Path) -> str:
    path = str(tmp_path / "graph.sqlite")
    records = [entity("ent-a", "Alpha Ltd"), person("per-ann", "Ann Alder")]
    records.append(owns("rel-ann-a", "per-ann", "ent-a", {"exact": 60}))
    store = EmbeddedStore(path)
    import_files(store, [write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "q.jsonl")
    store.close()
    return path


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_a_reader_that_closes_the_pipe_early_leaves_exit_code_0(
    store_file: str, as_json: bool
) -> None:
    args = [sys.executable, "-m", "bo_graph", "ubo", "ent-a", "--store", store_file]
    with subprocess.Popen(
        args + (["--json"] if as_json else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.close()  # before the command, still starting, writes its answer
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err
