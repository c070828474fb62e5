"""Integrated ownership for one target, without numpy.

With ``W[i, j]`` the fraction of ``j`` held directly by ``i``, the integrated ownership (M2,
Leontief, sum over all walks) is ``W~ = W (I - W)^-1``. For one target ``t`` only the column
``e_i = W~[i, t]`` is needed, and it solves ``e_i = W[i, t] + sum_j W[i, j] e_j``.

The system is solved strongly connected component by component, downstream first, over the
target's ancestors. The components and their order come from the whole graph, computed once per
set of weights (:func:`prepare`; the standard library's topological sort when there is no
cycle, networkx's condensation when there is) and shared by every target's column. A
component without a cycle is one substitution; a component with cycles is inverted by
Gauss-Jordan elimination (``(I - A)^-1`` for its block ``A``), which also gives the return
factors ``L_ii`` used by the Vitali correction (M3): ``W^[i, t] = W~[i, t] / L_ii`` removes the
walks that come back to ``i``.

A component whose block has spectral radius >= 1 makes ``I - W`` singular or gives a
non-nonnegative inverse: a **closed loop** (A owns 100% of B and B 100% of A, nobody outside) or a
cycle of shares above 100%. It is never inverted; it is reported in
:attr:`ColumnSolution.divergent` and only the value leaving the cycle is counted for its members.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

Weights = Mapping[tuple[str, str], float]
"""``(owner, subject) -> fraction`` (0..1), parallel links already summed."""

PIVOT_EPSILON = 1e-12
NEGATIVE_EPSILON = 1e-9
EXPLOSION = 1e9
"""An inverse entry above this means a numerically singular block (a closed loop)."""
LARGE_COMPONENT = 200
"""Components above this size are solved by Gauss-Seidel iteration instead of inversion (the
inverse costs O(n^3) in pure Python); their return factors are then not known."""
ITERATION_LIMIT = 20_000
CONVERGED = 1e-14


@dataclass(frozen=True)
class ColumnSolution:
    """The integrated-ownership column of one target."""

    target: str
    integrated: dict[str, float]
    """``W~[i, t]`` for every ancestor ``i`` of the target (and the target itself)."""
    return_factor: dict[str, float]
    """``L_ii = (I - W)^-1[i, i]`` (1 for nodes on no cycle)."""
    divergent: tuple[frozenset[str], ...]
    """Components left uninverted: closed loops or cycles of shares above 100%."""
    uncorrected: frozenset[str] = frozenset()
    """Members of large components solved by iteration: no Vitali correction for them."""

    def corrected(self, node: str) -> float:
        """The Vitali cycle-corrected share ``W~[i, t] / L_ii`` (0 if not an ancestor)."""
        value = self.integrated.get(node, 0.0)
        return value / self.return_factor.get(node, 1.0)


def owners_index(weights: Weights) -> dict[str, list[tuple[str, float]]]:
    """``subject -> [(owner, weight)]`` over the positive weights."""
    index: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (owner, subject), weight in weights.items():
        if weight > 0.0 and owner != subject:
            index[subject].append((owner, weight))
    return index


def ancestors(index: Mapping[str, list[tuple[str, float]]], starts: Iterable[str]) -> set[str]:
    """Every node with a positive path to one of ``starts``, the starts included."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for owner, _ in index.get(node, ()):
            if owner not in seen:
                seen.add(owner)
                queue.append(owner)
    return seen


@dataclass(frozen=True)
class PreparedWeights:
    """One evaluation point's weights with what every target's column shares: who owns each
    node, what each owner holds, and the strongly connected components of the whole graph,
    downstream first. The ancestors of a target are closed upwards, so a component that meets
    them lies inside them, and the global order restricted to them is an order of their own
    components: each target's column is then solved without sorting its graph again."""

    weights: Weights
    index: Mapping[str, list[tuple[str, float]]]
    """``subject -> [(owner, weight)]`` (positive weights, no self-holdings)."""
    holdings: Mapping[str, list[tuple[str, float]]]
    """``owner -> [(subject, weight)]``, the same links the other way round."""
    components: list[list[str]]
    component_of: Mapping[str, int]
    """Each linked node's position in :attr:`components`."""


def prepare(weights: Weights) -> PreparedWeights:
    """The shared part of every column of ``weights`` (built once per evaluation point)."""
    index = owners_index(weights)
    holdings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for subject, owners in index.items():
        for owner, weight in owners:
            holdings[owner].append((subject, weight))
    components = components_downstream_first(set(index) | set(holdings), index)
    component_of = {m: k for k, members in enumerate(components) for m in members}
    return PreparedWeights(weights, index, dict(holdings), components, component_of)


def solve_column(weights: Weights, target: str) -> ColumnSolution:
    """Integrated ownership of every ancestor of ``target`` in ``target``."""
    return solve_prepared(prepare(weights), target)


def solve_prepared(prepared: PreparedWeights, target: str) -> ColumnSolution:
    """:func:`solve_column` on prepared weights: work in proportion to the target's ancestors."""
    upstream = ancestors(prepared.index, [target])
    values: dict[str, float] = {}
    factors: dict[str, float] = {}
    divergent: list[frozenset[str]] = []
    uncorrected: set[str] = set()
    for members in _upstream_components(prepared, upstream, target):
        if len(members) > LARGE_COMPONENT:
            uncorrected.update(members)
            solved = _iterate_component(members, target, prepared.holdings, values, factors)
        else:
            solved = _solve_component(members, target, prepared.holdings, values, factors)
        if not solved:
            divergent.append(frozenset(members))
    return ColumnSolution(target, values, factors, tuple(divergent), frozenset(uncorrected))


def _upstream_components(
    prepared: PreparedWeights, upstream: set[str], target: str
) -> list[list[str]]:
    if target not in prepared.component_of:  # linked to nothing: its own component, alone
        return [[target]]
    positions = sorted({prepared.component_of[node] for node in upstream})
    return [prepared.components[k] for k in positions]


def components_downstream_first(
    upstream: set[str], index: Mapping[str, list[tuple[str, float]]]
) -> list[list[str]]:
    """The strongly connected components of the ancestors (members sorted), every component
    before the components that own it. Most ownership structures have no cycle: then the
    standard library's topological sort gives single-node components directly, and networkx's
    condensation is built only when there is a cycle to find."""
    owners_of = {subject: [owner for owner, _ in index.get(subject, ())] for subject in upstream}
    try:
        owners_first = list(graphlib.TopologicalSorter(owners_of).static_order())
    except graphlib.CycleError:
        return _condensed_components(upstream, owners_of)
    return [[node] for node in reversed(owners_first)]


def _condensed_components(
    upstream: set[str], owners_of: Mapping[str, list[str]]
) -> list[list[str]]:
    graph = nx.DiGraph()
    graph.add_nodes_from(upstream)
    for subject, owners in owners_of.items():
        graph.add_edges_from((owner, subject) for owner in owners)
    condensed = nx.condensation(graph)
    return [
        sorted(condensed.nodes[component]["members"])
        for component in reversed(list(nx.topological_sort(condensed)))
    ]


def _solve_component(
    members: list[str],
    target: str,
    holdings: Mapping[str, list[tuple[str, float]]],
    values: dict[str, float],
    factors: dict[str, float],
) -> bool:
    """Fill ``values`` and ``factors`` for one component; False when it diverges."""
    inside = set(members)
    constant = {m: _leaving_value(m, target, inside, holdings, values) for m in members}
    if len(members) == 1:
        values[members[0]] = constant[members[0]]
        factors[members[0]] = 1.0
        return True
    position = {m: k for k, m in enumerate(members)}
    block = [[0.0] * len(members) for _ in members]
    for owner in members:
        for subject, weight in holdings.get(owner, ()):
            if subject in inside:
                block[position[owner]][position[subject]] += weight
    inverse = invert_identity_minus(block)
    if inverse is None:
        for m in members:
            values[m] = constant[m]
            factors[m] = 1.0
        return False
    for row, owner in enumerate(members):
        values[owner] = sum(inverse[row][k] * constant[m] for k, m in enumerate(members))
        factors[owner] = inverse[row][row]
    return True


def _iterate_component(
    members: list[str],
    target: str,
    holdings: Mapping[str, list[tuple[str, float]]],
    values: dict[str, float],
    factors: dict[str, float],
) -> bool:
    """Gauss-Seidel on ``e = c + A e`` (converges when the spectral radius is below 1); False
    for a closed loop or when it does not settle or grows without bound (shares above 100%)."""
    inside = set(members)
    constant = {m: _leaving_value(m, target, inside, holdings, values) for m in members}
    solution = (
        None
        if _held_fully_inside(members, holdings)
        else _gauss_seidel(members, constant, holdings)
    )
    for m in members:
        values[m] = constant[m] if solution is None else solution[m]
        factors[m] = 1.0
    return solution is not None


def _gauss_seidel(
    members: list[str],
    constant: Mapping[str, float],
    holdings: Mapping[str, list[tuple[str, float]]],
) -> dict[str, float] | None:
    inside = set(members)
    current = dict(constant)
    for _ in range(ITERATION_LIMIT):
        change = 0.0
        for owner in members:
            inner = sum(w * current[s] for s, w in holdings.get(owner, ()) if s in inside)
            updated = constant[owner] + inner
            change = max(change, abs(updated - current[owner]))
            current[owner] = updated
        if max(current.values()) > EXPLOSION:
            return None
        if change < CONVERGED:
            return current
    return None


def _held_fully_inside(members: list[str], holdings: Mapping[str, list[tuple[str, float]]]) -> bool:
    """Every member is held 100% from inside: spectral radius >= 1, iteration cannot settle."""
    inside = set(members)
    held: dict[str, float] = defaultdict(float)
    for owner in members:
        for subject, weight in holdings.get(owner, ()):
            if subject in inside:
                held[subject] += weight
    return all(held[m] >= 1.0 - NEGATIVE_EPSILON for m in members)


def _leaving_value(
    owner: str,
    target: str,
    inside: set[str],
    holdings: Mapping[str, list[tuple[str, float]]],
    values: Mapping[str, float],
) -> float:
    """``W[i, t] + sum over j outside the component of W[i, j] e_j``."""
    value = 0.0
    for subject, weight in holdings.get(owner, ()):
        if subject == target:
            value += weight
        if subject not in inside:
            value += weight * values.get(subject, 0.0)
    return value


def invert_identity_minus(block: list[list[float]]) -> list[list[float]] | None:
    """``(I - A)^-1`` by Gauss-Jordan with partial pivoting, or ``None`` when ``I - A`` is
    (numerically) singular or the inverse has a negative entry (spectral radius of ``A`` >= 1:
    for a non-negative irreducible ``A`` the inverse is non-negative exactly when it is < 1)."""
    size = len(block)
    matrix = [
        [(1.0 if r == c else 0.0) - block[r][c] for c in range(size)]
        + [1.0 if r == c else 0.0 for c in range(size)]
        for r in range(size)
    ]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(matrix[r][col]))
        if abs(matrix[pivot][col]) < PIVOT_EPSILON:
            return None
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        _eliminate(matrix, col)
    inverse = [row[size:] for row in matrix]
    if any(not -NEGATIVE_EPSILON <= value < EXPLOSION for row in inverse for value in row):
        return None
    return inverse


def _eliminate(matrix: list[list[float]], col: int) -> None:
    pivot_row = matrix[col]
    scale = pivot_row[col]
    for k in range(len(pivot_row)):
        pivot_row[k] /= scale
    for r, row in enumerate(matrix):
        factor = row[col]
        if r != col and factor != 0.0:
            for k in range(col, len(row)):
                row[k] -= factor * pivot_row[k]


def transposed(weights: Weights) -> dict[tuple[str, str], float]:
    """``W^T``: integrated ownership of one owner in everything it holds is a column of it."""
    return {(subject, owner): w for (owner, subject), w in weights.items()}


def is_closed_loop(weights: Weights, members: frozenset[str]) -> bool:
    """Every member is held 100% (or more) from inside the component: no outside owner."""
    held: dict[str, float] = defaultdict(float)
    for (owner, subject), weight in weights.items():
        if owner in members and subject in members:
            held[subject] += weight
    return all(held[m] >= 1.0 - NEGATIVE_EPSILON for m in members)
