"""A layered layout: the subject on level 0 at the bottom, each owner above what it holds.

Levels are longest paths from the subject once the edges that close a cycle are set aside, so
an owner always sits above everything it holds (except around a cycle). Within a level, parties
are ordered by the mean position of what they hold (one barycentre sweep), which keeps most
lines from crossing in ownership trees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

Link = tuple[str, str]
"""``(owner, held)``: the owner is drawn above what it holds."""


def _owners_index(links: Iterable[Link]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for owner, held in links:
        if owner not in owners[held]:
            owners[held].append(owner)
    return owners


def _acyclic(root: str, owners: Mapping[str, Sequence[str]]) -> list[Link]:
    """The links without those that close a cycle (depth-first from ``root``, iterative)."""
    kept: list[Link] = []
    state: dict[str, int] = {root: 1}  # 1: on the stack, 2: done
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        held, i = stack.pop()
        ups = owners.get(held, ())
        if i >= len(ups):
            state[held] = 2
            continue
        stack.append((held, i + 1))
        owner = ups[i]
        if state.get(owner) == 1:
            continue  # a back link: it closes a cycle
        kept.append((owner, held))
        if owner not in state:
            state[owner] = 1
            stack.append((owner, 0))
    return kept


def levels(root: str, links: Iterable[Link]) -> dict[str, int]:
    """Level of every party reachable upwards from ``root`` (``root`` is 0)."""
    dag = _acyclic(root, _owners_index(links))
    holders: dict[str, list[str]] = defaultdict(list)
    indegree: dict[str, int] = defaultdict(int)
    for owner, held in dag:
        holders[held].append(owner)
        indegree[owner] += 1
    level = {root: 0}
    ready = [root]
    while ready:  # Kahn's order from the subject upwards: every held party before its owners
        held = ready.pop()
        for owner in holders[held]:
            level[owner] = max(level.get(owner, 0), level[held] + 1)
            indegree[owner] -= 1
            if indegree[owner] == 0:
                ready.append(owner)
    return level


def order_levels(level: Mapping[str, int], links: Iterable[Link]) -> list[list[str]]:
    """Parties per level, bottom (level 0) first, each level ordered by barycentre."""
    held_by: dict[str, list[str]] = defaultdict(list)
    for owner, held in links:
        held_by[owner].append(held)
    rows: dict[int, list[str]] = defaultdict(list)
    for party, lvl in level.items():
        rows[lvl].append(party)
    ordered: list[list[str]] = []
    position: dict[str, float] = {}
    for lvl in range(max(rows, default=-1) + 1):
        row = sorted(rows.get(lvl, []))
        row.sort(key=lambda p: _barycentre(p, held_by, position))
        position.update({p: float(i) - (len(row) - 1) / 2 for i, p in enumerate(row)})
        ordered.append(row)
    return ordered


def _barycentre(
    party: str, held_by: Mapping[str, list[str]], position: Mapping[str, float]
) -> float:
    below = [position[h] for h in held_by.get(party, ()) if h in position]
    return sum(below) / len(below) if below else 0.0


def wrap_rows(level: Mapping[str, int], links: Iterable[Link], width: int) -> dict[str, int]:
    """Levels renumbered so that no row holds more than ``width`` parties: a wide level is
    split into several rows, in barycentre order, each drawn above the previous one."""
    links = list(links)
    out: dict[str, int] = {}
    row = 0
    for parties in order_levels(level, links):
        for start in range(0, max(len(parties), 1), max(width, 1)):
            for party in parties[start : start + width]:
                out[party] = row
            row += 1
    return out
