"""Parties linked to a case only through service roles: an intermediary, a registered agent, a
nominee, a director, a company secretary or another officer. Such a party is no owner, so a
request asks it what it knows of the entity it served (:mod:`bo_graph.export.requests`), not
for its own registers of members.

What a service role is: :mod:`bo_graph.model.service`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.model.codes import role_words
from bo_graph.model.graph import Subgraph, When
from bo_graph.model.records import Interest
from bo_graph.model.service import is_service
from bo_graph.viz.text import clean


@dataclass(frozen=True)
class Service:
    """What a party is recorded as doing in the case (``roles``) and for whom (``served``)."""

    roles: tuple[str, ...]
    served: tuple[str, ...]
    """The names of the entities it served, as the request names them."""


def service_of(subgraph: Subgraph, party: str, when: When) -> Service | None:
    """The service ``party`` gives in the case when every interest it holds there (in effect at
    ``when``) is a service role; ``None`` when it holds another (it is an owner) or none."""
    held = [
        (edge.subject, interest)
        for edge in subgraph.edges.values()
        if edge.interested_party == party and not edge.closed
        for interest in edge.interests_in_effect(when)
    ]
    if not held or not all(is_service(interest) for _, interest in held):
        return None
    roles = dict.fromkeys(service_role(interest) for _, interest in held)
    served = dict.fromkeys(subject for subject, _ in held)
    names = (clean(subgraph.nodes[s].name) if s in subgraph.nodes else s for s in served)
    return Service(tuple(roles), tuple(names))


def service_role(interest: Interest) -> str:
    """``intermediary`` for ICIJ's "intermediary of", ``nominee`` for a bare nominee."""
    label = " ".join((interest.details or "").split()).lower()
    label = label[:-3] if label.endswith(" of") else label
    if label == "registered":  # the ICIJ viz edge from an intermediary to what it registered
        return "the intermediary that registered it"
    if label:
        return clean(label)
    return role_words(interest.type.value) if interest.type else "an unnamed role"
