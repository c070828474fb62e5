"""Semantic checks on BODS 0.4 statements, after schema validation: lib-cove-bods' additional
checks, computed while a file streams by.

:class:`BodsChecker` sees each statement once, in file order (:meth:`BodsChecker.check`), and
reports what needs the whole file at the end (:meth:`BodsChecker.finish`). It keeps only small
state: recordId -> record type, entity type/subtype, first position and series counters; the set
of statementIds seen; and the references still open (relationship parties not seen yet,
isComponent records not listed yet, unknown componentRecords, and unknown declarationSubjects once
per value). Never whole records. 0.1-0.3 statements are not checked; the code lists and the checks
on one statement alone live in :mod:`loaders.bods_statement_checks`.

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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from loaders.bods_statement_checks import mapping, mappings, parse_date, statement_problems

NOMINATION_INTERESTS = frozenset({"nominee", "nominator"})
TRUST_INTERESTS = frozenset({"settlor", "trustee", "protector"})
PARTIES = ("entity", "person")


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


class _Flags(NamedTuple):
    booc: bool  # some interest has beneficialOwnershipOrControl: true
    nominee: bool
    trust: bool


class _Ref(NamedTuple):
    """A relationship's reference to a record not seen before the relationship."""

    position: int
    label: str
    role: str  # "subject" or "interestedParty"
    ref: str
    flags: _Flags


class _Record:
    """What is kept per recordId: its type, entity type, first position and series counters."""

    __slots__ = (
        "closed",
        "entity_type",
        "extra_closed",
        "extra_new",
        "first",
        "last",
        "new",
        "position",
        "subtype",
        "type",
    )

    def __init__(self, kind: Any, position: int) -> None:
        self.type, self.position = kind, position
        self.entity_type: Any = None
        self.subtype: Any = None
        self.new = self.closed = self.extra_new = self.extra_closed = 0
        self.first: tuple[date, Any, int] | None = None  # earliest (statementDate, status, pos)
        self.last: tuple[date, Any, int] | None = None  # latest, the last in file order on ties

    def add_to_series(self, when: date, status: Any, position: int) -> None:
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


class BodsChecker:
    """lib-cove-bods' additional checks over the BODS 0.4 statements of one file."""

    def __init__(self, today: str | None = None) -> None:
        self.today = date.fromisoformat(today) if today else date.today()
        self._records: dict[str, _Record] = {}
        self._statement_ids: set[str] = set()
        self._refs: list[_Ref] = []
        self._declarations: dict[str, tuple[int, str, int]] = {}  # id -> position, label, count
        self._components: dict[str, list[tuple[int, str, Any]]] = {}  # not yet listed
        self._component_refs: list[tuple[int, str, str]] = []  # unknown when listed

    def check(self, raw: Mapping[str, Any], position: int) -> list[Finding]:
        """The findings about the statement at ``position`` (1-based), in file order."""
        if not isinstance(raw, Mapping) or not ({"statementId", "recordId"} & raw.keys()):
            return []
        details, kind = mapping(raw.get("recordDetails")), raw.get("recordType")
        label = f"statement {raw.get('statementId')!r} (record {raw.get('recordId')!r}, {kind})"
        out = _Out(position, label)
        for problem in statement_problems(raw, self.today):
            out.add(*problem)
        self._check_statement_id(raw.get("statementId"), out)
        self._register(raw, details, out)
        self._check_declaration(raw.get("declarationSubject"), out)
        if kind == "relationship":
            self._check_parties(details, out)
        self._check_components(raw, details, out)
        return out.findings

    def finish(self) -> list[Finding]:
        """Findings that needed the whole file, by position."""
        findings = [f for ref in self._refs for f in self._late_ref(ref)]
        findings += self._late_declarations() + self._late_components() + self._series()
        return sorted(findings, key=lambda f: f.position)

    def _check_statement_id(self, statement_id: Any, out: _Out) -> None:
        if not isinstance(statement_id, str):
            return
        if statement_id in self._statement_ids:
            out.add(
                "duplicate_statement_id",
                f"expected a unique statementId, found {statement_id!r} again",
            )
        self._statement_ids.add(statement_id)

    def _register(self, raw: Mapping[str, Any], details: Mapping[str, Any], out: _Out) -> None:
        record_id, kind = raw.get("recordId"), raw.get("recordType")
        if not isinstance(record_id, str) or not record_id:
            return
        record = self._records.setdefault(record_id, _Record(kind, out.position))
        if record.type != kind:
            out.add(
                "statements_in_series_with_different_record_types",
                f"expected recordType {record.type!r} as at position {record.position}, "
                f"found {kind!r}",
                reject=True,
            )
            return
        if kind == "entity":
            entity_type = mapping(details.get("entityType"))
            record.entity_type, record.subtype = entity_type.get("type"), entity_type.get("subtype")
        when = parse_date(raw.get("statementDate"))
        if when is not None:
            record.add_to_series(when, raw.get("recordStatus"), out.position)

    def _check_declaration(self, subject: Any, out: _Out) -> None:
        if not isinstance(subject, str):
            return
        record = self._records.get(subject)
        if record is None:
            first = self._declarations.get(subject, (out.position, out.label, 0))
            self._declarations[subject] = (first[0], first[1], first[2] + 1)
        elif record.type not in PARTIES:
            out.add(
                "statement_declaration_subject_not_entity_person",
                f"expected declarationSubject {subject!r} to be an entity or person record, "
                f"found a {record.type} record",
            )

    def _check_parties(self, details: Mapping[str, Any], out: _Out) -> None:
        interests = mappings(details, "interests")
        kinds = {i.get("type") for i in interests}
        flags = _Flags(
            any(i.get("beneficialOwnershipOrControl") is True for i in interests),
            bool(kinds & NOMINATION_INTERESTS),
            bool(kinds & TRUST_INTERESTS),
        )
        for role in ("subject", "interestedParty"):
            ref = details.get(role)
            if not isinstance(ref, str):
                continue  # an unspecified party
            record = self._records.get(ref)
            if record is None:
                self._refs.append(_Ref(out.position, out.label, role, ref, flags))
            else:
                self._party_checks(role, ref, record, flags, out, live=True)

    def _party_checks(
        self, role: str, ref: str, record: _Record, flags: _Flags, out: _Out, live: bool
    ) -> None:
        found = f"found {ref!r}, a {record.type} record"
        if role == "interestedParty":
            if record.type not in PARTIES:
                out.add(
                    "interested_party_can_only_refer_to_entity_or_person",
                    f"expected the interested party to be an entity or person record, {found}",
                    reject=live,
                )
            elif flags.booc and record.type != "person":
                out.add(
                    "interest_beneficial_ownership_interested_party_not_person",
                    f"expected a person as interested party of a beneficial ownership or "
                    f"control interest, {found}",
                )
            return
        if record.type != "entity":
            out.add(
                "subject_can_only_refer_to_entity",
                f"expected the subject to be an entity record, {found}",
                reject=live,
            )
        if flags.nominee and (record.type, record.entity_type, record.subtype) != (
            "entity",
            "arrangement",
            "nomination",
        ):
            out.add(
                "relationship_interests_subject_should_be_entity_nomination_arrangement",
                f"expected a nominee/nominator interest's subject to be an arrangement of "
                f"subtype nomination, {found} ({record.entity_type}/{record.subtype})",
            )
        if flags.trust and (record.type, record.subtype) != ("entity", "trust"):
            out.add(
                "relationship_interests_subject_should_be_entity_trust",
                f"expected a settlor/trustee/protector interest's subject to be an entity of "
                f"subtype trust, {found} ({record.entity_type}/{record.subtype})",
            )

    def _check_components(
        self, raw: Mapping[str, Any], details: Mapping[str, Any], out: _Out
    ) -> None:
        record_id = raw.get("recordId")
        if details.get("isComponent") is True and isinstance(record_id, str):
            entry = (out.position, out.label, raw.get("recordType"))
            self._components.setdefault(record_id, []).append(entry)
        components = details.get("componentRecords")
        for ref in components if isinstance(components, list) else []:
            if isinstance(ref, str):
                self._components.pop(ref, None)  # listed after its component statements
                if ref not in self._records:
                    self._component_refs.append((out.position, out.label, ref))

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
            f"at position {record.position}",
        )
        self._party_checks(ref.role, ref.ref, record, ref.flags, out, live=False)
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
            elif record.type not in PARTIES:
                out.add(
                    "statement_declaration_subject_not_entity_person",
                    f"expected declarationSubject {subject!r} to be an entity or person "
                    f"record, found a {record.type} record{others}",
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
        for record_id, r in self._records.items():
            out.position, out.label = r.position, f"record {record_id!r}"
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
