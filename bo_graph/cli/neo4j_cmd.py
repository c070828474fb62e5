"""``bo-graph neo4j start|stop|status``: the local Neo4j 5.26 server for development and tests."""

from __future__ import annotations

from pathlib import Path

import click

from bo_graph.cli.common import print_json
from bo_graph.settings import load_settings
from bo_graph.store.neo4j_server import server_status, start_server, stop_server


def _home() -> Path:
    return load_settings().neo4j_home


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a real local Neo4j 5.26 (built from Maven Central on first start).

    Point bo-graph at it with --store bolt://127.0.0.1:PORT or BO_GRAPH_STORE.
    """


@neo4j_group.command("start")
@click.option(
    "--port", type=int, default=None, help="Bolt port on 127.0.0.1 (default: a free one)."
)
@click.option(
    "--data",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Database folder (default: $BO_GRAPH_NEO4J_HOME/data).",
)
@click.option(
    "--timeout", type=float, default=300, show_default=True, help="Seconds to wait for Bolt."
)
def start_command(port: int | None, data: Path | None, timeout: float) -> None:
    """Start the local server (or find the running one) and print its bolt URI."""
    info = start_server(_home(), port=port, data_dir=data, timeout=timeout)
    click.echo(info.uri)


@neo4j_group.command("stop")
def stop_command() -> None:
    """Stop the local server."""
    click.echo("stopped" if stop_server(_home()) else "not running")


@neo4j_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the server's record as JSON.")
def status_command(as_json: bool) -> None:
    """Is the local server running, and where?"""
    info = server_status(_home())
    if as_json:
        print_json(
            None
            if info is None
            else {"uri": info.uri, "port": info.port, "pid": info.pid, "home": str(info.home)}
        )
        return
    click.echo("not running" if info is None else f"running: {info.uri} (pid {info.pid})")
    if info is None:
        raise SystemExit(1)
