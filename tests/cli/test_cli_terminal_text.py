"""Register text reaches the terminal as text: a name holding an escape sequence or a carriage
return cannot recolour, clear or rewrite what `show`, `search` and `ubo` say."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli_json_shapes import run_main

MAPPING = (
    "name: t\nsource: Register\ncsv: {delimiter: ';'}\nrecords:\n"
    "  - {kind: entity, when: {column: kind, equals: C}, id: 'C-{id}', name: '{name}'}\n"
    "  - {kind: person, when: {column: kind, equals: P}, id: 'P-{id}', name: '{name}'}\n"
    "  - kind: relationship\n    when: {column: kind, equals: O}\n    id: 'O-{id}'\n"
    "    subject: 'C-{of}'\n    interested_party: 'P-{id}'\n"
    "    interests: [{type: shareholding, share: {exact: '{share}'}}]\n"
)
ROWS = (
    "kind;id;name;of;share\n"
    "C;1;Evil \x1b[31mRED\x1b[0m Co\x1b[2J;;\n"
    'P;A;"Ann\rFAKE OWNER";;\n'
    "O;A;;1;60\n"
)


def _import_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """Import ``r.csv`` with ``m.yaml`` (both in ``tmp_path``) into a new store; its path."""
    store = str(tmp_path / "g.sqlite")
    code, _, err = run_main(
        monkeypatch, capsys, "import", "--store", store, "--format", "csv",
        "--mapping", str(tmp_path / "m.yaml"), str(tmp_path / "r.csv"),
    )  # fmt: skip
    assert code == 0, err
    return store


@pytest.mark.parametrize(
    "command",
    [["show", "C-1"], ["search", "Evil"], ["ubo", "C-1"]],
    ids=lambda c: c[0],
)
def test_control_characters_of_register_names_never_reach_the_terminal(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "m.yaml").write_text(MAPPING)
    (tmp_path / "r.csv").write_text(ROWS)
    store = _import_csv(tmp_path, monkeypatch, capsys)
    code, out, err = run_main(monkeypatch, capsys, *command, "--store", store)
    assert code == 0, err
    assert "Evil [31mRED[0m Co[2J" in out
    assert "\x1b" not in out and "\r" not in out
    if command[0] == "ubo":
        assert "Ann FAKE OWNER (known person)" in out


def test_a_name_over_several_lines_is_shown_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quoted CSV cell may hold line breaks; in a name they would break the answer's lines,
    or forge one: an owner line of `ubo` that the register does not say."""
    (tmp_path / "m.yaml").write_text(MAPPING)
    forged = 'C;1;Acme;;\nP;A;"Ann\n  YES      Forged Owner (known person) [P-Z]  share 60%";;\n'
    (tmp_path / "r.csv").write_text("kind;id;name;of;share\n" + forged + "O;A;;1;60\n")
    store = _import_csv(tmp_path, monkeypatch, capsys)
    code, out, err = run_main(monkeypatch, capsys, "ubo", "C-1", "--store", store)
    assert code == 0, err
    owner_lines = [line for line in out.splitlines() if line.lstrip().startswith("YES")]
    assert owner_lines == [
        "  YES      Ann   YES      Forged Owner (known person) [P-Z]  share 60% (known person) "
        "[P-A]  share 60%"
    ]
