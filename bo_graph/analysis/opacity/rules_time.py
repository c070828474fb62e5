"""Catalogue A6: time (items 32-35): recent and dissolved layers, churn, late filings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from bo_graph.analysis.opacity.context import EdgeContext, NodeContext
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.history import (
    History,
    day,
    days_between,
    first_filing,
    months_before,
    parse_day,
)
from bo_graph.model.codes import RecordStatus, humanise
from bo_graph.model.graph import Edge
from bo_graph.model.records import Interest, Provenance


def recent_entity(ctx: NodeContext) -> Iterator[Flag]:
    fact, on = ctx.fact, ctx.env.analysis_date
    founded = parse_day(fact.founding_date)
    if founded is None or not months_before(on, ctx.integer("months")) <= founded <= on:
        return
    yield ctx.on_node(
        fact.id,
        Severity.MEDIUM,
        f"{fact.name} was incorporated on {fact.founding_date}, "
        f"{days_between(founded, on) // 30} months before {on.isoformat()}",
        values={"founding_date": fact.founding_date},
    )


def dissolved_entity(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity or not ctx.holdings:
        return
    dissolved = parse_day(fact.dissolution_date)
    if not fact.closed and (dissolved is None or dissolved > ctx.env.analysis_date):
        return
    how = f"dissolved on {fact.dissolution_date}" if dissolved else "closed in the register"
    yield ctx.on_node(
        fact.id,
        Severity.HIGH,
        f"{fact.name} is {how} but still recorded as holding interests (a ghost layer)",
        edges=ctx.holdings,
        values={"dissolution_date": fact.dissolution_date},
    )


def window(on: date, months: int) -> tuple[str, str]:
    """The window of the frequent-changes rule: ``months`` up to the analysis date."""
    return months_before(on, months).isoformat(), on.isoformat()


NOT_FILINGS = frozenset({"ftm"})
"""Source formats whose statement date is when a publisher last changed its record
(FollowTheMoney's ``last_change``: a sanctions list's or a dataset's update), not a filing
with a register: they say nothing about how often or how late owners were filed."""


def is_filing(prov: Provenance | None) -> bool:
    return prov is not None and prov.source_format not in NOT_FILINGS


def _recent(edge: Edge, start: str) -> bool:
    prov = edge.provenance
    return is_filing(prov) and day(prov.statement_date if prov else None) >= start


def has_recent_filing(owners: Sequence[Edge], start: str) -> bool:
    """At least one current relationship into the company was filed since ``start``: only
    then is its history read (a change of owners files a relationship, so a company with none
    cannot reach the minimum number of filings)."""
    return any(_recent(e, start) for e in owners)


def _changes(
    history: History, entity: str, edges: Sequence[Edge], start: str, end: str
) -> list[str]:
    """Statements about relationships into ``entity`` dated within ``[start, end]``: its
    current relationships filed in the window, and those in effect at the window's start
    that are gone."""
    records = {e.id for e in edges if _recent(e, start)}
    records |= history.owners_on(entity, start) - {e.id for e in edges}
    found: list[str] = []
    for record in sorted(records):
        for statement in history.statements(record):
            if not is_filing(statement.provenance):
                continue
            if start <= day(statement.provenance.statement_date) <= end:
                found.append(statement.provenance.statement_id)
    return found


def frequent_changes(ctx: NodeContext) -> Iterator[Flag]:
    history, fact = ctx.env.history, ctx.fact
    if history is None or not fact.is_entity:
        return
    start, end = window(ctx.env.analysis_date, ctx.integer("months"))
    owners = ctx.owners
    if not has_recent_filing(owners, start):
        return
    found = _changes(history, fact.id, owners, start, end)
    if len(found) >= ctx.integer("min_changes"):
        yield ctx.on_node(
            fact.id,
            Severity.MEDIUM,
            f"{len(found)} filings changed the owners, controllers or officers of {fact.name} "
            f"between {start} and {end}",
            edges=owners,
            values={"changes": len(found), "from": start, "to": end, "statements": found},
        )


def _late(ctx: EdgeContext, deadline: int) -> Iterator[tuple[Interest, str, Provenance]]:
    """Each interest filed after the deadline, with the filing date and the statement that
    first filed it (the late filing, with its place in the register)."""
    edge, history = ctx.edge, ctx.env.history
    prov = edge.provenance
    latest = parse_day(prov.statement_date if prov else None)
    if history is None or prov is None or latest is None or not is_filing(prov):
        return
    for interest in edge.interests:
        started = parse_day(interest.start_date)
        if started is None or days_between(started, latest) <= deadline:
            continue
        filing = prov
        if prov.record_status is not RecordStatus.NEW:
            first = first_filing(history.statements(edge.id), interest)
            if first is None:
                continue
            filing = first.provenance
        filed = parse_day(filing.statement_date) or latest
        if days_between(started, filed) > deadline and _reporting_then(ctx, history, started):
            yield interest, filed.isoformat(), filing


def _reporting_then(ctx: EdgeContext, history: History, started: date) -> bool:
    """The register already reported on the subject when the change happened (so an old
    interest first published with the register is not a late filing). The subject's first
    statement is its current one when that is still its ``new`` statement."""
    subject = ctx.env.fact_of(ctx.edge.subject)
    prov = subject.provenance if subject is not None else None
    if prov is not None and prov.record_status is RecordStatus.NEW:
        first = parse_day(prov.statement_date)
    else:
        statements = history.statements(ctx.edge.subject)
        first = parse_day(statements[0].provenance.statement_date) if statements else None
    return first is not None and first <= started


def late_filing(ctx: EdgeContext) -> Iterator[Flag]:
    deadline = ctx.integer("deadline_days")
    late = list(_late(ctx, deadline))
    if not late:
        return
    parts = [
        f"{humanise(i.type.value) if i.type else 'interest'} from {i.start_date} filed on {filed}"
        for i, filed, _ in late
    ]
    filings = {p.statement_id: p for _, _, p in late}
    yield ctx.on_edge(
        ctx.edge,
        Severity.MEDIUM,
        f"the interest of {ctx.label} was filed more than {deadline} days after it started: "
        f"{'; '.join(parts)}",
        values={"late": [{"start_date": i.start_date, "filed": f} for i, f, _ in late]},
        cite=[ctx.cited(ctx.edge, p) for p in filings.values()],
    )
