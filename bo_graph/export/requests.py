"""Draft requests for mutual legal assistance, one per jurisdiction where the trail goes dark.

A request that names the party, shows how it is linked to the case, says exactly what is
missing and cites the register statements it rests on is what the UN asset-recovery guidance
asks for instead of a "fishing expedition". Each draft groups the dark layers whose known chain
stops at parties of one jurisdiction (:mod:`bo_graph.export.dark`); lawful opacity (a listed
company, a protection regime) asks nothing. The drafts are plain text for an investigator to
adapt: they state facts from the registers and ask for records, never conclusions.
"""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.analysis.results import OwnerResult
from bo_graph.export.case import CaseData
from bo_graph.export.dark import NOT_RECORDED, DarkLayer, dark_layers
from bo_graph.model.graph import Node
from bo_graph.model.particulars import particulars
from bo_graph.model.records import EntityDetails, Provenance
from bo_graph.render.ubo_text import chain_text
from bo_graph.viz.opacity_bridge import share_text
from bo_graph.viz.text import clean

PERSON_PARTICULARS = (
    "full name, date and place of birth, nationality, residential address and identity "
    "document of each natural person"
)


@dataclass(frozen=True)
class RequestDraft:
    """What to ask one jurisdiction for: its parties where the trail stops, and the layers."""

    jurisdiction: str
    """The parties' jurisdiction as the registers give it (code or name), or "not recorded"."""
    parties: tuple[Node, ...]
    layers: tuple[DarkLayer, ...]

    @property
    def cited(self) -> tuple[Provenance, ...]:
        seen: dict[str, Provenance] = {}
        for layer in self.layers:
            for p in layer.cited:
                seen.setdefault(p.statement_id, p)
        return tuple(seen.values())


def request_drafts(case: CaseData) -> list[RequestDraft]:
    """One draft per jurisdiction the unlawful dark layers stop in, in order of first layer."""
    by_place: dict[str, tuple[dict[str, Node], list[DarkLayer]]] = {}
    for layer in dark_layers(case):
        if layer.lawful:
            continue
        for node in layer.stops:
            parties, layers = by_place.setdefault(node.jurisdiction or NOT_RECORDED, ({}, []))
            parties.setdefault(node.id, node)
            if layer not in layers:
                layers.append(layer)
    return [
        RequestDraft(place, tuple(parties.values()), tuple(layers))
        for place, (parties, layers) in by_place.items()
    ]


def requests_text(case: CaseData) -> str:
    """Every draft of the case as plain text, or a line saying there is nothing to ask."""
    drafts = request_drafts(case)
    subject = case.analysis.subject
    if not drafts:
        return f"No request: every chain above {clean(subject.name)} ends at an identified party."
    return "\n\n".join(draft_text(case, d, n) for n, d in enumerate(drafts, start=1))


def draft_text(case: CaseData, draft: RequestDraft, number: int) -> str:
    subject = case.analysis.subject
    owners = {o.party.id: o for o in case.analysis.report.owners}
    lines = [
        f"Draft request {number}: to the competent authority of {_place(draft)}",
        f"Case: the beneficial ownership of {clean(subject.name)} [{subject.record_id}], "
        f"{_period(case)}.",
        "",
        "Parties in your jurisdiction:",
    ]
    for node in draft.parties:
        lines += [f"- {_described(node)}", f"  linked to the case: {_link(node, subject, owners)}"]
    lines += ["", "What the registers do not show:"]
    lines += [f"- {_missing(layer)}" for layer in draft.layers]
    lines += ["", f"Requested, {_period(case)}:"]
    lines += [f"- {_asked(node)}" for node in draft.parties]
    lines += ["", "Register statements this request rests on:"]
    lines += [f"- {clean(p.source)}: {p.cite()}" for p in draft.cited]
    return "\n".join(lines)


def _place(draft: RequestDraft) -> str:
    names = {
        n.details.jurisdiction.name
        for n in draft.parties
        if isinstance(n.details, EntityDetails) and n.details.jurisdiction
        and n.details.jurisdiction.name
    }  # fmt: skip
    if len(names) == 1 and draft.jurisdiction != NOT_RECORDED:
        return f"{clean(names.pop())} ({draft.jurisdiction})"
    if draft.jurisdiction == NOT_RECORDED:
        return "the jurisdiction of the parties below (not recorded in the registers)"
    return draft.jurisdiction


def _period(case: CaseData) -> str:
    as_of = case.analysis.settings.as_of
    return f"as of {as_of.isoformat()}" if as_of else f"as of {case.generated_at[:10]}"


def _described(node: Node) -> str:
    rows = [f"{label}: {clean(value)}" for label, value in particulars(node) if label != "name"]
    return f"{clean(node.name)} ({'; '.join(rows)})" if rows else clean(node.name)


def _link(node: Node, subject: Node, owners: dict[str, OwnerResult]) -> str:
    if node.id == subject.id:
        return "it is the subject of the case"
    owner = owners.get(node.id)
    if owner is None or not owner.paths:
        return "it appears in the structure above the subject"
    more = len(owner.paths) - 1
    return chain_text(owner.paths[0]) + (f" (+{more} more paths)" if more > 0 else "")


def _missing(layer: DarkLayer) -> str:
    """``unknown entity, 4.68% of the subject, above Torrance Ventures Ltd: "Unidentified …"``"""
    data = layer.layer
    share = data.get("share")
    carried = f", {share_text(share)} of the subject" if _positive(share) else ""
    stops = ", ".join(clean(n.name) for n in layer.stops)
    name = clean(str(data.get("name", "")))
    return f'{clean(str(data.get("kind", "")))}{carried}, above {stops}: "{name}"'


def _positive(share: object) -> bool:
    """A layer's share that says something: not missing, not of unknown size (read as 0%)."""
    return isinstance(share, dict) and float(share.get("max") or 0) > 0


def _asked(node: Node) -> str:
    name = clean(node.name)
    if node.is_trust:
        return (
            f"{name}: the trust deed and any letter of wishes; the settlor(s), trustee(s), "
            "protector(s), beneficiaries or class of beneficiaries, and any other natural person "
            f"exercising ultimate effective control over the trust ({PERSON_PARTICULARS})"
        )
    if node.is_nomination:
        return (
            f"{name}: the nomination agreement, and the nominator on whose behalf the nominee "
            f"acts ({PERSON_PARTICULARS})"
        )
    if node.is_arrangement:
        return (
            f"{name}: the instrument that establishes it, and the natural persons in positions "
            f"equivalent to settlor, trustee, protector and beneficiary ({PERSON_PARTICULARS})"
        )
    return (
        f"{name}: its register of members or shareholders and its register of beneficial "
        "owners, with the nature and extent of each interest (shares, votes, rights to appoint "
        f"the board, control by other means) and its dates; its directors ({PERSON_PARTICULARS})"
    )
