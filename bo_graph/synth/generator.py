"""The generation loop: formation agents first, then structure after structure, in time order.

The clock moves from 2015 to mid-2025 in step with the number of companies created; before each
structure, later filings that have come due are released. Statements leave in batches, one
structure at a time, so memory holds the compact per-company state and the pending changes only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bo_graph.synth.agents import file_agents
from bo_graph.synth.calendar import NEW_RECORDS_END, REGISTER_START
from bo_graph.synth.changes import plan_pep
from bo_graph.synth.context import Context
from bo_graph.synth.structures import closed_loop, corporate_chain, cross_holding, single_company
from bo_graph.synth.summary import SynthSummary, summarize
from bo_graph.synth.vocabulary import HUB_ADDRESSES

Json = dict[str, Any]

MIN_COMPANIES = 10
# Cumulative chances of each structure (the rest: a single company).
CLOSED_LOOP = 0.0004
CROSS_HOLDING = 0.0044
CHAIN = 0.0914


class RegisterGenerator:
    """One synthetic register: iterate ``statements()`` once, then read ``summary()``."""

    def __init__(self, companies: int, seed: int) -> None:
        if companies < MIN_COMPANIES:
            raise ValueError(f"expected at least {MIN_COMPANIES} companies, found {companies}")
        self.companies = companies
        self.seed = seed
        self._ctx = Context(seed)
        self._done = False

    def statements(self) -> Iterator[Json]:
        ctx = self._ctx
        ctx.agents = file_agents(ctx)
        ctx.parties.on_new_person = lambda person, details: plan_pep(ctx, person, details)
        yield from ctx.emitter.take()
        span = NEW_RECORDS_END - REGISTER_START
        parties = ctx.parties
        while (made := parties.company_count) < self.companies:
            ctx.day = REGISTER_START + made * span // self.companies
            ctx.history.release(ctx.day)
            _structure(ctx, self.companies - made)
            yield from ctx.emitter.take()
        ctx.history.release_all()
        yield from ctx.emitter.take()
        parties.count_depths()
        self._done = True

    def summary(self) -> SynthSummary:
        if not self._done:
            raise RuntimeError("the register has not been generated to the end yet")
        ctx = self._ctx
        return summarize(self.seed, ctx.stats, ctx.emitter.counts, ctx.agents)


def _structure(ctx: Context, budget: int) -> int:
    draw = ctx.rng.random()
    if budget >= 2:
        if draw < CLOSED_LOOP:
            return closed_loop(ctx)
        if draw < CROSS_HOLDING:
            return cross_holding(ctx)
        if draw < CHAIN:
            return corporate_chain(ctx, budget)
    return single_company(ctx)


def generate(companies: int, seed: int) -> Iterator[Json]:
    """The statements of a synthetic register of ``companies`` companies, in file order.

    Deterministic for a given seed. Statements share constant sub-objects (countries, share
    bands, source, publication details): copy one before changing it."""
    return RegisterGenerator(companies, seed).statements()


assert len(HUB_ADDRESSES) < MIN_COMPANIES
