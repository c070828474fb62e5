"""Options and messages a user can get wrong: impossible dates, a store path that is not a
store file, warnings that are not records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.exc import ConfigError
from bo_graph.model.graph import When
from tests.cli.test_cli import run
from tests.conftest import SAMPLES
from tests.factory import entity


def one_line(text: str) -> str:
    """Messages as one line (the console wraps long ones)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.parametrize(
    "command",
    [["ubo"], ["holdings"], ["flags"], ["shared", "ent-calder-bridge"]],
    ids=lambda command: command[0],
)
def test_a_record_not_yet_known_on_the_date_asked_says_so(
    sample_store: Path, command: list[str]
) -> None:
    """The sample registers' statements start in 2019; asked about 1990, each command says
    that nothing was known of the record by then, not that the id is wrong."""
    done = run(*command, "ent-lakeshore-civil", "--known-at", "1990-01-01", cwd=sample_store)
    assert done.returncode == 2, done.stdout
    message = one_line(done.stderr)
    assert "no statement about this record is dated on or before 1990-01-01" in message
    assert "subgraph" not in message


@pytest.mark.parametrize(
    "command",
    [
        ["ubo", "ent-lakeshore-civil"],
        ["holdings", "ent-lakeshore-civil"],
        ["shared", "ent-lakeshore-civil", "ent-calder-bridge"],
        ["flags", "ent-lakeshore-civil"],
        ["scan"],
    ],
    ids=lambda command: command[0],
)
@pytest.mark.parametrize("option", ["--as-of", "--known-at"])
@pytest.mark.parametrize("day", ["2025-13-01", "2019-02-30", "2025-1-05"])
def test_a_day_that_does_not_exist_is_a_usage_error(
    sample_store: Path, command: list[str], option: str, day: str
) -> None:
    done = run(*command, option, day, cwd=sample_store)
    assert done.returncode == 2, done.stdout
    assert f"Invalid value for '{option}'" in done.stderr
    assert f"expected a calendar date YYYY-MM-DD, found '{day}'" in one_line(done.stderr)


def test_a_leap_day_is_a_day(sample_store: Path) -> None:
    done = run("ubo", "ent-lakeshore-civil", "--as-of", "2020-02-29", cwd=sample_store)
    assert done.returncode == 0, done.stderr
    assert "in effect on 2020-02-29" in done.stdout


def test_the_python_api_refuses_an_impossible_day_too() -> None:
    with pytest.raises(ConfigError, match="as_of: expected a calendar date"):
        When(as_of="2025-13-01")
    with pytest.raises(ConfigError, match="known_at: expected a calendar date"):
        When(known_at="2019-02-30")
    with pytest.raises(ConfigError, match="as_of: expected a calendar date"):
        When(as_of="2025-13")
    assert When(as_of="2024-02-29").effective_date == "2024-02-29"
    assert When(as_of="2021").effective_date == "2021"  # partial, as BODS dates may be
    assert When(known_at="2021-06").effective_date == "2021-06"


def test_a_store_path_that_is_a_folder_is_named_not_a_traceback(tmp_path: Path) -> None:
    done = run("stats", "--store", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "expected a bo-graph embedded store file, found a folder" in one_line(done.stderr)


def test_a_store_path_under_a_file_is_named_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    store = tmp_path / "notes.txt" / "graph.sqlite"
    sample = str(SAMPLES / "case-lakeshore.jsonl")
    done = run("import", "--store", str(store), sample, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "notes.txt to be a folder, found a file" in one_line(done.stderr)


def test_a_warning_is_not_called_a_record(tmp_path: Path) -> None:
    """A BODS file holding one object is read as one statement, with a warning about the file's
    shape: the warning is no record of its own."""
    path = tmp_path / "one.json"
    path.write_text(json.dumps(entity("c1", "Acme"), indent=2))
    done = run("import", str(path), "--quarantine", str(tmp_path / "q.jsonl"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "read 1 = loaded 1 + quarantined 0 + duplicates 0" in done.stdout
    assert "1 warning, not counted as records read:" in one_line(done.stdout)
    assert "records loaded with warnings" not in done.stdout


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_search_limit_below_one_is_a_usage_error(sample_store: Path, limit: str) -> None:
    """`--limit 0` answered 'no party matches' for a name in the store, and `--limit -1`
    listed every match: neither is what was asked."""
    done = run("search", "ltd", "--limit", limit, cwd=sample_store)
    assert done.returncode == 2, done.stdout
    assert "--limit" in done.stderr
    assert "no party matches" not in done.stdout


def test_a_search_limit_caps_the_parties_listed(sample_store: Path) -> None:
    done = run("search", "ltd", "--limit", "3", "--json", cwd=sample_store)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["results"]) == 3


def test_a_csv_register_without_its_mapping_is_refused_before_a_store_is_made(
    tmp_path: Path,
) -> None:
    """`--format csv` without `--mapping` is a usage error: it made an empty store file and
    printed 'read 0 = ...' and 'stopped by a fatal error' before saying what was missing."""
    register = tmp_path / "register.csv"
    register.write_text("id,name\n1,Example Ltd\n")
    done = run("import", "--format", "csv", str(register), cwd=tmp_path)
    assert done.returncode == 2, done.stdout
    assert "--mapping" in one_line(done.stderr)
    assert "read 0" not in done.stdout and "fatal" not in done.stdout
    assert not (tmp_path / ".bo-graph").exists()


def test_search_narrowed_by_kind_and_jurisdiction(sample_store: Path) -> None:
    """Of the sample case's five companies named Holdings, the two of the British Virgin
    Islands; of the Ashdowns, the one who lives in Monaco (nationality United Kingdom)."""
    done = run("search", "holdings", "--jurisdiction", "VG", "--json", cwd=sample_store)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert sorted(r["id"] for r in found["results"]) == ["ent-nomination-sable", "ent-sable-reach"]
    assert set(found) == {"query", "results"}  # the document search --json always printed
    monaco = run("search", "ashdown", "--kind", "person", "--jurisdiction", "mc", cwd=sample_store)
    assert [line.split(" (")[0] for line in monaco.stdout.splitlines()] == ["Malcolm James Ashdown"]
    none = run("search", "holdings", "--kind", "person", "--jurisdiction", "VG", cwd=sample_store)
    assert none.stdout.strip() == "no party matches 'holdings' (kind person, jurisdiction VG)"


@pytest.mark.parametrize(
    ("option", "expected", "found"),
    [
        (["--kind", "company"], "is not one of 'person', 'entity', 'unspecified'", "'company'"),
        (["--jurisdiction", "BVI"], "expected a country code of 2 letters (VG)", "found 'BVI'"),
        (["--jurisdiction", "US-"], "a subdivision of 1-3 letters or digits", "found 'US-'"),
    ],
)
def test_a_search_filter_it_cannot_use_is_a_usage_error(
    tmp_path: Path, option: list[str], expected: str, found: str
) -> None:
    """Checked before the store is opened: a usage error even in a folder without a store."""
    done = run("search", "holdings", *option, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    message = one_line(done.stderr)
    assert expected in message and found in message, message


def test_a_file_of_no_known_format_is_refused_before_any_file_is_written(
    tmp_path: Path,
) -> None:
    """Given a register and a JSON file of no format bo-graph reads (a Danish register API
    response), the import wrote the register and then stopped at the other file: a half
    import. It now refuses both, naming the file, before the store is made."""
    other = tmp_path / "response.json"
    other.write_text(json.dumps({"hits": {"total": 0, "hits": []}}))
    done = run("import", str(SAMPLES / "case-lakeshore.jsonl"), str(other), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    message = one_line(done.stderr)
    assert f"{other}: cannot tell the format from the content" in message, message
    assert not (tmp_path / ".bo-graph" / "graph.sqlite").exists(), "nothing was written"
