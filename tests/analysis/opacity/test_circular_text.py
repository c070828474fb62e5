"""OPQ-CIRCULAR's explanation agrees with the shares the summary reports."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis.interval import Interval
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import ent, load, owns, per, report

S = "subject"


def test_a_cycle_with_an_outside_owner_is_not_said_to_hide_its_share(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    """Pat holds half of A, B the other half, A all of B: all of A traces back to Pat."""
    statements = [
        ent(S, "Subject Ltd"),
        ent("a", "A Ltd"),
        ent("b", "B Ltd"),
        per("p", "Pat Smith"),
        owns("r1", "a", S),
        owns("r2", "p", "a", 50),
        owns("r3", "b", "a", 50),
        owns("r4", "a", "b"),
    ]
    load(embedded, tmp_path, statements)
    found = report(embedded, S, ["OPQ-CIRCULAR"])
    assert found.summary.identified_share == Interval.exact(100)
    (flag,) = found.flags
    assert "cannot be traced" not in flag.explanation
    assert flag.explanation.startswith(
        "circular ownership among A Ltd, B Ltd (outside owners exist); integrated ownership "
        "traces what is held round the cycle back to the owners outside it"
    )


def test_a_closed_loop_is_said_to_hide_its_share(embedded: EmbeddedStore, tmp_path: Path) -> None:
    statements = [
        ent(S, "Subject Ltd"),
        ent("a", "A Ltd"),
        ent("b", "B Ltd"),
        per("p", "Pat Smith"),
        owns("r1", "a", S, 60),
        owns("r2", "p", S, 40),
        owns("r3", "b", "a"),
        owns("r4", "a", "b"),
    ]
    load(embedded, tmp_path, statements)
    found = report(embedded, S, ["OPQ-CIRCULAR"])
    assert found.summary.identified_share == Interval.exact(40)
    (flag,) = found.flags
    assert flag.explanation.endswith(
        "(a closed loop: no owner outside the cycle); the share held round the cycle "
        "cannot be traced to a natural person"
    )
