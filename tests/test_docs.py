"""Documents that are generated from code stay in step with it."""

from __future__ import annotations

import re

import click

from bo_graph.cli import cli
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


# The documents a user learns the commands from.
DOCS = sorted(REPO.glob("docs/*.md"))
USER_DOCS = ["README.md", "ARCHITECTURE.md", *(f"docs/{p.name}" for p in DOCS)]


def _documented_command_lines() -> list[tuple[str, int, str]]:
    """Every `bo-graph ...` a document shows: lines of its code blocks and inline code spans."""
    found = []
    for name in USER_DOCS:
        in_block = False
        for number, line in enumerate((REPO / name).read_text().splitlines(), 1):
            if line.startswith("```"):
                in_block = not in_block
                continue
            if in_block:
                spans = re.findall(r"^(?:[A-Z0-9_]+=\S+ )*(?:\S*/)?bo-graph ([^#]*)", line)
            else:
                spans = re.findall(r"`(?:[^`\s]*/)?bo-graph ([^`]*)`", line)
            found += [(name, number, span.strip()) for span in spans]
    return found


def _command_of(words: list[str]) -> tuple[click.Command | None, list[str]]:
    """The CLI command the first words name (`neo4j start|stop|status` takes the first), and
    the words after it; None when a word names no command."""
    command: click.Command = cli
    while words and isinstance(command, click.Group):
        name = words[0].split("|")[0]
        if name not in command.commands:
            return None, words
        command, words = command.commands[name], words[1:]
    return command, words


def _option_problems(command: click.Command, words: list[str]) -> list[str]:
    options = {name: p for p in command.params for name in (*p.opts, *p.secondary_opts)}
    problems = []
    for at, word in enumerate(words):
        name, _, inline = word.strip("[]").partition("=")
        if not name.startswith("--") or name == "--help":
            continue
        param = options.get(name)
        if param is None:
            problems.append(f"no option {name}")
            continue
        following = words[at + 1] if at + 1 < len(words) else ""
        value = (inline or following).strip("[]")
        if isinstance(param.type, click.Choice) and not value.isupper():
            for choice in value.split("|"):
                if choice not in param.type.choices:
                    problems.append(f"{name} takes no {choice!r}")
    return problems


def test_every_command_and_option_a_document_shows_exists() -> None:
    lines = _documented_command_lines()
    assert len(lines) > 30, "the documents show the commands; the pattern found too few"
    problems = []
    for doc, number, text in lines:
        command, words = _command_of(text.split())
        if words[:1] == ["…"]:  # "bo-graph …": any command
            continue
        if command is None:
            problems.append(f"{doc}:{number}: no command {words[0]!r}: {text}")
            continue
        problems += [f"{doc}:{number}: {p}: {text}" for p in _option_problems(command, words)]
    assert not problems, "\n".join(problems)


def _leaf_commands(group: click.Group, path: str = "bo-graph") -> list[tuple[str, click.Command]]:
    leaves: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            leaves += _leaf_commands(command, f"{path} {name}")
        else:
            leaves.append((f"{path} {name}", command))
    return leaves


def test_every_option_of_every_command_says_what_it_does_in_help() -> None:
    missing = [
        f"{path} {param.opts[0]}"
        for path, command in _leaf_commands(cli)
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert not missing, f"options without --help text: {missing}"


def test_the_import_reference_names_every_import_option_and_format() -> None:
    """docs/import.md opens with the synopsis of `bo-graph import`; an option or format added
    to the command must appear there."""
    doc = (REPO / "docs" / "import.md").read_text()
    synopsis = doc.split("```sh\n", 1)[1].split("```", 1)[0]
    command = cli.commands["import"]
    for param in command.params:
        if isinstance(param, click.Option) and param.opts[0] != "--help":
            assert param.opts[0] in synopsis, f"{param.opts[0]} missing from docs/import.md"
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                assert choice in synopsis, f"{param.opts[0]} {choice} missing from docs/import.md"
