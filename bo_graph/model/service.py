"""Service roles: what a party does for a company (an intermediary, a registered agent, a
nominee, a director, a company secretary or another officer), not what it holds in it.

An interest is a service role when its type is one (``nominee``, ``boardMember``,
``boardChair``, ``seniorManagingOfficial``), or when it is control by other means or of an
unknown kind, not declared beneficial, whose label (``details``) names a service: ICIJ's
"intermediary of" and its viz "registered" edge, "registered agent", "company secretary",
"nominee", "introducer", "service provider". A company that holds control by other means with
no such label is an owner: in BODS an entity's interest is never beneficial, so "not
beneficial" alone tells nothing.

:func:`is_service_control` is the part the analysis reads: control by other means that the
source records as a service (ICIJ's intermediary, the law firm or agent that had the company
registered) gives no control (:mod:`bo_graph.analysis.network`) and makes no layer of the
ownership chain (:mod:`bo_graph.analysis.opacity.view`). The draft requests ask such a party
what it knows of the company it served (:mod:`bo_graph.export.service_roles`).
"""

from __future__ import annotations

import re

from bo_graph.model.codes import MANAGEMENT_INTERESTS, InterestType
from bo_graph.model.records import Interest

SERVICE_TYPES = MANAGEMENT_INTERESTS | {InterestType.NOMINEE}
"""Interest types that are a service whatever their label."""
LABELLED_TYPES = frozenset(
    {None, InterestType.OTHER_INFLUENCE_OR_CONTROL, InterestType.UNKNOWN_INTEREST}
)
"""Interest types that are a service when their label says so."""
SERVICE_WORDS = re.compile(
    r"intermediar|\bagent\b|secretar|nominee|introduc|service provider|corporate services?"
    r"|^\s*registered(?:\s+office)?(?:\s+of)?\s*$",
    re.IGNORECASE,
)


def is_service(interest: Interest) -> bool:
    """Whether ``interest`` is a service role (see the module docs)."""
    if interest.type in SERVICE_TYPES:
        return True
    if interest.type not in LABELLED_TYPES or interest.beneficial_ownership_or_control:
        return False
    return bool(interest.details and SERVICE_WORDS.search(interest.details))


def is_service_control(interest: Interest) -> bool:
    """Control by other means that its label records as a service, not declared beneficial
    (ICIJ's "intermediary of", the viz "registered" edge): no control, no chain layer."""
    return interest.type is InterestType.OTHER_INFLUENCE_OR_CONTROL and is_service(interest)
