"""CSV tables of a case (owners, flags, dark layers, parties, relationships, sources), alone or
as one zip."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence

from bo_graph.export.case import CaseData
from bo_graph.export.dark import dark_rows
from bo_graph.viz import tables
from bo_graph.viz.kinds import edge_kind, party_kind
from bo_graph.viz.subject import summary_json
from bo_graph.viz.text import clean, identifiers, interest_text

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
"""Fixed member times: the same case gives the same zip."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")."""


def inert(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (``=cmd|' /C calc'!A0``, a register's
    name or free text) with a leading ``'``, so it is shown as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


COLUMNS: dict[str, tuple[str, ...]] = {
    "owners": (
        *(
            "owner",
            "kind",
            "particulars",
            "share",
            "status",
            "grounds",
            "paths",
            "paths_total",
            "in_graph",
        ),
        *("id", "share_min", "share_max", "statements"),
    ),
    "flags": (
        *("flag", "code", "severity", "on", "explanation", "lawful", "statement_ids"),
        *("registers", "files", "dates", "records", "target"),
    ),
    "dark_layers": (
        *("layer", "unknown", "why", "share", "stops_at", "request_to", "lawful", "registers"),
        *("statement_ids", "dates", "files", "party"),
    ),
    "parties": (
        *("id", "name", "kind", "type", "jurisdiction", "identifiers", "in_graph", "register"),
        *("statement_id", "statement_date"),
    ),
    "relationships": (
        *("id", "interested_party", "subject", "kind", "interests", "start_dates", "register"),
        *("statement_id", "statement_date", "interested_party_id", "subject_id"),
    ),
    "sources": (
        *("statement_id", "record", "register", "file", "statement_date", "publication_date"),
        *("retrieved_at", "status", "format"),
    ),
}
"""The header of each table of the zip, written even when the table has no row."""


def to_csv(rows: Sequence[tables.Row], columns: Sequence[str] | None = None) -> bytes:
    """RFC 4180 CSV with a header row, ``columns`` (default: the first row's keys), even for no
    rows; UTF-8 with BOM, so spreadsheets read accents; a text cell that starts like a formula is
    made inert (:func:`inert`)."""
    buffer = io.StringIO(newline="")
    header = list(columns) if columns is not None else list(rows[0]) if rows else []
    if header:
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: inert(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def party_rows(case: CaseData) -> list[tables.Row]:
    shown = {n.id for n in case.analysis.view.nodes if n.kind is not None}
    rows = []
    for node in sorted(case.analysis.subgraph.nodes.values(), key=lambda n: n.id):
        p = node.provenance
        rows.append(
            {
                "id": node.id,
                "name": clean(node.name),
                "kind": party_kind(node).value,
                "type": node.subkind,
                "jurisdiction": node.jurisdiction or "",
                "identifiers": ", ".join(identifiers(node)),
                "in_graph": "yes" if node.id in shown else "collapsed",
                "register": clean(p.source) if p else "",
                "statement_id": p.statement_id if p else "",
                "statement_date": (p.statement_date or "") if p else "",
            }
        )
    return rows


def relationship_rows(case: CaseData) -> list[tables.Row]:
    analysis = case.analysis
    rows = []
    for edge in sorted(analysis.subgraph.edges.values(), key=lambda e: e.id):
        interests = edge.interests_in_effect(analysis.when)
        p = edge.provenance
        rows.append(
            {
                "id": edge.id,
                "interested_party": clean(
                    analysis.names.get(edge.interested_party, edge.interested_party)
                ),
                "subject": clean(analysis.names.get(edge.subject, edge.subject)),
                "kind": edge_kind(i.type for i in interests).value,
                "interests": "; ".join(interest_text(i) for i in interests),
                "start_dates": ", ".join(sorted({i.start_date for i in interests if i.start_date})),
                "register": clean(p.source) if p else "",
                "statement_id": p.statement_id if p else "",
                "statement_date": (p.statement_date or "") if p else "",
                "interested_party_id": edge.interested_party,
                "subject_id": edge.subject,
            }
        )
    return rows


def owner_rows(case: CaseData, shown: set[str]) -> list[tables.Row]:
    """The owners table, each row with the statements its share, grounds and paths rest on: one
    line per relationship, ``<relationship id>: <statement ids>``."""
    evidence = {o.party.id: o.evidence for o in case.analysis.report.owners}
    return [
        {**row, "statements": _evidence_text(evidence.get(row["id"], {}))}
        for row in tables.ubo_rows(case.analysis.report, shown)
    ]


def _evidence_text(evidence: Mapping[str, Sequence[str]]) -> str:
    return "\n".join(f"{edge}: {', '.join(ids)}" for edge, ids in sorted(evidence.items()))


def case_tables(case: CaseData) -> dict[str, list[tables.Row]]:
    analysis = case.analysis
    shown = {n.id for n in analysis.view.nodes if n.kind is not None}
    index = tables.provenance_index(case.statements)
    return {
        "owners": owner_rows(case, shown),
        "flags": tables.flag_rows(analysis.marks, analysis.names, index),
        "dark_layers": dark_rows(case),
        "parties": party_rows(case),
        "relationships": relationship_rows(case),
        "sources": tables.source_rows(case.statements),
    }


def csv_zip(case: CaseData) -> bytes:
    """Every table as ``<name>.csv`` plus ``case.json`` (what the view was computed from)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in case_tables(case).items():
            csv_bytes = to_csv(rows, COLUMNS[name])
            archive.writestr(zipfile.ZipInfo(f"{name}.csv", _ZIP_TIME), csv_bytes)
        about = {
            **summary_json(analysis=case.analysis),
            "generated_at": case.generated_at,
            "tier": case.tier,
            "withheld": case.withheld,
        }
        archive.writestr(
            zipfile.ZipInfo("case.json", _ZIP_TIME), json.dumps(about, indent=2, ensure_ascii=False)
        )
    return buffer.getvalue()
