"""Semantic checks on BODS 0.4 statements, after schema validation: lib-cove-bods' additional
checks, computed while a file streams by.

:class:`BodsChecker` sees each statement once, in file order (:meth:`BodsChecker.check`), and
reports what needs the whole file at the end (:meth:`BodsChecker.finish`). It keeps only small
state: recordId -> record type, entity type/subtype, first position and series counters; the set
of statementIds seen; and the references still open (relationship parties not seen yet,
isComponent records not listed yet, unknown componentRecords, and unknown declarationSubjects once
per value). Never whole records. 0.1-0.3 statements are not checked; the checks on one statement
alone live in :mod:`loaders.bods_statement_checks`.

A statement costs a few microseconds: fast paths for the valid case; a record is a tuple with
repeated strings shared, and a series state (:class:`_Series`) only from its second statement
on (the first's statementDate waits unparsed); messages are made for findings only.

A :class:`Finding` is named by the lib-cove-bods check type. ``reject`` is True only when the
record is unusable for the graph, and only in :meth:`check` (records found wanting at the end of
the file are already loaded):

- ``subject_can_only_refer_to_entity``: the subject is a person or relationship record;
- ``interested_party_can_only_refer_to_entity_or_person``: the party is a relationship record;
- ``statements_in_series_with_different_record_types``: the recordId already names a record of
  another type (the node would change kind);
- ``statement_relationship_interests_start_after_end_date`` and the share checks whose share
  :func:`bo_graph.model.share.parse_share` cannot read (both bounds of one side, lower above
  upper, an empty open interval): the loader refuses these anyway, so they are one rejection.

Everything else is a warning. Where this departs from lib-cove-bods (commit 481a6c2):

- a missing or wrongly typed declarationSubject is reported once per value, not per statement;
- a relationship that comes before its subject or interested party gets the serialisation
  finding, and the type checks then, as warnings; a party never in the file gets
  ``*_must_be_record_id`` (lib-cove-bods fails on nominee/trust checks there);
- mixed record types are reported at the statement that changes the type, not per series;
- annotation pointers are checked on every record type (lib-cove-bods: entities only);
- identifiers without a ``scheme`` are not checked (lib-cove-bods reports a person's as badly
  composed; BODS allows ``schemeName`` alone);
- a birth date over 120 years before ``today`` is too far in the past when no death date is
  given (lib-cove-bods: before 1800 only, which also applies);
- a componentRecords entry that is a statementId gets ``component_record_is_statement_id``
  (lib-cove-bods counts statementIds as records and so never reports it).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from loaders.bods_statement_checks import (
    PARTIES,
    Flags,
    Problem,
    Today,
    mapping,
    parse_date,
    party_problems,
    statement_problems,
)

NOMINATION_INTERESTS = frozenset({"nominee", "nominator"})
TRUST_INTERESTS = frozenset({"settlor", "trustee", "protector"})
SPECIAL_INTERESTS = NOMINATION_INTERESTS | TRUST_INTERESTS


@dataclass(frozen=True)
class Finding:
    """One broken rule: the lib-cove-bods check type, the 1-based record position, a message."""

    code: str
    position: int
    message: str
    reject: bool = False


class _Out:
    """Collects the findings about one statement."""

    def __init__(self, position: int, label: str) -> None:
        self.position, self.label = position, label
        self.findings: list[Finding] = []

    def add(self, code: str, message: str, reject: bool = False) -> None:
        self.findings.append(Finding(code, self.position, f"{self.label}: {message}", reject))


class _Ref(NamedTuple):
    """A relationship's reference to a record not seen before the relationship."""

    position: int
    label: str
    role: str  # "subject" or "interestedParty"
    ref: str
    flags: Flags


class _Series:
    """A record's series counters, once it has two statements: the first and latest by date."""

    __slots__ = ("closed", "extra_closed", "extra_new", "first", "last", "new")

    def __init__(self) -> None:
        self.new = self.closed = self.extra_new = self.extra_closed = 0
        self.first: tuple[date, Any, int] | None = None  # earliest (statementDate, status, pos)
        self.last: tuple[date, Any, int] | None = None  # latest, the last in file order on ties

    def add(self, when: date | None, status: Any, position: int) -> None:
        if when is None:
            return  # no statementDate to place it by
        if status == "new":
            self.new += 1
            self.extra_new = self.extra_new or (position if self.new == 2 else 0)
        elif status == "closed":
            self.closed += 1
            self.extra_closed = self.extra_closed or (position if self.closed == 2 else 0)
        if self.first is None or when < self.first[0]:
            self.first = (when, status, position)
        if self.last is None or when >= self.last[0]:
            self.last = (when, status, position)


#: per recordId: (type, 1st position, entity type/subtype, sole statement's date+status, series)
_Record = tuple[Any, int, Any, Any, Any, Any, "_Series | None"]


def _shared(value: Any) -> Any:
    """One copy per file of a repeated code or date (about 250 bytes saved per record kept)."""
    return sys.intern(value) if value.__class__ is str else value


def _label(raw: Mapping[str, Any], kind: Any) -> str:
    return f"statement {raw.get('statementId')!r} (record {raw.get('recordId')!r}, {kind})"


class BodsChecker:
    """lib-cove-bods' additional checks over the BODS 0.4 statements of one file."""

    def __init__(self, today: str | None = None) -> None:
        self.today = date.fromisoformat(today) if today else date.today()
        self._today = Today.of(self.today)
        self._records: dict[str, _Record] = {}
        self._statement_ids: set[str] = set()
        self._refs: list[_Ref] = []
        self._declarations: dict[str, tuple[int, str, int]] = {}  # id -> position, label, count
        self._components: dict[str, list[tuple[int, str, Any]]] = {}  # not yet listed
        self._component_refs: list[tuple[int, str, str]] = []  # unknown when listed

    def check(self, raw: Mapping[str, Any], position: int) -> list[Finding]:
        """The findings about the statement at ``position`` (1-based), in file order."""
        if raw.__class__ is not dict and not isinstance(raw, Mapping):
            return []
        if "statementId" not in raw and "recordId" not in raw:
            return []
        kind, details = raw.get("recordType"), raw.get("recordDetails")
        if details.__class__ is not dict:
            details = mapping(details)
        out = statement_problems(raw, details, kind, self._today)
        statement_id = raw.get("statementId")
        if isinstance(statement_id, str):
            if statement_id in self._statement_ids:
                message = f"expected a unique statementId, found {statement_id!r} again"
                out.append(Problem("duplicate_statement_id", message))
            else:
                self._statement_ids.add(statement_id)
        record_id = raw.get("recordId")
        if isinstance(record_id, str) and record_id:
            self._register(raw, record_id, kind, details, position, out)
        subject = raw.get("declarationSubject")
        if isinstance(subject, str):
            record = self._records.get(subject)
            if record is None or record[0] not in PARTIES:
                self._check_declaration(raw, subject, record, kind, position, out)
        if kind == "relationship":
            self._check_parties(raw, kind, details, position, out)
        if details.get("isComponent") is True and isinstance(record_id, str):
            entry = (position, _label(raw, kind), kind)
            self._components.setdefault(record_id, []).append(entry)
        components = details.get("componentRecords")
        if isinstance(components, list):
            self._check_components(raw, kind, components, position)
        if not out:
            return []
        label = _label(raw, kind)
        return [Finding(code, position, f"{label}: {text}", reject) for code, text, reject in out]

    def finish(self) -> list[Finding]:
        """Findings that needed the whole file, by position."""
        findings = [f for ref in self._refs for f in self._late_ref(ref)]
        findings += self._late_declarations() + self._late_components() + self._series()
        return sorted(findings, key=lambda f: f.position)

    def _register(
        self,
        raw: Mapping[str, Any],
        record_id: str,
        kind: Any,
        details: Mapping[str, Any],
        position: int,
        out: list[Problem],
    ) -> None:
        record = self._records.get(record_id)
        if (kind if record is None else record[0]) != kind:
            if record is None:  # as a recordType unequal to itself (NaN) is
                self._records[record_id] = record = (kind, position, None, None, None, None, None)
            message = (
                f"expected recordType {record[0]!r} as at position {record[1]}, found {kind!r}"
            )
            out.append(Problem("statements_in_series_with_different_record_types", message, True))
            return
        entity_type = subtype = None  # of an entity record, as its latest statement gives them
        if kind == "entity":
            entity = details.get("entityType")
            if entity.__class__ is not dict:
                entity = mapping(entity)
            entity_type, subtype = entity.get("type"), entity.get("subtype")
        when, status = raw.get("statementDate"), raw.get("recordStatus")
        if record is None:  # its series state can wait for a second statement
            when = when if isinstance(when, str) else None  # parse_date reads strings only
            kind, entity_type, subtype = _shared(kind), _shared(entity_type), _shared(subtype)
            self._records[record_id] = (
                kind, position, entity_type, subtype, _shared(when), _shared(status), None
            )  # fmt: skip
            return
        series = record[6]
        if series is None:
            series = _Series()
            series.add(parse_date(record[4]), record[5], record[1])
        series.add(parse_date(when), status, position)
        self._records[record_id] = (kind, record[1], entity_type, subtype, None, None, series)

    def _check_declaration(
        self,
        raw: Mapping[str, Any],
        subject: str,
        record: _Record | None,
        kind: Any,
        position: int,
        out: list[Problem],
    ) -> None:
        if record is None:
            seen = self._declarations.get(subject)
            if seen is None:
                self._declarations[subject] = (position, _label(raw, kind), 1)
            else:
                self._declarations[subject] = (seen[0], seen[1], seen[2] + 1)
            return
        message = (
            f"expected declarationSubject {subject!r} to be an entity or person record, "
            f"found a {record[0]} record"
        )
        out.append(Problem("statement_declaration_subject_not_entity_person", message))

    def _check_parties(
        self,
        raw: Mapping[str, Any],
        kind: Any,
        details: Mapping[str, Any],
        position: int,
        out: list[Problem],
    ) -> None:
        booc = nominee = trust = False
        interests = details.get("interests")
        if interests.__class__ is list or isinstance(interests, list):
            for interest in interests:
                if interest.__class__ is dict or isinstance(interest, Mapping):
                    interest_type = interest.get("type")
                    if interest_type in SPECIAL_INTERESTS:
                        nominee = nominee or interest_type in NOMINATION_INTERESTS
                        trust = trust or interest_type in TRUST_INTERESTS
                    booc = booc or interest.get("beneficialOwnershipOrControl") is True
        flags = (booc, nominee, trust)
        ref = details.get("subject")
        if isinstance(ref, str):
            record = self._records.get(ref)
            if record is None:
                self._refs.append(_Ref(position, _label(raw, kind), "subject", ref, flags))
            elif record[0] != "entity" or nominee or trust:
                party_problems("subject", ref, record, flags, True, out)
        ref = details.get("interestedParty")
        if isinstance(ref, str):
            record = self._records.get(ref)
            if record is None:
                self._refs.append(_Ref(position, _label(raw, kind), "interestedParty", ref, flags))
            elif record[0] != "person" and (booc or record[0] not in PARTIES):
                party_problems("interestedParty", ref, record, flags, True, out)

    def _check_components(
        self, raw: Mapping[str, Any], kind: Any, components: list[Any], position: int
    ) -> None:
        for ref in components:
            if isinstance(ref, str):
                self._components.pop(ref, None)  # listed after its component statements
                if ref not in self._records:
                    self._component_refs.append((position, _label(raw, kind), ref))

    def _late_ref(self, ref: _Ref) -> list[Finding]:
        out = _Out(ref.position, ref.label)
        record = self._records.get(ref.ref)
        name = "subject" if ref.role == "subject" else "interested party"
        if record is None:
            code = f"{'subject' if ref.role == 'subject' else 'interested_party'}_must_be_record_id"
            what = "a statementId" if ref.ref in self._statement_ids else "no record in the file"
            out.add(
                code,
                f"expected the {name} to be the recordId of a record in the file, "
                f"found {ref.ref!r}, {what}",
            )
            return out.findings
        party = "subject" if ref.role == "subject" else "interested_party"
        out.add(
            f"relationship_{party}_not_before_relationship_in_dataset",
            f"expected the {name} {ref.ref!r} before the relationship, found it later "
            f"at position {record[1]}",
        )
        problems: list[Problem] = []
        party_problems(ref.role, ref.ref, record, ref.flags, False, problems)
        for problem in problems:
            out.add(*problem)
        return out.findings

    def _late_declarations(self) -> list[Finding]:
        findings = []
        for subject, (position, label, count) in self._declarations.items():
            out = _Out(position, label)
            record = self._records.get(subject)
            others = f" (and {count - 1} later statements)" if count > 1 else ""
            if record is None:
                out.add(
                    "statement_declaration_subject_not_exist",
                    f"expected declarationSubject {subject!r} to be a record in the file, "
                    f"found none{others}",
                )
            elif record[0] not in PARTIES:
                out.add(
                    "statement_declaration_subject_not_entity_person",
                    f"expected declarationSubject {subject!r} to be an entity or person "
                    f"record, found a {record[0]} record{others}",
                )
            findings += out.findings
        return findings

    def _late_components(self) -> list[Finding]:
        outs = []
        for record_id, entries in self._components.items():
            for position, label, kind in entries:
                outs.append(out := _Out(position, label))
                out.add(
                    f"statement_{kind}_is_component_not_in_component_details",
                    f"expected isComponent record {record_id!r} in the componentRecords of a "
                    f"later relationship, found none",
                )
        for position, label, ref in self._component_refs:
            if ref not in self._records:
                outs.append(out := _Out(position, label))
                statement = ref in self._statement_ids
                out.add(
                    f"component_record_{'is_statement_id' if statement else 'id_not_in_dataset'}",
                    f"expected componentRecords to hold recordIds of the file, found {ref!r}"
                    f"{', a statementId' if statement else ''}",
                )
        return [f for out in outs for f in out.findings]

    def _series(self) -> list[Finding]:
        """lib-cove-bods' record series rules, by statementDate: the first broken one."""
        out = _Out(0, "")
        for record_id, record in self._records.items():
            r = record[6]
            if r is None:
                continue  # one statement breaks no series rule
            out.position, out.label = record[1], f"record {record_id!r}"
            if r.new > 1:
                out.position = r.extra_new
                out.add(
                    "multiple_statements_in_series_with_record_status_new",
                    f"expected one statement with recordStatus 'new', found {r.new}",
                )
            elif r.new and r.first is not None and r.first[1] != "new":
                out.position = r.first[2]
                out.add(
                    "statement_with_record_status_new_must_be_first",
                    f"expected the 'new' statement to be the earliest, found {r.first[1]!r} "
                    f"dated {r.first[0]} first",
                )
            elif r.closed > 1:
                out.position = r.extra_closed
                out.add(
                    "multiple_statements_in_series_with_record_status_closed",
                    f"expected at most one statement with recordStatus 'closed', found {r.closed}",
                )
            elif r.closed and r.last is not None and r.last[1] != "closed":
                out.position = r.last[2]
                out.add(
                    "statement_with_record_status_closed_must_be_last",
                    f"expected the 'closed' statement to be the latest, found {r.last[1]!r} "
                    f"dated {r.last[0]} last",
                )
        return out.findings
