"""``bo-graph paths`` names the limits it searched within and never hides a step-limit cut-off."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import SAMPLES

LAKESHORE, MALCOLM = "ent-lakeshore-civil", "per-malcolm-ashdown"


def test_paths_name_the_step_limit_and_warn_when_it_cut_paths_off(tmp_path: Path) -> None:
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    short = run("paths", LAKESHORE, MALCOLM, "--all-paths", "--max-hops", "6", cwd=tmp_path)
    assert short.returncode == 0, short.stderr
    assert "up to 6 steps" in short.stdout
    assert "Warning: The search stopped at 6 steps" in short.stdout
    assert "Raise --max-hops" in short.stdout
    assert "The Larkspur Settlement" not in short.stdout
    data = json.loads(
        run(
            "paths", LAKESHORE, MALCOLM, "--all-paths", "--max-hops", "6", "--json", cwd=tmp_path
        ).stdout
    )
    assert data["hop_limited"] is True and data["not_followed"] > 0 and data["max_hops"] == 6
    deep = run("paths", LAKESHORE, MALCOLM, "--all-paths", cwd=tmp_path)
    assert "up to 12 steps" in deep.stdout and "Warning" not in deep.stdout
    assert "The Larkspur Settlement has Malcolm James Ashdown as beneficiary" in deep.stdout
    assert "has Fenwright Directors Ltd on its board (boardMember)" in deep.stdout


def test_a_ceased_psc_holds_and_owns_on_a_date_before_it_ceased(
    tmp_path: Path, reference: Path
) -> None:
    """The PSC snapshot gives Karol Kuczkowski only as ceased (notified 2016-08-02, ceased
    2018-02-27): on a date in between, holdings, ubo and paths all show his 75-100%."""
    snapshot = reference / "uk-psc-bods-uk-psc-pipeline" / "derived" / "psc-snapshot-sample.jsonl"
    assert run("import", str(snapshot), cwd=tmp_path).returncode == 0
    psc, company = "gb-psc:10308742/w4N_sH7yjfQmrQl93tx5yu7WW50", "GB-COH:10308742"
    held = run("holdings", psc, "--as-of", "2017-01-01", cwd=tmp_path).stdout
    assert "[GB-COH-10308742]: [75, 100]% (controls); beneficial owner: YES" in held
    ubo = run("ubo", company, "--as-of", "2017-01-01", "--json", cwd=tmp_path).stdout
    assert [o["id"] for o in json.loads(ubo)["owners"]] == [psc]
    path = run("paths", psc, company, "--as-of", "2017-01-01", cwd=tmp_path).stdout
    assert "Karol Kuczkowski owns (registered entity GB-COH 10308742)" in path
    assert "none" in run("holdings", psc, cwd=tmp_path).stdout


def test_a_party_only_relationships_name_is_reported_as_a_missing_record(
    tmp_path: Path, reference: Path
) -> None:
    """GLEIF's rr-data.xml names the fund manager 5493001Z012YSB2A0K51 of the Fidelity fund
    001GPB6A9XPE8XJICC14, but no LEI record of it is imported: asking about it says that,
    not that no such party exists."""
    rr = reference / "gleif-bodspipelines" / "tests" / "fixtures" / "rr-data.xml"
    assert run("import", str(rr), cwd=tmp_path).returncode in (0, 3)
    for ref in ("XI-LEI-5493001Z012YSB2A0K51", "XI-LEI:5493001Z012YSB2A0K51"):
        done = run("holdings", ref, "--json", cwd=tmp_path)
        assert done.returncode == 2
        message = json.loads(done.stdout)["error"]["message"]
        assert "1 relationship(s) in effect today name this party" in message
        assert "its own record is not in the store" in message
    unknown = run("holdings", "XI-LEI-00000000000000000000", "--json", cwd=tmp_path)
    assert json.loads(unknown.stdout)["error"]["message"].endswith(
        "no node has this id, identifier, record id or exact name"
    )


def test_holdings_and_paths_name_the_date_they_read(tmp_path: Path) -> None:
    """As ubo and shared do: Calder Bridge's 51.5% of Lakeshore (from 2020-11-16) was filed on
    2021-06-30, so 2021-01-01 shows it in effect but not yet known; the header says which."""
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    calder = "ent-calder-bridge"
    for options, head, held in (
        ((), "— current state", True),
        (("--as-of", "2021-01-01"), "— in effect on 2021-01-01", True),
        (("--known-at", "2021-01-01"), "— as known on 2021-01-01", False),
    ):
        text = run("holdings", calder, *options, cwd=tmp_path).stdout
        assert text.splitlines()[0] == f"Holdings of Calder Bridge Holdings Ltd [{calder}] {head}"
        assert ("Lakeshore Civil Engineering Ltd" in text) is held
        path = run("paths", calder, LAKESHORE, *options, cwd=tmp_path).stdout
        first = "Paths from Calder Bridge Holdings Ltd to Lakeshore Civil Engineering Ltd"
        assert path.startswith(f"{first} {head} (the 20 shortest asked for, up to 30 steps)")


def test_min_share_is_not_reached_by_an_open_upper_end(tmp_path: Path, reference: Path) -> None:
    """BODS 0.4's entity-owning-entity example: MVJ LIMITED holds [75, 100)% of JENEX LIMITED,
    less than all of it; Lakeshore's Calder Bridge holds 51.5% with votes in (50, 75)."""
    example = reference / "bods-data-standard" / "v0.4" / "examples"
    package = example / "bods-package-entity-owning-entity.json"
    done = run("import", str(package), *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    def count(source: str, target: str, min_share: str) -> int:
        found = run("paths", source, target, "--min-share", min_share, "--json", cwd=tmp_path)
        return len(json.loads(found.stdout)["paths"])

    assert count("e83cce729ada", "12b7dd0770ce", "99.9") == 1
    assert count("e83cce729ada", "12b7dd0770ce", "100") == 0
    assert count("ent-calder-bridge", LAKESHORE, "74.9") == 1
    assert count("ent-calder-bridge", LAKESHORE, "75") == 0


def test_paths_to_a_party_not_known_by_the_date_says_so(tmp_path: Path) -> None:
    """As ubo and holdings do: Greyfriars Holdings was first stated on 2020-09-10, so on
    2020-09-09 the registers did not know it yet; the party exists."""
    done = run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    greyfriars, calder = "ent-greyfriars-holdings", "ent-calder-bridge"
    for command, args in (("paths", (greyfriars, calder)), ("holdings", (greyfriars,))):
        early = run(command, *args, "--known-at", "2020-09-09", "--json", cwd=tmp_path)
        assert early.returncode == 2, early.stdout
        message = json.loads(early.stdout)["error"]["message"]
        assert "no statement about this record is dated on or before 2020-09-09" in message
    later = run(
        "paths",
        greyfriars,
        calder,
        "--known-at",
        "2020-09-10",
        "--max-hops",
        "1",
        "--json",
        cwd=tmp_path,
    )
    assert json.loads(later.stdout)["total"] == 1
