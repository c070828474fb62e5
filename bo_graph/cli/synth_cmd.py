"""``bo-graph synth``: write a synthetic BODS 0.4 register for benchmarks and tests."""

from __future__ import annotations

from pathlib import Path

import click

from bo_graph.cli.common import out_console, print_json
from bo_graph.synth import write_register
from bo_graph.synth.generator import MIN_COMPANIES


@click.command("synth")
@click.option(
    "--companies",
    required=True,
    type=click.IntRange(min=MIN_COMPANIES),
    help="Number of companies in the register (about 3 statements each).",
)
@click.option(
    "--seed",
    default=1,
    show_default=True,
    type=int,
    help="Random seed: the same seed gives the same file, byte for byte.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file, JSON Lines; compressed when it ends with .gz.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def synth_command(companies: int, seed: int, out: Path, as_json: bool) -> None:  # fmt: skip
    """Write a synthetic company and beneficial-ownership register (BODS 0.4 JSON Lines).

    Example: bo-graph synth --companies 100000 --seed 7 --out register.jsonl.gz
    """
    summary = write_register(out, companies, seed)
    if as_json:
        print_json(summary.to_json())
    else:
        out_console.print(summary.one_line(), markup=False, highlight=False)
