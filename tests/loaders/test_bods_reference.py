"""The BODS loader on the real published files in ../shared/reference_data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bo_graph.exc import ConfigError
from bo_graph.store.embedded import EmbeddedStore
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.helpers import import_files, read_all, split

STANDARD = REFERENCE / "bods-data-standard"
EXAMPLES = sorted(p for p in STANDARD.glob("v0.*/examples/**/*.json") if "workshop" not in str(p))
WORKSHOPS = sorted(STANDARD.glob("v0.*/examples/workshop/modelling-bods-data"))
NOT_STATEMENT_ARRAYS = {"single-direct.json"}  # v0.1 flat-serialisation proposal wrapper


def _statements_in(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text())
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(STANDARD)))
def test_every_official_example_loads_completely(
    reference: Path, path: Path, tmp_path: Path
) -> None:
    if path.name in NOT_STATEMENT_ARRAYS and "flat-serialisation" in str(path):
        with pytest.raises(ConfigError, match="cannot tell the format"):
            read_all(path)
        return
    raw = _statements_in(path)
    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(store, [path], tmp_path / "q.jsonl")
    counts = store.counts()
    by_id: dict[object, set[str]] = {}
    for s in raw:
        by_id.setdefault(s.get("statementId") or s.get("statementID"), set()).add(
            json.dumps(s, sort_keys=True)
        )
    # Some official examples reuse a statement id for different content: the second is refused.
    conflicting = sum(len(contents) - 1 for contents in by_id.values())
    assert report.accounting.read == len(raw)
    assert report.accounting.loaded == len(by_id)
    assert report.accounting.quarantined == conflicting
    assert report.accounting.balanced
    assert report.dangling == []
    parties = {s.get("recordId") for s in raw if s.get("recordType") in ("person", "entity")}
    if "recordId" in raw[0]:
        unspecified = sum(
            1
            for s in raw
            if s.get("recordType") == "relationship"
            for end in ("subject", "interestedParty")
            if isinstance(s["recordDetails"].get(end), dict)  # type: ignore[index, union-attr]
        )
        relationships = {s["recordId"] for s in raw if s.get("recordType") == "relationship"}
        assert counts.nodes == len(parties) + unspecified
        assert counts.edges == len(relationships)


@pytest.mark.parametrize("folder", WORKSHOPS, ids=lambda p: p.parts[-4])
def test_workshop_files_reference_each_other_and_conflicts_are_quarantined(
    reference: Path, folder: Path, tmp_path: Path
) -> None:
    """The workshop splits a package into one file per statement (references cross files);
    its package file reuses some statement ids for edited content, which must be refused."""
    files = sorted(folder.glob("*.json"))
    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(store, files, tmp_path / "q.jsonl")
    assert report.accounting.balanced
    assert report.accounting.read == sum(len(_statements_in(f)) for f in files)
    lines = (tmp_path / "q.jsonl").read_text().splitlines() if report.quarantine_file else []
    assert len(lines) == report.accounting.quarantined
    assert all("already stored with different content" in json.loads(x)["reason"] for x in lines)
    assert store.counts().edges >= 2


def test_v04_invalid_statements_are_quarantined_with_the_expected_error(
    reference: Path, tmp_path: Path
) -> None:
    folder = STANDARD / "v0.4" / "tests" / "data" / "invalid-statements"
    rows = list(csv.reader((folder / "expected_errors.csv").open()))
    assert len(rows) == 192
    for name, keyword, path, _field in rows:
        if name == "statements_not_array.json":
            continue  # a file-level shape, covered below
        items = read_all(folder / name)
        _, rejected, _ = split(items)
        assert rejected, f"{name}: expected a quarantined record"
        data = _statements_in(folder / name)
        errors = [
            (e.keyword, e.path.replace("$", f"$[{i}]", 1))
            for i, s in enumerate(data)
            for e in schema_errors(s, "0.4")
        ]
        assert errors == [(keyword, path)], name
        assert keyword in rejected[0].reason or "schema" in rejected[0].reason


def test_a_single_statement_object_loads_with_a_warning(reference: Path) -> None:
    path = STANDARD / "v0.4/tests/data/invalid-statements/statements_not_array.json"
    statements, rejected, warned = split(read_all(path))
    assert len(statements) == 1 and not rejected
    assert "array of statements" in warned[0].warnings[0]


def test_v04_valid_statements_load_without_quarantine(reference: Path) -> None:
    folder = STANDARD / "v0.4" / "tests" / "data" / "valid-statements"
    files = sorted(folder.glob("*.json"))
    assert len(files) == 111
    for path in files:
        _, rejected, _ = split(read_all(path))
        assert rejected == [], f"{path.name}: {rejected[0].reason if rejected else ''}"


@pytest.mark.parametrize("version", ["v0.1", "v0.2", "v0.3"])
def test_legacy_invalid_fixtures_raise_schema_errors(reference: Path, version: str) -> None:
    invalid = sorted((STANDARD / version / "tests" / "data").glob("*/invalid/*.json"))
    assert invalid
    for path in invalid:
        errors = [e for s in _statements_in(path) for e in _legacy_errors(s, version)]
        assert errors, f"{path.name}: expected at least one schema error"


@pytest.mark.parametrize("version", ["v0.1", "v0.2", "v0.3"])
def test_legacy_valid_fixtures_pass_the_schema(reference: Path, version: str) -> None:
    valid = sorted((STANDARD / version / "tests" / "data").glob("*/valid/*.json"))
    assert valid
    for path in valid:
        if version == "v0.1" and path.name == "ownership-or-control-statement-annotations.json":
            continue  # an entity statement mislabelled as ownership: it has no subject at all
        for statement in _statements_in(path):
            assert _legacy_errors(statement, version) == [], path.name


def _legacy_errors(statement: dict[str, object], version: str) -> list[object]:
    return list(schema_errors(statement, version.removeprefix("v")))


def test_replacement_chain_keeps_one_record_with_history(reference: Path, tmp_path: Path) -> None:
    """0.2 example 2: an ownership statement is replaced by a later one."""
    path = STANDARD / "v0.2" / "examples" / "2-single-update.json"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [path], tmp_path / "q.jsonl")
    raw = _statements_in(path)
    replacing = [s["statementID"] for s in raw if s.get("replacesStatements")]
    edges = list(store.iter_edges())
    # One ownership statement is replaced by two: both are current relationships.
    assert sorted(e.id for e in edges) == sorted(replacing)  # type: ignore[type-var]
