"""Page: upload register files, import them with progress, then the accounting and quarantine.

Uploaded files are kept beside the store (``uploads/<time>/``) so that the file and line every
statement's provenance cites still exist after the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import streamlit as st

import loaders
from app_pages.context import AppStore, Reader, import_files, store_or_stop
from bo_graph.exc import BoGraphError
from bo_graph.ingest import ImportReport
from bo_graph.render.text import dangling_lines
from bo_graph.settings import Settings
from bo_graph.store.public import NOTICE
from bo_graph.viz.text import md

LAST = "_last_import"


class StreamlitProgress:
    """:class:`bo_graph.ingest.ImportProgress` on a Streamlit progress bar."""

    def __init__(self, files: int) -> None:
        self.bar = st.progress(0.0, text="Starting…")
        self.files, self.done = files, 0
        self.name, self.total = "", 1

    def start_file(self, path: Path, total_bytes: int) -> None:
        self.name, self.total = path.name, max(total_bytes, 1)
        self.advance(0, 0)

    def advance(self, bytes_done: int, records: int) -> None:
        part = min(bytes_done / self.total, 1.0)
        overall = (self.done + part) / max(self.files, 1)
        self.bar.progress(overall, text=f"{self.name}: {records:,} records read")

    def finish_file(self) -> None:
        self.done += 1


@dataclass
class Outcome:
    lines: list[str]
    total: str
    quarantine: bytes | None
    quarantine_name: str
    warnings: bytes | None
    dangling: list[str]
    """A line per reference to a record not in the store (the first 20)."""


def upload_dir(settings: Settings) -> Path:
    base = Path(settings.store).parent if not settings.store_is_neo4j else Path(".bo-graph")
    return base / "uploads" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def save_uploads(files: list[Any], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for upload in files:
        path = folder / (Path(upload.name).name or "upload")
        path.write_bytes(upload.getvalue())
        paths.append(path)
    return paths


def detected(paths: list[Path], read: Reader) -> tuple[list[Path], list[str]]:
    """The files to import, and a line per file saying in which format (or why not)."""
    if read.fmt != "auto":
        return paths, [f"{path.name}: {read.fmt} (chosen)" for path in paths]
    good, lines = [], []
    for path in paths:
        try:
            lines.append(f"{path.name}: {loaders.detect_format(path)}")
            good.append(path)
        except BoGraphError as exc:
            lines.append(f"{path.name}: not imported — {_for_this_page(exc, path)}")
    return good, lines


def _for_this_page(error: BoGraphError, path: Path) -> str:
    """The loader's reason, with the file's name instead of its upload path and this page's
    format choice instead of the command line's option."""
    reason = str(error).replace(str(path), path.name)
    for hint in (loaders.FORMAT_HINT, loaders.CSV_HINT):
        reason = reason.replace(f" ({hint})", "")
    return reason + ". Choose its format under 'Format' (a CSV register also needs its mapping)."


def outcome(report: ImportReport) -> Outcome:
    quarantine = report.quarantine_file
    return Outcome(
        lines=[f"{Path(f).name}: {a.line()}" for f, a in report.per_file.items()],
        total=report.accounting.line(),
        quarantine=quarantine.read_bytes() if quarantine else None,
        quarantine_name=quarantine.name if quarantine else "quarantine.jsonl",
        warnings=report.warnings_file.read_bytes() if report.warnings_file else None,
        dangling=dangling_lines(report.dangling),
    )


def run(app: AppStore, files: list[Any], fmt: str, mapping: Any) -> None:
    folder = upload_dir(app.settings)
    paths = save_uploads(files, folder)
    read = Reader(fmt, save_uploads([mapping], folder / "mapping")[0] if mapping else None)
    good, lines = detected(paths, read)
    st.markdown("**Formats detected**\n\n" + "\n".join(f"- {md(line)}" for line in lines))
    if not good:
        st.error("No file could be imported.")
        return
    with st.status("Importing…", expanded=True) as status:
        report = import_files(app.settings, good, StreamlitProgress(len(good)), read)
        status.update(label="Import finished", state="complete")
    app.generation += 1
    st.session_state[LAST] = outcome(report)


def show(result: Outcome) -> None:
    st.success(result.total)
    st.markdown("\n".join(f"- {md(line)}" for line in result.lines))
    if result.dangling:
        st.warning(
            "Relationships name records that are not in the store (import the registers that "
            "hold them, or they stay open ends):\n\n"
            + "\n".join(f"- {md(line)}" for line in result.dangling)
        )
    if result.quarantine is not None:
        st.download_button(
            "Download the quarantine report (JSON Lines)",
            data=result.quarantine,
            file_name=result.quarantine_name,
            mime="application/jsonl",
            on_click="ignore",
            key="download_quarantine",
        )
    else:
        st.caption("Nothing was quarantined.")
    if result.warnings is not None:
        st.download_button(
            "Download the warnings (JSON Lines)",
            data=result.warnings,
            file_name="warnings.jsonl",
            mime="application/jsonl",
            on_click="ignore",
            key="download_warnings",
        )


def render() -> None:
    app = store_or_stop()
    st.title("Import registers")
    if app.settings.public_tier:
        st.warning(f"{NOTICE} Imports are not available in the public tier.")
        return
    st.caption(
        f"Into {md(app.store.uri)}. Formats: {', '.join(loaders.LOADERS)}, detected from the "
        "content (plain or .gz; see docs/import.md). Bad records go to a quarantine file; the "
        "accounting line always balances."
    )
    files = st.file_uploader("Register files", accept_multiple_files=True, key="upload")
    fmt = st.selectbox("Format", ["auto", *loaders.LOADERS], key="import_format")
    mapping = (
        st.file_uploader(
            "Mapping of the CSV register (YAML, see docs/loaders.md)",
            type=["yaml", "yml"],
            key="import_mapping",
        )
        if fmt == "csv"
        else None
    )
    needs_mapping = fmt == "csv" and mapping is None
    go = st.button("Import", type="primary", disabled=not files or needs_mapping, key="import_go")
    if go and files:
        try:
            run(app, list(files), fmt, mapping)
        except BoGraphError as exc:
            st.error(md(f"The import stopped: {exc}"))
    result = st.session_state.get(LAST)
    if isinstance(result, Outcome):
        show(result)


render()
