"""The graph page and the SVG: offline, escaped, complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from bo_graph.model.graph import Node, When
from bo_graph.model.records import Name, PersonDetails
from bo_graph.viz.marks import EvidenceRef, Mark
from bo_graph.viz.network_html import external_resources, network_html, offline
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.svg import render_svg
from bo_graph.viz.view import build_view
from tests.analysis.analysis_builders import GraphBuilder

HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script> & href="evil"'


def hostile_view() -> tuple[str, str]:
    builder = GraphBuilder().person("p")
    edge = builder.owns("p", "co", 60)
    graph = builder.build("co")
    person = graph.nodes["p"]
    details = PersonDetails(person_type=person.details.person_type, names=(Name(HOSTILE),))  # type: ignore[union-attr]
    graph.nodes["p"] = Node("p", "p", person.kind, details, person.provenance)
    mark = Mark("OPQ-T", HOSTILE, HOSTILE, edge, evidence=(EvidenceRef("s1", source=HOSTILE),))
    view = build_view(graph, "co", when=When(), marks=[mark])
    return network_html(view), render_svg(view)


def test_graph_page_loads_nothing_from_outside(lakeshore: SubjectAnalysis) -> None:
    html = network_html(lakeshore.view)
    assert external_resources(html) == []
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, re.IGNORECASE):
        assert "http://" not in tag and "https://" not in tag, tag
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    assert "vis.Network" in html, "vis-network is inlined"


def test_the_resource_check_finds_remote_links() -> None:
    page = (
        '<link href="https://cdn.example/x.css" rel="stylesheet">'
        "<script src='//cdn.example/x.js'></script>"
        "<style>@import 'http://a.example/b.css'; p{background:url(https://a.example/i.png)}</style>"
    )
    assert len(external_resources(page)) == 4
    assert external_resources(offline(page.split("<style>")[0])) == []
    with pytest.raises(ValueError, match="remote resources"):
        offline("<style>p{background:url(https://a.example/i.png)}</style>")


def test_register_text_cannot_inject_html() -> None:
    html, svg = hostile_view()
    assert "<img src=x" not in html and "</script><script>alert(2)" not in html
    assert "innerHTML = nodeData" not in html, "pyvis' innerHTML popup must stay off"
    assert "textContent = item.tip" in html, "tooltips become text nodes"
    assert "<img" not in svg and "<script" not in svg
    ET.fromstring(svg)  # well-formed: every name is escaped


def test_opaque_layers_are_marked_with_border_icon_and_reason(lakeshore: SubjectAnalysis) -> None:
    target = "ent-torrance-ventures"
    mark = Mark(
        "OPQ-X", "Hidden holder", "40% held by an unidentified company", target, severity="high"
    )
    view = build_view(lakeshore.subgraph, lakeshore.subject.id, when=When(), marks=[mark])
    node = next(n for n in view.nodes if n.id == target)
    assert node.label.startswith("\u26a0")
    assert "Hidden holder: 40% held by an unidentified company" in node.tooltip
    html = network_html(view)
    assert '"borderWidth": 4' in html and "#d50000" in html
    lawful = build_view(
        lakeshore.subgraph, lakeshore.subject.id, when=When(), marks=[replace(mark, lawful=True)]
    )
    assert "(lawful)" in next(n for n in lawful.nodes if n.id == target).tooltip


def test_svg_draws_every_node_and_edge(lakeshore: SubjectAnalysis) -> None:
    svg = render_svg(lakeshore.view)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    groups = root.findall(f"{ns}g")
    assert len(groups) == len(lakeshore.view.nodes)
    paths = [p for p in root.iter(f"{ns}path") if p.get("stroke")]
    assert len(paths) == len(lakeshore.view.edges)
    assert "Lakeshore Civil" in svg and "Larkspur Settlement" in svg
