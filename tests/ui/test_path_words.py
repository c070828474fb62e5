"""Each step of a path says what the relationship is: only a shareholding "owns"."""

from __future__ import annotations

from bo_graph.analysis import find_paths
from bo_graph.model.codes import InterestType
from bo_graph.render.path_text import STEP_WORDS, paths_text
from bo_graph.viz.tables import path_rows
from tests.analysis.analysis_builders import GraphBuilder
from tests.analysis.memory_store import MemoryStore


def director_store() -> MemoryStore:
    """Dana sits on the board of Hold, which owns Op; Tess is trustee of Fund, which owns Hold."""
    g = GraphBuilder().person("Dana", "Tess").trust("Fund")
    g.role("Dana", "Hold", InterestType.BOARD_MEMBER)
    g.owns("Hold", "Op", 60)
    g.role("Tess", "Fund", InterestType.TRUSTEE)
    g.owns("Fund", "Hold", 100)
    return MemoryStore(g.build())


def steps(store: MemoryStore, source: str, target: str) -> list[str]:
    [row] = path_rows(find_paths(store, source, target, k=1))
    return str(row["steps"]).split("\n")


def test_a_board_seat_is_not_ownership() -> None:
    store = director_store()
    assert steps(store, "Dana", "Op") == [
        "Dana has a board seat in Hold (boardMember)",
        "Hold owns Op (shareholding 60%)",
    ]
    assert steps(store, "Op", "Dana") == [
        "Op is owned by Hold (shareholding 60%)",
        "Hold has Dana on its board (boardMember)",
    ]


def test_a_trust_role_says_which_role() -> None:
    assert steps(director_store(), "Hold", "Tess") == [
        "Hold is owned by Fund (shareholding 100%)",
        "Fund has Tess as trustee (trustee)",
    ]


def test_the_command_line_words_steps_the_same_way() -> None:
    text = paths_text(find_paths(director_store(), "Dana", "Op", k=1))
    assert "Dana has a board seat in Hold (boardMember)" in text
    assert "owns Hold" not in text and "owned by Dana" not in text


def test_every_interest_type_has_its_words() -> None:
    assert set(STEP_WORDS) == {*InterestType, None}
