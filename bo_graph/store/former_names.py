"""A party is found by the names its earlier versions carried, as registers' search finds a
company by its previous names: a record renamed by a later statement keeps its old name in the
search index, after its current ones. Shared by both backends, which call it at the end of an
import for the parties that import wrote (the current name and exact-name references stay the
current version's)."""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from bo_graph.model.bods04_index import party_names
from bo_graph.model.graph import NodeKind


def version_names(kind: str, payloads: Iterable[bytes | str]) -> list[str]:
    """The names of each stored version payload of a party of ``kind`` (persons' names are read
    as persons'; a placeholder has none worth searching)."""
    if kind not in (NodeKind.PERSON.value, NodeKind.ENTITY.value):
        return []
    person = kind == NodeKind.PERSON.value
    names: list[str] = []
    for payload in payloads:
        names.extend(party_names(orjson.loads(payload)["d"], person))
    return names
