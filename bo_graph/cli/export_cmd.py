"""``bo-graph export``: the case files of a subject, as the web UI's Export tab makes them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method
from bo_graph.analysis.opacity.jurisdictions import load_lists
from bo_graph.cli.common import json_option, opened_store, out_console, print_json, store_option
from bo_graph.cli.ownership_cmds import policy_options, when_options
from bo_graph.export import (
    CaseData,
    bods_json,
    case_report_html,
    csv_zip,
    gather_case,
    graphml_bytes,
    requests_text,
)
from bo_graph.settings import load_settings
from bo_graph.viz.subject import DEFAULT_MAX_NODES, Settings, analyse_subject

SCHEMA = "bo-graph/export/1"

FORMATS: dict[str, tuple[str, Callable[[CaseData], bytes]]] = {
    "html": (".html", lambda case: case_report_html(case).encode("utf-8")),
    "graphml": (".graphml", graphml_bytes),
    "bods": (".bods.json", bods_json),
    "csv": ("-tables.zip", csv_zip),
    "requests": (".requests.txt", lambda case: requests_text(case).encode("utf-8")),
}
"""Format -> (file name ending after the case's stem, how the file is made)."""


@click.command("export")
@click.argument("ref")
@click.option(
    "--format",
    "formats",
    type=click.Choice([*FORMATS, "all"]),
    multiple=True,
    default=("all",),
    show_default=True,
    help="html (case report), graphml, bods (BODS 0.4 JSON), csv (zip of tables), requests "
    "(draft requests for mutual legal assistance, text); repeatable.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder the files are written to (it must exist).",
)
@when_options
@policy_options
@click.option(
    "--max-nodes",
    type=click.IntRange(2, 100_000),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Parties loaded at most (the report says when the limit cut the structure).",
)
@store_option
@json_option
def export_command(
    ref: str,
    formats: tuple[str, ...],
    out: Path,
    as_of: str | None,
    known_at: str | None,
    threshold: float | None,
    rule: str,
    method: str,
    max_nodes: int,
    store: str | None,
    as_json: bool,
) -> None:
    """The case files of REF: case report (HTML, printable to PDF), GraphML, BODS 0.4 JSON, CSV
    tables and draft requests for mutual legal assistance, named case-<record id>-<date or
    current>[-known-<date>]; prints each file written (with --json: each with its size and
    SHA-256, and the settings used).

    Example: bo-graph export ent-lakeshore-civil --known-at 2021-01-01 --rule '>' --out cases/
    """
    configured = load_settings()
    settings = Settings(
        as_of=_day(as_of),
        known_at=_day(known_at),
        threshold=threshold if threshold is not None else configured.threshold,
        rule=ThresholdRule(rule),
        method=Method(method),
        max_nodes=max_nodes,
        lists=load_lists(configured.jurisdiction_lists),
    )
    chosen = list(FORMATS) if "all" in formats else list(dict.fromkeys(formats))
    with opened_store(store, threshold=settings.threshold) as graph:
        case = gather_case(graph, analyse_subject(graph, graph.resolve_ref(ref), settings))
    written = [write_file(case, name, out) for name in chosen]
    if as_json:
        print_json(export_json(case, written))
    else:
        for file in written:
            out_console.print(file["path"])


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def write_file(case: CaseData, name: str, out: Path) -> dict[str, Any]:
    """Write the case's file of format ``name`` into ``out``; what was written, for the list."""
    ending, render = FORMATS[name]
    path = out / f"{case.file_stem()}{ending}"
    data = render(case)
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    return {"path": str(path), "format": name, "bytes": len(data), "sha256": digest}


def export_json(case: CaseData, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``bo-graph/export/1`` document (docs/json.md): the files written and the settings
    every one of them was made with."""
    analysis = case.analysis
    when, settings = analysis.when, analysis.settings
    return {
        "schema": SCHEMA,
        "subject": {"id": analysis.subject.id, "name": analysis.subject.name},
        "when": {"as_of": when.as_of, "known_at": when.known_at},
        "threshold": {"percent": settings.threshold, "rule": analysis.report.rule.value},
        "method": settings.method.value,
        "max_nodes": settings.max_nodes,
        "tier": case.tier,
        "store": case.store,
        "generated_at": case.generated_at,
        "files": files,
    }
