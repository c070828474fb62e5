"""What two subjects share: common owners and controllers, common holdings, and ownership
between them (``shared_report``), on small registers built with ``tests/factory.py``."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bo_graph.analysis import UboPolicy, Verdict, shared_report
from bo_graph.analysis.interval import Interval
from bo_graph.exc import ConfigError, NotFound
from bo_graph.model.graph import When
from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files


def store_of(tmp_path: Path, records: Sequence[dict[str, Any]]) -> EmbeddedStore:
    path = write_jsonl(tmp_path / "register.jsonl", records)
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    import_files(store, [path], tmp_path / "q.jsonl")
    return store


def born(record: dict[str, Any], date: str, nationality: str) -> dict[str, Any]:
    record["recordDetails"]["birthDate"] = date
    record["recordDetails"]["nationalities"] = [{"name": nationality, "code": "GB"}]
    return record


def companies(*ids: str) -> list[dict[str, Any]]:
    return [entity(i, f"{i.upper()} Ltd", number=f"{n:08d}") for n, i in enumerate(ids, 1)]


def test_a_common_person_through_different_chains_with_each_sides_share(tmp_path: Path) -> None:
    records = [
        *companies("a", "b", "h1", "h2"),
        born(person("p", "Ann Example"), "1961-04-02", "United Kingdom"),
        owns("p-h1", "p", "h1", {"exact": 60}),
        owns("h1-a", "h1", "a", {"exact": 50}),
        owns("p-b", "p", "b", {"exact": 10}),
        owns("p-h2", "p", "h2", {"exact": 100}),
        owns("h2-b", "h2", "b", {"exact": 10}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "a", "b")
    [owner] = report.owners
    assert owner.party.id == "p" and owner.party.kind == "person"
    assert "born 1961-04" in owner.party.particulars
    assert owner.in_a.share == Interval.exact(30) and owner.in_a.beneficial_owner is Verdict.YES
    assert owner.in_b.share == Interval.exact(20) and owner.in_b.beneficial_owner is Verdict.NO
    assert report.holdings == () and report.a_upstream_of_b is None
    document = report.to_json()
    assert document["schema"] == "bo-graph/shared/1"
    [shared] = document["upstream"]
    assert shared["particulars"] == "born 1961-04-02; nationality United Kingdom"
    assert shared["in_a"]["share"]["min"] == 30 and shared["in_a"]["beneficial_owner"] is True
    assert shared["in_b"]["share"]["min"] == 20 and shared["in_b"]["beneficial_owner"] is False


def test_the_threshold_decides_each_sides_status(tmp_path: Path) -> None:
    records = [
        *companies("a", "b"),
        person("p", "Ann Example"),
        owns("p-a", "p", "a", {"exact": 30}),
        owns("p-b", "p", "b", {"exact": 20}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "a", "b", policy=UboPolicy(threshold=15))
    [owner] = report.owners
    assert owner.in_b.beneficial_owner is Verdict.YES and report.threshold == 15


def test_a_common_undisclosed_owner(tmp_path: Path) -> None:
    unknown = {"reason": "interestedPartyHasNotProvidedInformation", "description": "refused"}
    records = [
        *companies("a", "b", "x"),
        owns("u-x", unknown, "x", {"exact": 40}),
        owns("x-a", "x", "a", {"exact": 50}),
        owns("x-b", "x", "b", {"exact": 30}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "a", "b")
    by_id = {o.party.id: o for o in report.owners}
    assert set(by_id) == {"x", "unspecified:u-x/interestedParty"}
    undisclosed = by_id["unspecified:u-x/interestedParty"]
    assert undisclosed.party.kind == "unspecified"
    assert undisclosed.in_a.share == Interval.exact(20)
    assert undisclosed.in_b.share == Interval.exact(12)


def test_a_common_holding_of_two_persons(tmp_path: Path) -> None:
    records = [
        *companies("c", "d", "h"),
        person("p", "Ann Example"),
        person("q", "Bob Example"),
        owns("p-c", "p", "c", {"exact": 30}),
        owns("q-c", "q", "c", {"exact": 60}),
        owns("p-h", "p", "h", {"exact": 100}),
        owns("h-d", "h", "d", {"exact": 10}),
        owns("q-d", "q", "d", {"exact": 5}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "p", "q")
    assert [h.party.id for h in report.holdings] == ["c", "d"]
    c, d = report.holdings
    assert c.of_a.share == Interval.exact(30) and c.of_b.share == Interval.exact(60)
    assert c.of_b.controls is Verdict.YES and c.of_a.controls is Verdict.NO
    assert d.of_a.share == Interval.exact(10) and d.of_b.share == Interval.exact(5)
    assert report.owners == ()
    [held] = [h for h in report.to_json()["downstream"] if h["id"] == "c"]
    assert held["of_a"]["share"]["min"] == 30 and held["of_b"]["controls"] is True


def test_no_overlap_is_an_empty_answer(tmp_path: Path) -> None:
    records = [
        *companies("a", "b"),
        person("p", "Ann Example"),
        person("q", "Bob Example"),
        owns("p-a", "p", "a", {"exact": 60}),
        owns("q-b", "q", "b", {"exact": 60}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "a", "b")
    assert report.owners == () and report.holdings == () and not report.shares_anything
    assert report.a_upstream_of_b is None and report.b_upstream_of_a is None


def test_a_owning_b_directly_and_indirectly(tmp_path: Path) -> None:
    records = [
        *companies("a", "b", "m", "z"),
        owns("a-m", "a", "m", {"exact": 60}),
        owns("m-b", "m", "b", {"exact": 50}),
        owns("a-z", "a", "z", {"exact": 100}),
    ]
    with closing(store_of(tmp_path, records)) as store:
        indirect = shared_report(store, "a", "b")
        direct = shared_report(store, "a", "m")
    assert indirect.a_upstream_of_b is not None and not indirect.a_upstream_of_b.direct
    assert indirect.a_upstream_of_b.position.share == Interval.exact(30)
    assert indirect.b_upstream_of_a is None and indirect.shares_anything
    assert direct.a_upstream_of_b is not None and direct.a_upstream_of_b.direct
    assert direct.a_upstream_of_b.position.share == Interval.exact(60)
    [held] = direct.holdings
    assert held.party.id == "b" and held.of_a.share == Interval.exact(30)
    upstream = direct.to_json()["a_upstream_of_b"]
    assert upstream["direct"] is True and upstream["share"]["min"] == 60


def test_a_relationship_ended_before_the_date_is_not_shared(tmp_path: Path) -> None:
    records = [
        *companies("a", "b"),
        person("p", "Ann Example"),
        owns("p-a", "p", "a", {"exact": 60}, start="2015-01-01"),
        owns("p-b", "p", "b", {"exact": 60}, start="2015-01-01", end="2020-12-31"),
    ]
    with closing(store_of(tmp_path, records)) as store:
        before = shared_report(store, "a", "b", when=When(as_of="2019-06-30"))
        after = shared_report(store, "a", "b", when=When(as_of="2022-06-30"))
    assert [o.party.id for o in before.owners] == ["p"]
    assert after.owners == ()
    assert after.to_json()["when"] == {"as_of": "2022-06-30", "known_at": None}


def test_a_walk_cut_by_the_party_limit_says_so(tmp_path: Path) -> None:
    records = [*companies("a", "b"), person("p", "Ann Example")]
    records += [owns(f"p-{c}", "p", c, {"exact": 40}) for c in ("a", "b")]
    for n in range(6):
        records += [person(f"o{n}", f"Owner {n}"), owns(f"o{n}-a", f"o{n}", "a", {"exact": 5})]
    with closing(store_of(tmp_path, records)) as store:
        report = shared_report(store, "a", "b", max_nodes=3)
    assert report.truncated["a_owners"]
    assert any("owners of A Ltd stopped at a limit" in w for w in report.warnings)


def test_an_unknown_ref_and_the_same_ref_twice_are_refused(tmp_path: Path) -> None:
    with closing(store_of(tmp_path, companies("a", "b"))) as store:
        with pytest.raises(NotFound, match="'nobody': no node has this id"):
            shared_report(store, "a", "nobody")
        with pytest.raises(ConfigError, match="expected two different parties, found 'a' twice"):
            shared_report(store, "a", "a")
