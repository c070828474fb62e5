"""Beneficial-ownership determination with grounds, paths and evidence.

:func:`determine_ubos` is pure (a subgraph in, a report out); :func:`ubo_report` expands the
subject's owners from any :class:`~bo_graph.store.base.GraphStore` first. A natural person is a
beneficial owner (``YES``), possibly one (``POSSIBLE``: the share interval straddles the
threshold, or control is only possible) or not (``NO``), on the grounds listed in
:mod:`bo_graph.analysis.grounds`. When no natural person is a beneficial owner, the subject's
senior managing officials (officers and board) are reported instead, labelled as a fallback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from bo_graph.analysis.absent import not_found
from bo_graph.analysis.chains import ChainListing, chains_to
from bo_graph.analysis.declared import declared_checks
from bo_graph.analysis.effective import evaluate_ownership
from bo_graph.analysis.grounds import Analysis, Grounds, UboPolicy, best, person_grounds
from bo_graph.analysis.interval import ZERO, Verdict
from bo_graph.analysis.linear import ancestors, owners_index
from bo_graph.analysis.method import method_grounds, method_share
from bo_graph.analysis.network import LinkBasis, OwnershipNetwork, build_network
from bo_graph.analysis.results import (
    ClosedLoop,
    Ground,
    Inconsistency,
    OwnerResult,
    Rule,
    UboReport,
    UnknownShare,
    UnspecifiedParty,
)
from bo_graph.model.codes import MANAGEMENT_INTERESTS, role_words
from bo_graph.model.graph import CURRENT, Node, NodeKind, Subgraph, When
from bo_graph.model.records import EntityDetails
from bo_graph.store.base import Direction, GraphStore

SMO_FALLBACK = "senior_managing_officials"
DEFAULT_POLICY = UboPolicy()


def ubo_report(
    store: GraphStore,
    subject_id: str,
    *,
    when: When = CURRENT,
    policy: UboPolicy = DEFAULT_POLICY,
    max_depth: int = 30,
    max_nodes: int = 5000,
) -> UboReport:
    """Expand the owners of ``subject_id`` in ``store`` at ``when`` and determine its UBOs."""
    subgraph = store.expand(
        [subject_id], Direction.UP, max_depth=max_depth, max_nodes=max_nodes, when=when
    )
    return determine_ubos(subgraph, subject_id, when=when, policy=policy)


def determine_ubos(
    subgraph: Subgraph,
    subject_id: str,
    *,
    when: When = CURRENT,
    policy: UboPolicy = DEFAULT_POLICY,
) -> UboReport:
    """The beneficial owners of ``subject_id`` from a subgraph of its owners."""
    if subject_id not in subgraph.nodes:
        raise not_found(subject_id, "subject", when)
    network = build_network(subgraph, when)
    analysis = Analysis(network, policy)
    grounds = person_grounds(analysis, subject_id)
    _declared_grounds(analysis, subject_id, grounds)
    for party, items in grounds.items():
        grounds[party] = method_grounds(items, policy.method)
    fallback = _smo_fallback(analysis, subject_id, grounds)
    owners = _owners(analysis, subject_id, grounds)
    warnings = _warnings(analysis, subgraph, subject_id, owners, fallback, when)
    return UboReport(
        subject=analysis.party(subject_id),
        when=when,
        threshold=policy.threshold,
        rule=policy.rule,
        owners=owners,
        fallback=fallback,
        closed_loops=_closed_loops(analysis),
        inconsistent=tuple(
            Inconsistency(analysis.party(i.subject), i.measure, i.total, i.edges)
            for i in network.inconsistent
        ),
        unknown_shares=_unknown_shares(analysis, subject_id),
        unspecified=_unspecified(analysis, subject_id),
        declared_checks=tuple(declared_checks(network, subject_id)),
        warnings=tuple(warnings),
        truncated=dict(subgraph.truncated),
        method=policy.method.value,
    )


def _declared_grounds(analysis: Analysis, subject: str, grounds: Grounds) -> None:
    """Informational: the register itself says the person is a beneficial owner."""
    network = analysis.network
    for edge in sorted(network.edges.values(), key=lambda e: e.id):
        if edge.subject != subject or edge.closed or not network.is_person(edge.interested_party):
            continue
        if any(i.beneficial_ownership_or_control for i in edge.interests_in_effect(network.when)):
            text = "the publisher declares this person a beneficial owner of the subject"
            basis = analysis.basis(Rule.DECLARED)
            grounds[edge.interested_party].append(
                Ground(Rule.DECLARED, None, text, basis, None, (edge.id,))
            )


def _smo_fallback(analysis: Analysis, subject: str, grounds: Grounds) -> str | None:
    network = analysis.network
    if any(best(items) is Verdict.YES for p, items in grounds.items() if network.is_person(p)):
        return None
    officers = [
        role
        for role in analysis.roles_into(subject)
        if role.role in MANAGEMENT_INTERESTS and network.is_person(role.holder)
    ]
    for role in officers:
        text = (
            f"{role_words(role.role.value)} of {analysis.name(subject)}: reported because no "
            f"natural person qualifies as a beneficial owner"
        )
        basis = analysis.basis(Rule.SMO_FALLBACK)
        grounds[role.holder].append(
            Ground(Rule.SMO_FALLBACK, Verdict.YES, text, basis, None, (role.edge_id,))
        )
    return SMO_FALLBACK if officers else None


def _owners(analysis: Analysis, subject: str, grounds: Grounds) -> tuple[OwnerResult, ...]:
    network = analysis.network
    evaluation = analysis.ownership(subject)
    policy = analysis.policy
    listings = chains_to(
        analysis.steps_into, subject, per_party=policy.paths_per_owner, budget=policy.path_budget
    )
    behind_unknown = _parties_behind_unknown(network, subject)
    results = []
    for party in analysis.reach(subject):
        is_person = network.is_person(party)
        own = tuple(grounds.get(party, ()))
        if not is_person:
            own = tuple(g for g in own if g.verdict is None)
        listing = listings.get(party, ChainListing())
        edges = {s.edge for chain in listing.chains for s in chain.steps}
        edges.update(e for g in own for e in g.edges)
        look_through = analysis.look_through(party, subject) if is_person else None
        share = evaluation.shares.get(party, ZERO)
        results.append(
            OwnerResult(
                party=analysis.party(party),
                share=method_share(share, look_through, policy.method),
                share_unknown=party in behind_unknown,
                look_through=look_through,
                controls=analysis.control.verdict(party, subject),
                beneficial_owner=best(own) if is_person else Verdict.NO,
                grounds=own,
                paths=tuple(listing.chains),
                paths_total=listing.total,
                paths_complete=listing.complete,
                evidence={e: network.statement_ids(e) for e in sorted(edges)},
            )
        )
    results.sort(key=_owner_order)
    return tuple(results)


def _owner_order(owner: OwnerResult) -> tuple[int, float, float, str, str]:
    return (
        -owner.beneficial_owner.value,
        -owner.share.hi,
        -owner.share.lo,
        owner.party.name,
        owner.party.id,
    )


def _parties_behind_unknown(network: OwnershipNetwork, subject: str) -> set[str]:
    """Parties with an ownership path to the subject through a share of unknown size."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for link in network.ownership:
        weights[(link.owner, link.subject)] += link.share.hi
    index = owners_index(weights)
    upstream = ancestors(index, [subject])
    sources = [
        link.owner for link in network.ownership if link.unknown_share and link.subject in upstream
    ]
    return ancestors(index, sources) if sources else set()


def _closed_loops(analysis: Analysis) -> tuple[ClosedLoop, ...]:
    loops: dict[frozenset[str], bool] = {}
    for evaluation in analysis.evaluations:
        for loop in evaluation.divergent:
            loops[loop] = loops.get(loop, False) or loop in evaluation.closed_loops
    out = []
    for members, closed in sorted(loops.items(), key=lambda item: sorted(item[0])):
        edges = sorted(
            {
                link.edge_id
                for link in analysis.network.ownership
                if link.owner in members and link.subject in members
            }
        )
        nodes = tuple(analysis.party(m) for m in sorted(members))
        out.append(ClosedLoop(nodes, tuple(edges), closed))
    return tuple(out)


def _unknown_shares(analysis: Analysis, subject: str) -> tuple[UnknownShare, ...]:
    relevant = analysis.reach(subject) | {subject}
    return tuple(
        UnknownShare(link.edge_id, analysis.party(link.owner), analysis.party(link.subject))
        for link in analysis.network.ownership
        if link.unknown_share and link.subject in relevant
    )


def _unspecified(analysis: Analysis, subject: str) -> tuple[UnspecifiedParty, ...]:
    evaluation = analysis.ownership(subject)
    out = []
    for party in sorted(analysis.reach(subject)):
        node = analysis.network.nodes.get(party)
        if node is None or node.kind is not NodeKind.UNSPECIFIED:
            continue
        edges = tuple(e.id for e in analysis.network.edges.values() if e.interested_party == party)
        share = evaluation.shares.get(party, ZERO)
        out.append(UnspecifiedParty(analysis.party(party), share, tuple(sorted(edges))))
    return tuple(out)


def _warnings(
    analysis: Analysis,
    subgraph: Subgraph,
    subject: str,
    owners: Iterable[OwnerResult],
    fallback: str | None,
    when: When,
) -> list[str]:
    network = analysis.network
    warnings = list(dict.fromkeys(analysis.warnings))
    if subgraph.truncated:
        warnings.append(
            f"the owner expansion stopped at a limit for {len(subgraph.truncated)} node(s): "
            f"owners beyond them are missing and shares may be understated"
        )
    overlaps = _declared_overlaps(network, subject)
    for evaluation in analysis.evaluations:
        for party in evaluation.exceeded:
            why = (
                "its declared indirect share counted on top of its other holdings"
                if party in {owner for owner, _ in overlaps} and evaluation.target == subject
                else "inconsistent data"
            )
            warnings.append(
                f"the computed share of {analysis.name(party)} in "
                f"{analysis.name(evaluation.target)} exceeded 100% ({why}) and was capped"
            )
        if evaluation.uncorrected:
            warnings.append(
                f"a cycle of {len(evaluation.uncorrected)} parties above "
                f"{analysis.name(evaluation.target)} was solved by iteration: the shares of "
                f"its members are not cycle-corrected"
            )
    warnings.extend(overlaps.values())
    missing = sorted({p for p in analysis.reach(subject) if p not in network.nodes})
    if missing:
        warnings.append(f"relationships name parties missing from the graph: {', '.join(missing)}")
    node = network.nodes.get(subject)
    if node is not None and node.kind is NodeKind.PERSON:
        warnings.append(
            f"{analysis.name(subject)} is a natural person: beneficial owners are found for "
            "companies and arrangements; ask what this person holds instead (holdings)"
        )
    elif fallback is None and not any(o.beneficial_owner is not Verdict.NO for o in owners):
        absent = _not_in_existence(node, when)
        warnings.append(absent or "no beneficial owner and no senior managing official identified")
    return warnings


def _not_in_existence(node: Node | None, when: When) -> str | None:
    """Why an entity has no owners on the report's date: it was not founded yet, or it was
    dissolved already (``None`` when neither, or when the record gives no such date)."""
    details = node.details if node is not None else None
    if node is None or not isinstance(details, EntityDetails):
        return None
    on = when.effective_date or date.today().isoformat()
    if details.founding_date and details.founding_date[:10] > on:
        return f"{node.name} was not founded yet on {on} (founded {details.founding_date[:10]})"
    if details.dissolution_date and details.dissolution_date[:10] <= on:
        return f"{node.name} had been dissolved by {on} (dissolved {details.dissolution_date[:10]})"
    return None


def _declared_overlaps(network: OwnershipNetwork, subject: str) -> dict[tuple[str, str], str]:
    """A declared indirect share used as a link may double count other routes of its party:
    the warning, by party and relationship."""
    out: dict[tuple[str, str], str] = {}
    for declared in network.declared:
        if declared.subject != subject or not declared.used_as_link:
            continue
        others = [  # its other holdings, the direct interests of the same relationship too
            link
            for link in network.ownership
            if link.edge_id != declared.edge_id or link.basis is not LinkBasis.DECLARED_INDIRECT
        ]
        share = evaluate_ownership(others, subject).shares.get(declared.owner, ZERO)
        if share.hi > 0.0:
            out[declared.owner, declared.edge_id] = (
                f"{network.name(declared.owner)} has a declared indirect share in "
                f"{network.name(subject)} (edge {declared.edge_id}) and also reaches it through "
                f"other ownership links: the total may double count"
            )
    return out
