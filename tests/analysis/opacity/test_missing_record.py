"""A party that a relationship names but whose record was never imported is where the trail
goes dark: `flags` showed nothing there ('Where the trail goes dark (0)') while `ubo` warned
'relationships name parties missing from the graph'. Read on the published files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bo_graph.cli.flags_cmds import flags_command
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS
from tests.helpers import import_files

GLEIF_API = Path("gleif-api-gleif-rs") / "tests" / "data"
BLOOMBERG = "5493001KJTIIGC8Y1R12"
BLOOMBERG_PARENT = "relationships/direct-parent-relationship_5493001KJTIIGC8Y1R12.json"
BODS = (
    Path("bods-data-standard")
    / "v0.3/tests/data/bods-package/fails-secondary-validation"
    / "bods-package-missing-interested-party-entity-statement.json"
)


def _store(tmp_path: Path, files: list[Path]) -> str:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    import_files(store, files, tmp_path / "q.jsonl")
    store.close()
    return str(path)


def _flags(store: str, ref: str, *more: str) -> str:
    args = [ref, "--store", store, "--lists", str(TEST_LISTS), *more]
    done = CliRunner().invoke(flags_command, args)
    assert done.exit_code == 0, done.output
    return done.output


def test_a_gleif_parent_whose_lei_record_is_not_loaded_is_a_dark_layer(
    tmp_path: Path, reference: Path
) -> None:
    """Bloomberg Finance L.P. (GLEIF API): its accounting parent 549300B56MD0ZC402L06 is named
    by the relationship record, but its LEI record is not in the files."""
    data = reference / GLEIF_API
    lei = data / "lei_records" / f"single_lei_record_{BLOOMBERG}.json"
    store = _store(tmp_path, [lei, data / BLOOMBERG_PARENT])
    text = _flags(store, f"XI-LEI:{BLOOMBERG}")
    assert "Where the trail goes dark (1):\n" in text
    assert "  layer 1: XI-LEI-549300B56MD0ZC402L06 — missing record, 0%\n" in text


def test_a_bods_relationship_whose_interested_party_statement_is_absent(
    tmp_path: Path, reference: Path
) -> None:
    """JENEX LIMITED (BODS 0.3 test package that fails secondary validation): 75-100% of it is
    held by a party whose entity statement is not in the package. That share goes dark there."""
    store = _store(tmp_path, [reference / BODS])
    text = _flags(store, "GB-COH:03209885")
    assert "Opaque share: [75, 100]% (lawful: 0%)" in text
    assert "  layer 1: d36e6807-020c-4fb5-a0d4-5ab9eb971514 — missing record, [75, 100]%\n" in text
