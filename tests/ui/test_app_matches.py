"""Streamlit AppTest: under a person's holdings, the persons who may be the same (a second
register names "Mr Malcolm James ASHDOWN", born the same month, at a company of its own)."""

from __future__ import annotations

from contextlib import closing
from functools import partial
from pathlib import Path

import pytest

from app_pages import matches as matches_page
from bo_graph.analysis.matches import person_matches
from bo_graph.store.embedded import EmbeddedStore
from tests.conftest import SAMPLES
from tests.factory import entity, owns, person, write_jsonl
from tests.helpers import import_files
from tests.ui import test_app
from tests.ui.test_app import app, table

fresh_store = test_app.fresh_store  # autouse: an empty store the app would fill


@pytest.fixture
def with_namesake(fresh_store: Path, tmp_path: Path) -> Path:
    namesake = person("gb-psc-ma", "Mr Malcolm James ASHDOWN")
    namesake["recordDetails"]["birthDate"] = "1961-04"
    extra = [
        entity("ent-harrow-quay", "Harrow Quay Moorings Ltd", number="11223344"),
        namesake,
        owns("gb-psc-ma-rel", "gb-psc-ma", "ent-harrow-quay", {"minimum": 75, "maximum": 100}),
    ]
    second = write_jsonl(tmp_path / "second-register.jsonl", extra)
    fresh_store.parent.mkdir(parents=True, exist_ok=True)
    with closing(EmbeddedStore(fresh_store)) as store:
        import_files(store, [*sorted(SAMPLES.glob("*.jsonl")), second], tmp_path / "q.jsonl")
    return fresh_store


def test_a_persons_namesake_is_listed_under_the_holdings(with_namesake: Path) -> None:
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()
    assert not at.exception
    rows = table(at, "grade", "probable")
    [row] = rows.to_dict("records")
    assert row["person"] == "Mr Malcolm James ASHDOWN"
    assert row["agrees"].startswith("same name; born 1961-04 (both)")
    assert row["holds"] == "Harrow Quay Moorings Ltd"
    assert "second-register.jsonl" in row["source"]
    assert any("Leads, not conclusions" in c.value for c in at.caption)


def test_a_person_without_namesakes_says_so(with_namesake: Path) -> None:
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-graham-ashdown").run()
    said = [c.value for c in at.caption if "No other person shares a name" in c.value]
    assert len(said) == 1 and "count only with the same year and month of birth" in said[0]


def test_the_public_tier_does_not_link_persons(
    with_namesake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BO_GRAPH_TIER", "public")
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()
    assert not at.exception
    assert any("Not in the public tier" in c.value for c in at.caption)
    assert not any("grade" in f.value.columns for f in at.dataframe)


def test_a_name_search_that_stopped_early_is_said(
    with_namesake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the text does: a namesake beyond the search's hit limit may be missing."""
    monkeypatch.setattr(matches_page, "person_matches", partial(person_matches, limit=1))
    at = app(entity="ent-lakeshore-civil")
    at.selectbox(key="holdings_person").select("per-malcolm-ashdown").run()
    assert not at.exception
    assert any("The name search stopped at 1 hits" in c.value for c in at.caption)
