"""Statement ids of the register loaders stay what they were: a store filled by an earlier import
recognises the same records again as duplicates, not as new statements. The id of a statement
is ``digest(record id, record type, record status, source record)``; a source record that yields
several statements (a PSC line gives the person and the relationship) is encoded once for all
of them, and must hash exactly as if each had encoded it alone."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bo_graph.model.codes import PersonType, RecordStatus, RecordType
from bo_graph.model.records import PersonDetails
from loaders._common import Origin, digest, statement_digest

_integers = st.integers(-(2**63), 2**64 - 1)  # what JSON parsers hand over
_scalars = st.none() | st.booleans() | _integers | st.floats(allow_nan=False) | st.text()
_records = st.dictionaries(
    st.text(),
    st.recursive(
        _scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    ),
    max_size=6,
)
_kinds = st.sampled_from([t.value for t in RecordType])
_statuses = st.sampled_from([s.value for s in RecordStatus])


@settings(max_examples=200, deadline=None)
@given(
    raw=_records,
    other=_records,
    ids=st.lists(st.text(), min_size=2, max_size=3),
    kind=_kinds,
    status=_statuses,
)
def test_a_record_shared_by_several_statements_gives_each_the_id_it_would_get_alone(
    raw: dict[str, Any], other: dict[str, Any], ids: list[str], kind: str, status: str
) -> None:
    for record_id in ids:  # the same record object again and again: encoded once
        assert statement_digest(record_id, kind, status, raw) == digest(
            record_id, kind, status, raw
        )
    copy = dict(other)  # a new object, even if equal to the last one: encoded anew
    assert statement_digest(ids[0], kind, status, copy) == digest(ids[0], kind, status, copy)


def test_the_ids_of_a_register_line_are_the_ones_earlier_imports_gave() -> None:
    """Pinned: these are the ids the loaders gave before a shared record was encoded once."""
    origin = Origin("UK PSC", "snapshot.jsonl", "uk-psc")
    line = {
        "company_number": "01234567",
        "data": {
            "kind": "individual-person-with-significant-control",
            "name": "Ann Lee",
            "notified_on": "2016-04-06",
        },
    }
    person = PersonDetails(PersonType.KNOWN)
    first = origin.statement(1, "gb-psc:1234567/a", person, line)
    second = origin.statement(1, "gb-psc:1234567/b", person, line)
    assert first.statement_id == "uk-psc-c35a4f95c8b3b042cc132d7b95d899114ecbd2d6"
    assert second.statement_id == "uk-psc-6a716a65361336d65709f870d09ecb98384fc635"
