"""A link naming several parties (``?entity=NAME`` of two homonyms): the page says so and lists
them in the search, to open one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factory import entity, person
from tests.ui.conftest import app_store
from tests.ui.test_app import app


@pytest.fixture(autouse=True)
def homonyms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    records = [entity("co-jane", "Jane Doe"), person("p-jane", "Jane Doe", nationality="FR")]
    yield from app_store(tmp_path, monkeypatch, records)


def test_a_link_to_several_parties_lists_them_in_the_search_to_open_one() -> None:
    at = app(entity="Jane Doe")
    assert not at.exception
    said = " ".join(w.value for w in at.warning)
    assert "matches 2 parties" in said and "the search below lists them" in said
    assert at.text_input(key="search_text").value == "Jane Doe"
    results = at.selectbox(key="search_choice")
    assert set(results.options) >= {"Jane Doe — company, GB", "Jane Doe — person, nationality FR"}
    results.set_value("p-jane").run()
    at.button(key="search_open").click().run()
    assert not at.exception
    assert at.subheader[0].value == "Jane Doe"
    assert at.query_params["entity"] == "p-jane"
