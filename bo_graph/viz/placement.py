"""Fixed positions for the interactive graph, computed in Python so that no label overlaps.

vis-network's hierarchical layout spaces nodes by a constant ``nodeSpacing`` whatever their
labels, and places edge labels on top of nodes and of each other on busy structures. Here every
node gets an ``(x, y)``: rows are the view's levels (the subject at the bottom), ordered by
barycentre (:func:`~bo_graph.viz.layout.order_levels`); within a row, neighbours are at least
their estimated half widths apart plus :data:`GAP_X`; rows are far enough apart that the edge
labels drawn half-way along the lines between them clear the nodes above and below. Label
sizes are estimated from the wrapped text at the font size (:func:`node_box`,
:func:`edge_label_box`), on the wide side of common sans-serif fonts.

What is left (two labels at the same height, or a label of an edge that skips a row landing on
that row's nodes) is found by :func:`label_overlaps` and resolved by spreading the rows
horizontally, a few times at most.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from bo_graph.viz.layout import order_levels
from bo_graph.viz.view import GraphView, ViewEdge, ViewNode

CHAR_EM = 0.6
"""Estimated advance of one character, in font sizes (DejaVu Sans ~0.55, Arial ~0.5)."""
NODE_FONT = 15
SUBJECT_FONT = 17
EDGE_FONT = 11
NODE_MARGIN = 8
SHAPE_SIZE = 22
LABEL_BELOW = frozenset({"diamond", "triangle", "square", "star", "dot"})
"""vis-network shapes drawn as a ``SHAPE_SIZE`` symbol with the label underneath."""
GAP_X = 28.0
PAD_Y = 10.0
MIN_ROW_GAP = 110.0
MAX_SPREAD_ROUNDS = 6
BEND = 0.18


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: centre ``(x, y)``, width and height."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (
            abs(self.x - other.x) * 2 < self.w + other.w + 2 * pad
            and abs(self.y - other.y) * 2 < self.h + other.h + 2 * pad
        )


def text_size(label: str, font: float) -> tuple[float, float]:
    """Width and height of ``label``'s lines at ``font`` px (estimated, generous)."""
    lines = label.split("\n")
    return max(len(line) for line in lines) * font * CHAR_EM, len(lines) * font


def node_font(node: ViewNode) -> int:
    return SUBJECT_FONT if node.is_subject else NODE_FONT


def node_extent(node: ViewNode, shape: str) -> tuple[float, float, float]:
    """``(width, above, below)``: the node's drawn width and how far it reaches above and
    below its centre, label included (a box or ellipse holds its label; other shapes draw it
    underneath)."""
    tw, th = text_size(node.label, node_font(node))
    if shape in LABEL_BELOW:
        return max(tw, 2 * SHAPE_SIZE) + 4, SHAPE_SIZE + 4, SHAPE_SIZE + 6 + th
    w, h = tw + 2 * NODE_MARGIN, th + 2 * NODE_MARGIN
    if shape == "ellipse":
        w, h = w + h, 2 * h
    return w + 6, h / 2 + 3, h / 2 + 3


def node_box(node: ViewNode, shape: str, x: float, y: float) -> Box:
    w, above, below = node_extent(node, shape)
    return Box(x, y + (below - above) / 2, w, above + below)


def bends(edges: Sequence[ViewEdge]) -> dict[str, int]:
    """0 for the first edge between two parties (either way round), 1, 2 ... for the others:
    those are drawn as curves (``curvedCW``, :data:`BEND` per step) so their labels part."""
    seen: dict[frozenset[str], int] = {}
    out = {}
    for edge in edges:
        pair = frozenset((edge.source, edge.target))
        out[edge.id] = seen.get(pair, 0)
        seen[pair] = out[edge.id] + 1
    return out


def label_point(
    start: tuple[float, float], end: tuple[float, float], bend: int
) -> tuple[float, float]:
    """Where vis-network centres an edge label: the middle of the curve (for ``curvedCW``,
    the quadratic Bézier through vis-network's control point; a vertical cubic Bézier or a
    line is symmetric, so its middle is the middle of the chord)."""
    (sx, sy), (tx, ty) = start, end
    if not bend:
        return (sx + tx) / 2, (sy + ty) / 2
    roundness = BEND * bend
    dx, dy = tx - sx, sy - ty
    factor = 0.5 * roundness + 0.5
    angle = (math.atan2(dy, dx) + factor * math.pi) % (2 * math.pi)
    length = math.hypot(dx, dy)
    vx, vy = sx + factor * length * math.sin(angle), sy + factor * length * math.cos(angle)
    return (sx + 2 * vx + tx) / 4, (sy + 2 * vy + ty) / 4


def edge_label_box(
    edge: ViewEdge, ends: Mapping[str, tuple[float, float]], bend: int = 0
) -> Box | None:
    """The box of ``edge``'s label (text and its background), where vis-network draws it."""
    if not edge.label or edge.source not in ends or edge.target not in ends:
        return None
    x, y = label_point(ends[edge.source], ends[edge.target], bend)
    w, h = text_size(edge.label, EDGE_FONT)
    return Box(x, y, w + 4, h + 2)


def place(view: GraphView, shapes: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """``(x, y)`` of every node of ``view`` (y grows downwards: the subject is lowest)."""
    level = {n.id: n.level for n in view.nodes}
    rows = order_levels(level, [(e.source, e.target) for e in view.edges])
    nodes = {n.id: n for n in view.nodes}
    extents = {n.id: node_extent(n, shapes[n.id]) for n in view.nodes}
    ys = _row_heights(rows, extents, view.edges, level)
    xs = _pack_rows(rows, extents, view.edges)
    ends = {n: (xs[n], ys[level[n]]) for n in nodes}
    for _ in range(MAX_SPREAD_ROUNDS):
        overlaps = label_overlaps(view, shapes, ends)
        if not overlaps:
            break
        ends = _spread(ends, overlaps, dict(drawn_boxes(view, shapes, ends)))
    return ends


def _spread(
    ends: Mapping[str, tuple[float, float]],
    overlaps: Sequence[tuple[str, str]],
    boxes: Mapping[str, Box],
) -> dict[str, tuple[float, float]]:
    """One repair round. A node under the label of an edge that skips its row: the row opens
    up under the label (nodes right of it move right, the others left). Two labels on one
    another: the whole drawing widens a little."""
    out = dict(ends)
    widen = False
    for a, b in overlaps:
        node, label = (a, b) if a in ends and b not in ends else (b, a)
        if node not in ends or label in ends:
            widen = True
            continue
        nx, ny = out[node]
        lb, nb = boxes[label], boxes[node]
        push = (lb.w + nb.w) / 2 + GAP_X / 2 - abs(nx - lb.x)
        side = 1.0 if nx >= lb.x else -1.0
        for other, (x, y) in out.items():
            if y == ny and (x - lb.x) * side >= 0:
                out[other] = (x + side * push, y)
    if widen:
        out = {n: (x * 1.2, y) for n, (x, y) in out.items()}
    return out


def _row_heights(
    rows: Sequence[Sequence[str]],
    extents: Mapping[str, tuple[float, float, float]],
    edges: Sequence[ViewEdge],
    level: Mapping[str, int],
) -> dict[int, float]:
    """The y of each row: row 0 at 0, each row above far enough for the labels in between."""
    label_h: dict[int, float] = {}
    for edge in edges:
        if edge.label and edge.source in level and edge.target in level:
            band = min(level[edge.source], level[edge.target])
            label_h[band] = max(label_h.get(band, 0.0), text_size(edge.label, EDGE_FONT)[1])
    ys = {0: 0.0}
    for lvl in range(1, len(rows)):
        below = max((extents[n][1] for n in rows[lvl - 1]), default=0.0)
        above = max((extents[n][2] for n in rows[lvl]), default=0.0)
        half = max(below, above) + label_h.get(lvl - 1, 0.0) / 2 + PAD_Y
        ys[lvl] = ys[lvl - 1] - max(MIN_ROW_GAP, 2 * half)
    return ys


def _pack_rows(
    rows: Sequence[Sequence[str]],
    extents: Mapping[str, tuple[float, float, float]],
    edges: Sequence[ViewEdge],
) -> dict[str, float]:
    """x of every node: each row in order, neighbours clear of each other and, when their
    edges meet at one party, far enough apart for both edge labels side by side."""
    label_w = {e.source + "\0" + e.target: text_size(e.label, EDGE_FONT)[0] for e in edges}
    ends_of: dict[str, set[str]] = {}
    for e in edges:
        ends_of.setdefault(e.source, set()).add(e.target)
        ends_of.setdefault(e.target, set()).add(e.source)
    xs: dict[str, float] = {}
    for row in rows:
        x = 0.0
        for i, node in enumerate(row):
            if i:
                prev = row[i - 1]
                apart = (extents[prev][0] + extents[node][0]) / 2 + GAP_X
                shared = ends_of.get(prev, set()) & ends_of.get(node, set())
                for other in shared:
                    need = _label_width(label_w, prev, other) + _label_width(label_w, node, other)
                    apart = max(apart, need + 2 * GAP_X)
                x += apart
            xs[node] = x
        for node in row:  # centre the row on 0
            xs[node] -= x / 2
    return xs


def _label_width(label_w: Mapping[str, float], a: str, b: str) -> float:
    return max(label_w.get(a + "\0" + b, 0.0), label_w.get(b + "\0" + a, 0.0))


def label_overlaps(
    view: GraphView, shapes: Mapping[str, str], ends: Mapping[str, tuple[float, float]]
) -> list[tuple[str, str]]:
    """Pairs of ids whose drawn boxes intersect: node with node, edge label with node (its
    own ends included), edge label with edge label."""
    boxes = drawn_boxes(view, shapes, ends)
    return [(boxes[i][0], boxes[j][0]) for i, j in sorted(_intersecting(boxes))]


def _intersecting(boxes: Sequence[tuple[str, Box]]) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of intersecting boxes: a sweep from left to right
    compares a box only with those that start before it ends (a 2,000-party view has about
    3,000 boxes; every pair is 4.5 million comparisons)."""
    left = [b.x - b.w / 2 for _, b in boxes]
    order = sorted(range(len(boxes)), key=left.__getitem__)
    for k, i in enumerate(order):
        right = boxes[i][1].x + boxes[i][1].w / 2
        for j in itertools.islice(order, k + 1, None):
            if left[j] >= right:
                break
            if boxes[i][1].overlaps(boxes[j][1]):
                yield (i, j) if i < j else (j, i)


def drawn_boxes(
    view: GraphView, shapes: Mapping[str, str], ends: Mapping[str, tuple[float, float]]
) -> list[tuple[str, Box]]:
    """Every node's box and every edge label's box, by id."""
    boxes = [(n.id, node_box(n, shapes[n.id], *ends[n.id])) for n in view.nodes]
    bend = bends(view.edges)
    for edge in view.edges:
        box = edge_label_box(edge, ends, bend[edge.id])
        if box is not None:
            boxes.append((edge.id, box))
    return boxes
