"""The command line as a user runs it: exit codes, JSON output, messages."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path

from tests.conftest import SAMPLES
from tests.factory import entity, owns, person


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bo_graph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_then_query_the_sample_case(tmp_path: Path) -> None:
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "read 95 = loaded 95 + quarantined 0 + duplicates 0" in done.stdout
    stats = json.loads(run("stats", "--json", cwd=tmp_path).stdout)
    assert stats["statements"] == 95 and stats["nodes_by_kind"]["person"] == 13
    shown = json.loads(run("show", "GB-COH:9471253", "--json", cwd=tmp_path).stdout)
    assert shown["node"]["id"] == "ent-lakeshore-civil"
    owners = {shown["parties"][e["interested_party"]]["name"] for e in shown["owners"]}
    assert "Calder Bridge Holdings Ltd" in owners
    found = json.loads(run("search", "pryce shona", "--json", cwd=tmp_path).stdout)
    assert found["results"][0]["name"] == "Shona Margaret Pryce"


def test_exit_code_3_when_records_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(entity("c1", "Acme")) + "\n{broken\n")
    done = run("import", str(path), "--quarantine", str(tmp_path / "q.jsonl"), cwd=tmp_path)
    assert done.returncode == 3
    assert "read 2 = loaded 1 + quarantined 1 + duplicates 0" in done.stdout
    assert json.loads((tmp_path / "q.jsonl").read_text())["line"] == 2


def test_exit_code_1_for_a_damaged_file_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"statementId": "x"')
    done = run("import", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert "bad.json" in done.stderr and "invalid JSON" in done.stderr


def test_exit_code_2_for_usage_errors_and_ambiguous_refs(tmp_path: Path) -> None:
    assert run("import", "--format", "nope", "x.json", cwd=tmp_path).returncode == 2
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(person(f"p{i}", "John Smith")) for i in range(2)) + "\n")
    run("import", str(path), cwd=tmp_path)
    done = run("show", "John Smith", cwd=tmp_path)
    assert done.returncode == 2 and "p0" in done.stderr and "p1" in done.stderr
    missing = run("show", "Nobody", cwd=tmp_path)
    assert missing.returncode == 2 and "no node" in missing.stderr


def test_strict_stops_with_exit_1_and_the_location(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(entity("c1", "Acme")) + "\n{broken\n")
    done = run("import", "--strict", str(path), cwd=tmp_path)
    assert done.returncode == 1 and "in.jsonl:2" in done.stderr


def cut_gzip(path: Path, text: str, keep: float) -> int:
    """``text`` gzipped into ``path`` and cut after ``keep`` of its bytes; returns how many of
    its lines are still complete."""
    packed = gzip.compress(text.encode())
    path.write_bytes(packed[: int(len(packed) * keep)])
    return zlib.decompressobj(wbits=31).decompress(path.read_bytes()).count(b"\n")


def test_a_truncated_gzip_commits_the_lines_before_the_damage_and_names_it(
    tmp_path: Path,
) -> None:
    complete = cut_gzip(
        tmp_path / "cut.jsonl.gz", (SAMPLES / "case-lakeshore.jsonl").read_text(), 0.3
    )
    assert 0 < complete < 95
    done = run("import", "cut.jsonl.gz", cwd=tmp_path)  # --format auto
    assert done.returncode == 1
    assert f"cut.jsonl.gz: line {complete + 1}: corrupt file" in " ".join(done.stderr.split())
    assert f"read {complete} = loaded {complete} + quarantined 0 + duplicates 0" in done.stdout
    assert json.loads(run("stats", "--json", cwd=tmp_path).stdout)["statements"] == complete


def test_a_fatal_error_still_reports_what_was_committed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    records = [
        entity("c1", "Acme"),
        person("p1", "Ana"),
        owns("r1", "p1", "c1", {"exact": 60}),
        owns("r2", "p1", "c1", {"exact": 150}),
        owns("r3", "p1", "c1", {"exact": 250}),
    ]
    bad.write_text("".join(json.dumps(r) + "\n" for r in records))
    many = "".join(json.dumps(entity(f"e{i}", f"Company {i}")) + "\n" for i in range(300))
    complete = cut_gzip(tmp_path / "cut.jsonl.gz", many, 0.5)
    args = ("import", "bad.jsonl", "cut.jsonl.gz", "--quarantine", "q.jsonl")

    done = run(*args, cwd=tmp_path)
    assert done.returncode == 1
    assert f"cut.jsonl.gz: line {complete + 1}: corrupt file" in " ".join(done.stderr.split())
    assert "bad.jsonl: read 5 = loaded 3 + quarantined 2 + duplicates 0" in done.stdout
    assert f"cut.jsonl.gz: read {complete} = loaded {complete} + quarantined 0" in done.stdout
    total = f"read {5 + complete} = loaded {3 + complete} + quarantined 2 + duplicates 0"
    assert total in done.stdout and "q.jsonl" in done.stdout
    assert len((tmp_path / "q.jsonl").read_text().splitlines()) == 2

    again = run(*args, "--json", cwd=tmp_path)  # the same run again: all duplicates
    assert again.returncode == 1
    report = json.loads(again.stdout)
    counts = {k: report["accounting"][k] for k in ("read", "loaded", "quarantined", "duplicates")}
    assert counts == {
        "read": 5 + complete,
        "loaded": 0,
        "quarantined": 2,
        "duplicates": 3 + complete,
    }
    assert report["files"]["bad.jsonl"]["quarantined"] == 2
    assert report["error"]["file"] == "cut.jsonl.gz"
    assert report["error"]["position"] == f"line {complete + 1}"
    assert "corrupt file" in report["error"]["message"] and report["error"]["exit_code"] == 1
    assert json.loads(run("stats", "--json", cwd=tmp_path).stdout)["statements"] == 3 + complete


def test_show_names_the_far_end_of_a_relationship_the_graph_lacks(tmp_path: Path) -> None:
    """A holding whose subject the register never described is shown by the subject's id, not
    by the holder's own."""
    path = tmp_path / "in.jsonl"
    records = [entity("hold", "Holding Ltd"), owns("r1", "hold", "sub-unknown", {"exact": 60})]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    run("import", str(path), cwd=tmp_path)
    shown = run("show", "hold", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    holds = shown.stdout.split("Holds (1):")[1]
    assert "sub-unknown (not in the graph): shareholding 60%" in holds
