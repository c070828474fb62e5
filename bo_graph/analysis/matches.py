"""Persons who may be the same: leads across records and registers, never merged.

The store joins entities that share an identifier but never persons (docs/loaders.md,
"Identity"): a person listed by two registers, or by one register at several companies (the UK
PSC register gives each company's PSC a record of its own), stays two nodes. This module finds
such pairs and says why, so an investigator can cross-check them; the graph is not changed and
no ownership figure counts them as one.

Two persons are compared when they share a name (the same words in any order, titles such as
"Mr" aside, accents and case ignored), the same given and family names as their registers file
them (middle names aside), the same family name with given names that agree through initials
("J. R. Smith", "SMITH, John Robert"; :mod:`bo_graph.analysis.person_names`), or an identifier
with a scheme (a passport number). A pair is never reported when their birth dates differ where
both are known (to the precision both give: PSC gives year and month). What agrees and what
differs is listed; the grade says how much it rests on:

- ``strong``: the same identifier, or the same name and the same full date of birth;
- ``probable``: the same name and the same year and month of birth;
- ``possible``: the same name with no birth date to compare or only the year of birth to compare,
  or the same given and family names, or given names that agree through initials, with the same
  year and month of birth (or full date of birth): never more, since a first initial and a
  family name fit many persons.

The same name of initials and a family name only ("J. R. Smith", "SMITH, J R") is one grade
lower than the same name, for the same reason (and no lead without the month of birth).

Only known persons are compared: an unknown or anonymous person ("THE BEARER", which ICIJ files
at every company with bearer shares) is nobody in particular. Nothing is compared in the public
tier, which does not link natural persons across records.

Nationalities that are both known and share no country lower the grade by one (``possible``
is then dropped): dual nationals exist, different ones are a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bo_graph.analysis.match_compare import (
    GRADES,
    compare,
    identifiers,
    initials_blocks,
    initials_keys,
    name_keys,
)
from bo_graph.analysis.person_names import name_words
from bo_graph.analysis.results import Party
from bo_graph.exc import ConfigError
from bo_graph.model.graph import Node, NodeKind
from bo_graph.model.records import PersonDetails
from bo_graph.store.base import GraphStore

MATCHES_SCHEMA = "bo-graph/matches/1"
BLOCK_LIMIT = 500
"""Persons sharing one key beyond which the key is too common to compare pairwise (a whole
store's "John Smith"; a first initial, family name and month of birth): the scan reports it as
skipped instead of comparing 125,000 pairs."""
PUBLIC_TIER = (
    "matches links natural persons across records, which the public tier does not do "
    "(BO_GRAPH_TIER=public); it is for the competent-authority tier"
)


@dataclass(frozen=True, slots=True)
class Side:
    """One person of a pair: who, where the register says so, and what it holds."""

    party: Party
    cited: str
    holds: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.party.to_json(), "cited": self.cited, "holds": list(self.holds)}


@dataclass(frozen=True, slots=True)
class PersonMatch:
    a: Side
    b: Side
    grade: str
    agrees: tuple[str, ...]
    differs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "grade": self.grade,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "agrees": list(self.agrees),
            "differs": list(self.differs),
        }


@dataclass(frozen=True, slots=True)
class MatchReport:
    subject: Party | None
    """The person asked about, or ``None`` for a whole-store scan."""
    matches: tuple[PersonMatch, ...]
    compared: int
    """Persons read."""
    skipped_keys: tuple[str, ...] = ()
    """Keys shared by more than :data:`BLOCK_LIMIT` persons, not compared."""
    truncated: int = 0
    """The hit limit a name search for the subject reached (0: every hit was read)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": MATCHES_SCHEMA,
            "subject": self.subject.to_json() if self.subject else None,
            "persons_read": self.compared,
            "matches": [m.to_json() for m in self.matches],
            "skipped_keys": list(self.skipped_keys),
            "truncated": self.truncated,
        }


def person_matches(store: GraphStore, node_id: str, limit: int = 200) -> MatchReport:
    """The persons who may be the same as ``node_id``: candidates found by each of its names
    (the store's name search, ``limit`` hits each, and every person of exactly that name) and
    by its identifiers. :attr:`MatchReport.truncated` says when a search stopped at ``limit``."""
    _refuse_public(store)
    subject = store.get_node(node_id)
    if subject is None or not isinstance(subject.details, PersonDetails):
        return MatchReport(Party.of(node_id, subject), (), 0)
    candidates, truncated = _candidates(store, subject, limit)
    found = [m for other in candidates if (m := _match(store, subject, other)) is not None]
    party = Party.of(subject.id, subject)
    return MatchReport(party, _ordered(found), len(candidates), truncated=truncated)


def _refuse_public(store: GraphStore) -> None:
    if store.withholds_personal_data:
        raise ConfigError(PUBLIC_TIER)


def _candidates(store: GraphStore, subject: Node, limit: int) -> tuple[list[Node], int]:
    assert isinstance(subject.details, PersonDetails)
    seen: dict[str, Node] = {}
    truncated = 0
    for name in {n.full_name for n in subject.details.names}:
        hits = store.search(" ".join(name_words(name)) or name, limit=limit)  # "Mrs" aside
        truncated = limit if len(hits) >= limit else truncated
        for node in [*hits, *store.find_by_name(name)]:
            seen.setdefault(node.id, node)
    for key in initials_keys(subject.details):  # "j smith": J. Smith, John R. Smith, James Smith
        hits = store.search(" ".join(key[1:-1]), limit=limit, kind=NodeKind.PERSON)
        truncated = limit if len(hits) >= limit else truncated
        for node in hits:
            seen.setdefault(node.id, node)
    for identifier in identifiers(subject.details):
        assert identifier.scheme
        for node in store.find_by_identifier(identifier.scheme, identifier.id):
            seen.setdefault(node.id, node)
    others = [n for n in seen.values() if n.id != subject.id and n.kind is NodeKind.PERSON]
    return others, truncated


def store_matches(store: GraphStore) -> MatchReport:
    """Every pair of persons in the store who may be the same (a whole-register check)."""
    _refuse_public(store)
    blocks: dict[tuple[str, ...], list[str]] = defaultdict(list)
    persons: dict[str, PersonDetails] = {}
    abbreviated: set[str] = set()
    for node in store.iter_nodes(NodeKind.PERSON):
        if isinstance(node.details, PersonDetails):
            persons[node.id] = node.details
            by_initials, initials = initials_blocks(node.details)
            for key in name_keys(node.details) | by_initials:
                blocks[key].append(node.id)
            if initials:
                abbreviated.add(node.id)
    # a block of initials ("f") is only read where someone's given names are initials
    wanted = {
        k: ids
        for k, ids in blocks.items()
        if len(ids) > 1 and (k[0] != "f" or not abbreviated.isdisjoint(ids))
    }
    skipped = sorted({_key_text(k) for k, ids in wanted.items() if len(ids) > BLOCK_LIMIT})
    within = ((k, ids) for k, ids in wanted.items() if len(ids) <= BLOCK_LIMIT)
    pairs = sorted(_pairs(within, abbreviated))
    found = [m for a, b in pairs if (m := _pair(store, a, b, persons)) is not None]
    return MatchReport(None, _ordered(found), len(persons), tuple(skipped))


def _key_text(key: tuple[str, ...]) -> str:
    """A skipped key as the report names it: "ann example", "GB-PASSPORT:123", "j. smith, born
    1961-04"."""
    if key[0] == "f":
        return f"{key[1]}. {' '.join(key[2:-1])}, born {key[-1]}"
    return " ".join(key[1:])


def _pairs(
    blocks: Iterable[tuple[tuple[str, ...], list[str]]], abbreviated: set[str]
) -> set[tuple[str, str]]:
    """The pairs of each block; in a block of initials, those with initials on one side at least
    (two full names agree by name, or not at all)."""
    out: set[tuple[str, str]] = set()
    for key, ids in blocks:
        unique = sorted(set(ids))
        initials = key[0] == "f"
        out.update(
            (a, b)
            for i, a in enumerate(unique)
            for b in unique[i + 1 :]
            if not initials or a in abbreviated or b in abbreviated
        )
    return out


def _pair(
    store: GraphStore, a: str, b: str, persons: dict[str, PersonDetails]
) -> PersonMatch | None:
    if compare(persons[a], persons[b]) is None:
        return None
    nodes = store.get_nodes([a, b])
    return _match(store, nodes[a], nodes[b]) if a in nodes and b in nodes else None


def _match(store: GraphStore, a: Node, b: Node) -> PersonMatch | None:
    if not isinstance(a.details, PersonDetails) or not isinstance(b.details, PersonDetails):
        return None
    found = compare(a.details, b.details)
    if found is None:
        return None
    grade, agrees, differs = found
    return PersonMatch(_side(store, a), _side(store, b), grade, tuple(agrees), tuple(differs))


def _side(store: GraphStore, node: Node) -> Side:
    cited = f"{node.provenance.source}: {node.provenance.cite()}" if node.provenance else ""
    held = store.get_nodes([e.subject for e in store.holdings_of(node.id)])
    return Side(Party.of(node.id, node), cited, tuple(sorted(n.name for n in held.values())))


def _ordered(found: Iterable[PersonMatch]) -> tuple[PersonMatch, ...]:
    return tuple(sorted(found, key=lambda m: (GRADES.index(m.grade), m.a.party.name, m.b.party.id)))


def iter_grades(report: MatchReport) -> Iterator[tuple[str, int]]:
    """``(grade, count)`` for each grade the report has."""
    for grade in GRADES:
        count = sum(1 for m in report.matches if m.grade == grade)
        if count:
            yield grade, count
