"""Store-level identity: the same company in two registers becomes one node.

Loaders give canonical record ids where one register alone can be sure (``GB-COH-<number>``,
``XI-LEI-<LEI>``), but a record of one register often names another register's identifier: a
GLEIF record of a UK company carries its Companies House number, a FollowTheMoney entity its
LEI, a bank-account register the company number of an account holder. At the end of every
import each backend asks :func:`plan_merges` which entity nodes share such a key and joins them
into one node that keeps every version and every provenance.

The rules, the same on both backends:

- Only **entities** are joined, only by an identifier with a ``scheme`` (``SCHEME:ID`` keys,
  numeric ids without leading zeros: ``GB-COH:06436883`` = ``GB-COH:6436883``), never by name.
  Persons are never joined: a shared passport number is evidence for an investigator, not a
  fact for the store to act on.
- A key that is a placeholder (``0``, ``N/A``, ``UNKNOWN``…), that two records of one source
  (register or publisher) hold (GLEIF sub-funds sharing their umbrella's registration number;
  the register itself keeps them apart), or that more than :data:`MAX_HOLDERS` nodes hold joins
  nothing: that is filler or ambiguity, not an identity. Nor does a key that would put two
  records of one source into one node through a third record holding keys of both (a bridge):
  keys are taken in their sorted order, and one that would is left unjoined.
- The joined node keeps the id that ranks first: an id that spells one of its own record's keys
  (``GB-COH-6436883`` holding ``GB-COH:6436883``) before any other, then the smallest. The rank
  depends only on the records of the group, so neither the order of the imports nor a later
  version of one of them changes it. The other records' ids become aliases: they still resolve
  to the node, and statements about them in later imports join it again.
- The node's current version is the latest of all its versions (statement date, then arrival),
  as for the versions of one record, with one exception: a joined node is closed only when the
  latest version of every one of its records is closed. A GLEIF record retired as a duplicate
  does not close the company the PSC register still holds open: the current version is then
  the latest open one among its records' latest versions (:func:`current_of_joined`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from bo_graph.model.graph import CURRENT
from bo_graph.model.identity_keys import is_identity_key
from bo_graph.store.history import Version, latest_known

MAX_HOLDERS = 20
"""More nodes than this holding one key: the key is not an identity."""


@dataclass(frozen=True)
class Merge:
    """One group of nodes that are the same entity."""

    node_id: str
    """The id the joined node keeps."""
    merged: tuple[str, ...]
    """The other node ids, joined into it (sorted)."""


@dataclass(frozen=True)
class RecordVersion:
    """One version of a joined node, and the record it is a version of."""

    version_id: str
    record_id: str
    stamp: tuple[str, int]
    """(statement date or ``""``, arrival): the later stamp is the later version."""
    closed: bool
    statement_id: str


def current_of_joined(versions: Iterable[RecordVersion]) -> RecordVersion:
    """The current version of a joined node: the latest of its records' latest versions that is
    open, or the latest of them when every record is closed (the rule of dated reads,
    :func:`bo_graph.store.history.latest_known`, with everything known)."""
    listed = list(versions)
    stored = [Version(v.stamp[0] or None, v.stamp[1], v.closed, v.record_id) for v in listed]
    index = latest_known(stored, CURRENT)
    assert index is not None, "a joined node has versions"
    return listed[index]


def spelling_candidates(node_id: str) -> list[str]:
    """The keys ``node_id`` would spell: ``GB-COH-1`` -> ``GB:COH-1``, ``GB-COH:1``."""
    return [node_id[:i] + ":" + node_id[i + 1 :] for i, c in enumerate(node_id) if c == "-"]


def plan_merges(
    held: Mapping[str, Iterable[str]],
    aliases: Iterable[tuple[str, str]] = (),
    *,
    spelled: Collection[str] = (),
    sources: Mapping[str, Collection[str]] | None = None,
) -> list[Merge]:
    """The merges that make one node of each group of entities.

    ``held`` maps each identifier key to the entity nodes holding it (only keys held by two or
    more are needed); ``aliases`` are pairs of a node that exists again under an id already
    joined into another node, and that node; ``spelled`` the nodes whose id spells one of their
    own keys; ``sources`` the sources (registers) of each node's records."""
    groups = _Groups(sources or {})
    for node, target in aliases:
        groups.join(node, target)
    for key, holders in sorted(held.items()):
        nodes = sorted(set(holders))
        if _joins(key, nodes, sources or {}):
            for node in nodes[1:]:
                groups.join_apart_sources(nodes[0], node)
    merges = []
    for members in groups.members().values():
        keep = min(members, key=lambda node: (node not in spelled, node))
        merges.append(Merge(keep, tuple(sorted(members - {keep}))))
    return sorted(merges, key=lambda m: m.node_id)


def _joins(key: str, nodes: list[str], sources: Mapping[str, Collection[str]]) -> bool:
    """Whether ``key`` identifies one entity across its holders."""
    if not 2 <= len(nodes) <= MAX_HOLDERS or not is_identity_key(key):
        return False
    seen: set[str] = set()
    for node in nodes:
        mine = set(sources.get(node, ()))
        if mine & seen:
            return False  # two records of one register: it keeps them apart
        seen |= mine
    return True


class _Groups:
    """Union-find over node ids, with the sources of each group's records."""

    def __init__(self, sources: Mapping[str, Collection[str]]) -> None:
        self.parent: dict[str, str] = {}
        self.sources = sources
        self.group_sources: dict[str, set[str]] = {}

    def sources_of(self, root: str) -> set[str]:
        return self.group_sources.get(root) or set(self.sources.get(root, ()))

    def join_apart_sources(self, a: str, b: str) -> None:
        """Join unless the two groups hold records of one source: a node holding keys of two
        records of one register (a bridge) must not make them one entity."""
        ra, rb = self.root(a), self.root(b)
        if ra != rb and not self.sources_of(ra) & self.sources_of(rb):
            self.join(a, b)

    def root(self, node: str) -> str:
        parent = self.parent.setdefault(node, node)
        while parent != node:
            grand = self.parent[parent]
            self.parent[node] = grand
            node, parent = parent, grand
        return node

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            merged = self.sources_of(ra) | self.sources_of(rb)
            self.parent[max(ra, rb)] = min(ra, rb)
            self.group_sources[min(ra, rb)] = merged

    def members(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for node in list(self.parent):
            out.setdefault(self.root(node), set()).add(node)
        return {root: nodes for root, nodes in out.items() if len(nodes) > 1}
