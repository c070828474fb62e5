"""The app's store: opened once per process, filled with the sample registers when empty.

``app.py`` and ``app_pages/`` together are the Streamlit composition root: the only UI code that
imports :mod:`loaders` and opens a backend (through :func:`bo_graph.store.open_store`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import loaders
from bo_graph.audit import audit
from bo_graph.exc import AuditError, BoGraphError
from bo_graph.ingest import ImportProgress, ImportReport, run_import
from bo_graph.model.loading import LoadItem
from bo_graph.settings import Settings, load_settings
from bo_graph.store import GraphStore, open_store
from bo_graph.viz.text import md

AUDITED = "_audited"
"""Session state: the parameters of the last line written per action."""
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_registers"


@dataclass
class AppStore:
    store: GraphStore
    settings: Settings
    bootstrap: ImportReport | None
    """The import of the sample registers, when the configured store was empty."""
    generation: int = 0
    """Bumped by every import, so views computed before it are recomputed."""


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.jsonl"))


@dataclass(frozen=True)
class Reader:
    """The files in one format (``auto``: detected from the content); a CSV register with
    its mapping file."""

    fmt: str = "auto"
    mapping: Path | None = None

    def __call__(self, path: Path, progress: Callable[[int], None]) -> Iterator[LoadItem]:
        options = {} if self.mapping is None else {"mapping": self.mapping}
        return loaders.read(path, self.fmt, progress=progress, **options)


def quarantine_path(settings: Settings) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    base = Path(settings.store).parent if not settings.store_is_neo4j else Path(".bo-graph")
    return base / "quarantine" / f"ui-import-{stamp}.jsonl"


def import_files(
    settings: Settings,
    paths: list[Path],
    progress: ImportProgress | None = None,
    read: Reader | None = None,
) -> ImportReport:
    """Import ``paths`` through a writable store opened for this import only (the backend
    itself: the public tier only reads, and its page offers no import; the sample registers
    still fill an empty store)."""
    audit(settings, "ui", "import", {"files": [str(p) for p in paths]})
    writable = open_store(replace(settings, public_tier=False))
    try:
        return run_import(
            writable,
            paths,
            read or Reader(),
            quarantine_path=quarantine_path(settings),
            batch_size=settings.batch_size,
            progress=progress,
        )
    finally:
        writable.close()


def _is_empty(settings: Settings) -> bool:
    if not settings.store_is_neo4j and not Path(settings.store).exists():
        return True
    store = open_store(settings, readonly=True)
    try:
        return store.counts(breakdown=False).statements == 0
    finally:
        store.close()


def open_app_store(settings: Settings) -> AppStore:
    """The configured store, read-only; the sample registers are imported first if it is
    missing or empty."""
    report = import_files(settings, sample_files()) if _is_empty(settings) else None
    return AppStore(open_store(settings, readonly=True), settings, report)


@st.cache_resource(show_spinner="Opening the store…")
def app_store() -> AppStore:
    """One store per process (tests clear ``st.cache_resource`` between apps)."""
    return open_app_store(load_settings())


def store_or_stop() -> AppStore:
    """The app's store, or an error on the page and a stop."""
    try:
        return app_store()
    except BoGraphError as exc:
        st.error(md(f"Cannot open the store: {exc}"))
        st.stop()


def audit_ui(
    app: AppStore,
    action: str,
    *,
    repeated: bool = False,
    threshold: float | None = None,
    **params: object,
) -> None:
    """``action`` into the audit trail before it is answered (:mod:`bo_graph.audit`), once for
    the same parameters in a row (Streamlit runs the page again on every click) unless
    ``repeated`` (a button's question is asked again on each click); when the trail cannot be
    written, the page says so and stops. ``threshold``, where the answer applies one, is
    written among the parameters and as the line's threshold."""
    if threshold is not None:
        params = {**params, "threshold": threshold}
    key = repr(sorted(params.items()))
    last: dict[str, str] = st.session_state.setdefault(AUDITED, {})
    if last.get(action) == key and not repeated:
        return
    try:
        audit(app.settings, "ui", action, params, session=ui_session(), threshold=threshold)
    except AuditError as error:
        st.error(md(str(error)))
        st.stop()
    last[action] = key


def forget_audited(action: str) -> None:
    """The next ``action`` is written down even with the parameters of the last one."""
    st.session_state.setdefault(AUDITED, {}).pop(action, None)


def ui_session() -> str:
    """The id of this browser session, which links a session's lines in the audit trail."""
    context = get_script_run_ctx()
    return context.session_id if context is not None else ""
