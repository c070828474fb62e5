"""The public Python API (``bo_graph/__init__.py``): its documented example runs on the sample
registers and answers what the command line answers, as typed results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bo_graph
from bo_graph.store.embedded import EmbeddedStore
from tests.conftest import SAMPLES
from tests.helpers import import_files


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    store = EmbeddedStore(str(folder / "case.sqlite"))
    import_files(store, sorted(SAMPLES.glob("*.jsonl")), folder / "q.jsonl")
    store.close()
    return folder / "case.sqlite"


def documented_example() -> str:
    doc = bo_graph.__doc__ or ""
    block = doc.split("::\n", 1)[1]
    lines = [line[4:] for line in block.splitlines() if line.startswith("    ") or not line]
    return "\n".join(lines)


def test_the_documented_example_runs_and_answers_as_the_cli(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = documented_example().replace('"case.sqlite"', repr(str(sample_file)))
    names: dict[str, object] = {}
    exec(compile(code, "bo_graph.__doc__", "exec"), names)  # our own docstring's example
    assert "Graham Robert Ashdown" in names["owners"]  # type: ignore[operator]
    assert {n.id for n in names["bvi"]} == {"ent-sable-reach", "ent-nomination-sable"}  # type: ignore[attr-defined]
    assert isinstance(names["report"], bo_graph.UboReport)
    assert isinstance(names["paths"], bo_graph.PathsReport) and names["paths"].total >= 1
    assert isinstance(names["held"], bo_graph.HoldingsReport)
    assert isinstance(names["flags"], bo_graph.FlagReport)
    assert isinstance(names["common"], bo_graph.SharedReport)
    assert "Malcolm James Ashdown" in names["in_both"]  # type: ignore[operator]
    assert "'nobody': no node" in capsys.readouterr().out


def test_every_name_the_api_lists_is_importable_and_documented() -> None:
    for name in bo_graph.__all__:
        value = getattr(bo_graph, name)
        assert callable(value) or isinstance(value, type), name
        assert (getattr(value, "__doc__", None) or "").strip(), f"{name} has no docstring"
    used = set(re.findall(r"\b([A-Za-z_]+)\b", documented_example()))
    assert {"ubo_report", "find_paths", "holdings_report", "flags_report", "shared_report"} <= used
