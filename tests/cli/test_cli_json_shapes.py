"""``--json`` as docs/json.md documents it: every documented key of a node, on every node of
its kind, and options that would give an answer the documentation does not describe."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bo_graph.cli import main
from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files


@pytest.fixture
def store_file(tmp_path: Path) -> str:
    path = str(tmp_path / "graph.sqlite")
    records = [
        entity("ent-a", "Alpha Holdings Ltd", number="01234567"),
        person("per-ann", "Ann Alder"),
        person("per-abe", "Abe Alder"),
        owns("rel-ann-a", "per-ann", "ent-a", {"exact": 60}),
        owns("rel-abe-a", "per-abe", "ent-a", {"exact": 40}),
    ]
    store = EmbeddedStore(path)
    import_files(store, [write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "q.jsonl")
    store.close()
    return path


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["bo-graph", *args])
    code = 0
    try:
        main()
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_person_node_has_political_exposure_null_when_not_stated(
    store_file: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_main(monkeypatch, capsys, "show", "ent-a", "--store", store_file, "--json")
    assert code == 0
    parties: dict[str, dict[str, Any]] = json.loads(out)["parties"]
    persons = [parties["per-ann"], parties["per-abe"]]
    assert [p["political_exposure"] for p in persons] == [None, None]
    company = json.loads(out)["node"]
    assert "political_exposure" not in company, "persons only"


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_search_refuses_a_limit_below_one(
    store_file: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    limit: str,
) -> None:
    """``--limit -1`` listed every match (SQLite's LIMIT -1) and ``--limit 0`` none."""
    args = ("search", "alder", "--limit", limit, "--store", store_file, "--json")
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code == 2 and "--limit" in err
    assert json.loads(out)["error"]["type"] == "UsageError"
