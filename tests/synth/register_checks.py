"""Whole-register checks for the synthetic generator: each returns a list of problems (empty
when the register passes) or the structures it found, so failures name the offending records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

Statement = Mapping[str, Any]
SHARE_TYPES = ("shareholding", "votingRights")
ORDER = {"new": 0, "updated": 1, "closed": 2}


def forward_references(statements: Iterable[Statement]) -> list[str]:
    """References to records not filed yet: parties, subjects and declaration subjects."""
    kinds: dict[str, str] = {}
    problems = []
    for line, s in enumerate(statements, 1):
        own = s["recordId"] if s["recordType"] != "relationship" else None
        if s["declarationSubject"] not in kinds and s["declarationSubject"] != own:
            problems.append(f"line {line}: declarationSubject {s['declarationSubject']}")
        if s["recordType"] == "relationship":
            details = s["recordDetails"]
            for end in ("subject", "interestedParty"):
                ref = details[end]
                if isinstance(ref, str) and kinds.get(ref) not in ("entity", "person"):
                    problems.append(f"line {line}: {end} {ref} ({kinds.get(ref)})")
        kinds.setdefault(s["recordId"], s["recordType"])
    return problems


def series_problems(statements: Iterable[Statement]) -> list[str]:
    """Broken statement series: not starting with one ``new``, anything after ``closed``, a
    changed record type, or statement dates going backwards (in the series or the file)."""
    last: dict[str, tuple[str, str, str]] = {}  # record id -> type, status, date
    problems = []
    previous_date = ""
    for line, s in enumerate(statements, 1):
        kind, status, when = s["recordType"], s["recordStatus"], s["statementDate"]
        if when < previous_date:
            problems.append(f"line {line}: statementDate {when} before {previous_date}")
        previous_date = when
        before = last.get(s["recordId"])
        if before is None and status != "new":
            problems.append(f"line {line}: {s['recordId']} starts with {status}")
        if before is not None and (
            status == "new" or before[1] == "closed" or before[0] != kind or when < before[2]
        ):
            problems.append(f"line {line}: {s['recordId']} {before} then {status}")
        last[s["recordId"]] = (kind, status, when)
    return problems


def lower_bound(share: Mapping[str, float] | None) -> tuple[float, bool]:
    """The least share an interest can be, and whether that bound is exclusive."""
    if not share:
        return 0.0, False
    for key, strict in (("exact", False), ("minimum", False), ("exclusiveMinimum", True)):
        if key in share:
            return float(share[key]), strict
    return 0.0, False


def _too_much(bounds: Iterable[tuple[float, bool]]) -> float | None:
    listed = list(bounds)
    total = sum(value for value, _ in listed)
    if total > 100 or (total == 100 and any(strict for _, strict in listed)):
        return total
    return None


def _open_bounds(details: Statement, kind: str) -> list[tuple[float, bool]]:
    interests = details.get("interests", [])
    return [
        lower_bound(i.get("share")) for i in interests if i["type"] == kind and "endDate" not in i
    ]


def declared_share_problems(statements: Iterable[Statement]) -> list[str]:
    """Subjects whose current direct shares (or votes) add up to more than 100%, after any
    statement in file order ("as declared")."""
    current: dict[str, dict[str, Statement]] = defaultdict(dict)  # subject -> record -> details
    problems = []
    for line, s in enumerate(statements, 1):
        if s["recordType"] != "relationship":
            continue
        details = s["recordDetails"]
        held = current[details["subject"]] if isinstance(details["subject"], str) else {}
        if s["recordStatus"] == "closed":
            held.pop(s["recordId"], None)
            continue
        held[s["recordId"]] = details
        for kind in SHARE_TYPES:
            total = _too_much(b for d in held.values() for b in _open_bounds(d, kind))
            if total is not None:
                problems.append(f"line {line}: {details['subject']} {kind} total {total}")
    return problems


def effective_share_problems(statements: Iterable[Statement]) -> list[str]:
    """Subjects whose direct shares (or votes) in effect on some day, by the interests' own
    ``startDate``/``endDate`` (end exclusive), add up to more than 100%."""
    latest: dict[str, Statement] = {}
    for s in statements:
        if s["recordType"] == "relationship":
            latest[s["recordId"]] = s["recordDetails"]
    spans: dict[tuple[str, str], list[tuple[str, str | None, float, bool]]] = defaultdict(list)
    for details in latest.values():
        for i in details.get("interests", []):
            if i["type"] in SHARE_TYPES and isinstance(details["subject"], str):
                value, strict = lower_bound(i.get("share"))
                span = (i.get("startDate", ""), i.get("endDate"), value, strict)
                spans[details["subject"], i["type"]].append(span)
    problems = []
    for (subject, kind), items in spans.items():
        for day in {start for start, *_ in items}:
            active = [
                (v, st)
                for start, end, v, st in items
                if start <= day and (end is None or end > day)
            ]
            total = _too_much(active)
            if total is not None:
                problems.append(f"{subject} {kind} on {day}: total {total}")
    return problems


def _in_effect(start: str, end: str | None, day: str) -> bool:
    return start <= day and (end is None or end > day)


def corporate_edges(statements: Iterable[Statement]) -> dict[str, set[str]]:
    """``company -> companies holding shares in it`` (registered entities only, ever)."""
    companies: set[str] = set()
    owners: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        details = s["recordDetails"]
        if s["recordType"] == "entity" and details["entityType"]["type"] == "registeredEntity":
            companies.add(s["recordId"])
        elif (
            s["recordType"] == "relationship"
            and str(details["interestedParty"]) in companies
            and any(i["type"] == "shareholding" for i in details["interests"])
        ):
            owners[details["subject"]].add(details["interestedParty"])
    return owners


def chain_depths(owners: Mapping[str, set[str]]) -> dict[str, int]:
    """Longest chain of corporate owners above each company, leaving out companies on a cycle
    (or below one)."""
    depth: dict[str, int | None] = {}
    visiting: set[str] = set()

    def visit(company: str) -> int | None:
        if company in depth:
            return depth[company]
        if company in visiting:
            return None
        visiting.add(company)
        above = [visit(owner) for owner in owners.get(company, ())]
        visiting.discard(company)
        found = None if None in above else 1 + max((d for d in above if d is not None), default=-1)
        depth[company] = found
        return found

    for company in list(owners):
        visit(company)
    return {company: d for company, d in depth.items() if d is not None}


Pairs = list[tuple[str, str]]


def mutual_holdings(statements: Iterable[Statement]) -> tuple[Pairs, Pairs]:
    """Pairs of companies holding shares in each other: (closed loops, cross-holdings). A
    closed loop is 100% each way with no other holder of either company."""
    holders: dict[str, dict[str, float]] = defaultdict(dict)
    for s in statements:
        details = s["recordDetails"]
        if s["recordType"] == "relationship" and isinstance(details["interestedParty"], str):
            for i in details["interests"]:
                if i["type"] == "shareholding":
                    value = lower_bound(i.get("share"))[0]
                    holders[details["subject"]][details["interestedParty"]] = value
    loops: Pairs = []
    crosses: Pairs = []
    for a, held_by in holders.items():
        for b in held_by:
            if a < b and a in holders.get(b, {}):
                full = held_by[b] == 100 and holders[b][a] == 100
                alone = len(held_by) == 1 and len(holders[b]) == 1
                (loops if full and alone else crosses).append((a, b))
    return loops, crosses


def party_roles(statements: Iterable[Statement]) -> dict[str, Counter[str]]:
    """``arrangement or company -> interest types held in it`` (from all relationships)."""
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for s in statements:
        if s["recordType"] == "relationship":
            for i in s["recordDetails"]["interests"]:
                roles[str(s["recordDetails"]["subject"])][i["type"]] += 1
    return roles


def self_holdings(statements: Iterable[Statement]) -> list[str]:
    """Relationships in which a party holds an interest in itself (the import quarantines them)."""
    return [
        f"line {line}: {s['recordId']} ({s['recordStatus']}): {s['recordDetails']['subject']}"
        for line, s in enumerate(statements, 1)
        if s["recordType"] == "relationship"
        and s["recordDetails"]["subject"] == s["recordDetails"]["interestedParty"]
    ]
