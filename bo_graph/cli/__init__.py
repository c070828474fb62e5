"""The ``bo-graph`` command line: a thin layer over the library."""

from __future__ import annotations

import sys

import click

from bo_graph.cli.common import err_console, print_json, usage_error_json
from bo_graph.cli.export_cmd import export_command
from bo_graph.cli.flags_cmds import flags_command, lists_command, rules_command, scan_command
from bo_graph.cli.import_cmd import import_command
from bo_graph.cli.matches_cmd import matches_command
from bo_graph.cli.neo4j_cmd import neo4j_group
from bo_graph.cli.ownership_cmds import holdings_command, paths_command, ubo_command
from bo_graph.cli.query_cmds import search_command, show_command, stats_command
from bo_graph.cli.shared_cmd import shared_command
from bo_graph.cli.synth_cmd import synth_command
from bo_graph.exc import BoGraphError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bo-graph")
def cli() -> None:
    """bo-graph: who ultimately owns and controls a company, through which layers, and where
    the trail goes dark."""


for command in (
    import_command,
    stats_command,
    show_command,
    search_command,
    ubo_command,
    paths_command,
    holdings_command,
    shared_command,
    matches_command,
    flags_command,
    export_command,
    rules_command,
    lists_command,
    scan_command,
    neo4j_group,
    synth_command,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: maps bo-graph errors to messages and exit codes (1 fatal, 2 usage)."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err_console.print("aborted")
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        document = usage_error_json(error)
        if document is not None:
            print_json(document)
        sys.exit(2)
    except BoGraphError as error:
        err_console.print(f"bo-graph: {error}", markup=False, highlight=False)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(0)
