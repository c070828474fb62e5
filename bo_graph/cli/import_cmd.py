"""``bo-graph import``: scripted, repeatable imports with quarantine and accounting."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

import loaders
from bo_graph.cli.common import (
    audit_command,
    err_console,
    print_json,
    settings_for,
    store_option,
)
from bo_graph.cli.progress import RichImportProgress
from bo_graph.exc import BoGraphError, ConfigError, SourceError
from bo_graph.ingest import ImportProgress, ImportReport, run_import
from bo_graph.model.loading import LoadItem
from bo_graph.render.json_out import dangling_json
from bo_graph.render.text import dangling_lines
from bo_graph.store import open_store
from bo_graph.store.public import READ_ONLY
from loaders import csv_register
from loaders.csv_mapping import load_mapping


def _default_quarantine(store: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = Path(store).parent if "://" not in store else Path(".bo-graph")
    return base / "quarantine" / f"import-{stamp}.jsonl"


def _reader(fmt: str, validation: str, mapping: Path | None) -> Callable[..., Iterator[LoadItem]]:
    options: dict[str, Any] = {"validation": validation} if validation != "auto" else {}
    if mapping is not None:
        options["mapping"] = mapping

    def read(path: Path, progress: Callable[[int], None], **extra: Any) -> Iterator[LoadItem]:
        return loaders.read(path, fmt, progress=progress, **options, **extra)

    return read


@click.command("import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", *loaders.LOADERS]),
    help="Register format.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML mapping for --format csv (a national register's columns; docs/loaders.md).",
)
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first bad record (exit 1).")
@click.option(
    "--quarantine",
    "quarantine",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Quarantine file (JSON Lines). Default: quarantine/ beside the store.",
)
@click.option(
    "--validation",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "strict", "lenient"]),
    help="BODS schema errors: strict quarantines, lenient loads with warnings; "
    "auto is strict for 0.4 and lenient for 0.1-0.3.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the accounting as JSON.")
def import_command(
    paths: tuple[Path, ...],
    fmt: str,
    mapping: Path | None,
    store: str | None,
    strict: bool,
    quarantine: Path | None,
    validation: str,
    as_json: bool,
) -> None:
    """Import register files into the store: plain, .gz or .zip files, or folders (an ICIJ
    release). Formats: BODS 0.1-0.4, UK PSC and BasicCompanyData, GLEIF, ICIJ, FollowTheMoney,
    or any CSV register with --format csv --mapping FILE.

    Example: bo-graph import sample_registers/*.jsonl
    """
    settings = settings_for(store)
    if settings.public_tier:  # before the store file is made
        raise ConfigError(READ_ONLY)
    if mapping is not None:  # a mapping mistake is refused before the store is opened
        load_mapping(mapping)
    elif fmt == csv_register.NAME:  # and so is a missing mapping
        raise ConfigError(csv_register.NO_MAPPING)
    elif fmt == "auto":  # and a file of no format it knows, before any file is written
        for path in paths:
            loaders.detect_format(path)
    audit_command(settings)
    graph = open_store(settings)
    target = quarantine or _default_quarantine(settings.store)
    show_bar = sys.stderr.isatty() and not as_json
    report = ImportReport()
    read = _reader(fmt, validation, mapping)

    def run(progress: ImportProgress | None) -> None:
        run_import(
            graph,
            paths,
            read,
            quarantine_path=target,
            batch_size=settings.batch_size,
            strict=strict,
            progress=progress,
            bulk=settings.bulk,
            report=report,
        )

    failure: BoGraphError | None = None
    try:
        if show_bar:
            with RichImportProgress(err_console) as bar:
                run(bar)
        else:
            run(None)
    except BoGraphError as error:
        failure = error  # reported after the accounting of what was committed before it
    finally:
        graph.close()
    _report(report, as_json, failure)
    if failure is not None:
        raise failure
    raise SystemExit(report.exit_code)


def _report(report: ImportReport, as_json: bool, failure: BoGraphError | None) -> None:
    if as_json:
        print_json(
            {
                "accounting": report.accounting.to_json(),
                "files": {f: a.to_json() for f, a in report.per_file.items()},
                "quarantine_file": str(report.quarantine_file) if report.quarantine_file else None,
                "warnings_file": str(report.warnings_file) if report.warnings_file else None,
                "dangling_references": [dangling_json(d) for d in report.dangling],
                "joined": [{"node": m.node_id, "records": list(m.merged)} for m in report.joined],
                "loops": report.loops,
                "writer": "compiled bulk writer" if report.bulk_profile is not None else "python",
                "bulk_profile": report.bulk_profile,
                "error": _error_json(failure),
            }
        )
        return
    for path, count in report.per_file.items():
        click.echo(f"{path}: {count.line()}")
    click.echo(report.accounting.line())
    if report.accounting.warned:
        warned = report.accounting.warned  # on loaded records, or on lines/files of no record
        noun = "warning" if warned == 1 else "warnings"
        click.echo(f"{warned} {noun}, not counted as records read: {report.warnings_file}")
    if report.quarantine_file:
        click.echo(f"quarantined records with reasons: {report.quarantine_file}")
    if failure is not None:
        click.echo(
            "stopped by a fatal error (on stderr): the counts above were committed before it"
        )
    _report_joins(report)
    if report.dangling:
        click.echo(f"{len(report.dangling)} references point to records not in the store:")
        for line in dangling_lines(report.dangling):
            click.echo(f"  {line}{' (see --json)' if line.startswith('...') else ''}")


def _report_joins(report: ImportReport) -> None:
    """Which records became one node because they share a register identifier."""
    if report.joined:
        records = sum(len(m.merged) for m in report.joined)
        click.echo(f"{records} record(s) joined to a node of the same identifier:")
        for merge in report.joined[:20]:
            click.echo(f"  {merge.node_id} <- {', '.join(merge.merged)}")
        if len(report.joined) > 20:
            click.echo(f"  ... and {len(report.joined) - 20} more (see --json)")
    if report.loops:
        click.echo(
            f"{len(report.loops)} relationship(s) between records of one company left out of "
            f"the graph, their statements kept: {', '.join(report.loops[:20])}"
        )


def _error_json(failure: BoGraphError | None) -> dict[str, Any] | None:
    """The error that stopped the run (its message, as on stderr), or ``None``."""
    if failure is None:
        return None
    where = failure if isinstance(failure, SourceError) else None
    return {
        "message": str(failure),
        "exit_code": failure.exit_code,
        "file": where.path if where else None,
        "position": where.position if where else None,
    }
