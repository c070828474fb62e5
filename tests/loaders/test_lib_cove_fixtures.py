"""lib-cove-bods' fixtures: the schema findings its tests assert (reference_data README §2).

lib-cove-bods counts schema errors per package; we validate statement by statement, so the
counts below are the documented ones where both count the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.bods import detect_version
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.helpers import read_all, split

FIXTURES = REFERENCE / "lib-cove-bods" / "fixtures"


def _errors(path: Path) -> list[str]:
    statements = json.loads(path.read_text())
    return [str(e) for s in statements for e in schema_errors(s, detect_version(s))]


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("0.1/basic_1.json", 0),
        ("0.1/basic_2.json", 0),
        ("0.1/basic_missing_statement_ids.json", 3),
        ("0.1/basic_statement_id_and_type_errors.json", 5),
        ("0.2/bad_statement_id_type.json", 1),
        ("0.4/basic_1.json", 0),
        ("0.4/sample_300_statements.json", 0),
        ("0.4/entity_sub_type_does_not_align_1.json", 1),
        ("0.999/basic_1.json", 0),
    ],
)
def test_schema_error_counts_match_lib_cove_bods(reference: Path, name: str, count: int) -> None:
    path = FIXTURES / name
    if not path.exists():
        path = next(path.parent.glob("*.json"))
    assert len(_errors(path)) == count


def test_documented_error_messages(reference: Path) -> None:
    assert any(
        "{} is not of type 'string'" in e
        for e in _errors(FIXTURES / "0.2/bad_statement_id_type.json")
    )
    assert any(
        "'trust' is not one of ['other']" in e
        for e in _errors(FIXTURES / "0.4/entity_sub_type_does_not_align_1.json")
    )


def test_additional_fields_are_reported(reference: Path) -> None:
    errors = _errors(FIXTURES / "0.1/basic_additional_fields_1.json")
    assert len(errors) == 1 and "'cats', 'dogs'" in errors[0]


@pytest.mark.parametrize("folder", ["0.3.0", "blank", "dict"])
def test_malformed_bods_version_is_reported_and_detected_from_shape(
    reference: Path, folder: str
) -> None:
    path = next((FIXTURES / folder).glob("*.json"))
    errors = _errors(path)
    assert len(errors) == 3 and all("bodsVersion" in e for e in errors)
    statements, rejected, warned = split(read_all(path))
    assert len(statements) == 3 and not rejected  # still loaded: 0.1-0.3 are validated leniently
    assert len(warned) == 3


def test_sample_300_loads_as_100_of_each(reference: Path, tmp_path: Path) -> None:
    from bo_graph.store.embedded import EmbeddedStore
    from tests.helpers import import_files

    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(
        store, [FIXTURES / "0.4/sample_300_statements.json"], tmp_path / "q.jsonl"
    )
    counts = store.counts()
    assert report.accounting.loaded == 300
    assert counts.nodes_by_kind == {"entity": 100, "person": 100}
    assert counts.edges == 100


def test_statements_without_id_or_type_are_quarantined_saying_what_was_found(
    reference: Path,
) -> None:
    """lib-cove-bods reports a missing statementID and an empty statement; the reasons said
    'found None' (Python's word, for a member the statement does not have) and 'found []' for
    the empty object {}."""
    _, rejected, _ = split(read_all(FIXTURES / "0.1/basic_statement_id_and_type_errors.json"))
    assert [(r.position, r.reason) for r in rejected] == [
        (1, "BODS 0.1: statementID: expected a non-empty string, found nothing (no statementID)"),
        (3, "BODS 0.1: statementID: expected a non-empty string, found nothing (no statementID)"),
        (
            4,
            "expected a BODS statement with statementId (0.4) or statementID (0.1-0.3), "
            "found an empty object {}",
        ),
        (5, "BODS 0.1: statementID: expected a non-empty string, found nothing (no statementID)"),
    ]
    _, rejected, _ = split(read_all(FIXTURES / "0.2/bad_statement_id_type.json"))
    assert [r.reason for r in rejected] == [
        "BODS 0.2: statementID: expected a non-empty string, found {}"
    ]
