"""Fixtures for the UI layer: a store with the sample registers, and the Lakeshore analysis.

The sample store is built once per test module (import takes about a second); tests never write
to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import streamlit as st

from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.viz.subject import Settings, SubjectAnalysis, analyse_subject
from tests.conftest import SAMPLES
from tests.factory import write_jsonl
from tests.helpers import import_files

SUBJECT = "ent-lakeshore-civil"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    folder = tmp_path_factory.mktemp("sample-store")
    store = EmbeddedStore(folder / "graph.sqlite")
    import_files(store, sorted(SAMPLES.glob("*.jsonl")), folder / "quarantine.jsonl")
    yield store
    store.close()


@pytest.fixture(scope="module")
def lakeshore(sample_store: GraphStore) -> SubjectAnalysis:
    node = sample_store.resolve_ref(SUBJECT)
    return analyse_subject(sample_store, node, Settings())


def analyse(store: GraphStore, ref: str, **settings: object) -> SubjectAnalysis:
    return analyse_subject(store, store.resolve_ref(ref), Settings(**settings))  # type: ignore[arg-type]


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.jsonl"))


def app_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: Sequence[dict[str, object]]
) -> Iterator[Path]:
    """A store of ``records`` that the app opens (``BO_GRAPH_STORE``), with Streamlit's cached
    store cleared before and after: the body of a fixture of the app's tests."""
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    import_files(store, [write_jsonl(tmp_path / "records.jsonl", records)], tmp_path / "q.jsonl")
    store.close()
    monkeypatch.setenv("BO_GRAPH_STORE", str(path))
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()
