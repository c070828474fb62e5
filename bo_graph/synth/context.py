"""What every structure builder shares: the random source, the clock, parties and the outputs."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bo_graph.synth import records
from bo_graph.synth.calendar import EPOCH, REGISTER_START, day_of
from bo_graph.synth.emitter import Emitter
from bo_graph.synth.history import History
from bo_graph.synth.parties import Parties
from bo_graph.synth.records import Holding
from bo_graph.synth.stats import StructureStats

Json = dict[str, Any]

RECENTLY_FOUNDED = 0.45
"""Share of companies whose first filing is their incorporation."""
FIRST_DAY = day_of(EPOCH)


@dataclass(slots=True)
class Link:
    """A relationship record as first filed, kept so later filings can restate it."""

    record_id: str
    subject: str
    party: str | Json
    holding: Holding | None = None
    roles: list[Json] = field(default_factory=list)
    """Interests other than the holding's (board seats, trust and nominee roles...)."""

    def interests(self, end: int | None = None) -> list[Json]:
        own = self.holding.interests(end) if self.holding else []
        return own + (records.ended(self.roles, end) if end is not None else self.roles)


@dataclass(frozen=True)
class Agents:
    """Formation agents: one firm per hub address, and their professional nominees."""

    firms: tuple[str, ...]
    nominees: tuple[tuple[str, ...], ...]
    """Nominee person ids, per hub."""
    nominee_names: dict[str, str]


class Context:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stats = StructureStats()
        self.emitter = Emitter(seed)
        self.parties = Parties(self.rng, self.emitter, self.stats)
        self.history = History()
        self.day = REGISTER_START
        self.agents = Agents((), (), {})

    def founding_day(self) -> int:
        """A founding date for a company first filed today: often today, else any earlier day."""
        rng = self.rng
        if rng.random() < RECENTLY_FOUNDED:
            return self.day - int(rng.random() * 30)
        return FIRST_DAY + int(rng.random() * (self.day - FIRST_DAY))

    def hold(self, subject: str, party: str, holding: Holding) -> Link:
        """File a new holding of ``party`` in ``subject``."""
        link = Link(self.parties.relationship_id(), subject, party, holding)
        self.file(link, "new", self.day)
        return link

    def role(self, subject: str, party: str | Json, roles: list[Json],
             declared_by: str | None = None) -> Link:  # fmt: skip
        """File a new relationship without shares (board seat, trust role, unknown owner...)."""
        link = Link(self.parties.relationship_id(), subject, party, None, roles)
        self.file(link, "new", self.day, declared_by)
        return link

    def file(self, link: Link, status: str, day: int, declared_by: str | None = None,
             interests: list[Json] | None = None) -> None:  # fmt: skip
        """Emit a statement about ``link`` (its current interests unless given)."""
        details = records.relationship(
            link.subject, link.party, link.interests() if interests is None else interests
        )
        self.emitter.emit("relationship", status, link.record_id, declared_by or link.subject,
                          day, details)  # fmt: skip

    def nominee_director(self, hub: int | None) -> str:
        """A professional nominee, from the agent at ``hub`` (or any agent)."""
        nominees = self.agents.nominees
        if hub is None:
            hub = int(self.rng.random() * len(nominees))
        group = nominees[hub]
        person = group[int(self.rng.random() * len(group))]
        roles = self.stats.nominee_directorships
        roles[person] = roles.get(person, 0) + 1
        return person
