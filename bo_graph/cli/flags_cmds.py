"""``bo-graph flags``, ``rules``, ``scan`` and ``lists``: opacity red flags (docs/flags.md)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from bo_graph.analysis.opacity import (
    RULES,
    Config,
    ListSet,
    ScanSettings,
    configure,
    flags_report,
    load_lists,
    rule_json,
)
from bo_graph.analysis.opacity.scan import scan_lines
from bo_graph.analysis.opacity.text import lists_text, report_text, rules_text
from bo_graph.cli.common import (
    err_console,
    json_option,
    opened_store,
    out_console,
    print_json,
    settings_for,
    store_option,
)
from bo_graph.cli.ownership_cmds import when_of, when_options
from bo_graph.settings import load_settings
from bo_graph.store import open_store

F = TypeVar("F", bound=Callable[..., Any])
AUTO_WORKERS_FROM = 100_000
"""Entities from which ``scan`` uses every CPU by default."""
SCAN_DEFAULTS = ("OPQ-BEARER-SHARES.read_records=false",)
"""Parameters ``scan`` changes by default, for speed (docs/flags.md, "Scan")."""


def rule_options(func: F) -> F:
    func = click.option(
        "--param",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="Rule parameter: CODE.name=value for one rule, name=value for every rule that "
        "has it (repeatable). `bo-graph rules` lists them.",
    )(func)
    return click.option(
        "--rules",
        "rule_codes",
        default=None,
        metavar="CODE,...",
        help="Only these rules (comma-separated codes; default: all).",
    )(func)


def lists_option(func: F) -> F:
    return click.option(
        "--lists",
        "lists_dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=None,
        help="Folder of jurisdiction lists (default: $BO_GRAPH_JURISDICTION_LISTS, else the "
        "shipped lists; see docs/jurisdictions.md).",
    )(func)


def jurisdiction_lists(lists_dir: Path | None) -> ListSet:
    return load_lists(lists_dir or load_settings().jurisdiction_lists)


def rule_config(rule_codes: str | None, params: tuple[str, ...], *defaults: str) -> Config:
    """The selected rules; the threshold defaults to $BO_GRAPH_THRESHOLD, and ``defaults``
    apply where their rule is selected. The user's ``--param`` values come last and win."""
    codes = rule_codes.split(",") if rule_codes else None
    selected = configure(RULES, codes).rules
    base = [d for d in defaults if any(d.startswith(r.code + ".") for r in selected)]
    if any(r.param("threshold") for r in selected):
        base.insert(0, f"threshold={load_settings().threshold:g}")
    return configure(RULES, codes, [*base, *params])


def applied_threshold(config: Config) -> float | dict[str, float] | None:
    """The ownership threshold the selected rules apply (for the audit trail): one number, one
    per rule code when they were given different ones, None when no selected rule has one."""
    by_rule = {
        rule.code: float(config.of(rule.code)["threshold"])
        for rule in config.rules
        if rule.param("threshold")
    }
    values = set(by_rule.values())
    if len(values) > 1:
        return by_rule
    return values.pop() if values else None


@click.command("flags")
@click.argument("ref")
@rule_options
@lists_option
@when_options
@store_option
@json_option
def flags_command(
    ref: str,
    rule_codes: str | None,
    params: tuple[str, ...],
    lists_dir: Path | None,
    as_of: str | None,
    known_at: str | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Opacity red flags of REF: where the trail goes dark, with evidence and sources.

    Example: bo-graph flags GB-COH:09471253 --as-of 2025-12-31 --param min_entities=10
    """
    config = rule_config(rule_codes, params)
    lists = jurisdiction_lists(lists_dir)
    with opened_store(store, threshold=applied_threshold(config)) as graph:
        node = graph.resolve_ref(ref)
        report = flags_report(
            graph, node.id, when=when_of(as_of, known_at), config=config, lists=lists
        )
    if as_json:
        print_json(report.to_json())
    else:
        out_console.print(report_text(report))


@click.command("rules")
@rule_options
@lists_option
@json_option
def rules_command(
    rule_codes: str | None, params: tuple[str, ...], lists_dir: Path | None, as_json: bool
) -> None:
    """The opacity rules: codes, parameters with their values, weights and sources."""
    config = rule_config(rule_codes, params)
    lists = jurisdiction_lists(lists_dir)
    if as_json:
        loaded = {item.name for item in lists}
        rules = []
        for rule in config.rules:
            body = rule_json(rule, config.of(rule.code))
            body["lists_loaded"] = all(name in loaded for name in rule.lists)
            rules.append(body)
        print_json({"schema": "bo-graph/rules/1", "rules": rules})
    else:
        out_console.print(rules_text(config.rules, config, lists))


@click.command("lists")
@lists_option
@json_option
def lists_command(lists_dir: Path | None, as_json: bool) -> None:
    """The jurisdiction lists in use: file, list, date, source and licence."""
    lists = jurisdiction_lists(lists_dir)
    if as_json:
        print_json({"schema": "bo-graph/lists/1", **lists.to_json()})
    else:
        out_console.print(lists_text(lists))


@click.command("scan")
@rule_options
@lists_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one subject per line with its flags and evidence; csv: one row per subject "
    "with a flag count per rule.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default: standard output).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help=f"Processes (0: all CPUs from {AUTO_WORKERS_FROM:,} entities, else 1).",
)
@when_options
@store_option
def scan_command(
    rule_codes: str | None,
    params: tuple[str, ...],
    lists_dir: Path | None,
    fmt: str,
    out: Path | None,
    workers: int,
    as_of: str | None,
    known_at: str | None,
    store: str | None,
) -> None:
    """Every entity of the store with its opacity flags, streamed (whole-register scan).

    Example: bo-graph scan --format csv --out flags.csv --param min_entities=50
    """
    config = rule_config(rule_codes, params, *SCAN_DEFAULTS)
    settings = ScanSettings(config, jurisdiction_lists(lists_dir), when_of(as_of, known_at))
    with (
        opened_store(store, threshold=applied_threshold(config)) as graph,
        _output(out) as stream,
        _progress() as progress,
    ):
        count = graph.counts(breakdown=False).nodes_by_kind.get("entity", 0)
        lines = scan_lines(
            graph,
            settings,
            fmt,
            progress=progress,
            workers=workers or _auto_workers(count),
            reopen=lambda: open_store(settings_for(store), readonly=True),
        )
        written = 0
        for line in lines:
            stream.write(line)
            written += 1
    subjects = written - 1 if fmt == "csv" else written
    err_console.print(f"scanned {subjects:,} entities", highlight=False)


def _auto_workers(entities: int) -> int:
    return (os.cpu_count() or 1) if entities >= AUTO_WORKERS_FROM else 1


@contextmanager
def _output(out: Path | None) -> Iterator[IO[bytes]]:
    if out is None:
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    with out.open("wb") as handle:
        yield handle


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on standard error when it is a terminal; nothing otherwise."""
    if not err_console.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:>10,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=err_console,
    )
    tasks: dict[str, TaskID] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=max(total, 1))
        bar.update(tasks[phase], completed=done, total=max(total, done, 1))

    with bar:
        yield update
