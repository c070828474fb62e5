"""The audit trail from the command line: every command that opens a store is written down
(who, when, what, on which store and tier) before it is answered, and nothing is answered
when it cannot be written."""

from __future__ import annotations

import errno
import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bo_graph.cli import main
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
        assert line["cwd"] == str(tmp_path)
    assert ubo["threshold"] == 25.0, "the default the answer applied"
    assert "threshold" not in imported and "threshold" not in search, "none applies"
    assert stat.S_IMODE(audit.stat().st_mode) == 0o600, "readable by its owner only"


def test_the_threshold_written_down_is_the_one_the_answer_used(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    lakeshore = str(SAMPLES / "case-lakeshore.jsonl")
    assert run_audited(audit, "import", lakeshore, cwd=tmp_path).returncode == 0
    ubo = run_audited(audit, "ubo", "ent-lakeshore-civil", "--threshold", "30", "--json",
                      cwd=tmp_path)  # fmt: skip
    assert ubo.returncode == 0 and json.loads(ubo.stdout)["threshold"]["percent"] == 30.0
    for args in (
        ("flags", "ent-lakeshore-civil", "--param", "threshold=10"),
        ("flags", "ent-lakeshore-civil", "--param", "OPQ-SPLIT-HOLDING.threshold=20"),
        ("scan", "--rules", "OPQ-BELOW-THRESHOLD"),
        ("show", "ent-lakeshore-civil"),
        ("stats",),
    ):
        assert run_audited(audit, *args, cwd=tmp_path).returncode == 0, args
    lines = [json.loads(line) for line in audit.read_text().splitlines()][1:]
    assert [line.get("threshold") for line in lines] == [
        30.0,
        10.0,
        # one per rule when they differ
        {"OPQ-BELOW-THRESHOLD": 25.0, "OPQ-SPLIT-HOLDING": 20.0, "OPQ-REGISTER-DISCREPANCY": 25.0},
        25.0,
        None,  # no threshold applies to show or stats: none is written down
        None,
    ]
    assert lines[0]["params"]["threshold"] == 30.0


def test_an_existing_trail_others_may_read_is_made_the_owners_only(tmp_path: Path) -> None:
    """A trail made by touch, an installer or log rotation names whom a user looked up."""
    assert run_audited(tmp_path / "own.jsonl", "import", str(SAMPLES / "case-lakeshore.jsonl"),
                       cwd=tmp_path).returncode == 0  # fmt: skip
    for mode in (0o644, 0o666):
        audit = tmp_path / f"audit-{mode:o}.jsonl"
        audit.write_text("")
        audit.chmod(mode)
        done = run_audited(audit, "search", "lakeshore", cwd=tmp_path)
        assert done.returncode == 0 and "Lakeshore" in done.stdout
        assert json.loads(audit.read_text())["params"]["text"] == "lakeshore"
        assert stat.S_IMODE(audit.stat().st_mode) == 0o600, f"{mode:o} left as it was"


def test_a_trail_others_may_read_that_cannot_be_tightened_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone else's file (only its owner may change its mode): nothing is answered."""
    assert run_audited(tmp_path / "own.jsonl", "import", str(SAMPLES / "case-lakeshore.jsonl"),
                       cwd=tmp_path).returncode == 0  # fmt: skip
    audit = tmp_path / "shared.jsonl"
    audit.write_text("")
    audit.chmod(0o666)

    def not_the_owner(fd: int, mode: int) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "fchmod", not_the_owner)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BO_GRAPH_AUDIT_LOG", str(audit))
    monkeypatch.setattr(sys, "argv", ["bo-graph", "ubo", "ent-lakeshore-civil", "--json"])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    assert exited.value.code == 1 and audit.read_text() == ""
    assert list(json.loads(out)) == ["error"], "the --json error document, no answer"
    assert json.loads(out)["error"]["type"] == "AuditError"
    message = " ".join(err.split())  # the console wraps long lines
    user = pwd.getpwuid(os.getuid()).pw_name
    assert f"{audit}: expected an audit trail (BO_GRAPH_AUDIT_LOG) only its owner can" in message
    assert f"(mode 0600, owned by {user}), found mode 0666 owned by" in message
    assert "nothing was answered" in message


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
