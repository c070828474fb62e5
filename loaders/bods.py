"""BODS loader: every version from 0.1 to 0.4, JSON arrays or JSON Lines, plain or gzip, one
file, the members of a zip archive or the files of a folder.

The version is detected per statement from its shape (``statementId`` + ``recordDetails`` is 0.4;
``statementID`` + ``statementType`` is 0.1-0.3), never only from ``bodsVersion``, which real files
get wrong. Each statement is validated against the official schema of its version. By default
0.4 is validated strictly (invalid: quarantined) and 0.1-0.3 leniently (invalid: loaded with
warnings), because real registers published 0.2 exports that do not validate.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.bods04 import details_from_bods
from bo_graph.model.bods_statement import check_v04, provenance, required, statement_from_v04, text
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.loading import Checked, LoadItem, Rejected, Warned
from bo_graph.model.statement import Statement
from loaders._io import (
    BadLine,
    ProgressFn,
    first_records,
    first_significant_byte,
    iter_json_records,
    json_shape,
)
from loaders._sources import Source, format_sources, top_level_keys
from loaders.bods_checks import BodsChecker, Finding
from loaders.bods_legacy import legacy_version, record_type, upgrade_details
from loaders.bods_schema import schema_errors

NAME = "bods"
VALIDATION_MODES = ("auto", "strict", "lenient")
STATEMENT_KEYS = ("statementId", "statementID", "recordId", "recordDetails", "statementType")


def looks_like(record: Any) -> bool:
    """True for a record that is a BODS statement of some version."""
    if record.__class__ is dict and "statementId" in record:
        return True  # the common case, without the loop below
    return isinstance(record, Mapping) and any(key in record for key in STATEMENT_KEYS)


def read(
    path: Path,
    *,
    validation: str = "auto",
    progress: ProgressFn | None = None,
    checked: bool = False,
) -> Iterator[LoadItem]:
    """Yield a :class:`Statement`, :class:`Warned` or :class:`Rejected` per record; with
    ``checked``, a schema-valid BODS 0.4 record that passes every check comes as a
    :class:`Checked` record instead of a statement (for the compiled bulk writer).

    ``path`` is a file, a zip archive or a folder. In an archive or a folder, a file that is not
    BODS data (not JSON, or JSON whose first records are no BODS statements: a README, a schema,
    a code list) is skipped with a warning; one with no BODS file at all is refused."""
    for source in format_sources(path, _not_bods, "BODS"):
        if isinstance(source, Warned):
            yield source
        else:
            yield from _read_source(source, validation, progress, checked)


def _read_source(
    source: Source, validation: str, progress: ProgressFn | None, checked: bool
) -> Iterator[LoadItem]:
    """The records of one file or member, checked as one BODS file."""
    if json_shape(source) == "object":
        shape = "BODS data is an array of statements or JSON Lines; found a single JSON object"
        yield Warned(source.name, 1, (f"{shape}, read as one statement",))
    checker = BodsChecker()  # BODS 0.4 semantic checks across the file
    for position, raw in iter_json_records(source, progress):
        yield from _one(source.name, position, raw, validation, checker, checked)
    yield from _late_findings(source.name, checker.finish())


def _not_bods(source: Source) -> str | None:
    """Why the file or member is not BODS data, or ``None`` when it is: JSON whose first records
    (of a single object: its keys, streamed) include a BODS statement. Damage before the first
    record raises, naming where it is."""
    first = first_significant_byte(source)
    if first not in (b"[", b"{"):
        return f"not JSON, starts with {first!r}" if first else "empty"
    if json_shape(source) == "object":
        keys = top_level_keys(source)
        return None if looks_like(dict.fromkeys(keys)) else f"a JSON object with keys {keys[:8]}"
    if any(looks_like(record) for record in first_records(iter_json_records(source))):
        return None
    return "no BODS statement among its first records"


def _one(
    file: str,
    position: int,
    raw: Any,
    validation: str,
    checker: BodsChecker | None = None,
    checked: bool = False,
) -> Iterator[LoadItem]:
    if isinstance(raw, BadLine):
        yield Rejected(file, position, raw.error, raw.text)
        return
    if not looks_like(raw):
        expected = "expected a BODS statement with statementId (0.4) or statementID (0.1-0.3)"
        yield Rejected(file, position, f"{expected}, found {_shape(raw)}", raw)
        return
    version = detect_version(raw)
    errors = schema_errors(raw, version)
    strict = validation == "strict" or (validation == "auto" and version == "0.4")
    if errors and strict:
        reasons = "; ".join(str(e) for e in errors[:5])
        more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
        yield Rejected(file, position, f"BODS {version} schema: {reasons}{more}", raw)
        return
    findings = checker.check(raw, position) if checker and version == "0.4" else []
    if any(f.reject for f in findings):
        yield Rejected(file, position, _check_reason(findings), raw)
        return
    try:
        statement: Statement | Checked = (
            Checked(file, position, raw, check_v04(raw))
            if checked and version == "0.4" and not errors
            else translate(raw, version, file, position, checked_by_schema=not errors)
        )
    except RecordError as error:
        also = f"; {_check_reason(findings)}" if findings else ""
        yield Rejected(file, position, f"BODS {version}: {error.reason}{also}", raw)
        return
    warnings = [f"BODS {version} schema: {e}" for e in errors]
    warnings += [f"{f.code}: {f.message}" for f in findings]
    if warnings:
        yield Warned(file, position, tuple(warnings))
    yield statement


def _check_reason(findings: list[Finding]) -> str:
    """The quarantine reason for a record the BODS 0.4 checks refuse (refusing findings first)."""
    ordered = sorted(findings, key=lambda f: not f.reject)
    return "; ".join(f"BODS 0.4 check {f.code}: {f.message}" for f in ordered)


def _late_findings(file: str, findings: list[Finding]) -> Iterator[Warned]:
    """The end-of-file findings as warnings, one :class:`Warned` per record position."""
    by_position: dict[int, list[str]] = {}
    for finding in findings:
        by_position.setdefault(finding.position, []).append(f"{finding.code}: {finding.message}")
    for position, messages in sorted(by_position.items()):
        yield Warned(file, position, tuple(messages))


def detect_version(raw: Mapping[str, Any]) -> str:
    """``"0.4"`` or the 0.1-0.3 version a statement is written in."""
    if "statementId" in raw or "recordDetails" in raw or "recordId" in raw:
        return "0.4"
    details = raw.get("publicationDetails")
    declared = details.get("bodsVersion") if isinstance(details, Mapping) else None
    return legacy_version(raw, declared if isinstance(declared, str) else None)


def translate(raw: Mapping[str, Any], version: str, file: str, position: int,
              *, checked_by_schema: bool = False) -> Statement:  # fmt: skip
    """One BODS statement of ``version`` as a canonical :class:`Statement`."""
    if version == "0.4":
        return statement_from_v04(raw, file, position, checked_by_schema)
    return _translate_legacy(raw, version, file, position)


def _translate_legacy(raw: Mapping[str, Any], version: str, file: str, position: int) -> Statement:
    statement_id = required(raw, "statementID")
    kind = RecordType(record_type(raw))
    replaces = tuple(str(r) for r in raw.get("replacesStatements") or [] if r)
    status = RecordStatus.UPDATED if replaces else RecordStatus.NEW
    return Statement(
        statement_id=statement_id,
        record_id=replaces[0] if replaces and kind is not RecordType.RELATIONSHIP else statement_id,
        record_type=kind,
        record_status=status,
        statement_date=text(raw.get("statementDate")),
        given_details=details_from_bods(kind, upgrade_details(raw)),
        provenance=provenance(raw, version, file, position, statement_id, status),
        raw=raw,
        replaces=replaces,
    )


def _shape(raw: Any) -> str:
    """What a record that is no statement is, in JSON's words."""
    if isinstance(raw, Mapping):
        keys = ", ".join(sorted(map(str, raw))[:8])
        return f"an object with the members {keys}" if raw else "an empty object {}"
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(raw), "a number")
