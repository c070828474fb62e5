"""Run the rules on one subject: ``flags_report`` (store in, report out) and ``opacity_json``
(the block the ``ubo --json`` output can include).

Node and edge rules are evaluated once per party or relationship through a :class:`Memo`
(a scan keeps one for the whole run) and their flags are picked for each subject by the
rule's ``where``; subject rules run on every subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from bo_graph.analysis.absent import not_found
from bo_graph.analysis.opacity.context import (
    EdgeContext,
    Environment,
    NodeContext,
    SubjectContext,
    SubjectInputs,
)
from bo_graph.analysis.opacity.facts import effective_edge, effective_on
from bo_graph.analysis.opacity.flags import Flag
from bo_graph.analysis.opacity.history import History
from bo_graph.analysis.opacity.indexes import address_index
from bo_graph.analysis.opacity.jurisdictions import ListSet, load_lists
from bo_graph.analysis.opacity.registry import RULES
from bo_graph.analysis.opacity.spec import Config, Scope, Where, configure
from bo_graph.analysis.opacity.summary import OpacitySummary, summarise
from bo_graph.analysis.opacity.view import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    ChainView,
    view_from_subgraph,
)
from bo_graph.model.graph import CURRENT, Edge, When
from bo_graph.store.base import Direction, GraphStore

FLAGS_SCHEMA = "bo-graph/flags/1"
ByRule = dict[str, tuple[Flag, ...]]
NO_FLAGS: ByRule = {}
"""Shared by every party or relationship without flags (never modified)."""
MEMO_LIMIT = 1_000_000
"""Parties plus relationships whose flags a memo keeps before it starts over."""


@dataclass
class Memo:
    """Flags of node and edge rules by party or relationship id, per rule code."""

    nodes: dict[str, dict[str, tuple[Flag, ...]]] = field(default_factory=dict)
    edges: dict[str, dict[str, tuple[Flag, ...]]] = field(default_factory=dict)

    def get(
        self,
        table: dict[str, dict[str, tuple[Flag, ...]]],
        key: str,
        compute: Callable[[], dict[str, tuple[Flag, ...]]],
    ) -> dict[str, tuple[Flag, ...]]:
        found = table.get(key)
        if found is None:
            if len(self.nodes) + len(self.edges) >= MEMO_LIMIT:
                self.nodes.clear()
                self.edges.clear()
            found = table[key] = compute()
        return found


@dataclass(frozen=True)
class FlagReport:
    subject: str
    name: str
    subkind: str
    when: When
    flags: tuple[Flag, ...]
    summary: OpacitySummary
    config: Config
    lists: ListSet
    layers: dict[str, int]
    """Distance of each flagged party from the subject, in relationships."""
    truncated: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        used = {u.file: u.to_json() for f in self.flags for u in f.lists}
        return {
            "schema": FLAGS_SCHEMA,
            "subject": {"id": self.subject, "name": self.name, "subkind": self.subkind},
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "rules": [r.code for r in self.config.rules],
            "parameters": self.config.to_json(),
            "flags": [self.flag_json(f) for f in self.flags],
            "summary": self.summary.to_json(),
            "lists_used": [used[k] for k in sorted(used)],
            "lists_loaded": [item.use.to_json() for item in self.lists],
            "truncated": dict(sorted(self.truncated.items())),
        }

    def flag_json(self, flag: Flag) -> dict[str, Any]:
        out = flag.to_json()
        out["target"]["layer"] = self.layers.get(flag.target.id)
        return out


def _node_flags(env: Environment, config: Config, node: str) -> ByRule:
    fact = env.fact_of(node)
    steps = config.steps(Scope.NODE, fact.kind) if fact is not None else ()
    if fact is None or not steps:
        return NO_FLAGS
    out: ByRule = {}
    ctx = NodeContext(steps[0][0], steps[0][1], env, fact=fact)
    for rule, params in steps:
        ctx.rule, ctx.params = rule, params
        found = tuple(rule.evaluate(ctx))
        if found:
            out[rule.code] = found
    return out or NO_FLAGS


def _edge_flags(env: Environment, config: Config, edge: Edge) -> ByRule:
    steps = config.steps(Scope.EDGE)
    if not steps:
        return NO_FLAGS
    out: ByRule = {}
    ctx = EdgeContext(steps[0][0], steps[0][1], env, edge=edge)
    for rule, params in steps:
        ctx.rule, ctx.params = rule, params
        found = tuple(rule.evaluate(ctx))
        if found:
            out[rule.code] = found
    return out or NO_FLAGS


def run_rules(inputs: SubjectInputs, config: Config, memo: Memo) -> list[Flag]:
    """Every selected rule on one subject, flags in a stable order without duplicates."""
    view, env = inputs.view, inputs.env
    flags: list[Flag] = []
    for rule, params in config.steps(Scope.SUBJECT):
        flags.extend(rule.evaluate(SubjectContext(rule, params, env, inputs=inputs)))
    chosen = _selections(view)
    for node in view.depth:
        found = memo.get(memo.nodes, node, partial(_node_flags, env, config, node))
        for code, group in found.items():
            if node in chosen[_WHERE[code]] or (
                node == view.subject and config.of(code).get("include_subject")
            ):
                flags.extend(group)
    for edge in view.edges:
        found = memo.get(memo.edges, edge.id, partial(_edge_flags, env, config, edge))
        for group in found.values():
            flags.extend(group)
    unique = {(f.code, f.target.kind, f.target.id, f.explanation): f for f in flags}
    return sorted(unique.values(), key=Flag.sort_key)


_WHERE = {rule.code: rule.where for rule in RULES}


def _selections(view: ChainView) -> dict[Where, set[str]]:
    every = set(view.depth)
    chain = every - view.officers
    return {
        Where.ALL: every,
        Where.CHAIN: chain,
        Where.ABOVE: every - {view.subject},
        Where.CHAIN_ABOVE: chain - {view.subject},
    }


def report_for(inputs: SubjectInputs, config: Config, memo: Memo) -> FlagReport:
    view = inputs.view
    flags = run_rules(inputs, config, memo)
    fact = view.party(view.subject)
    return FlagReport(
        subject=view.subject,
        name=view.name(view.subject),
        subkind=fact.subkind if fact else "missing",
        when=view.when,
        flags=tuple(flags),
        summary=summarise(inputs, flags, config),
        config=config,
        lists=inputs.env.lists,
        layers={f.target.id: view.depth[f.target.id] for f in flags if f.target.id in view.depth},
        truncated=dict(view.truncated),
    )


def subject_view(
    store: GraphStore,
    subject_id: str,
    when: When = CURRENT,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ChainView:
    """One bounded upward expansion of the subject in the store."""
    subgraph = store.expand(
        [subject_id], Direction.UP, max_depth=max_depth, max_nodes=max_nodes, when=when
    )
    if subject_id not in subgraph.nodes:
        raise not_found(subject_id, "subject", when)
    return view_from_subgraph(subgraph, subject_id, when)


def _grouped(
    edges: Iterable[Edge], key: Callable[[Edge], str], when: When
) -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = {}
    on = effective_on(when)
    for edge in sorted(edges, key=lambda e: e.id):
        if not edge.closed:
            out.setdefault(key(edge), []).append(effective_edge(edge, on))
    return out


def store_environment(
    store: GraphStore, view: ChainView, lists: ListSet, today: date
) -> Environment:
    """The environment of one subject read from the store: two more queries, the holdings of
    every party of the chain and the owners of the parties the walk did not expand (officers,
    parties at the limit), so node rules see the same as in a scan."""
    when = view.when
    parties = list(view.depth)
    holdings = _grouped(
        store.edges_of(parties, Direction.DOWN, when), lambda e: e.interested_party, when
    )
    unexpanded = [p for p in parties if p in view.officers or p in view.truncated]
    owners = dict(view.into)
    if unexpanded:
        found = store.edges_of(unexpanded, Direction.UP, when)
        owners.update(_grouped(found, lambda e: e.subject, when))
    return Environment(
        when=when,
        lists=lists,
        fact_of=view.parties.get,
        owners_of=lambda node: owners.get(node, []),
        holdings_of=lambda node: holdings.get(node, []),
        address_source=lambda: address_index(store),
        history=History(store, when),
        today=today,
    )


def flags_report(
    store: GraphStore,
    subject_id: str,
    *,
    when: When = CURRENT,
    config: Config | None = None,
    lists: ListSet | None = None,
    today: date | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> FlagReport:
    """The opacity flags and summary of ``subject_id``: one bounded upward expansion, two
    queries for holdings and unexpanded owners, the store's address index (built once per
    store object) and statement history where a time rule needs it."""
    config = config or configure(RULES)
    lists = lists if lists is not None else load_lists()
    view = subject_view(store, subject_id, when, max_depth=max_depth, max_nodes=max_nodes)
    env = store_environment(store, view, lists, today or date.today())
    return report_for(SubjectInputs(view, env), config, Memo())


def opacity_json(
    store: GraphStore,
    subject_id: str,
    when: When = CURRENT,
    *,
    rules: Sequence[str] | None = None,
    params: Sequence[str] = (),
    lists: ListSet | None = None,
) -> dict[str, Any]:
    """The flags and opacity summary of a subject as JSON, for ``ubo --json`` (key
    ``"opacity"``). ``rules``/``params`` as ``--rules``/``--param``."""
    config = configure(RULES, rules, params)
    return flags_report(store, subject_id, when=when, config=config, lists=lists).to_json()
