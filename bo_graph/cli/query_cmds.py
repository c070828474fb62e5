"""``bo-graph stats``, ``show`` and ``search``: what is in the store."""

from __future__ import annotations

import click
from rich.table import Table

from bo_graph.cli.common import json_option, opened_store, out_console, print_json, store_option
from bo_graph.model.graph import Edge, Node
from bo_graph.render.json_out import counts_json, edge_json, node_json
from bo_graph.render.text import edge_line, node_line


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


def _print_show(
    node: Node, owners: list[Edge], holdings: list[Edge], others: dict[str, Node], cites: list[str]
) -> None:
    out_console.print(node_line(node), style="bold")
    for heading, edges, far in (
        ("Owned or controlled by", owners, "interested_party"),
        ("Holds", holdings, "subject"),
    ):
        out_console.print(f"\n{heading} ({len(edges)}):")
        for edge in edges:
            far_id = getattr(edge, far)
            out_console.print("  " + edge_line(edge, far_id, others.get(far_id)))
    out_console.print(f"\nProvenance ({len(cites)} statements):")
    for cite in cites:
        out_console.print(f"  {cite}")


@click.command("search")
@click.argument("text")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many parties, best match first.",
)
@store_option
@json_option
def search_command(text: str, limit: int, store: str | None, as_json: bool) -> None:
    """Find parties by name (case, accents and word order do not matter) or SCHEME:ID."""
    with opened_store(store) as graph:
        hits = graph.search(text, limit=limit)
    if as_json:
        print_json({"query": text, "results": [node_json(n) for n in hits]})
        return
    if not hits:
        out_console.print(f"no party matches {text!r}")
    for node in hits:
        out_console.print(node_line(node))
