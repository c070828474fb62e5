"""The graph page's layout keeps every label readable: no label is drawn over another.

The geometry is read back from the generated page (the node and edge data and the options
vis-network is given), and label sizes are estimated here, independently of the layout code,
from the text at its font size: a character is taken as half the font size wide (narrower than
any common sans-serif font draws it, so the check errs on the lenient side), a line as tall as
the font size. tests/ui/test_browser_e2e.py measures the same in real Chromium.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from typing import Any

import pytest

from bo_graph.model.codes import InterestType
from bo_graph.model.graph import When
from bo_graph.viz.network_html import network_html
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.view import GraphView, build_view
from tests.analysis.analysis_builders import GraphBuilder, interest

CHAR = 0.5
LABEL_BELOW = {"diamond", "triangle", "square", "star", "dot"}
WIDE_SUBJECT = "Target Subject Company Of The Investigation Plc"

Rect = tuple[float, float, float, float]
"""left, top, right, bottom"""


def wide_view() -> GraphView:
    """Twelve companies with long names on one level, each holding shares, votes and a board
    seat in the subject (three interests per line), six of them owned by long-named persons."""
    builder = GraphBuilder()
    companies = [
        f"Very Long Holding Company Name Number {i} International Limited" for i in range(12)
    ]
    for i, company in enumerate(companies):
        interests = (
            interest((5, 10)),
            interest((5, 10), InterestType.VOTING_RIGHTS),
            interest(None, InterestType.APPOINTMENT_OF_BOARD),
        )
        builder.edge(company, WIDE_SUBJECT, *interests)
        if i < 6:
            builder.person(f"Person With A Rather Long Name {i}")
            builder.owns(f"Person With A Rather Long Name {i}", company, 50)
    return build_view(builder.build(WIDE_SUBJECT), WIDE_SUBJECT, when=When(), max_owners=20)


def page_data(html: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    def grab(pattern: str) -> Any:
        found = re.search(pattern, html)
        assert found, pattern
        return json.loads(found.group(1))

    nodes = grab(r"nodes = new vis\.DataSet\((\[.*?\])\);\n")
    edges = grab(r"edges = new vis\.DataSet\((\[.*?\])\);\n")
    return nodes, edges, grab(r"var options = (\{.*?\});\n")


def text_rect(label: str, size: float, x: float, y: float) -> Rect:
    lines = label.split("\n")
    w, h = max(len(line) for line in lines) * size * CHAR, len(lines) * size
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def node_label_rect(node: dict[str, Any], x: float) -> Rect:
    size = float(node["font"]["size"])
    y = float(node.get("y", 0.0))
    if node["shape"] in LABEL_BELOW:  # the label hangs under the symbol
        lines = node["label"].count("\n") + 1
        y += float(node["size"]) + lines * size / 2
    return text_rect(node["label"], size, x, y)


def intersect(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def same_level_neighbours(
    nodes: list[dict[str, Any]],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    by_level: dict[int, list[dict[str, Any]]] = {}
    for node in nodes:
        by_level.setdefault(node["level"], []).append(node)
    out = []
    for row in by_level.values():
        row.sort(key=lambda n: float(n.get("x", 0.0)))
        out += list(pairwise(row))
    return out


def views(lakeshore: SubjectAnalysis) -> list[GraphView]:
    return [lakeshore.view, wide_view()]


@pytest.mark.parametrize("which", [0, 1], ids=["lakeshore", "wide-level"])
def test_names_on_one_level_are_drawn_side_by_side_not_over_each_other(
    lakeshore: SubjectAnalysis, which: int
) -> None:
    nodes, _, options = page_data(network_html(views(lakeshore)[which], height_px=760))
    spacing = options["layout"]["hierarchical"].get("nodeSpacing", 0)
    for left, right in same_level_neighbours(nodes):
        if "x" in left and "x" in right:
            distance = float(right["x"]) - float(left["x"])
        else:  # vis-network's hierarchical layout only promises nodeSpacing between them
            distance = float(spacing)
        half_widths = sum(
            (r[2] - r[0]) / 2 for r in (node_label_rect(n, 0.0) for n in (left, right))
        )
        assert distance >= half_widths, (left["label"], right["label"], distance, half_widths)


@pytest.mark.parametrize("which", [0, 1], ids=["lakeshore", "wide-level"])
def test_no_label_is_drawn_over_another_label(lakeshore: SubjectAnalysis, which: int) -> None:
    nodes, edges, options = page_data(network_html(views(lakeshore)[which], height_px=760))
    edge_font = float(options["edges"]["font"]["size"])
    assert all("x" in n and "y" in n for n in nodes), "every node has its computed position"
    centre = {n["id"]: (float(n["x"]), float(n["y"])) for n in nodes}
    rects = [(n["id"], node_label_rect(n, float(n["x"]))) for n in nodes]
    for edge in edges:
        if edge.get("label") and "smooth" not in edge:  # curved edges: see the browser test
            (sx, sy), (tx, ty) = centre[edge["from"]], centre[edge["to"]]
            rect = text_rect(edge["label"], edge_font, (sx + tx) / 2, (sy + ty) / 2)
            rects.append((f"{edge['from']} -> {edge['to']}: {edge['label']!r}", rect))
    clashes = [
        (a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1 :] if intersect(ra, rb)
    ]
    assert clashes == []
