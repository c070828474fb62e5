"""Documents that are generated from code stay in step with it."""

from __future__ import annotations

from bo_graph.settings_doc import settings_markdown
from tests.conftest import REPO


def test_settings_doc_lists_every_setting() -> None:
    assert (REPO / "docs" / "settings.md").read_text() == settings_markdown(), (
        "regenerate with: .venv/bin/python -m bo_graph.settings_doc > docs/settings.md"
    )


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == "make test"
