"""BODS 0.4 semantic checks (loaders.bods_checks) on lib-cove-bods' additional-checks fixtures.

The file prefix names the rule an ``-invalid-`` file breaks; the MANIFEST gives the number of
findings lib-cove-bods' tests assert for it (reference_data README §2). Where our count differs,
``TOTAL_DIFFERS`` says why.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import weakref
from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.loading import Rejected, Warned
from bo_graph.model.statement import Statement
from loaders.bods import read
from loaders.bods_checks import BodsChecker, Finding

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference_data"
FIXTURES = REFERENCE / "lib-cove-bods" / "fixtures" / "0.4" / "additional-checks"
STANDARD = REFERENCE / "bods-data-standard" / "v0.4"
TODAY = "2026-11-22"

SHARE = "statement_relationship_interests_"
BIRTH = "statement_person_birth_date_in_future statement_person_birth_date_too_far_in_past"
PERSON_SCHEME = (
    "person_identifiers_invalid_composition person_identifiers_not_passport_taxid_idcard "
    "person_identifiers_no_valid_iso_3166_1_alpha_3_code"
)
COMPONENT = "statement_{}_is_component_not_in_component_details"
#: file prefix -> the lib-cove-bods check types of the rule it breaks
PREFIX_CODES: dict[str, set[str]] = {
    prefix: set(codes.split())
    for prefix, codes in {
        "annotiation_statement_pointer_target": "annotation_statement_pointer_target_invalid",
        "interested_party_person_with_beneficial_ownership_or_control":
            "interest_beneficial_ownership_interested_party_not_person",
        "relationship_interest_for_trusts": "relationship_interests_subject_should_be_entity_trust",
        "relationship_interest_nominee_or_nominator":
            "relationship_interests_subject_should_be_entity_nomination_arrangement",
        "retrievedat_not_future_date": "statement_source_retrieved_at_future_date",
        "statement_annotation_creation_date_future_date":
            "statement_annotation_creation_date_is_future_date",
        "statement_date_not_future_date": "statement_date_is_future_date",
        "statement_declaration_subject": "statement_declaration_subject_not_exist "
            "statement_declaration_subject_not_entity_person",
        "statement_duplicate_statement_id": "duplicate_statement_id",
        "statement_entity_foundation_dissolution_dates":
            "statement_entity_dissolution_before_founding_date",
        "statement_entity_identifier_scheme_known": "entity_identifiers_not_known_scheme",
        "statement_entity_is_component": COMPONENT.format("entity"),
        "statement_entity_securities_listings_haspubliclisting_not_false":
            "statement_entity_securities_listings_haspubliclisting_is_false",
        "statement_must_have_unique_statement_identifier": "duplicate_statement_id",
        "statement_person_birth_date_sensible": BIRTH,
        "statement_person_sensible_birth_date": BIRTH,
        "statement_person_date_of_death_sane": "statement_person_death_date_not_sensible_value",
        "statement_person_identifiers_have_correct_scheme": PERSON_SCHEME,
        "statement_person_identifiers_correct_scheme": PERSON_SCHEME,
        "statement_person_is_component": COMPONENT.format("person"),
        "statement_publication_date_future_date": "statement_publication_date_is_future_date",
        "statement_relationship_component_records_are_record_ids":
            "component_record_is_statement_id component_record_id_not_in_dataset",
        "statement_relationship_interested_party_entity_or_person":
            "interested_party_must_be_record_id "
            "interested_party_can_only_refer_to_entity_or_person",
        "statement_relationship_interests_share_values": " ".join(
            f"{SHARE}{c}" for c in ("share_min_and_exclusivemin", "share_max_and_exclusivemax",
                                    "exact_has_min_max", "not_exact_max_greater_than_min",
                                    "exact_max_equals_min")
        ),
        "statement_relationship_interests_start_end_dates": f"{SHARE}start_after_end_date",
        "statement_relationship_is_component": COMPONENT.format("relationship"),
        "statement_relationship_subject_refers_to_entity_statement":
            "subject_must_be_record_id subject_can_only_refer_to_entity",
        # -invalid-3/-4 point at a record absent from the file: lib-cove-bods compares the
        # positions of records present only, and reports an absent one as not a recordId
        "statement_serialisation": "relationship_subject_not_before_relationship_in_dataset "
            "relationship_interested_party_not_before_relationship_in_dataset "
            "subject_must_be_record_id interested_party_must_be_record_id",
        "statement_series": "multiple_statements_in_series_with_record_status_new "
            "statement_with_record_status_new_must_be_first "
            "multiple_statements_in_series_with_record_status_closed "
            "statement_with_record_status_closed_must_be_last "
            "statements_in_series_with_different_record_types",
    }.items()
}  # fmt: skip
#: fixture -> our count, where it differs from lib-cove-bods' asserted one:
#: -invalid-1 of annotiation_*: the person's declarationSubject is missing too (lib-cove-bods
#: checks pointers on entities only, so its one finding is that declarationSubject);
#: component_records_* -invalid-1/-2: an isComponent record (entity d4ab89ea169a, relationship
#: 4cf2837bd01f) is listed nowhere as well
TOTAL_DIFFERS = {
    "annotiation_statement_pointer_target-invalid-1": 2,
    "statement_relationship_component_records_are_record_ids-invalid-1": 2,
    "statement_relationship_component_records_are_record_ids-invalid-2": 2,
}
#: unreferenced "valid" files whose declarationSubject c359f58d2977 is not in the file
VALID_WITH_MISSING_DECLARATION_SUBJECT = {
    "statement_person_identifiers_correct_scheme-valid-1",
    "statement_person_identifiers_correct_scheme-valid-2",
    "statement_person_sensible_birth_date-valid-1",
}
#: unreferenced "invalid" files that put `identifiers` beside recordDetails, where BODS 0.4 has
#: none (lib-cove-bods finds nothing there either)
INVALID_WITHOUT_THEIR_FINDING = {
    "statement_person_identifiers_correct_scheme-invalid-1",
    "statement_person_identifiers_correct_scheme-invalid-2",
}


def need_reference() -> None:
    if FIXTURES.is_dir():
        return
    message = f"{FIXTURES} is missing (the shared reference data sits beside the repo)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _manifest() -> dict[str, tuple[int | None, bool]]:
    """fixture stem -> (asserted number of checks, referenced by a lib-cove-bods test)."""
    path = REFERENCE / "MANIFEST.csv"
    if not path.exists():
        return {}
    out: dict[str, tuple[int | None, bool]] = {}
    for row in csv.DictReader(path.open()):
        if "/0.4/additional-checks/" in row["path"]:
            counted = re.search(r"additional checks=(\d+)", row["expected_result"])
            stem = Path(row["path"]).stem
            out[stem] = (int(counted[1]) if counted else None, "[test_" in row["expected_result"])
    return out


MANIFEST = _manifest()
FILES = sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []
VALID = [p for p in FILES if "-valid-" in p.name]
INVALID = [p for p in FILES if "-invalid-" in p.name]
REFERENCED = [p for p in INVALID if MANIFEST.get(p.stem, (None, False))[1]]
UNREFERENCED = [p for p in INVALID if p not in REFERENCED]
STANDARD_FILES = (
    sorted((STANDARD / "tests" / "data" / "valid-statements").glob("*.json"))
    + sorted((STANDARD / "examples").rglob("*.json"))
    if STANDARD.is_dir()
    else []
)


def _ids(path: Path) -> str:
    return path.stem


def _prefix(path: Path) -> str:
    return path.stem.rsplit("-", 2)[0]


def check_file(path: Path, today: str = TODAY) -> list[Finding]:
    checker = BodsChecker(today=today)
    data = json.loads(path.read_text())
    findings = [f for i, s in enumerate(data, 1) for f in checker.check(s, i)]
    return findings + checker.finish()


def _loaded_findings(path: Path) -> tuple[list[Rejected], list[str]]:
    """What the loader reports: rejected records and warning messages."""
    items = list(read(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    warnings = [w for i in items if isinstance(i, Warned) for w in i.warnings]
    return rejected, warnings


def test_reference_fixtures_are_present() -> None:
    need_reference()
    assert len(FILES) == 122
    assert MANIFEST, "MANIFEST.csv lists the fixtures"
    assert {_prefix(p) for p in FILES} <= PREFIX_CODES.keys()


@pytest.mark.parametrize("path", VALID, ids=_ids)
def test_valid_fixture_gives_no_finding(path: Path) -> None:
    need_reference()
    findings = check_file(path)
    rejected, warnings = _loaded_findings(path)
    assert rejected == []
    if path.stem in VALID_WITH_MISSING_DECLARATION_SUBJECT:  # lib-cove-bods reports it too
        assert [f.code for f in findings] == ["statement_declaration_subject_not_exist"]
        assert len(warnings) == 1 and "c359f58d2977" in warnings[0]
        return
    assert findings == []
    assert warnings == []


@pytest.mark.parametrize("path", REFERENCED, ids=_ids)
def test_invalid_fixture_gives_the_asserted_findings(path: Path) -> None:
    need_reference()
    findings = check_file(path)
    codes = [f.code for f in findings]
    own = [c for c in codes if c in PREFIX_CODES[_prefix(path)]]
    assert len(own) == 1, codes
    expected = TOTAL_DIFFERS.get(path.stem, MANIFEST[path.stem][0])
    assert len(findings) == expected, codes
    rejected, warnings = _loaded_findings(path)
    refused = sum(r.reason.count("BODS 0.4 check ") for r in rejected)
    assert refused + len(warnings) == expected
    assert len(rejected) == sum(1 for f in findings if f.reject)


@pytest.mark.parametrize("path", UNREFERENCED, ids=_ids)
def test_unreferenced_invalid_fixture_breaks_its_rule(path: Path) -> None:
    need_reference()
    codes = [f.code for f in check_file(path)]
    if path.stem in INVALID_WITHOUT_THEIR_FINDING:
        assert not set(codes) & PREFIX_CODES[_prefix(path)]
        return
    assert set(codes) & PREFIX_CODES[_prefix(path)], codes


@pytest.mark.parametrize("path", STANDARD_FILES, ids=lambda p: p.name)
def test_official_v04_statements_are_never_refused(path: Path) -> None:
    need_reference()
    data = json.loads(path.read_text())
    checker = BodsChecker(today=TODAY)
    statements = data if isinstance(data, list) else [data]
    findings = [f for i, s in enumerate(statements, 1) for f in checker.check(s, i)]
    assert [f for f in findings + checker.finish() if f.reject] == []


# --- behaviour on small files -------------------------------------------------------------


def _entity(record_id: str, statement_id: str, **details: Any) -> dict[str, Any]:
    return {
        "statementId": statement_id.rjust(32, "0"),  # the schema wants 32 characters or more
        "declarationSubject": "e1",
        "statementDate": "2020-03-04",
        "recordId": record_id,
        "recordType": "entity",
        "recordDetails": {"isComponent": False, "entityType": {"type": "registeredEntity"}}
        | details,
    }


def _person(record_id: str, statement_id: str, **details: Any) -> dict[str, Any]:
    return _entity(record_id, statement_id) | {
        "recordType": "person",
        "recordDetails": {"isComponent": False, "personType": "knownPerson"} | details,
    }


def _relationship(record_id: str, statement_id: str, subject: str, party: str,
                  **details: Any) -> dict[str, Any]:  # fmt: skip
    return _entity(record_id, statement_id) | {
        "recordType": "relationship",
        "recordDetails": {"isComponent": False, "subject": subject, "interestedParty": party}
        | details,
    }


def _write(tmp_path: Path, statements: list[dict[str, Any]]) -> Path:
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(statements))
    return path


def test_future_dates_depend_on_today() -> None:
    statement = _entity("e1", "s1") | {"source": {"retrievedAt": "2099-01-02T01:00:00Z"}}
    assert [f.code for f in BodsChecker(today=TODAY).check(statement, 1)] == [
        "statement_source_retrieved_at_future_date"
    ]
    assert BodsChecker(today="2099-06-01").check(statement, 1) == []
    assert BodsChecker().check(_entity("e1", "s1"), 1) == []  # today by default


def test_legacy_statements_are_not_checked() -> None:
    legacy = {"statementID": "x", "statementType": "entityStatement", "statementDate": "2999"}
    checker = BodsChecker(today=TODAY)
    assert checker.check(legacy, 1) == []
    assert checker.finish() == []


def test_a_refused_record_is_rejected_once_with_the_check_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        _person("p1", "s1"),
        _person("p2", "s2"),
        _relationship("r1", "s3", "p1", "p2"),
        _entity("e1", "s4"),
        _relationship("r2", "s5", "e1", "p2", interests=[{"share": {"minimum": 60, "maximum": 5}}]),
    ])  # fmt: skip
    items = list(read(path))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [r.position for r in rejected] == [3, 5]
    assert rejected[0].reason.startswith("BODS 0.4 check subject_can_only_refer_to_entity: ")
    assert "'p1'" in rejected[0].reason and "person record" in rejected[0].reason
    assert rejected[1].reason.startswith(
        "BODS 0.4 check statement_relationship_interests_not_exact_max_greater_than_min: "
    )
    assert rejected[1].reason.count("BODS 0.4") == 1  # not also the share parser's refusal


def test_warnings_come_before_their_statement_and_late_ones_at_the_end(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        _entity("e1", "s1", foundingDate="2000-01-02", dissolutionDate="1999-12-31"),
        _relationship("r1", "s2", "e1", "p1"),
        _person("p1", "s3"),
    ])  # fmt: skip
    items = list(read(path))
    kinds = [(type(i).__name__, getattr(i, "position", None)) for i in items]
    assert kinds == [("Warned", 1), ("Statement", None), ("Statement", None),
                     ("Statement", None), ("Warned", 2)]  # fmt: skip
    first, late = items[0], items[-1]
    assert isinstance(first, Warned) and isinstance(late, Warned)
    assert first.warnings[0].startswith("statement_entity_dissolution_before_founding_date: ")
    assert late.warnings[0].startswith(
        "relationship_interested_party_not_before_relationship_in_dataset: "
    )
    assert "'p1'" in late.warnings[0] and "position 3" in late.warnings[0]
    assert all(isinstance(i, Statement) for i in items[1:4])


def test_identifier_schemes() -> None:
    checker = BodsChecker(today=TODAY)
    schemes = ["GBR-PASSPORT", "D-IDCARD", "USA-TAXID", "GBR-SSN", "XYZ-TAXID", "GBR-", None]
    person = _person("p1", "s1", identifiers=[{"id": "1", "scheme": s} for s in schemes])
    codes = [f.code for f in checker.check(person, 1)]
    assert codes == [
        "person_identifiers_not_passport_taxid_idcard",
        "person_identifiers_no_valid_iso_3166_1_alpha_3_code",
        "person_identifiers_invalid_composition",
        "person_identifiers_invalid_composition",
    ]
    entity = _entity("e1", "s2", identifiers=[
        {"id": "1", "scheme": "GB-COH"}, {"id": "2", "scheme": "XI-LEI"},
        {"id": "3", "schemeName": "Local register"}, {"id": "4", "scheme": "GB-XYZ"},
    ])  # fmt: skip
    findings = checker.check(entity, 2)
    assert [f.code for f in findings] == ["entity_identifiers_not_known_scheme"]
    assert "'GB-XYZ'" in findings[0].message and "0s2'" in findings[0].message


def test_annotation_pointers_resolve_inside_the_statement() -> None:
    pointers = ["", "/recordDetails/entityType/type", "/annotations/0", "/a~1b", "/annotations/9",
                "/annotations/00", "recordId"]  # fmt: skip
    statement = _entity("e1", "s1") | {"a/b": 1}
    statement["annotations"] = [{"statementPointerTarget": p, "motivation": "commenting"}
                                for p in pointers]  # fmt: skip
    findings = BodsChecker(today=TODAY).check(statement, 1)
    assert {f.code for f in findings} == {"annotation_statement_pointer_target_invalid"}
    assert [f.message.rsplit("found ", 1)[1] for f in findings] == [
        "'/annotations/9'", "'/annotations/00'", "'recordId'"
    ]  # fmt: skip


def test_series_follow_statement_dates_not_file_order() -> None:
    checker = BodsChecker(today=TODAY)
    later = _entity("e1", "s1") | {"statementDate": "2021-01-01", "recordStatus": "updated"}
    first = _entity("e1", "s2") | {"statementDate": "2020-01-01", "recordStatus": "new"}
    closed = _entity("e1", "s3") | {"statementDate": "2022-01-01", "recordStatus": "closed"}
    assert [checker.check(s, i) for i, s in enumerate([later, first, closed], 1)] == [[], [], []]
    assert checker.finish() == []
    checker = BodsChecker(today=TODAY)
    for i, s in enumerate([first, closed | {"statementDate": "2020-06-01"}, later], 1):
        checker.check(s, i)
    findings = checker.finish()
    assert [(f.code, f.position) for f in findings] == [
        ("statement_with_record_status_closed_must_be_last", 3)
    ]
    assert "'e1'" in findings[0].message


def test_no_statement_is_kept() -> None:
    class Statement_(dict[str, Any]):
        pass

    checker = BodsChecker(today=TODAY)
    statement = Statement_(_relationship("r1", "s1", "e1", "p1", isComponent=True))
    ref = weakref.ref(statement)
    checker.check(statement, 1)
    del statement
    gc.collect()
    assert ref() is None
    assert {f.code for f in checker.finish()} == {
        "subject_must_be_record_id",
        "interested_party_must_be_record_id",
        "statement_relationship_is_component_not_in_component_details",
        "statement_declaration_subject_not_exist",
    }
