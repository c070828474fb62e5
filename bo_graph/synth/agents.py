"""Formation agents, filed before any client company: the firm at each hub address, its
owner, and the professional nominees who sit on thousands of client boards."""

from __future__ import annotations

from bo_graph.synth import records
from bo_graph.synth.calendar import REGISTER_START
from bo_graph.synth.context import Agents, Context
from bo_graph.synth.records import Holding
from bo_graph.synth.vocabulary import GB, HUB_ADDRESSES

NOMINEES_PER_HUB = (2, 2, 1, 1, 1, 1)
HUB_WEIGHTS = (30, 22, 16, 12, 11, 9)
"""Relative number of client companies at each hub: a few big company factories."""
HUB_TABLE = tuple(hub for hub, weight in enumerate(HUB_WEIGHTS) for _ in range(weight))
FIRM_FOUNDED = REGISTER_START - 4000


def file_agents(ctx: Context) -> Agents:
    """Emit every formation agent; return their ids for later client filings."""
    firms: list[str] = []
    nominees: list[tuple[str, ...]] = []
    names: dict[str, str] = {}
    for hub, (text, post_code, brand) in enumerate(HUB_ADDRESSES):
        firm = ctx.parties.domestic_company(ctx.day, FIRM_FOUNDED, hub=hub,
                                            name=f"{brand} Formations Ltd")  # fmt: skip
        owner = ctx.parties.new_person(firm.record_id, ctx.day)
        ctx.hold(firm.record_id, owner, Holding(100, FIRM_FOUNDED, director=True))
        service = records.address("service", text, post_code, GB)
        group = []
        for _ in range(NOMINEES_PER_HUB[hub]):
            person, details = ctx.parties.new_person_record(firm.record_id, ctx.day,
                                                            reusable=False, pep_rate=0,
                                                            service_address=service)  # fmt: skip
            names[person] = details["names"][0]["fullName"]
            group.append(person)
        firms.append(firm.record_id)
        nominees.append(tuple(group))
    return Agents(tuple(firms), tuple(nominees), names)


def pick_hub(ctx: Context, chance: float) -> int | None:
    """A hub address for a new company with probability ``chance``, weighted to the big ones."""
    if ctx.rng.random() >= chance:
        return None
    return HUB_TABLE[int(ctx.rng.random() * len(HUB_TABLE))]
