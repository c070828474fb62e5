"""Options and helpers shared by every command: the store, JSON output, error handling."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import click
import orjson
from rich.console import Console

from bo_graph.audit import Threshold, audit
from bo_graph.exc import AmbiguousRef, BoGraphError
from bo_graph.settings import Settings, load_settings
from bo_graph.store import GraphStore, open_store
from bo_graph.store.public import NOTICE
from bo_graph.viz.text import clean

F = TypeVar("F", bound=Callable[..., Any])


class PipeConsole(Console):
    """The console of answers on stdout. A reader that closes the pipe early (``| head``) ends
    the command quietly with exit code 0, as with ``--json``; rich's own console exits with 1,
    which reads as a fatal error in ``set -o pipefail`` scripts."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        end_on_closed_pipe()

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Text printed as the terminal is to show it: a register's names reach it verbatim,
        and a name holding an escape sequence (``\\x1b[2J``, a colour, a cursor move) or a
        carriage return must not rewrite what the answer says, so control characters other
        than newlines are dropped from every text argument."""
        super().print(*(clean(o) if isinstance(o, str) else o for o in objects), **kwargs)


def end_on_closed_pipe() -> NoReturn:
    """Exit 0 once the reader of stdout has gone: nothing more can be said to it, and the
    interpreter's last flush of stdout goes to the null device instead of failing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


err_console = Console(stderr=True)
out_console = PipeConsole(highlight=False, soft_wrap=True, markup=False)


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store",
        default=None,
        metavar="STORE",
        help="Embedded store file, or bolt:// / neo4j:// / neo4j+s:// URI "
        "(default: $BO_GRAPH_STORE, else .bo-graph/graph.sqlite).",
    )(func)


JSON_ASKED = "bo_graph.json"
"""The key of ``click.Context.meta`` set when ``--json`` was given: errors are then JSON too."""


def json_option(func: F) -> F:
    """``--json``; with it, an error the command ends with is also a JSON document on stdout
    (:func:`error_json`), so a pipe into a JSON reader always has one to read."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        is_eager=True,  # read before the other options, so their usage errors know of it
        callback=_remember_json,
        help="Print stable JSON (docs/json.md).",
    )(_errors_as_json(func))


def _remember_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[JSON_ASKED] = True
    return value


def _errors_as_json(func: F) -> F:
    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BoGraphError as error:
            if kwargs.get("as_json"):
                document = error_json(type(error).__name__, str(error), error.exit_code)
                if isinstance(error, AmbiguousRef):
                    document["error"]["candidates"] = error.ids
                print_json(document)
            raise

    return command  # type: ignore[return-value]


def error_json(kind: str, message: str, exit_code: int) -> dict[str, Any]:
    """The document ``--json`` prints on stdout for an error (docs/json.md, "Errors")."""
    return {"error": {"type": kind, "message": message, "exit_code": exit_code}}


def usage_error_json(error: click.ClickException) -> dict[str, Any] | None:
    """The error document of a usage error of a command run with ``--json``, else ``None``."""
    ctx = getattr(error, "ctx", None)
    if ctx is None or not ctx.meta.get(JSON_ASKED):
        return None
    return error_json("UsageError", error.format_message(), 2)


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
    try:
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2, default=str) + b"\n")
        sys.stdout.flush()
    except BrokenPipeError:  # click would make it exit code 1, as for a fatal error
        end_on_closed_pipe()
