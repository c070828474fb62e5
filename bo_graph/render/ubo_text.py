"""The ownership report as text: who owns and controls the subject, why, and where it goes dark."""

from __future__ import annotations

from collections.abc import Mapping

from bo_graph.analysis.holdings import Holding, HoldingsReport
from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.positions import Positions
from bo_graph.analysis.results import Chain, ClosedLoop, DeclaredCheck, OwnerResult, UboReport
from bo_graph.model.codes import humanise, kind_suffix
from bo_graph.model.graph import When
from bo_graph.render.shares import PATH_NOTE, share_cell, share_note

STATUS = {Verdict.YES: "YES", Verdict.POSSIBLE: "POSSIBLE", Verdict.NO: "no"}
MARK = {Verdict.YES: "+", Verdict.POSSIBLE: "?", Verdict.NO: "-", None: "-"}
"""A ground's marker: ``+`` certain, ``?`` possible (the shares' ranges allow it), ``-`` a note."""
SHOWN_PATHS = 3
"""Paths printed per owner (the rest are counted)."""


def when_text(when: When) -> str:
    """``in effect on 2022-06-30, as known on 2023-01-01``, or ``current state``."""
    return when.text()


def chain_text(chain: Chain) -> str:
    names = [chain.steps[0].holder.name] + [f"{s.subject.name}" for s in chain.steps]
    links = " -> ".join(names)
    share = f"{chain.share.short_label()} along this path" if chain.share is not None else "role"
    return f"{links}  [{share}]"


def owner_lines(owner: OwnerResult, *, max_paths: int = SHOWN_PATHS) -> list[str]:
    status = STATUS[owner.beneficial_owner]
    lines = [
        f"  {status:8} {owner.party.name}{kind_suffix(owner.party.name, owner.party.subkind)}"
        f" [{owner.party.id}]"
        f"  share {share_cell(owner.share, owner.beneficial_owner, owner.grounds)}"
    ]
    if owner.party.particulars:
        lines.append(f"           {owner.party.particulars}")
    for ground in owner.grounds:
        lines.append(f"           {MARK[ground.verdict]} {ground.text} — {ground.legal_basis}")
    for chain in owner.paths[:max_paths]:
        lines.append(f"           via {chain_text(chain)}")
    more = more_paths(owner, min(len(owner.paths), max_paths))
    if more:
        lines.append(f"           ({more})")
    return lines


def more_paths(owner: OwnerResult, shown: int) -> str:
    """What the text leaves out of the owner's paths, and what ``--json`` lists of it: the
    JSON keeps at most ``paths_per_owner`` paths, and counting stops at the path budget."""
    listed = len(owner.paths) - shown
    if owner.paths_complete and owner.paths_total <= len(owner.paths):
        return f"+{listed} more paths; --json lists them" if listed > 0 else ""
    count = f"{owner.paths_total}" if owner.paths_complete else f"at least {owner.paths_total}"
    if listed <= 0:
        return f"{count} paths in all; --json lists no more of them"
    of = f"of the {count}" if owner.paths_complete else f"of {count}"
    return f"+{listed} more paths in --json, which lists {len(owner.paths)} {of} paths"


def ubo_text(report: UboReport, *, all_parties: bool = False) -> str:
    rule = f"{report.rule.value} {report.threshold:g}%"
    subject = f"{report.subject.name} [{report.subject.id}]"
    method = "" if report.method == "integrated" else f", method {report.method}"
    out = [f"Ownership of {subject} — {when_text(report.when)}, threshold {rule}{method}"]
    shown = report.owners if all_parties else report.beneficial_owners
    natural = [o for o in shown if o.party.kind == "person"]
    others = [o for o in shown if o.party.kind != "person"]
    out.append(
        f"\nBeneficial owners ({len(report.beneficial_owners)}):"
        if not all_parties
        else "\nParties:"
    )
    if report.fallback:
        out.append("  No natural person qualifies: senior managing officials are reported instead.")
    for owner in natural + others:
        out.extend(owner_lines(owner))
    if shown:
        out.append(f"\n{share_note(report.method)}")
    if any(c.share is not None for o in shown for c in o.paths[:SHOWN_PATHS]):
        out.append(PATH_NOTE)
    out.extend(_dark_lines(report))
    if report.warnings:
        out.append("\nWarnings:")
        out.extend(f"  {w}" for w in report.warnings)
    return "\n".join(out)


def _dark_lines(report: UboReport) -> list[str]:
    out = []
    if report.unspecified:
        out.append("\nWhere the trail goes dark (unspecified owners):")
        for u in report.unspecified:
            reason, name = humanise(u.party.subkind), u.party.name
            said = "" if name == f"Unspecified ({reason})" else f": {name}"
            out.append(f"  {reason}{said} [{u.party.id}]")
    if report.closed_loops:
        out.append("\nClosed loops and cycles (not inverted):")
        out.extend(f"  {' -> '.join(p.name for p in c.nodes)}" for c in report.closed_loops)
    if report.unknown_shares:
        out.append("\nHoldings of unknown size (shares behind them are ranges):")
        out.extend(f"  {u.holder.name} -> {u.subject.name}" for u in report.unknown_shares)
    if report.inconsistent:
        out.append("\nShares that do not add up:")
        out.extend(
            f"  the {i.measure} declared in {i.subject.name} total {i.total.label()}"
            for i in report.inconsistent
        )
    contradicted = [c for c in report.declared_checks if c.status in CONTRADICTIONS]
    if contradicted:
        out.append("\nDeclared indirect shares the components contradict:")
        out.extend(_contradiction(c) for c in contradicted)
    names = {o.party.id: o.party.name for o in report.owners}
    names[report.subject.id] = report.subject.name
    out.extend(_truncation_lines(report.truncated, names, "owners"))
    return out


def _truncation_lines(
    truncated: Mapping[str, int], names: Mapping[str, str], missing: str
) -> list[str]:
    """Where the expansion stopped at its limits, and how much it left unread."""
    if not truncated:
        return []
    return [f"\nNot expanded (limits reached; {missing} beyond these are missing):"] + [
        f"  {names.get(node, node)} [{node}]: {count} relationship(s) not followed"
        for node, count in sorted(truncated.items())
    ]


def truncation_summary(truncated: Mapping[str, int], names: Mapping[str, str]) -> str:
    """:func:`_truncation_lines` on one line, for a warning: ``Name [id]: N relationship(s)
    not followed; ...``."""
    return "; ".join(
        f"{names.get(node, node)} [{node}]: {count} relationship(s) not followed"
        for node, count in sorted(truncated.items())
    )


CONTRADICTIONS = {
    "above_computed_maximum": "above the most its components allow",
    "below_computed_minimum": "below the least its components give",
}


def _contradiction(check: DeclaredCheck) -> str:
    computed = "" if check.computed is None else f" ({check.computed.label()} computed)"
    return (
        f"  {check.owner.name} in {check.subject.name}: declared {check.declared.label()}, "
        f"{CONTRADICTIONS[check.status]}{computed}"
    )


def holdings_text(report: HoldingsReport, positions: Positions | None = None) -> str:
    """The holdings, each with the holder's share, control and, with ``positions``,
    its beneficial-ownership verdict there (as ``ubo`` of that party gives it)."""
    out = [f"Holdings of {report.holder.name} [{report.holder.id}] — {when_text(report.when)}"]
    out.extend(_holding_line(h, positions) for h in report.holdings)
    if not report.holdings:
        out.append("  none")
    elif positions is not None:
        out.append(f"\n{HOLDINGS_NOTE}")
    if report.closed_loops:
        out.append(
            "\nClosed loops and cycles (not inverted; shares held through them may be ranges):"
        )
        out.extend(f"  {_loop(loop)}" for loop in report.closed_loops)
    names = {h.party.id: h.party.name for h in report.holdings}
    names[report.holder.id] = report.holder.name
    out.extend(_truncation_lines(report.truncated, names, "holdings"))
    return "\n".join(out)


HOLDINGS_NOTE = (
    "beneficial owner: the holder's status in that party, as 'bo-graph ubo' of the party gives "
    "it (trust and nominee roles included); (controls): control through a majority of the "
    "votes or an interest that confers control, such as the right to appoint the board "
    "(AMLR Art. 53), not the beneficial-owner test."
)


def _holding_line(holding: Holding, positions: Positions | None) -> str:
    control = " (controls)" if holding.controls is Verdict.YES else ""
    head = f"  {holding.party.name} [{holding.party.id}]: "
    if positions is None:
        return f"{head}{holding.share.short_label()}{control}"
    if holding.party.id not in positions:
        return f"{head}{holding.share.short_label()}{control}; beneficial owner: not computed"
    owner = positions[holding.party.id]
    if owner is None:
        return f"{head}{holding.share.short_label()}{control}; beneficial owner: no"
    share = share_cell(owner.share, owner.beneficial_owner, owner.grounds)
    return f"{head}{share}{control}; beneficial owner: {STATUS[owner.beneficial_owner]}"


def _loop(loop: ClosedLoop) -> str:
    kind = "closed loop, no owner outside it" if loop.closed else "a cycle whose shares exceed 100%"
    return f"{' -> '.join(p.name for p in loop.nodes)} ({kind})"
