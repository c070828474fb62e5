"""What the registers already show of a party a request is sent about: the identified owners
and controllers of a company (or the parties of a trust), and those in service roles in it. A
request lists them and asks for what is beyond them, not for what the requesting side already
holds (:mod:`bo_graph.export.requests`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.export.service_roles import service_role
from bo_graph.model.codes import EntityType, PersonType
from bo_graph.model.graph import Node, Subgraph, When
from bo_graph.model.records import EntityDetails, Interest, PersonDetails
from bo_graph.model.service import is_service
from bo_graph.viz.text import clean, interest_text

_UNIDENTIFIED = frozenset({EntityType.UNKNOWN, EntityType.ANONYMOUS})


@dataclass(frozen=True)
class Shown:
    """The identified parties the registers show with an interest in one party, in effect in
    the view: each as ``name (interests)``."""

    holders: tuple[str, ...] = ()
    """Owners, controllers and trust parties: every interest they hold is not a service."""
    services: tuple[str, ...] = ()
    """Directors, officers, agents, intermediaries and nominees: every interest they hold is a
    service (:mod:`bo_graph.model.service`)."""

    def __bool__(self) -> bool:
        return bool(self.holders or self.services)


def shown_of(subgraph: Subgraph, party: str, when: When) -> Shown:
    """Who the registers show holding an interest in ``party`` at ``when`` (closed relationships
    and unidentified holders, such as an undisclosed owner or an unknown entity, left out:
    they are what a request asks about)."""
    held: dict[str, list[Interest]] = {}  # holder id -> its interests, over its relationships
    for edge in sorted(subgraph.edges.values(), key=lambda e: e.id):
        holder = subgraph.nodes.get(edge.interested_party)
        if edge.subject != party or edge.closed or holder is None or not _identified(holder):
            continue
        if in_effect := edge.interests_in_effect(when):
            held.setdefault(holder.id, []).extend(in_effect)
    holders: list[str] = []
    services: list[str] = []
    for holder_id, interests in held.items():
        name = clean(subgraph.nodes[holder_id].name)
        if all(is_service(i) for i in interests):
            services.append(f"{name} ({', '.join(dict.fromkeys(map(service_role, interests)))})")
        else:
            texts = dict.fromkeys(interest_text(i, short=True) for i in interests)
            holders.append(f"{name} ({', '.join(texts)})")
    return Shown(tuple(holders), tuple(services))


def _identified(node: Node) -> bool:
    details = node.details
    if isinstance(details, PersonDetails):
        return details.person_type is PersonType.KNOWN
    if isinstance(details, EntityDetails):
        return details.entity_type not in _UNIDENTIFIED
    return False  # an unspecified party
