"""The same company in several registers, as an investigator imports them: one node with every
register's provenance, found by any register's id, whatever the order of the imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import REFERENCE

FIXTURES = Path(__file__).parent.parent / "fixtures" / "loaders"
SHELL_LEI = (
    REFERENCE
    / "gleif-api-gleif-rs/tests/data/lei_records/single_lei_record_21380068P1DRHMJ8KU70.json"
)
SHELL_PSC = FIXTURES / "identity" / "shell_psc_exemptions.jsonl"
SHELL_FTM = FIXTURES / "identity" / "shell_ftm.json"
OO_REGISTER = REFERENCE / "bods-visualisation-tool/prototype/src/fixtures/real.json"
BANK_ACCOUNTS = FIXTURES / "bank_accounts.csv"


def _show(ref: str, cwd: Path) -> dict[str, object]:
    done = run("show", ref, "--json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    shown: dict[str, object] = json.loads(done.stdout)
    return shown


@pytest.mark.parametrize("first", ["LEI register", "company register"])
def test_gleif_psc_and_ftm_records_of_one_company_are_one_node(tmp_path: Path, first: str) -> None:
    files = [SHELL_LEI, SHELL_PSC, SHELL_FTM]
    if first == "company register":
        files = [SHELL_PSC, SHELL_FTM, SHELL_LEI]
    for path in files:  # one import each: the first by the bulk writer, the rest by the other
        assert run("import", str(path), cwd=tmp_path).returncode == 0
    node_ids = set()
    for ref in ("XI-LEI:21380068P1DRHMJ8KU70", "GB-COH:04366849", "XI-LEI-21380068P1DRHMJ8KU70",
                "ftm:ftm-shell-plc", "GB-COH-4366849"):  # fmt: skip
        node = _show(ref, tmp_path)["node"]
        assert isinstance(node, dict)
        node_ids.add(node["id"])
    assert node_ids == {"GB-COH-4366849"}
    shown = _show("GB-COH-4366849", tmp_path)
    assert shown["node"]["name"] == "SHELL PLC"  # type: ignore[index]  # GLEIF's, the latest
    owners = shown["owners"]
    assert isinstance(owners, list) and len(owners) == 1  # the PSC exemption, an opaque owner
    stats = json.loads(run("stats", "--json", cwd=tmp_path).stdout)
    assert stats["nodes_by_kind"]["entity"] == 1 and stats["statements"] == 4


def test_import_reports_the_joins(tmp_path: Path) -> None:
    done = run("import", str(SHELL_LEI), str(SHELL_PSC), str(SHELL_FTM), cwd=tmp_path)
    assert "2 record(s) joined to a node of the same identifier:" in done.stdout
    assert "GB-COH-4366849 <- XI-LEI-21380068P1DRHMJ8KU70, ftm:ftm-shell-plc" in done.stdout
    again = run("import", "--json", str(SHELL_LEI), str(SHELL_PSC), str(SHELL_FTM), cwd=tmp_path)
    assert json.loads(again.stdout)["joined"] == []


def test_an_account_holder_is_the_company_of_the_bods_register(tmp_path: Path) -> None:
    """A bank-account register names its holder by company number (06436883); the Open
    Ownership register has the company (its GB-COH identifier given with and without the
    leading zero): the holder's accounts and the company's owners meet on one node."""
    assert run("import", str(OO_REGISTER), cwd=tmp_path).returncode == 0
    mapping = str(Path(__file__).parents[2] / "loaders" / "mappings" / "bank_accounts.yaml")
    done = run("import", "--format", "csv", "--mapping", mapping, str(BANK_ACCOUNTS), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = _show("GB-COH:6436883", tmp_path)
    holdings, owners = shown["holdings"], shown["owners"]
    assert isinstance(holdings, list) and isinstance(owners, list)
    assert len(holdings) == 1 and len(owners) == 1  # the account, and AIMIA INC.'s 75-100%
    text = run("show", "GB-COH:6436883", cwd=tmp_path).stdout
    assert "Provenance (2 statements):" in text
    assert "real.json, item 1 (statement" in text and "bank_accounts.csv:2 (statement" in text
