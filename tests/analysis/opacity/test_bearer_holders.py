"""OPQ-BEARER-SHARES on a holder named as the bearer (ICIJ Panama Papers: 16 shareholders named
"EL PORTADOR" of one company, 77 "THE BEARER" shareholdings), not only on bearer wording in
interest details or in the entity's own record."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.analysis.opacity import Flag
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, interest, load, owns, per, rel, report

S = "subject"
CODE = "OPQ-BEARER-SHARES"
BASE = [ent(S, "Subject SA", jurisdiction="PA")]


def _flags(store: EmbeddedStore) -> list[Flag]:
    return [f for f in report(store, S, [CODE]).flags if f.code == CODE]


def _cited(flag: Flag) -> list[tuple[str, str]]:
    return [(e.role, e.record_id) for e in flag.evidence]


@pytest.mark.parametrize(
    "name",
    ["EL PORTADOR", "THE BEARER", "Al Portador", "bearer", "Au porteur", "PORTADOR", "The Bearer."],
)
def test_a_shareholder_named_as_the_bearer_means_bearer_shares(
    embedded: EmbeddedStore, tmp_path: Path, name: str
) -> None:
    load(embedded, tmp_path, [*BASE, per("b", name), owns("r1", "b", S)])
    [flag] = _flags(embedded)
    assert flag.severity.label == "high"
    assert flag.target.id == S
    assert flag.explanation == (
        f"Subject SA has a shareholder recorded as the bearer (“{name}”): bearer shares, "
        f"owned by whoever holds the certificates"
    )
    assert _cited(flag) == [("node", S), ("edge", "r1"), ("node", "b")]


def test_many_bearer_holders_make_one_flag_citing_each(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """ICIJ: one company has 16 shareholders named 'EL PORTADOR': one finding, every holding
    cited."""
    holders = [per(f"b{i}", "EL PORTADOR") for i in range(3)]
    holdings = [rel(f"r{i}", f"b{i}", S, interest("shareholding")) for i in range(3)]
    load(embedded, tmp_path, [*BASE, *holders, *holdings])
    [flag] = _flags(embedded)
    assert "3 shareholders recorded as the bearer (“EL PORTADOR”)" in flag.explanation
    assert sorted(_cited(flag)[1:]) == sorted(
        [("edge", f"r{i}") for i in range(3)] + [("node", f"b{i}") for i in range(3)]
    )
    assert flag.values == {"bearer_holders": ["b0", "b1", "b2"]}


def test_an_unknown_person_of_unknown_interest_named_the_bearer_counts(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """The ICIJ loader files 'THE BEARER' as an unknown person; an owner of unknown interest."""
    bearer = per("b", "THE BEARER", kind="unknownPerson")
    load(embedded, tmp_path, [*BASE, bearer, rel("r1", "b", S, interest("unknownInterest"))])
    [flag] = _flags(embedded)
    assert "has an owner of unknown interest recorded as the bearer" in flag.explanation
    assert ("edge", "r1") in _cited(flag)


@pytest.mark.parametrize(
    "name", ["Bearer Holdings Ltd", "John Bearer", "Portador Investments SA", "Bearer Shares Trust"]
)
def test_an_ordinary_name_containing_bearer_is_not_the_bearer(
    embedded: EmbeddedStore, tmp_path: Path, name: str
) -> None:
    load(embedded, tmp_path, [*BASE, per("b", name), owns("r1", "b", S)])
    assert _flags(embedded) == []


def test_a_director_named_the_bearer_holds_no_shares(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    load(
        embedded,
        tmp_path,
        [*BASE, per("b", "THE BEARER"), rel("r1", "b", S, interest("boardMember"))],
    )
    assert _flags(embedded) == []


def test_a_bearer_holding_already_flagged_by_its_details_is_not_flagged_twice(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    item = interest("shareholding", 30, details="held in bearer form")
    load(embedded, tmp_path, [*BASE, per("b", "THE BEARER"), rel("r1", "b", S, item)])
    [flag] = _flags(embedded)
    assert flag.target.kind == "edge"


def test_a_holding_that_states_no_interest_counts_as_one_of_unknown_interest(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    holding = rel("r1", "b", S)
    del holding["recordDetails"]["interests"]
    load(embedded, tmp_path, [*BASE, per("b", "THE BEARER"), holding])
    [flag] = _flags(embedded)
    assert "has an owner of unknown interest recorded as the bearer" in flag.explanation
