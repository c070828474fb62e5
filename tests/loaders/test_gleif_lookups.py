"""GLEIF API parent and children lookups (../shared/reference_data section 6c): the LEI records
they give also give the consolidation relationship the lookup implies, the same record as the
relationship record of that link, when the response's own links say what it was asked about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.model.codes import DirectOrIndirect, InterestType
from bo_graph.model.records import RelationshipDetails
from bo_graph.store.embedded import EmbeddedStore
from loaders import gleif
from tests.helpers import import_files
from tests.loaders.loader_helpers import GLEIF_API, import_twice, rejected, statements, warned

LEI_RECORDS = GLEIF_API / "lei_records"
RELATIONSHIPS = GLEIF_API / "relationships"
API = "https://api.gleif.org/api/v1/lei-records"


def _children(path: Path) -> list[str]:
    return [resource["id"] for resource in json.loads(path.read_bytes())["data"]]


def _owners(store: EmbeddedStore, lei: str) -> dict[str, str]:
    """The owners of entity ``lei``: interested party -> relationship id."""
    return {e.interested_party: e.id for e in store.owners_of(f"XI-LEI-{lei}")}


@pytest.mark.parametrize(
    ("lookup", "level"),
    [
        ("direct-children", DirectOrIndirect.DIRECT),
        ("ultimate-children", DirectOrIndirect.INDIRECT),
    ],
)
def test_a_children_page_gives_each_child_its_parent_as_owner(
    reference: Path, tmp_path: Path, lookup: str, level: DirectOrIndirect
) -> None:
    page = LEI_RECORDS / f"{lookup}_529900GRZ2BQY5ZM9N49.json"  # 12 children, one page
    children = _children(page)
    assert len(children) == 12
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [page], tmp_path)  # a reimport is duplicates only
        assert first.accounting.loaded == 24 and first.accounting.quarantined == 0
        for child in children:
            (edge,) = store.owners_of(f"XI-LEI-{child}")
            assert edge.interested_party == "XI-LEI-529900GRZ2BQY5ZM9N49"
            (interest,) = edge.interests
            assert interest.type is InterestType.OTHER_INFLUENCE_OR_CONTROL
            assert interest.direct_or_indirect is level
            assert interest.beneficial_ownership_or_control is False
            assert edge.provenance is not None and edge.provenance.file == str(page)
            assert edge.provenance.position == children.index(child) + 1
    finally:
        store.close()


def test_page_1_of_8_links_its_15_children_and_still_warns(reference: Path, tmp_path: Path) -> None:
    page = LEI_RECORDS / "direct-children_21380068P1DRHMJ8KU70.json"  # Shell: 106 children
    (note,) = warned(gleif.read(page))
    assert "page 1 of 8" in note.warnings[0] and "page%5Bnumber%5D=2" in note.warnings[0]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [page], tmp_path / "q.jsonl")
        shell = "XI-LEI-21380068P1DRHMJ8KU70"
        held = {e.subject for e in store.holdings_of(shell)}
        assert held == {f"XI-LEI-{child}" for child in _children(page)}
        assert len(held) == 15
    finally:
        store.close()


def test_the_implied_link_is_the_relationship_record_s_record(reference: Path) -> None:
    """Same record id, subject, party and interest as the relationship record of the link;
    without the periods, status and date only that record has."""
    parent = "5299001ERX0K10IZUL40"
    records = statements(gleif.read(RELATIONSHIPS / f"direct-child-relationships_{parent}.json"))
    implied = [
        s
        for s in statements(gleif.read(LEI_RECORDS / f"direct-children_{parent}.json"))
        if isinstance(s.details, RelationshipDetails)
    ]
    assert [s.record_id for s in implied] == [s.record_id for s in records]
    for lookup, record in zip(implied, records, strict=True):
        assert isinstance(lookup.details, RelationshipDetails)
        assert isinstance(record.details, RelationshipDetails)
        assert (lookup.details.subject, lookup.details.interested_party) == (
            record.details.subject,
            record.details.interested_party,
        )
        (mine,), (theirs,) = lookup.details.interests, record.details.interests
        assert (mine.type, mine.direct_or_indirect, mine.beneficial_ownership_or_control) == (
            theirs.type,
            theirs.direct_or_indirect,
            theirs.beneficial_ownership_or_control,
        )
        assert (
            mine.details
            == theirs.details
            == "IS_DIRECTLY_CONSOLIDATED_BY: accounting consolidation"
        )
        assert theirs.start_date is not None and mine.start_date is None
        assert record.statement_date is not None and lookup.statement_date is None
        assert lookup.statement_id != record.statement_id  # other content: not a conflict


@pytest.mark.parametrize("lookup_first", [True, False])
def test_a_children_page_and_its_relationship_records_give_one_relationship_per_child(
    reference: Path, tmp_path: Path, lookup_first: bool
) -> None:
    parent = "5299001ERX0K10IZUL40"
    page = LEI_RECORDS / f"direct-children_{parent}.json"
    records = RELATIONSHIPS / f"direct-child-relationships_{parent}.json"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(
            store, [page, records] if lookup_first else [records, page], tmp_path / "q.jsonl"
        )
        assert report.accounting.quarantined == 0
        for child in _children(page):
            owners = _owners(store, child)
            assert list(owners) == [f"XI-LEI-{parent}"]  # one relationship, not two
            (edge,) = store.owners_of(f"XI-LEI-{child}")
            assert edge.provenance is not None and edge.provenance.file == str(records)
            assert edge.interests[0].start_date is not None  # the record's period stays
            files = {s.provenance.file for s in store.statements_for(edge.id)}
            assert files == {str(page), str(records)}  # both files speak for it
    finally:
        store.close()


def _with_links(source: Path, target: Path, links: dict[str, str]) -> Path:
    document = json.loads(source.read_bytes())
    target.write_text(json.dumps({**document, "links": links}))
    return target


@pytest.mark.parametrize("lookup_first", [True, False])
def test_a_parent_lookup_links_the_child_its_links_name(
    reference: Path, tmp_path: Path, lookup_first: bool
) -> None:
    """The API's parent lookups carry no top-level links: as recorded, a lookup gives the
    parent's LEI record only, whatever the file's name. A response that keeps the URL it
    answered (``links.self``) names its child, and gives the same relationship as the
    relationship record of the link."""
    child, parent = "5493001KJTIIGC8Y1R12", "XI-LEI-549300B56MD0ZC402L06"
    recorded = LEI_RECORDS / f"direct-parent_{child}.json"
    assert [s.record_id for s in statements(gleif.read(recorded))] == [parent]
    response = _with_links(
        recorded, tmp_path / "response.json", {"self": f"{API}/{child}/direct-parent"}
    )
    record = RELATIONSHIPS / f"direct-parent-relationship_{child}.json"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        import_files(store, [response], tmp_path / "q1.jsonl")
        assert list(_owners(store, child)) == [parent]
        if lookup_first:
            import_files(store, [record], tmp_path / "q2.jsonl")
        else:  # the record into a fresh store first, then the lookup
            store.close()
            store = EmbeddedStore(tmp_path / "g2.sqlite")
            import_files(store, [record, response], tmp_path / "q2.jsonl")
        (edge,) = store.owners_of(f"XI-LEI-{child}")
        assert edge.interested_party == parent
        assert (
            edge.record_id == f"gleif-rr:{child}:IS_DIRECTLY_CONSOLIDATED_BY:549300B56MD0ZC402L06"
        )
        assert edge.interests[0].start_date == "2007-06-05"  # the record's RELATIONSHIP_PERIOD
        assert edge.provenance is not None and edge.provenance.file == str(record)
    finally:
        store.close()


def test_links_that_do_not_agree_imply_nothing(reference: Path, tmp_path: Path) -> None:
    page = LEI_RECORDS / "direct-children_5299001ERX0K10IZUL40.json"
    agreeing = _with_links(
        page, tmp_path / "a.json", {"first": f"{API}/5299001ERX0K10IZUL40/direct-children?page=1"}
    )
    assert len(statements(gleif.read(agreeing))) == 4  # 2 LEI records, 2 links
    for links in (
        {
            "first": f"{API}/5299001ERX0K10IZUL40/direct-children",
            "last": f"{API}/{'A' * 20}/direct-children",
        },
        {
            "first": f"{API}/5299001ERX0K10IZUL40/direct-children",
            "self": f"{API}/5299001ERX0K10IZUL40",
        },
        {"first": f"{API}?filter%5Blei%5D=5299001ERX0K10IZUL40"},
        {"self": "http://[bad/lei-records/5299001ERX0K10IZUL40/direct-children"},
    ):
        items = list(gleif.read(_with_links(page, tmp_path / "b.json", links)))
        assert [type(s.details).__name__ for s in statements(items)] == ["EntityDetails"] * 2
        assert rejected(items) == []


def test_a_child_that_is_its_own_parent_is_quarantined_not_linked(
    reference: Path, tmp_path: Path
) -> None:
    page = LEI_RECORDS / "direct-children_5299001ERX0K10IZUL40.json"
    child = _children(page)[0]
    response = _with_links(
        page, tmp_path / "loop.json", {"first": f"{API}/{child}/direct-children"}
    )
    items = list(gleif.read(response))
    (loop,) = rejected(items)
    assert loop.position == 1 and f"direct-children of {child}" in loop.reason
    assert "differ" in loop.reason
    assert len(statements(items)) == 3  # both LEI records and the other child's link


def test_a_child_quarantined_for_a_bad_date_still_has_its_parent(
    reference: Path, tmp_path: Path
) -> None:
    """The link stands on the child's LEI: a child record GLEIF wrote with a date that is not
    one is quarantined, and the page still says who consolidates it (the child then a
    dangling reference, reported as such). A child whose LEI is unusable gives no link, and
    is quarantined once, not twice."""
    parent = "5299001ERX0K10IZUL40"
    document = json.loads((LEI_RECORDS / f"direct-children_{parent}.json").read_bytes())
    bad_date, bad_lei = document["data"]
    bad_date["attributes"]["entity"]["creationDate"] = "25/01/2001"
    bad_lei["attributes"]["lei"] = "NOT-AN-LEI"
    page = tmp_path / "children.json"
    page.write_text(json.dumps(document))
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, [page], tmp_path / "q.jsonl")
        assert report.accounting.quarantined == 2 and report.accounting.loaded == 1
        reasons = [json.loads(line)["reason"] for line in (tmp_path / "q.jsonl").open()]
        assert any("EntityCreationDate" in r for r in reasons), reasons
        assert any("NOT-AN-LEI" in r for r in reasons), reasons
        (edge,) = store.owners_of(f"XI-LEI-{bad_date['id']}")
        assert edge.interested_party == f"XI-LEI-{parent}"
        assert edge.provenance is not None and edge.provenance.position == 1
        dangling = {d.target for d in report.dangling}  # the parent is not on its page either
        assert dangling == {f"XI-LEI-{bad_date['id']}", f"XI-LEI-{parent}"}
    finally:
        store.close()
