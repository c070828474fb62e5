"""The public tier from the command line: persons shown as a public register shows them, said
so on every command, with the same owners, shares and flags as the competent authority sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import SAMPLES
from tests.factory import entity, owns, write_jsonl
from tests.store.test_public_tier import PASSPORT, pat_owner

NOTICE = "Public tier: personal data withheld"


def run_as(tier: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BO_GRAPH_TIER": tier}
    return subprocess.run(
        [sys.executable, "-m", "bo_graph", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_public_sees_no_passport_number_and_cannot_look_one_up(tmp_path: Path) -> None:
    records = [entity("acme", "Acme Ltd"), pat_owner(), owns("p-acme", "P", "acme", {"exact": 60})]
    assert (
        run("import", str(write_jsonl(tmp_path / "r.jsonl", records)), cwd=tmp_path).returncode == 0
    )
    passport = f"{PASSPORT[0]}:{PASSPORT[1]}"
    full = run_as("authority", "show", passport, "--json", cwd=tmp_path)
    assert json.loads(full.stdout)["node"]["identifiers"] == [
        {"scheme": PASSPORT[0], "scheme_name": None, "id": PASSPORT[1]}
    ]
    assert NOTICE not in full.stderr
    public = run_as("public", "show", "P", "--json", cwd=tmp_path)
    assert public.returncode == 0 and NOTICE in public.stderr
    shown = json.loads(public.stdout)["node"]
    assert shown["name"] == "Pat Owner" and shown["identifiers"] == []
    looked_up = run_as("public", "show", passport, cwd=tmp_path)
    assert looked_up.returncode != 0 and "no node has this id" in looked_up.stderr
    found = run_as("public", "search", passport, "--json", cwd=tmp_path)
    assert json.loads(found.stdout)["results"] == []


def test_owners_and_flags_of_the_sample_case_are_the_same_in_both_tiers(tmp_path: Path) -> None:
    assert run("import", *map(str, sorted(SAMPLES.glob("*.jsonl"))), cwd=tmp_path).returncode == 0

    def answer(tier: str, command: str) -> dict[str, object]:
        done = run_as(tier, command, "ent-lakeshore-civil", "--json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    public_ubo, full_ubo = answer("public", "ubo"), answer("authority", "ubo")
    assert public_ubo["owners"] == full_ubo["owners"] and public_ubo["owners"]
    public_flags = [(f["code"], f["explanation"]) for f in answer("public", "flags")["flags"]]  # type: ignore[index]
    full_flags = [(f["code"], f["explanation"]) for f in answer("authority", "flags")["flags"]]  # type: ignore[index]
    assert public_flags == full_flags
    # the country of a person's residence is public: Ashdown in Monaco, the round trip to GB
    assert any("Malcolm James Ashdown is in MC" in e for _, e in public_flags)
    assert any("round-tripping" in e for _, e in public_flags)


def test_an_unknown_tier_is_refused_with_the_choices(tmp_path: Path) -> None:
    done = run_as("everyone", "stats", cwd=tmp_path)
    assert done.returncode == 2
    assert "BO_GRAPH_TIER: expected one of authority, public, found 'everyone'" in done.stderr


def test_the_public_tier_does_not_import(tmp_path: Path) -> None:
    done = run_as("public", "import", str(SAMPLES / "case-lakeshore.jsonl"), cwd=tmp_path)
    assert done.returncode == 2
    assert "only reads: import with BO_GRAPH_TIER=authority" in " ".join(done.stderr.split())
    assert not (tmp_path / ".bo-graph").exists(), "refused before a store file is made"
