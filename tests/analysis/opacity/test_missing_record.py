"""A party that a relationship names but whose record was never imported is where the trail
goes dark: `flags` showed nothing there ('Where the trail goes dark (0)', no flag) while `ubo`
warned 'relationships name parties missing from the graph'. Read on the published files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bo_graph.analysis.opacity import RULES, ScanSettings, configure, load_lists, scan_store
from bo_graph.cli.flags_cmds import flags_command
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS
from tests.helpers import import_files

GLEIF_API = Path("gleif-api-gleif-rs") / "tests" / "data"
BLOOMBERG = "5493001KJTIIGC8Y1R12"
BLOOMBERG_PARENT = "relationships/direct-parent-relationship_5493001KJTIIGC8Y1R12.json"
EDGE = "gleif-rr:5493001KJTIIGC8Y1R12:IS_DIRECTLY_CONSOLIDATED_BY:549300B56MD0ZC402L06"
FUNDS = Path("gleif-bodspipelines") / "tests" / "fixtures"
FIDELITY = "XI-LEI-001GPB6A9XPE8XJICC14"
BODS = (
    Path("bods-data-standard")
    / "v0.3/tests/data/bods-package/fails-secondary-validation"
    / "bods-package-missing-interested-party-entity-statement.json"
)
JENEX = "ba2fcf1e-04d2-40ef-8508-d633404b43aa"
CODE = "OPQ-MISSING-RECORD"


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


def _json(store: str, ref: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(_flags(store, ref, "--json"))
    return body


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
    assert (
        "  OPQ-MISSING-RECORD (medium) [layer 1]: the chain ends at XI-LEI-549300B56MD0ZC402L06, "
        "which a relationship names as owner or controller of Bloomberg Finance L.P. (other "
        "influence or control) but whose record is not in the store (not imported, or not "
        "published by the register): who it is is unknown, and no natural person is identified "
        "beyond this layer\n"
        f"      edge {EDGE}: {data / BLOOMBERG_PARENT}, item 1 (statement "
        "gleif-07e3b043cc1ce8fc93955071c171353782d00628, dated 2025-03-13)\n"
    ) in text
    assert "OPQ-NO-NATURAL-PERSON" not in text


def test_a_fund_whose_manager_and_umbrella_fund_are_not_loaded(
    tmp_path: Path, reference: Path
) -> None:
    """Fidelity Advisor Leveraged Company Stock Fund (GLEIF golden copy extract): its fund
    manager and its umbrella fund are named by relationship records of rr-data.xml, and neither
    LEI record is in lei-data.xml. Each is one dark layer and one flag citing its statement."""
    store = _store(
        tmp_path, [reference / FUNDS / "lei-data.xml", reference / FUNDS / "rr-data.xml"]
    )
    body = _json(store, FIDELITY)
    dark = [(d["party"], d["kind"], d["layer"]) for d in body["summary"]["dark_layers"]]
    assert dark == [
        ("XI-LEI-5493001Z012YSB2A0K51", "missing record", 1),
        ("XI-LEI-C7J4FOV6ELAVE39B7M82", "missing record", 1),
    ]
    flags = [f for f in body["flags"] if f["code"] == CODE]
    cited = [
        (
            f["target"]["id"],
            f["severity"],
            [(e["role"], e["id"], e["position"]) for e in f["evidence"]],
        )
        for f in flags
    ]
    assert cited == [
        (
            "XI-LEI-5493001Z012YSB2A0K51",
            "medium",
            [("edge", "gleif-rr:001GPB6A9XPE8XJICC14:IS_FUND-MANAGED_BY:5493001Z012YSB2A0K51", 8)],
        ),
        (
            "XI-LEI-C7J4FOV6ELAVE39B7M82",
            "medium",
            [("edge", "gleif-rr:001GPB6A9XPE8XJICC14:IS_SUBFUND_OF:C7J4FOV6ELAVE39B7M82", 41)],
        ),
    ]
    assert all(e["file"].endswith("rr-data.xml") for f in flags for e in f["evidence"])
    assert {f["code"] for f in body["flags"]} == {CODE}, "no second rule reports the same layers"
    assert body["summary"]["score"]["parts"] == [
        {"code": CODE, "weight": 2.0, "flags": 2, "counted": 2, "points": 4.0}
    ]


def test_a_bods_relationship_whose_interested_party_statement_is_absent(
    tmp_path: Path, reference: Path
) -> None:
    """JENEX LIMITED (BODS 0.3 test package that fails secondary validation): 75-100% of it is
    held by a party whose entity statement is not in the package. That share goes dark there,
    in `flags` and in `scan` alike."""
    store = _store(tmp_path, [reference / BODS])
    text = _flags(store, "GB-COH:03209885")
    assert "Opaque share: [75, 100]% (lawful: 0%)" in text
    assert "  layer 1: d36e6807-020c-4fb5-a0d4-5ab9eb971514 — missing record, [75, 100]%\n" in text
    assert (
        "  OPQ-MISSING-RECORD (medium) [layer 1]: the chain ends at "
        "d36e6807-020c-4fb5-a0d4-5ab9eb971514, which a relationship names as owner or controller "
        "of JENEX LIMITED (shareholding) but whose record is not in the store"
    ) in text
    assert (
        f"      edge 85e7cbb2-992d-4bd2-a2f7-1274b1137f6d: {reference / BODS}, item 2 (statement "
        "85e7cbb2-992d-4bd2-a2f7-1274b1137f6d, dated 2016-06-30)\n"
    ) in text
    [flag] = [f for f in _json(store, JENEX)["flags"] if f["code"] == CODE]
    assert [e["role"] for e in flag["evidence"]] == ["edge"], "no record to cite for the party"
    settings = ScanSettings(configure(RULES), load_lists(TEST_LISTS))
    readonly = EmbeddedStore(Path(store), readonly=True)
    [row] = scan_store(readonly, settings)
    readonly.close()
    assert row["dark_layers"] == 1
    assert [f["explanation"] for f in row["flags"]] == [flag["explanation"]]
