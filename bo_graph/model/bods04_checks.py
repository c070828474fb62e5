"""The checks a graph needs on a schema-valid BODS 0.4 ``recordDetails``, without building it.

Schema validation already guarantees the code lists and types; what remains is what the schema
cannot say: share intervals within 0-100 with minimum <= maximum, interests that start before
they end, and a relationship whose two ends differ. Raises :class:`RecordError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.codes import RecordType
from bo_graph.model.share import check_share


def check_relationship(details: Mapping[str, Any]) -> None:
    subject, party = details.get("subject"), details.get("interestedParty")
    if isinstance(subject, str) and subject == party:
        raise RecordError(
            f"relationship: expected the subject and interested party to differ, both are "
            f"{subject!r}",
            field="interestedParty",
        )
    for interest in details.get("interests") or ():
        if not isinstance(interest, Mapping):
            continue
        if interest.get("share"):
            check_share(interest["share"])
        start, end = interest.get("startDate"), interest.get("endDate")
        if start and end and str(start) > str(end):
            raise RecordError(
                f"interest {interest.get('type', '(untyped)')}: expected startDate <= endDate, "
                f"found {start} > {end}",
                field="interests",
            )


def check_details(record_type: RecordType, details: Any) -> Mapping[str, Any]:
    """``details`` if a graph can use it; raises :class:`RecordError` otherwise."""
    if not isinstance(details, Mapping):
        raise RecordError(
            f"recordDetails: expected an object, found {details!r}", field="recordDetails"
        )
    if record_type is RecordType.RELATIONSHIP:
        check_relationship(details)
    return details
