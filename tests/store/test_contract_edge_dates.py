"""A relationship on a date: the contract, on both backends. An undated statement says that a
relationship exists, not since when: where the record also has dated statements, those decide
the version a date sees (:mod:`bo_graph.store.history`, rules 1 and 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files
from tests.loaders.loader_helpers import GLEIF_API

PARENT = "5299001ERX0K10IZUL40"
CHILDREN_PAGE = GLEIF_API / "lei_records" / f"direct-children_{PARENT}.json"
"""A GLEIF children page: each child's consolidation link, undated."""
RELATIONSHIP_RECORDS = GLEIF_API / "relationships" / f"direct-child-relationships_{PARENT}.json"
"""The same links as GLEIF's dated relationship records, with each link's period."""


def _period_starts() -> dict[str, str]:
    """Each child's LEI -> the first day of its relationship period, as GLEIF gives it."""
    starts = {}
    for item in json.loads(RELATIONSHIP_RECORDS.read_bytes())["data"]:
        relationship = item["attributes"]["relationship"]
        periods = [p for p in relationship["periods"] if p["type"] == "RELATIONSHIP_PERIOD"]
        starts[relationship["startNode"]["id"]] = min(p["startDate"][:10] for p in periods)
    return starts


@pytest.mark.parametrize("page_first", [True, False])
def test_an_undated_link_does_not_date_a_relationship_back(
    store: GraphStore, tmp_path: Path, reference: Path, page_first: bool
) -> None:
    """Imported with the children page (undated) or not, each child has its parent as owner
    from the start of the relationship period the relationship record gives, and not before."""
    files = [CHILDREN_PAGE, RELATIONSHIP_RECORDS]
    import_files(store, files if page_first else files[::-1], tmp_path / "q.jsonl")
    starts = _period_starts()
    assert len(starts) == 2
    for child, start in starts.items():
        day_before = f"{int(start[:4]) - 1}{start[4:]}"
        for when, owned in (
            (When(as_of=day_before), False),
            (When(as_of=start), True),
            (When(), True),
        ):
            owners = [e.interested_party for e in store.owners_of(f"XI-LEI-{child}", when)]
            assert owners == ([f"XI-LEI-{PARENT}"] if owned else []), (child, when)


def test_a_link_known_only_undated_holds_on_every_date(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    import_files(store, [CHILDREN_PAGE], tmp_path / "q.jsonl")
    for child in _period_starts():
        for when in (When(as_of="1990-01-01"), When()):
            owners = [e.interested_party for e in store.owners_of(f"XI-LEI-{child}", when)]
            assert owners == [f"XI-LEI-{PARENT}"], (child, when)


CEASED_PSC = "gb-psc:10308742/w4N_sH7yjfQmrQl93tx5yu7WW50"
"""Karol Kuczkowski, line 14 of the PSC snapshot sample: notified 2016-08-02, ceased 2018-02-27.
The snapshot has only this one record of him, so his relationship is known only by its closing
statement."""


def test_a_relationship_known_only_by_its_closing_statement_is_open_before_it(
    store: GraphStore, tmp_path: Path, reference: Path
) -> None:
    """Rule 4: the closing statement ends the record on its date, not before."""
    snapshot = reference / "uk-psc-bods-uk-psc-pipeline" / "derived" / "psc-snapshot-sample.jsonl"
    import_files(store, [snapshot], tmp_path / "q.jsonl")
    for when, owned in (
        (When(as_of="2016-08-01"), False),
        (When(as_of="2017-01-01"), True),
        (When(as_of="2018-02-26"), True),
        (When(as_of="2018-02-27"), False),
        (When(), False),
    ):
        edges = store.owners_of("GB-COH-10308742", when)
        assert [(e.interested_party, e.closed) for e in edges] == (
            [(CEASED_PSC, False)] if owned else []
        ), when


def test_an_end_repeated_by_a_later_statement_does_not_replace_the_version_then(
    store: GraphStore, tmp_path: Path
) -> None:
    """Rule 3 takes a later statement only for a retroactive end: a register that repeats an
    interest ended long ago in each update (its history) does not date its later changes back.
    P held 40% until 2020-06-01, then 20% (stated 2021), then 10% (stated 2023)."""
    held = {"type": "shareholding", "directOrIndirect": "direct", "startDate": "2015-01-01"}
    ended = {**held, "share": {"exact": 40}, "endDate": "2020-06-01"}
    after = {"type": "shareholding", "directOrIndirect": "direct", "startDate": "2020-06-01"}

    def stated(date: str, status: str, interests: list[dict[str, object]]) -> dict[str, object]:
        statement = owns("R", "P", "C", date=date, status=status)
        statement["recordDetails"]["interests"] = interests
        return statement

    register = write_jsonl(
        tmp_path / "register.jsonl",
        [
            entity("C", "Company C", number="00000001", date="2019-01-01"),
            person("P", "Person P", date="2019-01-01"),
            stated("2019-01-01", "new", [{**held, "share": {"exact": 40}}]),
            stated("2021-01-01", "updated", [ended, {**after, "share": {"exact": 20}}]),
            stated("2023-01-01", "updated", [ended, {**after, "share": {"exact": 10}}]),
        ],
    )
    import_files(store, [register], tmp_path / "q.jsonl")

    def shares(when: When) -> list[float | None]:
        return [
            i.share.upper if i.share else None
            for e in store.owners_of("C", when)
            for i in e.interests_in_effect(when)
        ]

    assert shares(When(as_of="2020-05-31")) == [40]
    for when in (When(as_of="2022-01-01"), When(known_at="2022-01-01"), When(as_of="2022-12-31")):
        assert shares(when) == [20], when
    assert shares(When(as_of="2023-01-01")) == [10]
    assert shares(When()) == [10]
