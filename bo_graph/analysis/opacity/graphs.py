"""Small graph helpers for the rules: strongly connected components, and groups of related
parties (connected by shared keys)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from bo_graph.model.graph import Edge


def strongly_connected(edges: Iterable[Edge]) -> list[frozenset[str]]:
    """Components of more than one node in the graph ``interested party -> subject``
    (iterative Tarjan, so deep chains do not hit the recursion limit)."""
    succ: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        succ[edge.interested_party].append(edge.subject)
        succ.setdefault(edge.subject, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0
    for root in sorted(succ):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succ[node]
            if pos < len(children):
                work.append((node, pos + 1))
                child = children[pos]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                members = set()
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    members.add(top)
                    if top == node:
                        break
                if len(members) > 1:
                    out.append(frozenset(members))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(out, key=sorted)


def components(keys: Mapping[str, set[str]]) -> list[set[str]]:
    """Groups of items connected through any shared key (union-find)."""
    parent = {item: item for item in keys}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    owner: dict[str, str] = {}
    for item in sorted(keys):
        for key in keys[item]:
            if key in owner:
                parent[find(item)] = find(owner[key])
            else:
                owner[key] = item
    groups: dict[str, set[str]] = defaultdict(set)
    for item in keys:
        groups[find(item)].add(item)
    return sorted(groups.values(), key=lambda g: sorted(g))
