"""What two subjects share, as text: ownership between them, the parties upstream of both with
their status and share in each, and what both hold."""

from __future__ import annotations

from bo_graph.analysis.holdings import Holding
from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.results import OwnerResult, Party
from bo_graph.analysis.shared import SharedHolding, SharedOwner, SharedReport, Upstream
from bo_graph.model.codes import kind_suffix
from bo_graph.render.shares import share_cell, share_note
from bo_graph.render.ubo_text import STATUS, chain_text, when_text

INDENT = "     "
SHOWN_PATHS = 3
"""Paths printed for one subject upstream of the other (``--json`` lists more)."""


def shared_text(report: SharedReport) -> str:
    """The answer to "what do A and B share?" for a terminal."""
    rule = f"{report.rule.value} {report.threshold:g}%"
    method = "" if report.method == "integrated" else f", method {report.method}"
    out = [
        f"What {_named(report.a)} and {_named(report.b)} share — {when_text(report.when)}, "
        f"threshold {rule}{method}"
    ]
    if not report.shares_anything:
        out.append(f"\n{nothing_shared_text(report)}")
        out.extend(_warning_lines(report))
        return "\n".join(out)
    out.extend(_between_lines(report))
    out.extend(_upstream_lines(report))
    out.extend(_downstream_lines(report))
    if report.owners:
        out.append(f"\n{share_note(report.method)}")
    out.extend(_warning_lines(report))
    return "\n".join(out)


def nothing_shared_text(report: SharedReport) -> str:
    """What is said when the two share nothing at all."""
    return (
        f"{report.a.name} and {report.b.name} share no owner or controller and no holding, "
        "and neither is upstream of the other."
    )


def _warning_lines(report: SharedReport) -> list[str]:
    if not report.warnings:
        return []
    return ["\nWarnings:", *(f"  {w}" for w in report.warnings)]


def _named(party: Party) -> str:
    return f"{party.name} [{party.id}]"


def _between_lines(report: SharedReport) -> list[str]:
    out = []
    for holder, subject, upstream in (
        (report.a, report.b, report.a_upstream_of_b),
        (report.b, report.a, report.b_upstream_of_a),
    ):
        if upstream is not None:
            out.append("")
            out.extend(_upstream_of(holder, subject, upstream))
    return out


def upstream_sentence(holder: Party, subject: Party, upstream: Upstream) -> str:
    """``A is upstream of B, indirectly: share 90.91% (controls)``."""
    how = "directly" if upstream.direct else "indirectly"
    return f"{holder.name} is upstream of {subject.name}, {how}: {position_text(upstream.position)}"


def _upstream_of(holder: Party, subject: Party, upstream: Upstream) -> list[str]:
    lines = [upstream_sentence(holder, subject, upstream)]
    lines.extend(f"{INDENT}via {chain_text(c)}" for c in upstream.position.paths[:SHOWN_PATHS])
    hidden = upstream.position.paths_total - min(len(upstream.position.paths), SHOWN_PATHS)
    if hidden > 0:
        lines.append(f"{INDENT}(+{hidden} more paths; --json lists them)")
    return lines


def position_text(owner: OwnerResult) -> str:
    """``YES, share 27.27%`` for a person; ``share 63.64% (controls)`` for another party."""
    share = f"share {share_text(owner)}"
    if owner.party.kind == "person":
        return f"{STATUS[owner.beneficial_owner]}, {share}"
    return share


def share_text(owner: OwnerResult) -> str:
    """``27.27%``, ``63.64% (controls)``, ``— (role: …)``: the share as the owners table words
    it, and whether the party controls the subject."""
    control = " (controls)" if owner.controls is Verdict.YES else ""
    return f"{share_cell(owner.share, owner.beneficial_owner, owner.grounds)}{control}"


def _upstream_lines(report: SharedReport) -> list[str]:
    if not report.owners:
        return ["\nNo party is upstream of both."]
    out = [f"\nUpstream of both ({len(report.owners)}): owners and controllers of each"]
    for owner in report.owners:
        out.extend(_shared_owner_lines(owner, report))
    return out


def _shared_owner_lines(owner: SharedOwner, report: SharedReport) -> list[str]:
    party = owner.party
    lines = [f"  {party.name}{kind_suffix(party.name, party.subkind)} [{party.id}]"]
    if party.particulars:
        lines.append(f"{INDENT}{party.particulars}")
    lines.append(f"{INDENT}in {report.a.name}: {position_text(owner.in_a)}")
    lines.append(f"{INDENT}in {report.b.name}: {position_text(owner.in_b)}")
    return lines


def _downstream_lines(report: SharedReport) -> list[str]:
    if not report.holdings:
        return ["\nNothing is downstream of both."]
    out = [f"\nDownstream of both ({len(report.holdings)}): what each holds or controls"]
    for held in report.holdings:
        out.extend(_shared_holding_lines(held, report))
    return out


def _shared_holding_lines(held: SharedHolding, report: SharedReport) -> list[str]:
    party = held.party
    return [
        f"  {party.name}{kind_suffix(party.name, party.subkind)} [{party.id}]",
        f"{INDENT}of {report.a.name}: {holding_text(held.of_a)}",
        f"{INDENT}of {report.b.name}: {holding_text(held.of_b)}",
    ]


def holding_text(holding: Holding) -> str:
    """``51.5% (controls)``: the holding's share, and whether it gives control."""
    control = " (controls)" if holding.controls is Verdict.YES else ""
    return f"{holding.share.short_label()}{control}"
