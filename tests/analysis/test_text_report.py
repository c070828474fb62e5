"""The text reports (``ubo``, ``holdings``) say what they leave out and how sure they are."""

from __future__ import annotations

import re
from dataclasses import replace

from bo_graph.analysis import UboPolicy, determine_ubos
from bo_graph.analysis.holdings import compute_holdings
from bo_graph.model.codes import InterestType, PersonType, UnspecifiedReason
from bo_graph.model.records import PersonDetails
from bo_graph.render.ubo_text import holdings_text, ubo_text
from tests.analysis.analysis_builders import GraphBuilder


def _fan(paths: int) -> GraphBuilder:
    """P holds 2% of T through each of ``paths`` middle companies."""
    g = GraphBuilder().person("P")
    for n in range(paths):
        g.owns("P", f"M{n}", 100)
        g.owns(f"M{n}", "T", 2)
    return g


def test_more_paths_than_the_json_keeps_gives_both_counts() -> None:
    text = ubo_text(determine_ubos(_fan(26).build(), "T"))
    assert "(+17 more paths in --json, which lists 20 of the 26 paths)" in text
    assert "+23 more" not in text


def test_all_paths_in_the_json_keeps_the_short_note() -> None:
    text = ubo_text(determine_ubos(_fan(15).build(), "T"))
    assert "(+12 more paths; --json lists them)" in text


def test_a_path_count_stopped_at_the_budget_is_a_minimum() -> None:
    policy = UboPolicy(paths_per_owner=3, path_budget=10)
    text = ubo_text(determine_ubos(_fan(26).build(), "T", policy=policy))
    assert "paths in all; --json lists no more of them)" in text
    assert "(at least " in text


def test_a_possible_ground_is_marked_apart_from_a_certain_one() -> None:
    g = GraphBuilder().person("P", "Q")
    g.owns("P", "Co", (20, 30))
    g.owns("Q", "Co", 60)
    text = ubo_text(determine_ubos(g.build(), "Co"))
    assert "           ? holds [20, 30]% of Co (integrated ownership)" in text
    assert "           + holds 60% of Co (integrated ownership)" in text


def test_control_through_two_entities_together_is_not_told_as_a_sequence() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "B1", 100)
    g.owns("P", "B2", 80)
    g.owns("B1", "C", 20)
    g.owns("B2", "C", 40)
    text = ubo_text(determine_ubos(g.build(), "C"))
    assert (
        "+ controls C: P holds a majority of the votes in B2 (80%) and B1 (100%); "
        "B1 and B2 together hold a majority of the votes in C (60%) — AMLR Art. 53 control"
    ) in text
    assert ", then " not in text


def test_control_down_a_single_chain_reads_as_a_sequence() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "A", 70)
    g.owns("A", "C", 60)
    text = ubo_text(determine_ubos(g.build(), "C"))
    assert (
        "+ controls C through a majority of the votes in A (70%), "
        "then a majority of the votes in C (60%)"
    ) in text


def test_holdings_text_names_the_loops_it_passes_through() -> None:
    g = GraphBuilder()
    g.owns("A", "B", 100)
    g.owns("B", "A", 100)
    g.owns("A", "T", 60)
    text = holdings_text(compute_holdings(g.build(), "A"))
    assert "Closed loops and cycles (not inverted; shares held through them may be ranges):" in text
    assert "  A -> B (closed loop, no owner outside it)" in text


def test_holdings_text_says_where_the_expansion_stopped() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "A", 100)
    subgraph = g.build()
    subgraph.truncated["A"] = 3
    text = holdings_text(compute_holdings(subgraph, "P"))
    assert "Not expanded (limits reached; holdings beyond these are missing):" in text
    assert "  A [A]: 3 relationship(s) not followed" in text


def test_ubo_text_says_where_the_expansion_stopped() -> None:
    g = GraphBuilder().person("P")
    g.owns("P", "Co", 100)
    subgraph = g.build()
    subgraph.truncated["P"] = 2
    text = ubo_text(determine_ubos(subgraph, "Co"))
    assert "Not expanded (limits reached; owners beyond these are missing):" in text
    assert "  P [P]: 2 relationship(s) not followed" in text


def test_the_report_words_roles_kinds_and_reasons_instead_of_bods_codes() -> None:
    g = GraphBuilder().person("P", "B").trust("Trust").entity("Hold")
    g.person("Anon", person_type=PersonType.ANONYMOUS)
    g.role("P", "Trust", InterestType.SETTLOR)
    g.role("B", "Trust", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT)
    g.role("Anon", "Trust", InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT)
    g.owns("Trust", "Co", 60)
    g.role("P", "Hold", InterestType.APPOINTMENT_OF_BOARD)
    g.owns("Hold", "Co", 30)
    g.unspecified("U", UnspecifiedReason.UNKNOWN_TO_PUBLISHER)
    g.owns("U", "Co", 10)
    graph = g.build()
    unnamed = PersonDetails(person_type=PersonType.ANONYMOUS)
    graph.nodes["Anon"] = replace(graph.nodes["Anon"], details=unnamed)
    text = ubo_text(determine_ubos(graph, "Co"))
    assert "  YES      B (known person) [B]" in text
    assert "  YES      (anonymous person) [Anon]" in text
    assert "+ beneficiary of Trust, which holds 60% of Co and controls it" in text
    assert "+ settlor of Trust, which holds 60% of Co and controls it" in text
    assert "  information unknown to publisher [U]" in text
    assert not re.search(r"[a-z][A-Z]", text.replace("[", " ")), text


def test_a_role_in_the_subject_itself_is_told_without_a_which_clause() -> None:
    g = GraphBuilder().person("S", "N").trust("Trust").nomination("Nom")
    g.role("S", "Trust", InterestType.SETTLOR)
    g.role("N", "Nom", InterestType.NOMINATOR)
    trust_text = ubo_text(determine_ubos(g.build(), "Trust"))
    assert "           + settlor of Trust — trust role" in trust_text
    nominee_text = ubo_text(determine_ubos(g.build(), "Nom"))
    assert "+ nominator of Nom (nominee: no named nominee) — " in nominee_text
    assert "which" not in trust_text + nominee_text
