"""Who stands behind a company: natural persons, trusts, nominee arrangements, unknown owners,
and the nominee or corporate directors that formation agents supply.

Each builder files the parties it needs (before the relationships that refer to them) and
returns the company's links, for later changes.
"""

from __future__ import annotations

import random

from bo_graph.synth import records
from bo_graph.synth.context import FIRST_DAY, Context, Link
from bo_graph.synth.parties import Company, pick
from bo_graph.synth.records import Holding, role_interest
from bo_graph.synth.vocabulary import GB, SECRECY_JURISDICTIONS, TRUST_JURISDICTIONS, country

OWNER_IS_DIRECTOR = 0.55
ANONYMOUS_OWNER = 0.003
"""Chance that a person holding shares is protected (an ``anonymousPerson``)."""
TRUST_PEP_RATE = 0.06
NOMINATOR_PEP_RATE = 0.10
HUB_NOMINEE_DIRECTOR = 0.5
HUB_CORPORATE_DIRECTOR = 0.2
OTHER_NOMINEE_DIRECTOR = 0.01


def split_shares(rng: random.Random, owners: int) -> list[int]:
    """Whole-percent shares of ``owners`` holders, adding up to 100 or less (the rest held by
    small holders who are not on the register)."""
    if owners == 1:
        return [100 if rng.random() < 0.75 else 51 + int(rng.random() * 49)]
    if owners == 2:
        if rng.random() < 0.4:
            return [50, 50]
        first = 51 + int(rng.random() * 40)
        rest = 100 - first
        return [first, rest if rng.random() < 0.7 else 1 + int(rng.random() * rest)]
    first = 34 + int(rng.random() * 37)
    rest = 100 - first
    second = 1 + int(rng.random() * min(first, rest - 1))
    return [first, second, rest - second]


def person_owners(ctx: Context, company: str, shares: list[int], start: int,
                  banded: bool) -> list[Link]:  # fmt: skip
    """Natural persons holding ``shares`` in ``company``; some also directors."""
    taken: set[str] = set()
    links = []
    for share in shares:
        person = _owner(ctx, company, taken)
        taken.add(person)
        director = ctx.rng.random() < OWNER_IS_DIRECTOR
        since = ctx.parties.start_for(person, start)
        links.append(ctx.hold(company, person, Holding(share, since, banded, True, director)))
    return links


def _owner(ctx: Context, company: str, taken: set[str]) -> str:
    if ctx.rng.random() < ANONYMOUS_OWNER:
        return ctx.parties.anonymous_person(company, ctx.day)
    return ctx.parties.some_person(company, ctx.day, taken)


def trust_owner(ctx: Context, company: str, share: int, start: int, banded: bool) -> Link:
    """A discretionary trust holding ``share``: settlor, trustee and beneficiaries filed first."""
    parties, day = ctx.parties, ctx.day
    settlor, details = parties.new_person_record(company, day, pep_rate=TRUST_PEP_RATE)
    family = details["names"][0]["familyName"]
    founded = max(FIRST_DAY, start - int(ctx.rng.random() * 3000))
    where = pick(ctx.rng, TRUST_JURISDICTIONS)
    trust = parties.arrangement(records.TRUST, f"The {family} Family Trust", where, founded,
                                company, day)  # fmt: skip
    since = parties.start_for(settlor, founded)
    roles = [role_interest("settlor", since, owner=True)]
    if ctx.rng.random() < 0.5:
        roles.append(role_interest("beneficiaryOfLegalArrangement", since, owner=True))
    ctx.role(trust, settlor, roles, company)
    _trustee(ctx, company, trust, founded)
    for _ in range(1 + int(ctx.rng.random() * 2)):
        beneficiary = parties.new_person(company, day, pep_rate=TRUST_PEP_RATE)
        since = parties.start_for(beneficiary, founded)
        ctx.role(
            trust,
            beneficiary,
            [role_interest("beneficiaryOfLegalArrangement", since, owner=True)],
            company,
        )
    ctx.stats.trusts += 1
    return ctx.hold(company, trust, Holding(share, start, banded, by_person=False))


def _trustee(ctx: Context, company: str, trust: str, founded: int) -> None:
    if ctx.rng.random() < 0.5:
        trustee = ctx.parties.new_person(company, ctx.day)
        since = ctx.parties.start_for(trustee, founded)
        ctx.role(trust, trustee, [role_interest("trustee", since, owner=True)], company)
    else:
        firm = pick(ctx.rng, ctx.agents.firms)
        ctx.role(trust, firm, [role_interest("trustee", founded, "Corporate trustee")], company)


def nominee_owner(ctx: Context, held: Company, share: int, start: int, banded: bool) -> Link:
    """Shares held by a professional nominee for a hidden nominator, through a nomination."""
    company = held.record_id
    name = f"Nominee arrangement for shares in {held.details['name']}"
    offshore = ctx.rng.random() < 0.4
    where = country(*pick(ctx.rng, SECRECY_JURISDICTIONS)[:2]) if offshore else GB
    nominee = ctx.nominee_director(None)
    nominator = ctx.parties.new_person(company, ctx.day, pep_rate=NOMINATOR_PEP_RATE)
    arrangement = ctx.parties.arrangement(records.NOMINATION, name, where, start, company, ctx.day)
    nominee_since = ctx.parties.start_for(nominee, start)
    ctx.role(arrangement, nominee, [role_interest("nominee", nominee_since,
                                                 "Professional nominee")], company)  # fmt: skip
    nominator_since = ctx.parties.start_for(nominator, start)
    ctx.role(arrangement, nominator, [role_interest("nominator", nominator_since, owner=True)],
             company)  # fmt: skip
    ctx.stats.nominations += 1
    return ctx.hold(company, arrangement, Holding(share, start, banded, by_person=False))


def unknown_owner(ctx: Context, company: str, reason: str, hub: int | None) -> list[Link]:
    """A statement that the owners are unknown (with ``reason``), and for companies that
    cannot identify them, the senior managing official filed instead."""
    links = [ctx.role(company, records.unspecified(reason), [records.unknown_interest()])]
    ctx.stats.unspecified_owners += 1
    if reason == "subjectUnableToConfirmOrIdentifyBeneficialOwner":
        official = ctx.nominee_director(hub) if hub is not None else _owner(ctx, company, set())
        roles = [role_interest("seniorManagingOfficial", ctx.day, owner=True),
                 role_interest("boardMember", ctx.day, "Director")]  # fmt: skip
        links.append(ctx.role(company, official, roles))
    return links


def board(ctx: Context, company: str, hub: int | None, start: int) -> list[Link]:
    """Directors supplied by a formation agent: likely at its hub address, rare elsewhere."""
    rng = ctx.rng
    links = []
    nominee_chance = HUB_NOMINEE_DIRECTOR if hub is not None else OTHER_NOMINEE_DIRECTOR
    if rng.random() < nominee_chance:
        nominee = ctx.nominee_director(hub)
        since = ctx.parties.start_for(nominee, start)
        links.append(ctx.role(company, nominee, [role_interest("boardMember", since,
                                                               "Nominee director")]))  # fmt: skip
    if hub is not None and rng.random() < HUB_CORPORATE_DIRECTOR:
        firm = ctx.agents.firms[hub]
        links.append(ctx.role(company, firm, [role_interest("boardMember", start,
                                                            "Corporate director")]))  # fmt: skip
    return links
