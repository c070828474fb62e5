"""The owners tab says where the trail goes dark as the opacity tab does, in words; the flags
come most severe first; the opacity summary is readable text, not the engine's JSON."""

from __future__ import annotations

from bo_graph.viz.dark import dark_places
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.tables import flag_rows


def test_every_dark_place_of_the_case_is_named(lakeshore: SubjectAnalysis) -> None:
    """The sample's README: the blacked-out 40% holder of Torrance (4.68% of Lakeshore), the
    Norhaven-Torrance circular holding, the two undisclosed owners and the protected minor."""
    lines = dark_places(lakeshore)
    text = "\n".join(lines)
    assert any(
        "Unidentified corporate shareholder of Torrance" in line and "4.68%" in line
        for line in lines
    ), text
    assert any(line.startswith("circular holding:") and "Torrance" in line for line in lines)
    assert sum("undisclosed" in line for line in lines) == 2, text
    assert any("(anonymous person)" in line and "lawful" in line for line in lines), text
    assert "anonymousPerson" not in text and "{" not in text


def test_flags_come_most_severe_first(lakeshore: SubjectAnalysis) -> None:
    severities = [row["severity"] for row in flag_rows(lakeshore.marks, lakeshore.names)]
    rank = {"high": 0, "medium": 1, "low": 2}
    assert len(set(severities)) == 3
    assert severities == sorted(severities, key=rank.__getitem__)


def test_the_opacity_summary_reads_as_the_command_line_prints_it(
    lakeshore: SubjectAnalysis,
) -> None:
    text = lakeshore.opacity.summary_text
    assert text.startswith("Opaque share: 4.68182%")
    assert "Where the trail goes dark (4):" in text
    assert "last_visible_edges" not in text and "min_open" not in text
