"""Which records are one entity, and which id the joined node keeps (``store.identity``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bo_graph.store.identity import (
    MAX_HOLDERS,
    Merge,
    RecordVersion,
    current_of_joined,
    is_identity_key,
    plan_merges,
    spelling_candidates,
)


def test_the_id_spelling_its_own_key_is_kept_before_smaller_ids() -> None:
    held = {"GB-COH:1234": {"0001-acme", "GB-COH-1234"}, "XI-LEI:L": {"0001-acme", "XI-LEI-L"}}
    spelled = {"GB-COH-1234", "XI-LEI-L"}
    assert plan_merges(held, spelled=spelled) == [Merge("GB-COH-1234", ("0001-acme", "XI-LEI-L"))]
    assert plan_merges(held)[0].node_id == "0001-acme"
    assert spelling_candidates("GB-COH-1") == ["GB:COH-1", "GB-COH:1"]


def test_a_key_two_records_of_one_register_hold_joins_nothing() -> None:
    held = {"GB-COH:7": {"fund-1", "fund-2", "GB-COH-7"}}
    sources = {"fund-1": {"GLEIF"}, "fund-2": {"GLEIF"}, "GB-COH-7": {"PSC"}}
    assert plan_merges(held, sources=sources) == []
    sources["fund-2"] = {"FtM"}
    assert plan_merges(held, sources=sources) == [Merge("GB-COH-7", ("fund-1", "fund-2"))]


def test_a_record_of_another_register_never_bridges_two_records_of_one_register() -> None:
    """Register A has a company by its number and another by its LEI; register B's record holds
    both keys. One of A's records may join B's, never both: A keeps them apart."""
    held = {"GB-COH:111": {"a-one", "b-z"}, "XI-LEI:L": {"a-two", "b-z"}}
    sources = {"a-one": {"A"}, "a-two": {"A"}, "b-z": {"B"}}
    assert plan_merges(held, sources=sources) == [Merge("a-one", ("b-z",))]
    shuffled = dict(reversed(list(held.items())))
    assert plan_merges(shuffled, sources=sources) == [Merge("a-one", ("b-z",))]
    sources["a-two"] = {"C"}  # three registers: one company
    assert plan_merges(held, sources=sources) == [Merge("a-one", ("a-two", "b-z"))]


def test_without_a_spelled_key_the_smallest_id_is_kept() -> None:
    held = {"GB-COH:6436883": {"openownership-register-698", "account-party:P-1"}}
    assert plan_merges(held) == [Merge("account-party:P-1", ("openownership-register-698",))]


def test_groups_chain_through_different_keys_and_stay_apart_otherwise() -> None:
    held = {"A:1": {"x", "y"}, "B:2": {"y", "z"}, "C:3": {"p", "q"}}
    assert plan_merges(held) == [Merge("p", ("q",)), Merge("x", ("y", "z"))]


def test_a_record_written_again_after_a_join_joins_its_node() -> None:
    assert plan_merges({}, [("XI-LEI-L", "GB-COH-1234")]) == [Merge("GB-COH-1234", ("XI-LEI-L",))]


def test_keys_held_by_too_many_records_or_placeholders_join_nothing() -> None:
    crowd = {f"e{i}" for i in range(MAX_HOLDERS + 1)}
    assert plan_merges({"GB-COH:999": crowd}) == []
    assert plan_merges({"GB-COH:999": set(list(crowd)[:MAX_HOLDERS])}) != []
    assert not any(map(is_identity_key, ["GB-COH:0", "GB-COH:N/A", "GB-COH:-", ":12", "X:--"]))


@given(
    st.dictionaries(
        st.sampled_from(["A:1", "B:2", "C:3", "D:4"]),
        st.sets(st.sampled_from(["a", "b", "c", "d", "A-1", "B-2"]), min_size=2, max_size=4),
    ),
    st.randoms(use_true_random=False),
)
def test_the_joins_do_not_depend_on_the_order_records_are_seen(
    held: dict[str, set[str]], rnd: object
) -> None:
    items = list(held.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    shuffled = {key: sorted(holders, reverse=True) for key, holders in items}
    assert plan_merges(shuffled) == plan_merges(held)
    joined = [node for merge in plan_merges(held) for node in (merge.node_id, *merge.merged)]
    assert len(joined) == len(set(joined))  # each node in one group


def test_a_joined_node_is_closed_only_when_every_record_is() -> None:
    def version(record: str, date: str, closed: bool) -> RecordVersion:
        return RecordVersion(f"s-{record}-{date}", record, (date, 0), closed, f"s-{record}-{date}")

    psc = version("GB-COH-1", "2023-01-01", False)
    lei_open = version("XI-LEI-L", "2024-01-01", False)
    lei_closed = version("XI-LEI-L", "2025-01-01", True)
    assert current_of_joined([psc, lei_open]) is lei_open  # the latest, as for one record
    assert current_of_joined([psc, lei_open, lei_closed]) is psc  # the LEI record closed only
    psc_closed = version("GB-COH-1", "2026-01-01", True)
    assert current_of_joined([psc, psc_closed, lei_open, lei_closed]) is psc_closed
