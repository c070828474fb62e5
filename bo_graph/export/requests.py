"""Draft requests for mutual legal assistance, one per jurisdiction where the trail goes dark.

A request that names the party, shows how it is linked to the case, says exactly what is
missing and cites the register statements it rests on is what the UN asset-recovery guidance
asks for instead of a "fishing expedition". Each draft groups the dark layers whose known chain
stops at parties of one jurisdiction (:mod:`bo_graph.export.dark`); lawful opacity (a listed
company, a protection regime) asks nothing. The drafts are plain text for an investigator to
adapt: they state facts from the registers and ask for records, never conclusions.

What a party is asked for follows what it is: a trust or other arrangement its instrument and
parties, a company its registers of members and beneficial owners and its directors, and a
party linked to the case only through service roles (an intermediary, a registered agent, a
nominee, an officer: :mod:`bo_graph.export.service_roles`) the customer due-diligence records
it holds on the entity it served, who instructed it and the beneficial owners it recorded.
An intermediary (control by other means recorded as a service, such as the law firm that had
the company registered: :func:`bo_graph.model.service.is_service_control`) is no layer of the
chain, so no dark layer stops at it; it is asked, in its own jurisdiction's draft, about the
dark layers above the company it served (every layer, for the subject's intermediary), and the
statements that link it to that company and describe it are cited.

Whom the registers already show in a party (its identified owners and controllers, those in
service roles: :mod:`bo_graph.export.shown`) is listed under it and not asked for again: a
company with recorded owners is asked for its register of beneficial owners and every member,
shareholder or controller besides them, a trust for its parties besides those shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from bo_graph.analysis.results import Chain, OwnerResult
from bo_graph.export.case import CaseData
from bo_graph.export.dark import NOT_RECORDED, DarkLayer, dark_layers
from bo_graph.export.service_roles import Service, service_of
from bo_graph.export.shown import Shown, shown_of
from bo_graph.model.codes import role_words
from bo_graph.model.graph import Node
from bo_graph.model.particulars import particulars
from bo_graph.model.records import EntityDetails, Provenance
from bo_graph.model.service import is_service_control
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
    links: tuple[Provenance, ...] = ()
    """The statements of an intermediary asked here: the one that links it to the company it
    served, and its own."""

    @property
    def cited(self) -> tuple[Provenance, ...]:
        seen: dict[str, Provenance] = {}
        for p in [*(p for layer in self.layers for p in layer.cited), *self.links]:
            seen.setdefault(p.statement_id, p)
        return tuple(seen.values())


NOT_ASKED = frozenset({"expansion limit"})
"""Dark layers no foreign authority is asked about: the party limit stopped the reading, the
store holds the rest (raise the limit instead)."""


def request_drafts(case: CaseData) -> list[RequestDraft]:
    """One draft per country the unlawful dark layers stop in (a subdivision's parties go to its
    country's draft), in order of first layer; each party of no recorded jurisdiction has one of
    its own."""
    by_place: dict[str, tuple[dict[str, Node], list[DarkLayer], list[Provenance]]] = {}
    asked = asked_layers(case)

    def add(node: Node, layer: DarkLayer, *link: Provenance | None) -> None:
        parties, layers, links = by_place.setdefault(_country_key(node), ({}, [], []))
        parties.setdefault(node.id, node)
        if layer not in layers:
            layers.append(layer)
        links.extend(p for p in link if p is not None)

    for layer in asked:
        for node in layer.stops:
            add(node, layer)
    for layer in asked:
        for node, link in _intermediaries(case, layer):
            add(node, layer, link, node.provenance)
    return [
        RequestDraft(place.partition("#")[0], tuple(parties.values()), tuple(layers), tuple(links))
        for place, (parties, layers, links) in by_place.items()
    ]


def _intermediaries(case: CaseData, layer: DarkLayer) -> list[tuple[Node, Provenance | None]]:
    """The intermediaries of the subject and of the companies ``layer`` stops at, each with the
    statement that links it: they hold records on the company they served."""
    analysis = case.analysis
    served = {analysis.subject.id, *(n.id for n in layer.stops)}
    found = []
    for edge in sorted(analysis.subgraph.edges.values(), key=lambda e: e.id):
        node = analysis.subgraph.nodes.get(edge.interested_party)
        if edge.subject not in served or edge.closed or node is None:
            continue
        held = edge.interests_in_effect(analysis.when)
        if held and all(is_service_control(i) for i in held):
            found.append((node, edge.provenance))
    return found


def asked_layers(case: CaseData) -> list[DarkLayer]:
    """The dark layers a request asks about: neither lawful nor cut by the party limit."""
    return [d for d in dark_layers(case) if not d.lawful and d.layer.get("kind") not in NOT_ASKED]


def _country_key(node: Node) -> str:
    """``US`` for US-DE and US-NY alike (a request goes to a state's central authority); a party
    without a recorded jurisdiction is a place of its own."""
    place = node.jurisdiction
    if not place:
        return f"{NOT_RECORDED}#{node.id}"
    code = place.partition("-")[0]
    return code if len(code) == 2 and code.isalpha() and code.isupper() else place


def requests_text(case: CaseData) -> str:
    """Every draft of the case as plain text, or a line saying there is nothing to ask; a note
    when the party limit left layers unread."""
    drafts = request_drafts(case)
    subject = case.analysis.subject
    cut = limit_note(case)
    none = (
        "No request for the part of the structure that was read."
        if cut
        else f"No request: every chain above {clean(subject.name)} ends at an identified party."
    )
    text = "\n\n".join(draft_text(case, d, n) for n, d in enumerate(drafts, start=1)) or none
    personal = case.withheld or "as the registers give it (competent-authority tier)"
    notes = [cut, f"View: {case.analysis.settings.describe()}.", f"Personal data: {personal}"]
    return "\n\n".join([text, *(n for n in notes if n)]) + "\n"


def limit_note(case: CaseData) -> str:
    """What the party limit left out of the drafts, or ``""``."""
    cut = [d for d in dark_layers(case) if d.layer.get("kind") in NOT_ASKED]
    if not cut:
        return ""
    return (
        f"Not asked: {len(cut)} part(s) of the structure that the party limit left unread (the "
        "store may hold them); raise the limit and export again."
    )


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
        lines += [f"  the registers show: {shown}" for shown in [_shown_text(case, node)] if shown]
    lines += ["", "What the registers do not show:"]
    lines += [f"- {line}" for line in _missing_lines(draft.layers)]
    lines += ["", f"Requested, as of {_asked_on(case)}:"]
    lines += [
        f"- {_asked(node, _service(case, node), _shown(case, node))}" for node in draft.parties
    ]
    lines += ["", "Register statements this request rests on:"]
    lines += [f"- {clean(p.source)}: {p.cite()}" for p in draft.cited]
    return "\n".join(lines)


def _place(draft: RequestDraft) -> str:
    if draft.jurisdiction == NOT_RECORDED:
        return "the jurisdiction of the party below (not recorded in the registers)"
    names = {
        n.details.jurisdiction.name
        for n in draft.parties
        if isinstance(n.details, EntityDetails) and n.details.jurisdiction
        and n.details.jurisdiction.code == draft.jurisdiction and n.details.jurisdiction.name
    }  # fmt: skip
    name = clean(names.pop()) if len(names) == 1 else ""
    return (
        f"{name} ({draft.jurisdiction})"
        if name and name != draft.jurisdiction
        else (draft.jurisdiction)
    )


def _period(case: CaseData) -> str:
    """The view's dates: ``as of D``, or with a view known at K ``as the registers stood on K``
    (``as of D, as the registers stood on K`` when both are given)."""
    when = case.analysis.when
    on = [f"as of {when.as_of}"] if when.as_of else []
    if when.known_at:
        on.append(f"as the registers stood on {when.known_at}")
    return ", ".join(on) or f"as of {case.generated_at[:10]}"


def _asked_on(case: CaseData) -> str:
    """The day the records are asked for: the one the view's interests are in effect on."""
    return case.analysis.when.effective_date or case.generated_at[:10]


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
    return _chain(owner.paths[0]) + (f" (+{more} more paths)" if more > 0 else "")


def _chain(chain: Chain) -> str:
    """``A -[trustee]-> T -[shareholding 100%]-> S``: each step with what it is."""
    out = clean(chain.steps[0].holder.name)
    for step in chain.steps:
        relation = ", ".join(role_words(r.strip()) for r in step.relation.split(","))
        share = f" {step.share.short_label()}" if step.share is not None else ""
        out += f" -[{relation}{share}]-> {clean(step.subject.name)}"
    return out


def _missing(layer: DarkLayer) -> str:
    """``unknown entity, 4.68% of the subject, above Torrance Ventures Ltd: "Unidentified …"``;
    when the layer is the company the chain stops at (its owners are what is missing), not its
    own name again as if it were the one missing (``above X: "X"``)."""
    data = layer.layer
    share = data.get("share")
    carried = f", {share_text(share)} of the subject" if _positive(share) else ""
    stops = ", ".join(clean(n.name) for n in layer.stops)
    line = f"{clean(str(data.get('kind', '')))}{carried}, above {stops}"
    if layer.party in {n.id for n in layer.stops}:
        return line
    return f'{line}: "{clean(str(data.get("name", "")))}"'


def _missing_lines(layers: tuple[DarkLayer, ...]) -> list[str]:
    """Each layer's line; layers that would read the same (four bearer shareholders, each
    'THE BEARER') name their record, so that they do not read as one layer repeated."""
    lines = [_missing(layer) for layer in layers]
    return [
        f"{line} [{layer.party}]" if lines.count(line) > 1 else line
        for line, layer in zip(lines, layers, strict=True)
    ]


def _positive(share: object) -> bool:
    """A layer's share that says something: not missing, not of unknown size (read as 0%)."""
    return isinstance(share, dict) and float(share.get("max") or 0) > 0


def _shown(case: CaseData, node: Node) -> Shown:
    """Who the registers already show in ``node`` (nothing for a service provider, which is
    asked about the entity it served, not about itself)."""
    analysis = case.analysis
    if _service(case, node) is not None:
        return Shown()
    return shown_of(analysis.subgraph, node.id, analysis.when)


def _shown_text(case: CaseData, node: Node) -> str:
    """``owners A (80% shares), B (20% shares); in service roles C (board member)``, or
    ``""``."""
    shown = _shown(case, node)
    parts = [
        f"{label} {', '.join(names)}"
        for label, names in (("owners", shown.holders), ("in service roles", shown.services))
        if names
    ]
    return "; ".join(parts)


def _service(case: CaseData, node: Node) -> Service | None:
    analysis = case.analysis
    return service_of(analysis.subgraph, node.id, analysis.when)


def _asked(node: Node, service: Service | None, shown: Shown) -> str:
    """The records to ask for: an arrangement's instrument and parties, a service provider's
    records of whom it served (:mod:`bo_graph.export.service_roles`), a company's registers;
    beyond the parties the registers already show (``shown``), which are not asked for again."""
    name = clean(node.name)
    besides = " besides those the registers show" if shown else ""
    if node.is_trust:
        return (
            f"{name}: the trust deed and any letter of wishes; the settlor(s), trustee(s), "
            f"protector(s), beneficiaries or class of beneficiaries{besides}, and any other "
            f"natural person exercising ultimate effective control over the trust "
            f"({PERSON_PARTICULARS})"
        )
    if node.is_nomination:
        return (
            f"{name}: the nomination agreement, and the nominator on whose behalf the nominee "
            f"acts ({PERSON_PARTICULARS})"
        )
    if node.is_arrangement:
        return (
            f"{name}: the instrument that establishes it, and the natural persons in positions "
            f"equivalent to settlor, trustee, protector and beneficiary{besides} "
            f"({PERSON_PARTICULARS})"
        )
    if service is not None:
        return _asked_of_provider(name, service)
    members = (
        "its register of beneficial owners, and every member, shareholder or controller "
        "besides those the registers show"
        if shown.holders
        else "its register of members or shareholders and its register of beneficial owners"
    )
    return (
        f"{name}: {members}, with the nature and extent of each interest (shares, votes, rights "
        f"to appoint the board, control by other means) and its dates; its directors "
        f"({PERSON_PARTICULARS})"
    )


def _asked_of_provider(name: str, service: Service) -> str:
    """A party recorded in service roles only: what it holds on the entities it served, not
    its own registers of members (a fishing expedition)."""
    served = _and(service.served)
    return (
        f"{name}, recorded for {served} only as {_and(service.roles)} (a service, not an "
        f"owner): the customer due-diligence (know-your-customer) records it holds on {served}; "
        "the identity of the person(s) who instructed it and on whose behalf it acted, and any "
        f"agreement under which it acted; and the beneficial owners of {served} it recorded, "
        f"with the dates ({PERSON_PARTICULARS})"
    )


def _and(items: tuple[str, ...]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
