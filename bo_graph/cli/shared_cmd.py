"""``bo-graph shared A B``: what two subjects have in common."""

from __future__ import annotations

import click

from bo_graph.analysis import shared_report
from bo_graph.cli.common import json_option, opened_store, out_console, print_json, store_option
from bo_graph.cli.ownership_cmds import policy_of, policy_options, when_of, when_options
from bo_graph.render.shared_text import shared_text


@click.command("shared")
@click.argument("a")
@click.argument("b")
@policy_options
@when_options
@store_option
@json_option
def shared_command(
    a: str,
    b: str,
    threshold: float | None,
    rule: str,
    method: str,
    as_of: str | None,
    known_at: str | None,
    store: str | None,
    as_json: bool,
) -> None:
    """What A and B share: the owners and controllers of both (persons, holding companies,
    trusts, nominees, undisclosed owners) with their status and share in each, what both hold,
    and whether one is upstream of the other.

    Example: bo-graph shared ent-calder-bridge ent-sable-reach --as-of 2022-06-30
    """
    policy = policy_of(threshold, rule, method)
    with opened_store(store, threshold=policy.threshold) as graph:
        first, second = graph.resolve_ref(a), graph.resolve_ref(b)
        report = shared_report(
            graph, first.id, second.id, when=when_of(as_of, known_at), policy=policy
        )
    if as_json:
        print_json(report.to_json())
    else:
        out_console.print(shared_text(report))
