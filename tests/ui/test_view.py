"""The view model: levels, kinds, labels, collapsing and truncation counts."""

from __future__ import annotations

from bo_graph.model.codes import InterestType
from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from bo_graph.viz.kinds import EdgeKind, PartyKind
from bo_graph.viz.layout import levels, order_levels
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.view import MORE_PREFIX, NOT_LOADED_PREFIX, build_view
from tests.analysis.analysis_builders import GraphBuilder
from tests.ui.conftest import SUBJECT, analyse

CYCLE = {"rel-norhaven-torrance", "rel-torrance-norhaven"}


def test_subject_at_the_bottom_and_owners_above(lakeshore: SubjectAnalysis) -> None:
    view = lakeshore.view
    level = {n.id: n.level for n in view.nodes}
    assert level[SUBJECT] == 0
    assert [n.id for n in view.nodes if n.is_subject] == [SUBJECT]
    upward = [e.id for e in view.edges if level[e.source] <= level[e.target]]
    assert set(upward) <= CYCLE, "only the edge closing the Norhaven-Torrance cycle goes up"
    assert level["per-malcolm-ashdown"] > level["ent-larkspur-settlement"] > level[SUBJECT]


def test_every_kind_of_party_is_told_apart(lakeshore: SubjectAnalysis) -> None:
    kinds = {n.id: n.kind for n in lakeshore.view.nodes}
    assert kinds["per-malcolm-ashdown"] is PartyKind.PERSON
    assert kinds["ent-calder-bridge"] is PartyKind.COMPANY
    assert kinds["ent-larkspur-settlement"] is PartyKind.ARRANGEMENT
    assert kinds["ent-nomination-sable"] is PartyKind.NOMINEE
    assert kinds["per-elena-vargas-quintero"] is PartyKind.NOMINEE
    assert kinds["ent-unknown-torrance-holder"] is PartyKind.UNKNOWN
    assert kinds["per-larkspur-minor-beneficiary"] is PartyKind.UNKNOWN
    assert kinds["unspecified:rel-unspecified-norhaven/interestedParty"] is PartyKind.UNKNOWN


def test_state_owner_is_its_own_kind() -> None:
    from bo_graph.model.codes import EntityType

    builder = GraphBuilder().entity("ministry", entity_type=EntityType.STATE_BODY)
    builder.owns("ministry", "co", 100)
    view = build_view(builder.build("co"), "co", when=When())
    assert {n.id: n.kind for n in view.nodes}["ministry"] is PartyKind.STATE


def test_edges_show_share_interval_and_interest(lakeshore: SubjectAnalysis) -> None:
    edges = {e.id: e for e in lakeshore.view.edges}
    calder = edges["rel-calder-lakeshore"]
    assert calder.kind is EdgeKind.OWNERSHIP
    assert "51.5% shares" in calder.label and "(50, 75)% votes" in calder.label
    assert "shareholding" in calder.tooltip  # the BODS code stays in the tooltip
    assert edges["rel-graham-calder"].kind is EdgeKind.CONTROL
    assert edges["rel-quayle-larkspur"].kind is EdgeKind.ROLE
    assert edges["rel-unspecified-norhaven"].kind is EdgeKind.UNKNOWN
    assert edges["rel-malcolm-sable-indirect"].indirect


def test_beneficial_owners_are_starred(lakeshore: SubjectAnalysis) -> None:
    labels = {n.id: n.label for n in lakeshore.view.nodes}
    assert "\u2605 Malcolm" in labels["per-malcolm-ashdown"]
    assert "\u2605 Graham" in labels["per-graham-ashdown"]
    assert "\u2605" not in labels["per-darren-pryce"]


def test_opacity_flags_mark_the_graph(lakeshore: SubjectAnalysis) -> None:
    assert lakeshore.opacity.available and lakeshore.marks
    nodes = {n.id: n for n in lakeshore.view.nodes}
    unknown = nodes["ent-unknown-torrance-holder"]
    assert unknown.label.startswith("\u26a0") and "OPQ" not in unknown.label
    assert any(m.code == "OPQ-OWNER-UNKNOWN" for m in unknown.marks)
    assert any(m.lawful for m in nodes["per-larkspur-minor-beneficiary"].marks)
    assert nodes["ent-lakeshore-civil"].marks, "flags about the whole subject mark the subject"
    edges = {e.id: e for e in lakeshore.view.edges}
    assert any(m.code == "OPQ-CONTROL-NO-OWNERSHIP" for m in edges["rel-graham-calder"].marks)
    assert all(m.statement_ids for m in lakeshore.marks), "every flag cites its statements"


def test_busy_nodes_collapse_with_counts_that_add_up(sample_store: GraphStore) -> None:
    analysis = analyse(sample_store, SUBJECT, max_owners=2)
    view, subgraph = analysis.view, analysis.subgraph
    assert view.collapsed, "Lakeshore and the trust have more than two owners"
    for held, hidden in view.collapsed.items():
        owners = {e.interested_party for e in subgraph.edges.values() if e.subject == held}
        assert hidden == len(owners) - 2
        placeholder = next(n for n in view.nodes if n.id == MORE_PREFIX + held)
        assert placeholder.label == f"+{hidden} more owners" and placeholder.hidden == hidden
    shown = {n.id for n in view.nodes if n.kind is not None}
    assert view.hidden_parties == set(subgraph.nodes) - shown
    assert view.shown_parties + len(view.hidden_parties) == view.total_parties
    assert "ent-calder-bridge" in shown, "an owner on a beneficial owner's path is kept"
    assert f"{len(view.hidden_parties)} parties are hidden" in view.summary()


def test_expanding_a_node_shows_all_its_owners(sample_store: GraphStore) -> None:
    collapsed = analyse(sample_store, SUBJECT, max_owners=2).view.collapsed
    expanded = analyse(sample_store, SUBJECT, max_owners=2, expanded=frozenset(collapsed))
    assert not expanded.view.collapsed
    assert not expanded.view.hidden_parties


def test_truncation_by_the_store_is_drawn_and_counted(sample_store: GraphStore) -> None:
    analysis = analyse(sample_store, SUBJECT, max_nodes=5)
    truncated = analysis.subgraph.truncated
    assert truncated
    placeholders = {n.placeholder_for: n.hidden for n in analysis.view.nodes if n.not_loaded}
    assert placeholders == {k: v for k, v in truncated.items() if k in placeholders}
    assert sum(analysis.view.not_loaded.values()) == sum(placeholders.values())
    assert all(n.id.startswith(NOT_LOADED_PREFIX) for n in analysis.view.nodes if n.not_loaded)
    assert "were not loaded" in analysis.view.summary()


def test_parallel_relationships_stay_separate() -> None:
    builder = GraphBuilder().person("p")
    builder.owns("p", "co", 10)
    builder.role("p", "co", InterestType.BOARD_MEMBER)
    view = build_view(builder.build("co"), "co", when=When())
    assert sorted(e.parallel_index for e in view.edges) == [0, 1]


def test_levels_terminate_on_cycles_and_order_rows() -> None:
    links = [("a", "s"), ("b", "a"), ("a", "b"), ("c", "s"), ("c", "b")]
    level = levels("s", links)
    assert level["s"] == 0 and level["a"] == 1 and level["b"] == 2 and level["c"] == 3
    rows = order_levels(level, links)
    assert rows[0] == ["s"] and sorted(p for row in rows for p in row) == ["a", "b", "c", "s"]
