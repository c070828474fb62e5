"""Plain-text labels and tooltips of parties and relationships.

Everything here is plain text: register names may contain anything (``<script>``, quotes,
ampersands), so the renderers escape it (SVG, report) or hand it to the browser as text
(the graph's tooltips are DOM text nodes, never HTML).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.results import OwnerResult
from bo_graph.model.codes import InterestType, humanise
from bo_graph.model.graph import Edge, Node, When
from bo_graph.model.particulars import party_summary
from bo_graph.model.records import (
    EntityDetails,
    Identifier,
    Interest,
    PersonDetails,
    Provenance,
    Unspecified,
)
from bo_graph.render.shares import share_cell
from bo_graph.viz.kinds import OPAQUE_ICON, POSSIBLE_MARK, UBO_MARK
from bo_graph.viz.marks import Mark

LABEL_WIDTH = 24
LABEL_LINES = 3
EDGE_LABEL_LINES = 3
STATUS = {Verdict.YES: "yes", Verdict.POSSIBLE: "possible", Verdict.NO: "no"}


def clean(text: str) -> str:
    """Control characters (other than newlines) removed; a label never breaks a layout."""
    return "".join(ch for ch in text if ch == "\n" or (ch.isprintable() and ch != "\x7f"))


_MARKDOWN = re.compile(r"[\\`*_\[\]<$~]")
"""Emphasis, code, links and images, autolinks and HTML, LaTeX, strikethrough: anywhere."""
_BLOCK_START = re.compile(r"^(\s*)([-+>#])|^(\s*\d+)([.)])")
"""A heading, quote, list item or rule at the start of the text: its first mark escaped."""


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 flag``, ``2 flags``, ``0 parties`` (``plural`` when it is not ``noun`` + s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def md(text: str) -> str:
    """``text`` (register text, a name typed in, a message quoting either) for a Streamlit
    element that renders Markdown: captions, messages, headings, expander and widget labels,
    ``st.table`` cells. Shown as written, on one line: never a link, an image fetched from the
    web, LaTeX, emphasis, a heading or a list."""
    flat = " ".join(clean(text).splitlines())
    escaped = _MARKDOWN.sub(lambda m: "\\" + m.group(0), flat)
    return _BLOCK_START.sub(lambda m: "\\".join(g for g in m.groups() if g is not None), escaped)


def wrap(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> list[str]:
    out = textwrap.wrap(clean(text), width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "\u2026"
    return out


def node_label(node: Node, owner: OwnerResult | None, marks: Sequence[Mark]) -> str:
    prefix = ""
    if marks:
        prefix += OPAQUE_ICON + " "
    if owner is not None and owner.beneficial_owner is Verdict.YES:
        prefix += UBO_MARK + " "
    elif owner is not None and owner.beneficial_owner is Verdict.POSSIBLE:
        prefix += POSSIBLE_MARK + " "
    lines = wrap(prefix + _short_name(node))
    if node.jurisdiction:
        lines.append(f"({clean(node.jurisdiction)})")
    return "\n".join(lines)


def _short_name(node: Node) -> str:
    """The name, or for an undisclosed party its reason (the description goes in the tooltip)."""
    if isinstance(node.details, Unspecified):
        return f"Undisclosed: {humanise(node.details.reason.value)}"
    return node.name


SHORT_INTEREST = {
    InterestType.SHAREHOLDING: "shares",
    InterestType.VOTING_RIGHTS: "votes",
    InterestType.APPOINTMENT_OF_BOARD: "appoints board",
    InterestType.OTHER_INFLUENCE_OR_CONTROL: "other control",
    InterestType.SENIOR_MANAGING_OFFICIAL: "senior managing official",
    InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT: "beneficiary",
    InterestType.CONTROL_VIA_COMPANY_RULES_OR_ARTICLES: "control via articles",
    InterestType.CONTROL_BY_LEGAL_FRAMEWORK: "control by law",
    InterestType.BOARD_MEMBER: "board member",
    InterestType.BOARD_CHAIR: "board chair",
    InterestType.UNKNOWN_INTEREST: "unknown interest",
    InterestType.UNPUBLISHED_INTEREST: "unpublished interest",
    InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION: "surplus on dissolution",
    InterestType.RIGHTS_TO_PROFIT_OR_INCOME: "profit or income",
    InterestType.RIGHTS_GRANTED_BY_CONTRACT: "rights by contract",
    InterestType.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT: "conditional rights",
}
"""Short words for the graph's edge labels; tooltips and tables keep the BODS codes."""


def interest_text(interest: Interest, *, short: bool = False) -> str:
    """``51.5% shareholding`` (``51.5% shares`` when ``short``), ``(25, 50]% votingRights``."""
    if interest.type is None:
        kind = "unspecified interest"
    elif short:
        kind = SHORT_INTEREST.get(interest.type, humanise(interest.type.value))
    else:
        kind = interest.type.value
    share = f"{interest.share.label()} " if interest.share is not None else ""
    indirect = " (indirect)" if interest.direct_or_indirect.value == "indirect" else ""
    return f"{share}{kind}{indirect}"


def edge_label(edge: Edge, when: When) -> str:
    interests = edge.interests_in_effect(when)
    texts = list(dict.fromkeys(interest_text(i, short=True) for i in interests))
    if not texts:
        texts = ["relationship"]
    if len(texts) > EDGE_LABEL_LINES:
        more = len(texts) - EDGE_LABEL_LINES + 1
        texts = [*texts[: EDGE_LABEL_LINES - 1], f"+{more} more interests"]
    return "\n".join(texts)


def provenance_lines(p: Provenance | None) -> list[str]:
    if p is None:
        return ["source: not recorded"]
    return [f"source: {clean(p.source)}", f"statement {p.cite()}"]


def identifiers(node: Node) -> list[str]:
    """``GB-COH:09471253`` (a reference ``show`` takes); an identifier without a scheme by its
    scheme name, ``passport number 089132114``; ``?:ID`` with neither."""
    details = node.details
    if isinstance(details, (PersonDetails, EntityDetails)):
        return [_identifier_text(i) for i in details.identifiers]
    return []


def _identifier_text(i: Identifier) -> str:
    if i.scheme or not i.scheme_name:
        return f"{i.scheme or '?'}:{i.id}"
    return f"{i.scheme_name} {i.id}"


def node_tooltip(node: Node, owner: OwnerResult | None, marks: Sequence[Mark]) -> str:
    lines = [clean(node.name), f"kind: {node.subkind}"]
    summary = party_summary(node.details)
    if summary:
        lines.append(summary)
    if node.jurisdiction:
        lines.append(f"jurisdiction: {clean(node.jurisdiction)}")
    ids = identifiers(node)
    lines.append(f"id: {node.id}" + (f"  identifiers: {', '.join(ids)}" if ids else ""))
    lines.extend(provenance_lines(node.provenance))
    if owner is not None:
        lines.append(
            f"beneficial owner: {STATUS[owner.beneficial_owner]}, "
            f"share {share_cell(owner.share, owner.beneficial_owner, owner.grounds)}"
        )
    lines.extend(_mark_lines(marks))
    return "\n".join(clean(line) for line in lines)


def edge_tooltip(edge: Edge, names: dict[str, str], when: When, marks: Sequence[Mark]) -> str:
    holder = names.get(edge.interested_party, edge.interested_party)
    subject = names.get(edge.subject, edge.subject)
    lines = [f"{holder} \u2192 {subject}", f"relationship {edge.id}"]
    for interest in edge.interests_in_effect(when):
        dates = _dates(interest)
        lines.append(f"  {interest_text(interest)}{dates}")
    lines.extend(provenance_lines(edge.provenance))
    lines.extend(_mark_lines(marks))
    return "\n".join(clean(line) for line in lines)


def _dates(interest: Interest) -> str:
    if interest.start_date and interest.end_date:
        return f", {interest.start_date} to {interest.end_date}"
    if interest.start_date:
        return f", since {interest.start_date}"
    if interest.end_date:
        return f", until {interest.end_date}"
    return ""


def _mark_lines(marks: Iterable[Mark]) -> list[str]:
    out = []
    for mark in marks:
        lawful = " (lawful)" if mark.lawful else ""
        out.append(f"{OPAQUE_ICON} {mark.line()}{lawful}")
    return out
