"""The case report: one self-contained HTML file, printable to PDF, fit to attach to an MLA request.

It holds the structure as an inline SVG image (drawn in pure Python), the beneficial owners with
their grounds, paths and statements, where the trail goes dark (each dark layer with the party
the known chain stops at and the jurisdiction a request would go to), the opacity flags with
their evidence, the method, threshold, date and tier used, and every source: each register with
its retrieval dates, each statement id with its register, file, line and dates. No script, no
font, no image is loaded from anywhere: all register text is HTML-escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape

from bo_graph.analysis.method import Method
from bo_graph.analysis.results import OwnerResult
from bo_graph.export.case import CaseData
from bo_graph.export.csv_tables import case_tables
from bo_graph.export.requests import draft_text, limit_note, request_drafts
from bo_graph.model.codes import kind_suffix
from bo_graph.render.shares import PATH_NOTE, share_cell, share_note
from bo_graph.viz.dark import dark_places
from bo_graph.viz.legend import legend_items_html
from bo_graph.viz.svg import render_svg
from bo_graph.viz.tables import Row
from bo_graph.viz.text import clean, identifiers

METHOD_TEXT = {
    Method.INTEGRATED: "every ground: integrated ownership (AMLR Art. 52), control (Art. 53), "
    "look-through and ownership of a controlling entity (Art. 54), trust roles, nominators, "
    "declared beneficial owners, and the senior-managing-official fallback",
    Method.LOOK_THROUGH: "majority-control look-through (AMLR Art. 54), trust roles, nominators",
    Method.CONTROL: "control only (AMLR Art. 53 and non-ownership control), trust roles, "
    "nominators",
}

CSS = """
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 24px; }
h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 22px 0 6px;
  border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 12px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left;
  white-space: pre-wrap; overflow-wrap: break-word; }
th { background: #eee; } tr { page-break-inside: avoid; }
dl.params { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; }
dl.params dt { font-weight: bold; } dl.params dd { margin: 0; }
.figure { overflow-x: auto; border: 1px solid #ddd; padding: 6px; }
.figure svg { max-width: 100%; height: auto; }
.bo-legend { list-style: none; padding: 0; columns: 2; font-size: 8.5pt; }
.bo-legend li { margin: 2px 0; break-inside: avoid; } .bo-m { color: #555; }
.note { color: #444; font-size: 9pt; } .status-yes { font-weight: bold; }
pre.request { white-space: pre-wrap; overflow-wrap: break-word; border: 1px solid #ddd;
  padding: 6px 8px; font-size: 9pt; page-break-inside: avoid; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } .figure { overflow: visible; } }
"""


def _e(value: object) -> str:
    return escape(clean(str(value)), quote=True)


def table_html(rows: Sequence[Row], columns: Sequence[str], empty: str = "None.") -> str:
    if not rows:
        return f"<p class='note'>{_e(empty)}</p>"
    head = "".join(f"<th>{_e(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(row.get(c, ''))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _header(case: CaseData) -> str:
    a = case.analysis
    subject = a.subject
    ids = ", ".join(identifiers(subject)) or "none recorded"
    s = a.settings
    on = a.when.effective_date or f"the current state (today, {case.generated_at[:10]})"
    params = [
        ("Subject", f"{subject.name} [{subject.id}]"),
        ("Identifiers", ids),
        ("Jurisdiction", subject.jurisdiction or "not recorded"),
        ("Interests in effect on", on),
        ("Registers as they stood on", _known_at(case)),
        ("Threshold", f"{a.report.rule.value} {s.threshold:g}%"),
        ("Method", f"{s.method.value}: {METHOD_TEXT[s.method]}"),
        ("Parties loaded", f"{len(a.subgraph.nodes)} (limit {s.max_nodes})"),
        ("Personal data", case.withheld or "as the registers give it (competent-authority tier)"),
        ("Generated", f"{case.generated_at} by {case.tool} from store {case.store}"),
    ]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in params)
    return (
        f"<h1>Beneficial ownership case report: {_e(subject.name)}</h1>"
        f"<dl class='params'>{items}</dl>"
    )


def _known_at(case: CaseData) -> str:
    known_at = case.analysis.when.known_at
    if known_at:
        return (
            f"{known_at}: only the statements dated on or before it (what the registers said then)"
        )
    return f"{case.generated_at[:10]}: every statement in the store"


def _who(owner: OwnerResult) -> str:
    """`` (known person; born 1961-04; nationality United Kingdom)`` after an owner's name: what
    the register says it is, and a person's particulars, which identify it in a request."""
    party = owner.party
    suffix = kind_suffix(party.name, party.subkind)
    if not party.particulars:
        return suffix
    return f"{suffix[:-1]}; {party.particulars})" if suffix else f" ({party.particulars})"


def _findings(case: CaseData, dark_rows: Sequence[Row]) -> str:
    report = case.analysis.report
    owners = [o for o in report.owners if o.beneficial_owner.value > 0]
    items = "".join(
        f"<li><span class='status-yes'>{_e(o.party.name)}</span>"
        f"{_e(_who(o))}: "
        f"{'yes' if o.beneficial_owner.value == 2 else 'possible'}, share "
        f"{_e(share_cell(o.share, o.beneficial_owner, o.grounds))}; {_e(_first_ground(o))}</li>"
        for o in owners
    )
    fallback = (
        "<p>No natural person qualifies: senior managing officials are reported instead.</p>"
        if report.fallback
        else ""
    )
    return (
        f"<h2>Findings</h2><h3>Beneficial owners ({len(owners)})</h3>{fallback}"
        f"<ul>{items or '<li>None identified.</li>'}</ul>"
        f"<p class='note'>{_e(share_note(report.method))}</p>"
        + _dark(case, dark_rows)
        + "".join(f"<p class='note'>Warning: {_e(w)}</p>" for w in report.warnings)
    )


DARK_COLUMNS = [
    "layer",
    "unknown",
    "why",
    "share",
    "stops_at",
    "request_to",
    "lawful",
    "registers",
    "statement_ids",
    "dates",
    "files",
]


def _dark(case: CaseData, rows: Sequence[Row]) -> str:
    """Each dark layer with the party the known chain stops at and its jurisdiction (where a
    request for the missing layer would go), citing the statements; then what the ownership
    analysis could not resolve (circular holdings, shares of unknown size or that do not add
    up), as the owners tab lists them."""
    others = dark_places(case.analysis)[len(rows) :]  # the layers come first, one line each
    if rows:
        layers = _requests(rows) + table_html(rows, DARK_COLUMNS) + DARK_NOTE
    elif case.analysis.opacity.available:
        layers = "<p class='note'>No dark layer: every chain ends at an identified party.</p>"
    else:
        layers = ""
    items = "".join(f"<li>{_e(line)}</li>" for line in others)
    return f"<h3>Where the trail goes dark ({len(rows)})</h3>{layers}" + (
        f"<ul>{items}</ul>" if items else ""
    )


def _requests(rows: Sequence[Row]) -> str:
    """The jurisdictions a request for the dark layers would go to, with how many layers each
    (the lawful ones left out: a protection regime is not concealment)."""
    wanted = Counter(
        place for r in rows if r["lawful"] == "no" for place in r["request_to"].split("; ") if place
    )
    if not wanted:
        return ""
    listed = ", ".join(
        f"{place} ({n} {'layer' if n == 1 else 'layers'})" for place, n in sorted(wanted.items())
    )
    return f"<p>Requests for the dark layers would go to: {_e(listed)}.</p>"


DARK_NOTE = (
    "<p class='note'>stops at: the last party the registers identify on the way up; request "
    "to: its jurisdiction, whose register or authorities hold (or must be asked for) what is "
    "missing. share: the part of the subject the unknown layer carries.</p>"
)


def _drafts(case: CaseData) -> str:
    """The draft requests for mutual legal assistance, one per jurisdiction (plain text, to
    copy into a letter); nothing when no layer needs one."""
    drafts = request_drafts(case)
    note = limit_note(case)
    if not drafts:
        return f"<p class='note'>{_e(note)}</p>" if note else ""
    blocks = "".join(
        f"<pre class='request'>{_e(draft_text(case, d, n))}</pre>"
        for n, d in enumerate(drafts, start=1)
    )
    return (
        f"<h2>Draft requests for mutual legal assistance ({len(drafts)})</h2>"
        f"<p class='note'>{_e(DRAFT_NOTE)} {_e(note)}</p>{blocks}"
    )


DRAFT_NOTE = (
    "One draft per jurisdiction where the trail goes dark (lawful opacity asks nothing): the "
    "parties there, how each is linked to the subject, what the registers do not show, the "
    "records to ask for and the statements the request rests on. Facts from the registers, "
    "for the investigator to check and adapt; not legal advice."
)


def _first_ground(owner: OwnerResult) -> str:
    grounds = [g for g in owner.grounds if g.verdict is not None] or list(owner.grounds)
    more = f" (+{len(grounds) - 1} more grounds)" if len(grounds) > 1 else ""
    return (grounds[0].text + more) if grounds else ""


def _figure(case: CaseData) -> str:
    view = case.analysis.view
    return (
        "<h2>Ownership and control structure</h2>"
        f"<p class='note'>{_e(view.summary())} Owners are drawn above what they hold; the "
        "subject is at the bottom. The tables list every party loaded.</p>"
        f"<div class='figure'>{render_svg(view)}</div>{legend_items_html()}"
    )


def _opacity(case: CaseData, rows: Sequence[Row]) -> str:
    opacity = case.analysis.opacity
    if not opacity.available:
        return f"<h2>Opacity flags</h2><p class='note'>{_e(opacity.note)}</p>"
    summary = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in opacity.headline().items())
    columns = [
        "flag",
        "code",
        "severity",
        "on",
        "explanation",
        "lawful",
        "registers",
        "statement_ids",
        "dates",
        "files",
    ]
    return (
        "<h2>Opacity flags</h2>"
        + (f"<dl class='params'>{summary}</dl>" if summary else "")
        + table_html(rows, columns, "No opacity flag was raised.")
    )


def register_lines(rows: Sequence[Row]) -> list[str]:
    """Each register with its number of statements, when it was retrieved and the span of its
    publication and statement dates (the source list a request cites)."""
    by_register: dict[str, list[Row]] = {}
    for row in rows:
        by_register.setdefault(row["register"], []).append(row)
    return [
        f"{name}: {len(items)} statements; retrieved {_span(items, 'retrieved_at')}; "
        f"published {_span(items, 'publication_date')}; statements dated "
        f"{_span(items, 'statement_date')}"
        for name, items in sorted(by_register.items())
    ]


def _span(rows: Sequence[Row], column: str) -> str:
    values = sorted({str(r[column]) for r in rows if r[column]})
    if not values:
        return "(not recorded)"
    return values[0] if len(values) == 1 else f"{values[0]} to {values[-1]}"


def _sources(case: CaseData, rows: Sequence[Row]) -> str:
    files = Counter(r["file"].rsplit(":", 1)[0] for r in rows)
    reg = "".join(f"<li>{_e(line)}</li>" for line in register_lines(rows))
    fil = "".join(f"<li>{_e(name)}: {n} statements</li>" for name, n in sorted(files.items()))
    columns = [
        "statement_id",
        "record",
        "register",
        "file",
        "statement_date",
        "publication_date",
        "retrieved_at",
        "status",
        "format",
    ]
    return (
        f"<h2>Sources ({len(rows)} statement{'' if len(rows) == 1 else 's'})</h2>"
        f"<h3>Registers</h3><ul>{reg}</ul><h3>Files</h3><ul>{fil}</ul>"
        "<h3>Every statement behind the parties and relationships above</h3>"
        + table_html(rows, columns)
    )


def case_report_html(case: CaseData) -> str:
    """The whole report as one HTML document (UTF-8, no external resources)."""
    t = case_tables(case)
    owners = table_html(
        t["owners"],
        [
            *("owner", "status", "share", "kind", "particulars", "grounds", "paths"),
            *("statements", "in_graph", "id"),
        ],
    )
    relationships = table_html(
        t["relationships"],
        [
            "interested_party",
            "subject",
            "kind",
            "interests",
            "start_dates",
            "register",
            "statement_id",
            "statement_date",
            "id",
        ],
    )
    body = (
        _header(case)
        + _findings(case, t["dark_layers"])
        + _figure(case)
        + f"<h2>Parties upstream of the subject ({len(t['owners'])})</h2>{owners}"
        + f"<p class='note'>{_e(PATH_NOTE)}</p>"
        + _drafts(case)
        + _opacity(case, t["flags"])
        + f"<h2>Relationships ({len(t['relationships'])})</h2>{relationships}"
        + _sources(case, t["sources"])
    )
    title = _e(f"Case report: {case.analysis.subject.name}")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )
