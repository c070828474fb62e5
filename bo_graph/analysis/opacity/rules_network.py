"""Catalogue A5, A7 and A8: formation-agent footprints, many roles, implausible data, PEPs
(items 28, 29, 31, 38, 39)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from bo_graph.analysis.opacity.context import NodeContext
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.history import months_before, parse_day
from bo_graph.analysis.opacity.texts import PLACEHOLDER_NAME
from bo_graph.model.codes import InterestType, humanise
from bo_graph.model.graph import Edge

BENEFICIARY_ONLY = frozenset({InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT})
CONSOLIDATION = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY")
"""GLEIF relationship types (an interest's ``details``, as the GLEIF loaders write them): the
holder consolidates the subject in its accounts, a group parent, not an agent or nominee."""


def address_hub(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity or not fact.address_keys:
        return
    index, floor = ctx.env.address_source(), ctx.integer("min_entities")
    count = max(index.entities.get(k, 0) for k in fact.address_keys)
    if count >= floor:
        yield ctx.on_node(
            fact.id,
            Severity.MEDIUM,
            f"{fact.name} is registered at an address shared by {count} active companies (at "
            f"least {floor}): a mass-registration address of a formation agent",
            values={"companies_at_address": count},
        )


def many_roles(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if fact.is_unspecified or fact.is_unknown_record:
        return
    count = len({e.subject for e in ctx.holdings if not _consolidation(e)})
    floor, strong = ctx.integer("min_roles"), ctx.integer("strong_roles")
    if count >= floor:
        yield ctx.on_node(
            fact.id,
            Severity.HIGH if count >= strong else Severity.MEDIUM,
            f"{fact.name} holds interests or offices in {count} entities (at least {floor}): "
            f"as many as a professional nominee, director or formation agent would",
            values={"entities": count},
        )


def _consolidation(edge: Edge) -> bool:
    """Whether ``edge`` is only a parent's accounting consolidation of its subsidiary."""
    return bool(edge.interests) and all(
        (i.details or "").startswith(CONSOLIDATION) for i in edge.interests
    )


def same_day_batch(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity or not fact.founding_date or not fact.address_keys:
        return
    index, floor, day = ctx.env.address_source(), ctx.integer("min_batch"), fact.founding_date[:10]
    count = max(index.batches.get((k, day), 0) for k in fact.address_keys)
    if count >= floor:
        yield ctx.on_node(
            fact.id,
            Severity.MEDIUM,
            f"{fact.name} is one of {count} companies incorporated on {day} at the same "
            f"registered address: a batch of off-the-shelf companies",
            values={"batch": count, "founding_date": day},
        )


def pep(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.pep:
        return
    until = parse_day(fact.pep_until)
    if until is not None and until < months_before(
        ctx.env.analysis_date, ctx.integer("keep_months")
    ):
        return
    holds = sorted(
        {
            f"{humanise(i.type.value) if i.type else 'interest'} in {ctx.name(e.subject)}"
            for e in ctx.holdings
            for i in e.interests
        }
    )
    yield ctx.on_node(
        fact.id,
        Severity.HIGH,
        f"{fact.name} is a politically exposed person ({fact.pep_reason or 'isPep'})"
        + (f" with {', '.join(holds[:5])}" if holds else ""),
        edges=ctx.holdings,
        values={"pep_until": fact.pep_until, "positions": fact.pep_reason},
    )


def _person_problems(ctx: NodeContext, today: date) -> list[str]:
    fact = ctx.fact
    born = parse_day(fact.birth_date)
    if born is None:
        return []
    if born > today:
        return [f"date of birth {fact.birth_date} is in the future"]
    if born.year < ctx.integer("earliest_birth_year"):
        return [f"date of birth {fact.birth_date} is implausibly early"]
    age = (ctx.env.analysis_date - born).days // 365
    kinds = ctx.interests_held()
    if age < ctx.integer("min_age") and kinds and not kinds <= BENEFICIARY_ONLY:
        held = ", ".join(sorted(str(k) for k in kinds))
        return [f"aged {age} but holds {held}"]
    return []


def _entity_problems(ctx: NodeContext, today: date) -> list[str]:
    fact = ctx.fact
    founded, dissolved = parse_day(fact.founding_date), parse_day(fact.dissolution_date)
    problems = []
    if founded is not None and founded > today:
        problems.append(f"founding date {fact.founding_date} is in the future")
    if founded is not None and dissolved is not None and dissolved < founded:
        problems.append(f"dissolved ({fact.dissolution_date}) before it was founded")
    return problems


def implausible_data(ctx: NodeContext) -> Iterator[Flag]:
    fact, today = ctx.fact, ctx.env.today
    if fact.is_unspecified:
        return
    problems = _person_problems(ctx, today) if fact.is_person else _entity_problems(ctx, today)
    if not fact.is_unknown_record and PLACEHOLDER_NAME.match(fact.name):
        problems.append(f"placeholder name {fact.name!r}")
    stated = parse_day(fact.provenance.statement_date if fact.provenance else None)
    if stated is not None and stated > today:
        problems.append(f"statement dated {stated.isoformat()}, in the future")
    if problems:
        yield ctx.on_node(
            fact.id,
            Severity.LOW,
            f"implausible data for {fact.name}: {'; '.join(problems)}",
            values={"problems": problems},
        )
