"""Dated rules cite the statement behind the date they report: the late filing itself, and the
first sale of a shelf company (not a later resale, nor a controller appointed later)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import address, ent, fired, interest, load, per, rel

S = "subject"
HUB = address("Suite 4, 27 Old Row, London", "EC1V 9NR")
AT_HUB = ("agent_address_min=2",)


def _edges(flag: Any) -> dict[str, list[str]]:
    """Statement dates cited for each edge of a flag."""
    out: dict[str, list[str]] = {}
    for item in flag.evidence:
        if item.role == "edge" and item.provenance is not None:
            out.setdefault(item.id, []).append(item.provenance.statement_date)
    return out


def test_late_filing_cites_each_late_statement_not_the_latest(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    late_share = interest("shareholding", 50, start="2022-01-01")
    late_votes = interest("votingRights", 50, start="2022-10-01")
    load(
        embedded,
        tmp_path,
        [
            ent(S, "Subject Ltd", date="2020-01-01"),
            per("p", "Ann Smith"),
            rel("r1", "p", S, late_share, date="2022-06-01"),
            rel("r1", "p", S, late_share, late_votes, date="2023-03-01", status="updated"),
            rel("r1", "p", S, late_share, late_votes, date="2024-06-01", status="updated"),
        ],
    )
    [flag] = fired(embedded, S, "OPQ-LATE-FILING")
    assert "shareholding from 2022-01-01 filed on 2022-06-01" in flag.explanation
    assert "voting rights from 2022-10-01 filed on 2023-03-01" in flag.explanation
    assert _edges(flag) == {"r1": ["2022-06-01", "2023-03-01"]}
    cited = [e.to_json() for e in flag.evidence if e.role == "edge"]
    assert [c["position"] for c in cited] == [3, 4]  # lines of the two late filings


def _shelf(*later: dict[str, Any]) -> list[dict[str, Any]]:
    """A company formed on 2019-01-01 at a shared address by an agent holding its shares."""
    return [
        ent(S, "Subject Ltd", founded="2019-01-01", addresses=[HUB]),
        ent("x", "Other Ltd", addresses=[HUB]),
        ent("f", "Agent Formations Ltd"),
        ent("a", "First Buyer Ltd"),
        ent("b", "Second Buyer Ltd"),
        per("p", "Ann Smith"),
        rel("rf", "f", S, interest("shareholding", 100, start="2019-01-01"), date="2019-01-05"),
        *later,
    ]


def _sold(rid: str, holder: str, start: str, end: str | None = None) -> list[dict[str, Any]]:
    bought = rel(rid, holder, S, interest("shareholding", 100, start=start), date=start)
    if end is None:
        return [bought]
    shares = interest("shareholding", 100, start=start, end=end)
    return [bought, rel(rid, holder, S, shares, date=end, status="closed")]


def test_shelf_company_reports_its_first_sale_not_a_resale_or_a_later_controller(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    control = interest("appointmentOfBoard", start="2021-01-01")
    load(
        embedded,
        tmp_path,
        _shelf(
            *_sold("rf", "f", "2019-01-01", end="2019-09-01")[1:],
            *_sold("ra", "a", "2019-09-01", end="2023-05-01"),
            *_sold("rb", "b", "2023-05-01"),
            rel("rp", "p", S, control, date="2021-01-05"),
        ),
    )
    [flag] = fired(embedded, S, "OPQ-SHELF-COMPANY", AT_HUB)
    assert "owners first changed only on 2019-09-01 (8 months later)" in flag.explanation
    assert "First Buyer Ltd took over from Agent Formations Ltd" in flag.explanation
    assert flag.values["taken_over_on"] == "2019-09-01"
    # the buyer's filing of its holding and the agent's closing statement; not the controller
    assert _edges(flag) == {"ra": ["2019-09-01"], "rf": ["2019-09-01"]}


def test_shelf_company_silent_when_first_sold_soon_after_incorporation(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    load(
        embedded,
        tmp_path,
        _shelf(
            *_sold("rf", "f", "2019-01-01", end="2019-02-01")[1:],
            *_sold("ra", "a", "2019-02-01", end="2021-06-01"),
            *_sold("rb", "b", "2021-06-01"),
        ),
    )
    assert fired(embedded, S, "OPQ-SHELF-COMPANY", AT_HUB) == []


def test_shelf_company_silent_when_only_a_controller_came_later(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    control = interest("appointmentOfBoard", start="2020-06-01")
    load(
        embedded,
        tmp_path,
        [
            ent(S, "Subject Ltd", founded="2019-01-01", addresses=[HUB]),
            ent("x", "Other Ltd", addresses=[HUB]),
            per("p", "Ann Smith"),
            rel("rp", "p", S, control, date="2020-06-05"),
        ],
    )
    assert fired(embedded, S, "OPQ-SHELF-COMPANY", AT_HUB) == []
