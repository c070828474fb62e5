"""The audit trail from the command line: every command that opens a store is written down
(who, when, what, on which store and tier) before it is answered, and nothing is answered
when it cannot be written."""

from __future__ import annotations

import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES


def run_audited(
    audit: Path, *args: str, cwd: Path, tier: str = "authority"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BO_GRAPH_AUDIT_LOG": str(audit), "BO_GRAPH_TIER": tier}
    return subprocess.run(
        [sys.executable, "-m", "bo_graph", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_each_command_is_written_down_with_its_parameters(tmp_path: Path) -> None:
    audit = tmp_path / "logs" / "audit.jsonl"
    audit.parent.mkdir()
    samples = [str(p) for p in sorted(SAMPLES.glob("*.jsonl"))]
    assert run_audited(audit, "import", *samples, cwd=tmp_path).returncode == 0
    assert (
        run_audited(
            audit, "ubo", "GB-COH:09471253", "--as-of", "2022-06-30", cwd=tmp_path
        ).returncode
        == 0
    )
    assert run_audited(audit, "search", "pryce", cwd=tmp_path, tier="public").returncode == 0
    assert run_audited(audit, "rules", cwd=tmp_path).returncode == 0  # reads no register data
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [line["action"] for line in lines] == ["import", "ubo", "search"]
    imported, ubo, search = lines
    assert [Path(p).name for p in imported["params"]["paths"]] == [Path(p).name for p in samples]
    assert ubo["params"]["ref"] == "GB-COH:09471253" and ubo["params"]["as_of"] == "2022-06-30"
    assert search["params"]["text"] == "pryce" and search["tier"] == "public"
    user = pwd.getpwuid(os.getuid()).pw_name
    for line in lines:
        assert line["user"] == user and line["tool"] == "cli"
        assert line["store"] == ".bo-graph/graph.sqlite" and line["at"].endswith("Z")
        assert line["cwd"] == str(tmp_path) and line["threshold"] == 25.0
    assert stat.S_IMODE(audit.stat().st_mode) == 0o600, "readable by its owner only"


def test_nothing_is_answered_when_the_trail_cannot_be_written(tmp_path: Path) -> None:
    assert (
        run_audited(
            tmp_path / "audit.jsonl", "import", str(SAMPLES / "case-lakeshore.jsonl"), cwd=tmp_path
        ).returncode
        == 0
    )
    blocked = tmp_path / "a-folder"
    blocked.mkdir()
    done = run_audited(blocked, "ubo", "ent-lakeshore-civil", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    message = " ".join(done.stderr.split())  # the console wraps long lines
    assert (
        f"{blocked}: expected a writable audit trail (BO_GRAPH_AUDIT_LOG), found Is a directory"
        in message
    )
    assert "nothing was answered" in message


def test_a_trail_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    """A mistyped path fails instead of starting a trail somewhere else."""
    done = run_audited(tmp_path / "no-such-folder" / "audit.jsonl", "stats", cwd=tmp_path)
    assert done.returncode == 1 and "No such file or directory" in " ".join(done.stderr.split())
    assert not (tmp_path / "no-such-folder").exists()
    blank = run_audited(Path(" "), "stats", cwd=tmp_path)  # type: ignore[arg-type]
    assert blank.returncode == 2 and "expected a file path or nothing" in blank.stderr
