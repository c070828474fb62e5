"""Shared fixtures.

- ``reference``: ../shared/reference_data (real published files). Missing folder: the test fails
  under CI=true (CI always has it) and is skipped elsewhere.
- ``store``: a fresh store of each backend the contract is run on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bo_graph.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "reference_data"
SAMPLES = REPO / "sample_registers"


def need_reference() -> Path:
    if REFERENCE.is_dir():
        return REFERENCE
    message = f"{REFERENCE} is missing (the shared reference data sits beside the repo)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def reference() -> Path:
    return need_reference()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    yield store
    store.close()
