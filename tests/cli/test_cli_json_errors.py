"""``--json`` piped into a JSON reader: an error is a JSON document on stdout too, with the
message and the exit code the command ends with (docs/json.md, "Errors")."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import SAMPLES
from tests.factory import person


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=folder)
    assert done.returncode == 0, done.stderr
    twins = folder / "twins.jsonl"
    twins.write_text("\n".join(json.dumps(person(f"p{i}", "John Smith")) for i in range(2)))
    assert run("import", str(twins), cwd=folder).returncode == 0
    return folder


def error_of(done: object) -> dict[str, object]:
    document = json.loads(done.stdout)  # type: ignore[attr-defined]
    assert list(document) == ["error"]
    error: dict[str, object] = document["error"]
    extra = ["candidates"] if error.get("type") == "AmbiguousRef" else []
    assert sorted(error) == sorted(["exit_code", "message", "type", *extra])
    assert error["exit_code"] == done.returncode  # type: ignore[attr-defined]
    assert str(error["message"]).split()[0] in done.stderr  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("args", "kind", "says"),
    [
        (["ubo", "ent-nobody"], "NotFound", "'ent-nobody': no node"),
        (["paths", "per-malcolm-ashdown", "ent-nobody"], "NotFound", "'ent-nobody'"),
        (["shared", "ent-nobody", "per-malcolm-ashdown"], "NotFound", "'ent-nobody': no node"),
        (["shared", "John Smith", "per-malcolm-ashdown"], "AmbiguousRef", "matches 2 nodes"),
        (["show", "John Smith"], "AmbiguousRef", "matches 2 nodes"),
        (["holdings", "per-malcolm-ashdown", "--as-of", "2022-13-01"], "UsageError", "2022-13"),
        (["search", "x", "--store", "README.md"], "StoreError", "expected a bo-graph"),
        (["export", "ent-nobody"], "NotFound", "'ent-nobody': no node"),
    ],
    ids=[
        "unknown-id",
        "unknown-target",
        "shared-unknown",
        "shared-ambiguous",
        "ambiguous-name",
        "bad-date",
        "not-a-store",
        "export-unknown",
    ],
)
def test_an_error_with_json_is_a_json_document_on_stdout(
    sample_store: Path, args: list[str], kind: str, says: str
) -> None:
    if "README.md" in args:
        (sample_store / "README.md").write_text("# not a store\n")
    done = run(*args, "--json", cwd=sample_store)
    assert done.returncode in (1, 2), done.stderr
    error = error_of(done)
    assert error["type"] == kind and says in str(error["message"])


def test_an_ambiguous_ref_lists_the_ids_to_choose_from(sample_store: Path) -> None:
    done = run("ubo", "John Smith", "--json", cwd=sample_store)
    assert done.returncode == 2
    assert sorted(error_of(done)["candidates"]) == ["p0", "p1"]  # type: ignore[arg-type]


def test_without_json_an_error_leaves_stdout_empty(sample_store: Path) -> None:
    done = run("show", "ent-nobody", cwd=sample_store)
    assert done.returncode == 2 and done.stdout == "" and "no node" in done.stderr


def test_another_programs_sqlite_file_is_named_as_no_store(sample_store: Path) -> None:
    other = sample_store / "accounts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER)")
    done = run("stats", "--store", str(other), "--json", cwd=sample_store)
    assert done.returncode == 1
    message = str(error_of(done)["message"])
    assert "expected a bo-graph embedded store, found an SQLite database without" in message
