"""``bo-graph stats``, ``show`` and ``search``: what is in the store."""

from __future__ import annotations

import click
from rich.table import Table

from bo_graph.cli.common import json_option, opened_store, out_console, print_json, store_option
from bo_graph.exc import ConfigError
from bo_graph.model.graph import Edge, Node
from bo_graph.model.particulars import particulars
from bo_graph.render.json_out import counts_json, edge_json, node_json
from bo_graph.render.text import edge_line, node_line
from bo_graph.store.search_filter import (
    JURISDICTION_EXPECTED,
    KINDS,
    SearchFilter,
    jurisdiction_code,
)


@click.command("stats")
@store_option
@json_option
def stats_command(store: str | None, as_json: bool) -> None:
    """Node counts by kind, relationship counts by interest type, and the sources."""
    with opened_store(store) as graph:
        counts = graph.counts()
    if as_json:
        print_json(counts_json(counts))
        return
    out_console.print(
        f"{counts.statements} statements, {counts.nodes} nodes, {counts.edges} relationships"
    )
    for title, values in (
        ("nodes by kind", counts.nodes_by_kind),
        ("relationships by interest type", counts.edges_by_interest),
        ("statements by source", counts.sources),
    ):
        table = Table(title=title, title_justify="left")
        table.add_column("name")
        table.add_column("count", justify="right")
        for key, value in sorted(values.items()):
            table.add_row(key, str(value))
        out_console.print(table)


@click.command("show")
@click.argument("ref")
@store_option
@json_option
def show_command(ref: str, store: str | None, as_json: bool) -> None:
    """A node with its direct owners, its holdings and its provenance.

    REF is an internal id, a SCHEME:ID identifier (GB-COH:01234567), a source record id, or an
    exact name if unique.
    """
    with opened_store(store) as graph:
        node = graph.resolve_ref(ref)
        owners = graph.owners_of(node.id)
        holdings = graph.holdings_of(node.id)
        others = graph.get_nodes(
            [e.interested_party for e in owners] + [e.subject for e in holdings]
        )
        statements = graph.statements_for(node.id)
    if as_json:
        print_json(
            {
                "node": node_json(node),
                "owners": [edge_json(e) for e in owners],
                "holdings": [edge_json(e) for e in holdings],
                "parties": {k: node_json(v) for k, v in sorted(others.items())},
                "statements": [s.provenance.statement_id for s in statements],
            }
        )
        return
    _print_show(node, owners, holdings, others, [s.provenance.cite() for s in statements])


SAID_IN_THE_HEADER = frozenset({"kind", "name"})
"""Particulars :func:`node_line` already gives."""


def _print_show(
    node: Node, owners: list[Edge], holdings: list[Edge], others: dict[str, Node], cites: list[str]
) -> None:
    out_console.print(node_line(node), style="bold")
    for label, value in particulars(node):
        if label not in SAID_IN_THE_HEADER:
            out_console.print(f"  {label}: {value}")
    for heading, edges, far in (
        ("Owned or controlled by", owners, "interested_party"),
        ("Holds", holdings, "subject"),
    ):
        out_console.print(f"\n{heading} ({len(edges)}):")
        for edge in edges:
            far_id = getattr(edge, far)
            out_console.print("  " + edge_line(edge, far_id, others.get(far_id)))
    out_console.print(f"\nProvenance ({len(cites)} statement{'' if len(cites) == 1 else 's'}):")
    for cite in cites:
        out_console.print(f"  {cite}")


def _jurisdiction(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--jurisdiction`` checked: a usage error (exit 2) names what it expected and found."""
    if value is None:
        return None
    try:
        return jurisdiction_code(value)
    except ConfigError:
        raise click.BadParameter(f"expected {JURISDICTION_EXPECTED}, found {value!r}") from None


@click.command("search")
@click.argument("text")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many parties, best match first.",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS, case_sensitive=False),
    default=None,
    help="Only parties of this kind: person, entity (company, trust, arrangement…) or "
    "unspecified (an owner the register says exists but does not name).",
)
@click.option(
    "--jurisdiction",
    metavar="CODE",
    default=None,
    callback=_jurisdiction,
    help="Only parties of this jurisdiction: an entity's, a person's nationality or country of "
    "residence. A country code (VG, US) also finds its subdivisions (US-DE).",
)
@store_option
@json_option
def search_command(
    text: str,
    limit: int,
    kind: str | None,
    jurisdiction: str | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Find parties by name (case, accents and word order do not matter) or SCHEME:ID."""
    with opened_store(store) as graph:
        hits = graph.search(text, limit=limit, kind=kind, jurisdiction=jurisdiction)
    if as_json:
        print_json({"query": text, "results": [node_json(n) for n in hits]})
        return
    if not hits:
        narrowed = SearchFilter.of(kind, jurisdiction).describe()
        out_console.print(f"no party matches {text!r}" + (f" ({narrowed})" if narrowed else ""))
    for node in hits:
        out_console.print(node_line(node))
