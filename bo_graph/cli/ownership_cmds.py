"""``bo-graph ubo``, ``report``, ``paths`` and ``holdings``: the ownership questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from bo_graph.analysis import (
    DEFAULT_MAX_HOPS,
    PathFilter,
    PathMode,
    UboPolicy,
    find_paths,
    holdings_report,
    ubo_report,
)
from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method
from bo_graph.analysis.opacity.evaluate import opacity_json
from bo_graph.analysis.opacity.jurisdictions import load_lists
from bo_graph.analysis.path_results import MAX_HOPS
from bo_graph.analysis.positions import positions
from bo_graph.cli.common import json_option, opened_store, out_console, print_json, store_option
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import NodeKind, When, is_calendar_day
from bo_graph.render.path_text import paths_text
from bo_graph.render.ubo_text import holdings_text, ubo_text
from bo_graph.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])


def when_options(func: F) -> F:
    func = click.option(
        "--known-at",
        "known_at",
        metavar="DATE",
        callback=calendar_day,
        help="Only statements dated on or before DATE: what the registers said then.",
    )(func)
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=calendar_day,
        help="Interests in effect on DATE, with everything known now.",
    )(func)


def calendar_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Option callback: a day that exists, as ``YYYY-MM-DD`` (not ``2025-13-01``)."""
    if value is not None and not is_calendar_day(value):
        raise click.BadParameter(f"expected a calendar date YYYY-MM-DD, found {value!r}")
    return value


def when_of(as_of: str | None, known_at: str | None) -> When:
    return When(as_of=as_of, known_at=known_at)


def method_option(func: F) -> F:
    """``--method``: which rules decide."""
    return click.option(
        "--method",
        type=click.Choice([m.value for m in Method]),
        default="integrated",
        show_default=True,
        help="Which rules decide (docs/ownership.md).",
    )(func)


def threshold_option(func: F) -> F:
    """``--threshold``: the percentage the test applies (default from the settings)."""
    return click.option(
        "--threshold",
        type=click.FloatRange(0, 100, min_open=True),
        default=None,
        help="Threshold in percent (default: $BO_GRAPH_THRESHOLD, else 25).",
    )(func)


def policy_options(func: F) -> F:
    """``--threshold``, ``--rule`` and ``--method``: the beneficial-ownership test applied."""
    func = method_option(func)
    func = click.option(
        "--rule",
        type=click.Choice([">=", ">"]),
        default=">=",
        show_default=True,
        help="'>=' as EU AMLR Art. 52, '>' as UK PSC 'more than 25%'.",
    )(func)
    return threshold_option(func)


def policy_of(threshold: float | None, rule: str, method: str) -> UboPolicy:
    """The policy the options give; the threshold by default from the settings."""
    percent = threshold if threshold is not None else load_settings().threshold
    return UboPolicy(threshold=percent, rule=ThresholdRule(rule), method=Method(method))


@click.command("ubo")
@click.argument("ref")
@policy_options
@click.option(
    "--all", "all_parties", is_flag=True, help="List every upstream party, not only owners."
)
@when_options
@store_option
@json_option
def ubo_command(
    ref: str,
    threshold: float | None,
    rule: str,
    method: str,
    all_parties: bool,
    as_of: str | None,
    known_at: str | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Who ultimately owns and controls REF, on which grounds, through which paths.

    Example: bo-graph ubo GB-COH:09471253 --as-of 2022-06-30
    """
    policy = policy_of(threshold, rule, method)
    percent = policy.threshold
    when = when_of(as_of, known_at)
    with opened_store(store, threshold=percent) as graph:
        node = graph.resolve_ref(ref)
        report = ubo_report(graph, node.id, when=when, policy=policy)
        opacity = None
        if as_json:
            lists = load_lists(load_settings().jurisdiction_lists)
            opacity = opacity_json(
                graph, node.id, when, params=[f"threshold={percent:g}"], lists=lists
            )
    if as_json:
        print_json({**report.to_json(), "opacity": opacity})
    else:
        out_console.print(ubo_text(report, all_parties=all_parties))


@click.command("paths")
@click.argument("source")
@click.argument("target")
@click.option(
    "--max-hops",
    type=click.IntRange(1, MAX_HOPS),
    default=None,
    help=f"Steps searched (default {DEFAULT_MAX_HOPS[PathMode.SHORTEST]}; "
    f"{DEFAULT_MAX_HOPS[PathMode.ALL]} with --all-paths). A search this limit cut off says so.",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=20,
    show_default=True,
    help="At most this many paths: the N shortest, or N of all (the total is always reported).",
)
@click.option(
    "--all-paths", "all_paths", is_flag=True, help="All simple paths, not only the shortest."
)
@click.option(
    "--interest",
    "interests",
    multiple=True,
    type=click.Choice([t.value for t in InterestType]),
    help="Only relationships with this interest type (repeatable).",
)
@click.option(
    "--min-share", type=click.FloatRange(0, 100), default=None, help="Minimum share in percent."
)
@when_options
@store_option
@json_option
def paths_command(
    source: str,
    target: str,
    max_hops: int | None,
    limit: int,
    all_paths: bool,
    interests: tuple[str, ...],
    min_share: float | None,
    as_of: str | None,
    known_at: str | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Paths between two parties, in either direction of ownership and control."""
    path_filter = PathFilter(
        interest_types=frozenset(InterestType(i) for i in interests) or None, min_share=min_share
    )
    with opened_store(store) as graph:
        start, end = graph.resolve_ref(source), graph.resolve_ref(target)
        report = find_paths(
            graph,
            start.id,
            end.id,
            mode=PathMode.ALL if all_paths else PathMode.SHORTEST,
            k=limit,
            max_hops=max_hops,
            limit=limit,
            path_filter=path_filter,
            when=when_of(as_of, known_at),
        )
    if as_json:
        print_json(report.to_json())
    else:
        out_console.print(paths_text(report))


@click.command("holdings")
@click.argument("ref")
@when_options
@store_option
@json_option
def holdings_command(
    ref: str, as_of: str | None, known_at: str | None, store: str | None, as_json: bool
) -> None:
    """Everything REF owns or controls downstream, with effective shares."""
    with opened_store(store) as graph:
        node = graph.resolve_ref(ref)
        when = when_of(as_of, known_at)
        report = holdings_report(graph, node.id, when=when)
        found = None
        if node.kind is NodeKind.PERSON and not as_json:
            policy = UboPolicy(threshold=load_settings().threshold)
            held = [h.party.id for h in report.holdings]
            found = positions(graph, node.id, held, when=when, policy=policy)
    if as_json:
        print_json(report.to_json())
    else:
        out_console.print(holdings_text(report, found))
