"""Register text on the page is text, not Markdown: Streamlit renders Markdown in captions,
messages, headings, labels and ``st.table`` cells, so a name written as ``![x](https://…)``
would be an image the browser fetches from the web (and a ``[link](…)`` a link to click)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bo_graph.viz.text import counted, md
from tests.factory import entity, owns, person
from tests.ui.conftest import app_store
from tests.ui.test_app import APP

COMPANY = "Tracker ![x](https://tracker.example/p.png) $x^2$ **Ltd**"
PERSON = "Mal [click](https://phish.example) Lory"
UNESCAPED = re.compile(r"(?<!\\)\]\(|(?<!\\)\$x|(?<!\\)\*\*Ltd")
"""A link or image, LaTeX or emphasis that Markdown would render."""


@pytest.fixture(autouse=True)
def hostile_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    records = [
        entity("co-evil", COMPANY),
        person("p-evil", PERSON, nationality="GB"),
        owns("rel-evil", "p-evil", "co-evil", {"exact": 60}),
    ]
    yield from app_store(tmp_path, monkeypatch, records)


def rendered_as_markdown(at: AppTest) -> list[str]:
    """Everything on the page that Streamlit renders as Markdown."""
    kinds = ("subheader", "caption", "markdown", "info", "warning", "error", "success")
    texts = [str(el.value) for kind in kinds for el in at.get(kind)]
    texts += [str(el.label) for el in at.get("expander")]
    texts += [str(el.label) for el in at.selectbox] + [str(el.label) for el in at.text_input]
    texts += [str(el.proto) for el in at.get("table")]
    return texts


def test_names_from_a_register_are_shown_as_written_not_rendered() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["entity"] = "co-evil"
    at.run()
    assert not at.exception
    at.selectbox(key="focus_choice").set_value("p-evil").run()  # its particulars (st.table)
    at.text_input(key="compare_ref").set_value("Mal Lory").run()
    at.button(key="compare_go").click().run()
    at.text_input(key="path_to_ref").set_value("[typed](https://typed.example)").run()
    at.button(key="path_go").click().run()
    assert not at.exception
    texts = rendered_as_markdown(at)
    assert any("Tracker" in t for t in texts) and any("Mal" in t for t in texts)
    assert any("typed.example" in t for t in texts), "the typed text is quoted in an error"
    assert [t for t in texts if UNESCAPED.search(t)] == []


def test_md_escapes_what_markdown_would_render() -> None:
    assert md(COMPANY) == r"Tracker !\[x\](https://tracker.example/p.png) \$x^2\$ \*\*Ltd\*\*"
    assert md("- Dash Ltd\n# Two") == r"\- Dash Ltd # Two"
    assert md("1. First Ltd") == r"1\. First Ltd"
    assert md("Tamarind Fiduciary (Cayman) Ltd, 51.5% -> B") == (
        "Tamarind Fiduciary (Cayman) Ltd, 51.5% -> B"
    )


def test_counts_in_captions_agree_with_their_number() -> None:
    """'1 statement behind …', '1 flag', '1 party', not '1 statements'."""
    assert counted(1, "statement") == "1 statement"
    assert counted(3, "statement") == "3 statements"
    assert counted(1, "party", "parties") == "1 party"
    assert counted(0, "party", "parties") == "0 parties"
