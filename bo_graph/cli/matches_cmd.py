"""``bo-graph matches [REF]``: persons who may be the same, as leads."""

from __future__ import annotations

import click

from bo_graph.analysis.matches import PUBLIC_TIER, person_matches, store_matches
from bo_graph.cli.common import (
    json_option,
    opened_store,
    out_console,
    print_json,
    settings_for,
    store_option,
)
from bo_graph.exc import ConfigError
from bo_graph.render.matches_text import matches_text


@click.command("matches")
@click.argument("ref", required=False)
@store_option
@json_option
def matches_command(ref: str | None, store: str | None, as_json: bool) -> None:
    """Persons who may be the same: REF's namesakes, or with no REF every pair in the store,
    each graded (strong, probable, possible) with what agrees and what differs (name, birth
    date, nationality, identifiers; given names that agree only as initials, "J. R. Smith" and
    "SMITH, John Robert", are said so), where each register says so and what each holds. Leads
    only: nothing is merged.

    Example: bo-graph matches "Marc Anthony Feldman"
    """
    if settings_for(store).public_tier:
        raise ConfigError(PUBLIC_TIER)
    with opened_store(store) as graph:
        if ref is None:
            report = store_matches(graph)
        else:
            report = person_matches(graph, graph.resolve_ref(ref).id)
    if as_json:
        print_json(report.to_json())
    else:
        out_console.print(matches_text(report))
