"""``bo-graph synth``: writes the register and reports it in one line or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bo_graph.cli.synth_cmd import synth_command


def test_synth_writes_the_register_and_prints_one_line(tmp_path: Path) -> None:
    out = tmp_path / "register.jsonl"
    result = CliRunner().invoke(synth_command, ["--companies", "200", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert "200 companies" in result.output and str(out) in result.output
    assert out.read_bytes().count(b"\n") > 400


def test_synth_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "register.jsonl.gz"
    args = ["--companies", "200", "--seed", "4", "--out", str(out), "--json"]
    result = CliRunner().invoke(synth_command, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["seed"] == 4 and summary["companies"] == 200
    assert summary["bytes_written"] == out.stat().st_size
    assert set(summary["by_record_type"]) == {"entity", "person", "relationship"}


def test_synth_refuses_too_few_companies(tmp_path: Path) -> None:
    out = tmp_path / "register.jsonl"
    result = CliRunner().invoke(synth_command, ["--companies", "2", "--out", str(out)])
    assert result.exit_code == 2
    assert not out.exists()
