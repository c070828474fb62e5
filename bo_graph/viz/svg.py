"""The structure as a static SVG image, in pure Python (no browser), for the case report.

A simple layered drawing of a :class:`~bo_graph.viz.view.GraphView`: the subject at the bottom,
each owner above what it holds (:mod:`bo_graph.viz.layout`), the same kinds, colours, line
patterns and opacity marks as the interactive graph. All text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from bo_graph.viz.kinds import (
    EDGE_STYLES,
    NODE_STYLES,
    NOT_LOADED_STYLE,
    PLACEHOLDER_STYLE,
    SUBJECT_BORDER,
    NodeStyle,
    mark_style,
)
from bo_graph.viz.layout import order_levels
from bo_graph.viz.view import GraphView, ViewEdge, ViewNode

NODE_W = 170
GAP_X = 36
ROW_H = 150
LINE_H = 14
MARGIN = 30
FONT = "font-family:DejaVu Sans,Arial,sans-serif"


def _x(s: str) -> str:
    return escape(s, quote=True)


def shape_svg(shape: str, cx: float, cy: float, w: float, h: float, attrs: str) -> str:
    """One node shape centred on ``(cx, cy)``; ``attrs`` holds fill and stroke."""
    left, right, top, bottom = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
    if shape == "ellipse":
        return f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{w / 2:.1f}" ry="{h / 2:.1f}" {attrs}/>'
    points: list[tuple[float, float]]
    if shape == "diamond":
        points = [(left, cy), (left + 16, top), (right - 16, top), (right, cy)]
        points += [(right - 16, bottom), (left + 16, bottom)]
    elif shape == "triangle":
        points = [(left, bottom), (left, top + 12), (cx, top), (right, top + 12), (right, bottom)]
    elif shape == "star":
        c = 10
        points = [(left + c, top), (right - c, top), (right, top + c), (right, bottom - c)]
        points += [(right - c, bottom), (left + c, bottom), (left, bottom - c), (left, top + c)]
    else:
        dash = ' stroke-dasharray="4 3"' if shape == "square" else ""
        return (
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3"'
            f" {attrs}{dash}/>"
        )
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{coords}" {attrs}/>'


def _style(node: ViewNode) -> NodeStyle:
    if node.kind is not None:
        return NODE_STYLES[node.kind]
    return NOT_LOADED_STYLE if node.not_loaded else PLACEHOLDER_STYLE


def _node_height(node: ViewNode) -> float:
    return max(36.0, LINE_H * (node.label.count("\n") + 1) + 16)


def _node_svg(node: ViewNode, cx: float, cy: float) -> str:
    style = _style(node)
    stroke, width = style.border, 1.2
    glow = ""
    if node.is_subject:
        stroke, width = SUBJECT_BORDER, 3.0
        if node.marks:  # flags about the whole structure: a coloured outline around it
            ring = f'fill="none" stroke="{mark_style(node.marks)[0]}" stroke-width="3"'
            glow = shape_svg("box", cx, cy, NODE_W + 10, _node_height(node) + 10, ring)
    elif node.marks:
        stroke, width = mark_style(node.marks)
    h = _node_height(node)
    dashed = ' stroke-dasharray="5 4"' if node.kind is None else ""
    attrs = f'fill="{style.fill}" stroke="{stroke}" stroke-width="{width}"{dashed}'
    lines = node.label.split("\n")
    first = cy - (len(lines) - 1) * LINE_H / 2 + 4
    texts = "".join(
        f'<tspan x="{cx:.1f}" y="{first + i * LINE_H:.1f}">{_x(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    title = f"<title>{_x(node.tooltip)}</title>" if node.tooltip else ""
    return (
        f'<g class="node" data-id="{_x(node.id)}">{title}'
        f"{glow}{shape_svg(style.shape, cx, cy, NODE_W, h, attrs)}"
        f'<text text-anchor="middle" font-size="11" fill="{style.text}" style="{FONT}">'
        f"{texts}</text></g>"
    )


def _edge_svg(edge: ViewEdge, pos: Mapping[str, tuple[float, float, float]]) -> str:
    if edge.source not in pos or edge.target not in pos:
        return ""
    sx, sy, sh = pos[edge.source]
    tx, ty, th = pos[edge.target]
    style = EDGE_STYLES[edge.kind]
    colour = style.colour
    if edge.marks:
        colour = mark_style(edge.marks)[0]
    offset = 14 * edge.parallel_index
    dash = f' stroke-dasharray="{" ".join(map(str, style.dashes))}"' if style.dashes else ""
    if edge.indirect:
        dash = ' stroke-dasharray="2 5" stroke-opacity="0.6"'
    width = 2.6 if edge.marks else 1.4
    if sy < ty:  # the owner is above: a straight line down
        x1, y1, x2, y2 = sx + offset, sy + sh / 2, tx + offset, ty - th / 2 - 2
        path = f"M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}"
        lx, ly = (x1 + x2) / 2, (y1 + y2) / 2
    else:  # a cycle goes back up: a curve on the right
        x1, y1, x2, y2 = sx + NODE_W / 2, sy, tx + NODE_W / 2 + 2, ty
        bend = 70 + offset
        controls = f"{x1 + bend:.1f},{y1:.1f} {x2 + bend:.1f},{y2:.1f}"
        path = f"M{x1:.1f},{y1:.1f} C{controls} {x2:.1f},{y2:.1f}"
        lx, ly = max(x1, x2) + bend * 0.75, (y1 + y2) / 2
    marker = "" if not edge.label else f' marker-end="url(#arrow-{edge.kind.name.lower()})"'
    out = [
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}{marker}>'
        f"<title>{_x(edge.tooltip)}</title></path>"
    ]
    out.append(_edge_label(edge.label, lx, ly))
    return "".join(out)


def _edge_label(label: str, lx: float, ly: float) -> str:
    if not label:
        return ""
    lines = label.split("\n")
    w = max(len(line) for line in lines) * 5.6 + 8
    h = len(lines) * 12 + 4
    spans = "".join(
        f'<tspan x="{lx:.1f}" y="{ly - h / 2 + 12 + i * 12:.1f}">{_x(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<rect x="{lx - w / 2:.1f}" y="{ly - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'fill="#ffffff" fill-opacity="0.9"/>'
        f'<text text-anchor="middle" font-size="9.5" fill="#333" style="{FONT}">{spans}</text>'
    )


def _markers() -> str:
    out = []
    for kind, style in EDGE_STYLES.items():
        out.append(
            f'<marker id="arrow-{kind.name.lower()}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{style.colour}"/></marker>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def render_svg(view: GraphView) -> str:
    """The whole structure as one ``<svg>`` element (no XML prolog: it is inlined in HTML)."""
    level = {n.id: n.level for n in view.nodes}
    rows = order_levels(level, [(e.source, e.target) for e in view.edges])
    widest = max((len(r) for r in rows), default=1)
    width = widest * (NODE_W + GAP_X) + 2 * MARGIN + 120
    height = len(rows) * ROW_H + 2 * MARGIN
    nodes = {n.id: n for n in view.nodes}
    pos: dict[str, tuple[float, float, float]] = {}
    for lvl, row in enumerate(rows):
        y = height - MARGIN - ROW_H / 2 - lvl * ROW_H
        start = (width - 120 - len(row) * (NODE_W + GAP_X)) / 2 + (NODE_W + GAP_X) / 2
        for i, node_id in enumerate(row):
            pos[node_id] = (start + i * (NODE_W + GAP_X), y, _node_height(nodes[node_id]))
    edges = "".join(_edge_svg(e, pos) for e in view.edges)
    drawn = "".join(_node_svg(nodes[n], pos[n][0], pos[n][1]) for n in pos)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="Ownership and control structure">{_markers()}{edges}{drawn}</svg>'
    )
