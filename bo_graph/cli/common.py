"""Options and helpers shared by every command: the store, JSON output, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
import orjson
from rich.console import Console

from bo_graph.audit import Threshold, audit
from bo_graph.settings import Settings, load_settings
from bo_graph.store import GraphStore, open_store
from bo_graph.store.public import NOTICE

F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True)
out_console = Console(highlight=False, soft_wrap=True, markup=False)


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store",
        default=None,
        metavar="STORE",
        help="Embedded store file, or bolt:// / neo4j:// / neo4j+s:// URI "
        "(default: $BO_GRAPH_STORE, else .bo-graph/graph.sqlite).",
    )(func)


def json_option(func: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print stable JSON (docs/json.md)."
    )(func)


def settings_for(store: str | None) -> Settings:
    return load_settings(None, store=store)


def audit_command(settings: Settings, threshold: Threshold | None = None) -> None:
    """The running command and its parameters into the audit trail (:mod:`bo_graph.audit`),
    with the ``threshold`` its answer applies, if one does."""
    context = click.get_current_context()
    audit(settings, "cli", context.info_name or "", context.params, threshold=threshold)


@contextmanager
def opened_store(
    store: str | None, *, readonly: bool = True, threshold: Threshold | None = None
) -> Iterator[GraphStore]:
    """The store, closed on the way out, once the command is in the audit trail (with the
    ``threshold`` the answer applies, if one does); in the public tier, a notice on standard
    error says what every answer leaves out."""
    settings = settings_for(store)
    audit_command(settings, threshold)
    graph = open_store(settings, readonly=readonly)
    if settings.public_tier:
        click.echo(NOTICE, err=True)
    try:
        yield graph
    finally:
        graph.close()


def print_json(data: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2, default=str) + b"\n")
    sys.stdout.flush()
