"""The rows of every table the UI shows and the exports write (plain dicts of text and numbers).

One function per table, so the screen, the CSV files and the case report list the same rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from bo_graph.analysis.holdings import Holding, HoldingsReport
from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.matches import MatchReport
from bo_graph.analysis.paths import PathsReport
from bo_graph.analysis.positions import Positions
from bo_graph.analysis.results import OwnerResult, UboReport
from bo_graph.analysis.shared import SharedReport
from bo_graph.model.graph import Node
from bo_graph.model.particulars import party_summary
from bo_graph.model.records import Provenance, located
from bo_graph.render.path_text import step_text
from bo_graph.render.shared_text import holding_text, share_text
from bo_graph.render.shares import share_cell
from bo_graph.render.ubo_text import chain_text
from bo_graph.store.base import StoredStatement
from bo_graph.viz.kinds import party_kind
from bo_graph.viz.marks import Mark
from bo_graph.viz.text import STATUS, clean

Row = dict[str, Any]
PATHS_SHOWN = 3


def search_rows(nodes: Iterable[Node]) -> list[Row]:
    return [
        {
            "name": clean(n.name),
            "kind": party_kind(n).value,
            "type": n.subkind,
            "jurisdiction": n.jurisdiction or "",
            "particulars": party_summary(n.details),
            "source": clean(n.provenance.source) if n.provenance else "",
            "id": n.id,
        }
        for n in nodes
    ]


def paths_text(owner: OwnerResult) -> str:
    """The first paths of ``owner`` down to the subject, one a line, and how many more."""
    texts = [chain_text(c) for c in owner.paths[:PATHS_SHOWN]]
    hidden = owner.paths_total - len(texts)
    if hidden > 0 or not owner.paths_complete:
        more = f"{hidden}+" if not owner.paths_complete else str(hidden)
        texts.append(f"(+{more} more paths)")
    return "\n".join(texts)


def ubo_rows(report: UboReport, shown: Collection[str] | None = None) -> list[Row]:
    """One row per upstream party: beneficial owners first, then by share."""
    owners = sorted(
        report.owners,
        key=lambda o: (
            -o.beneficial_owner.value,
            o.party.kind != "person",
            -o.share.hi,
            o.party.name,
        ),
    )
    return [
        {
            "owner": clean(o.party.name),
            "kind": o.party.subkind,
            "particulars": o.party.particulars,
            "share": share_cell(o.share, o.beneficial_owner, o.grounds),
            "status": STATUS[o.beneficial_owner],
            "grounds": _grounds_text(o),
            "paths": paths_text(o),
            "paths_total": o.paths_total,
            "in_graph": "" if shown is None else ("yes" if o.party.id in shown else "collapsed"),
            "id": o.party.id,
            "share_min": o.share.lo,
            "share_max": o.share.hi,
        }
        for o in owners
    ]


def _grounds_text(owner: OwnerResult) -> str:
    return "\n".join(f"{g.text} ({g.legal_basis})" for g in owner.grounds)


def provenance_index(statements: Mapping[str, Sequence[StoredStatement]]) -> dict[str, Provenance]:
    """Statement id -> provenance, over every stored statement given."""
    return {s.provenance.statement_id: s.provenance for items in statements.values() for s in items}


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def flag_rows(
    marks: Iterable[Mark], names: Mapping[str, str], index: Mapping[str, Provenance] | None = None
) -> list[Row]:
    """One row per mark, the most severe first, with the provenance of each statement it cites
    (from the flag's own evidence, completed from ``index`` where the flag gives only the
    statement id)."""
    rows = []
    for mark in sorted(marks, key=lambda m: (SEVERITY_ORDER.get(m.severity, 3), m.code)):
        cited = [index[s] for s in mark.statement_ids if index and s in index]
        registers = [e.source for e in mark.evidence] + [p.source for p in cited]
        dates = [e.statement_date for e in mark.evidence] + [p.statement_date or "" for p in cited]
        rows.append(
            {
                "flag": mark.title,
                "code": mark.code,
                "severity": mark.severity,
                "on": clean(mark.target_name or names.get(mark.target, mark.target)),
                "explanation": mark.explanation,
                "lawful": "yes" if mark.lawful else "no",
                "statement_ids": ", ".join(mark.statement_ids),
                "registers": "; ".join(dict.fromkeys(clean(r) for r in registers if r)),
                "files": "; ".join(dict.fromkeys(e.cite() for e in mark.evidence if e.file)),
                "dates": ", ".join(sorted({d for d in dates if d})),
                "records": ", ".join(mark.record_ids),
                "target": mark.target,
            }
        )
    return rows


def holdings_rows(report: HoldingsReport, positions: Positions | None = None) -> list[Row]:
    """One row per held party. With ``positions`` (the holder's result in each held party's
    ``ubo`` report), the holder's beneficial-ownership verdict and grounds there, and its share
    as the owners tab shows it; a held party left out of ``positions`` reads "not computed"."""
    return [_holding_row(h, positions) for h in report.holdings]


def _holding_row(h: Holding, positions: Positions | None) -> Row:
    row: Row = {"holding": clean(h.party.name), "kind": h.party.subkind}
    if positions is None:
        row["share"] = h.share.short_label()
    elif h.party.id not in positions:
        row |= {"share": h.share.short_label(), "beneficial_owner": "not computed", "grounds": ""}
    else:
        owner = positions[h.party.id]
        verdict = owner.beneficial_owner if owner else Verdict.NO
        grounds = owner.grounds if owner else ()
        share = owner.share if owner else h.share  # as the owners tab of that party shows it
        row["share"] = share_cell(share, verdict, grounds)
        row["beneficial_owner"] = STATUS[verdict]
        row["grounds"] = _grounds_text(owner) if owner else ""
    return row | {
        "majority_control": STATUS[h.controls],
        "paths": "\n".join(chain_text(c) for c in h.paths[:PATHS_SHOWN]),
        "paths_total": h.paths_total,
        "id": h.party.id,
        "share_min": h.share.lo,
        "share_max": h.share.hi,
    }


def path_rows(report: PathsReport) -> list[Row]:
    rows = []
    for number, path in enumerate(report.paths, start=1):
        steps = [step_text(step) for step in path.steps]
        rows.append(
            {
                "path": number,
                "length": len(path.steps),
                "steps": "\n".join(clean(s) for s in steps),
                "relationships": ", ".join(s.edge for s in path.steps),
            }
        )
    return rows


def shared_owner_rows(report: SharedReport) -> list[Row]:
    """One row per party upstream of both subjects, in the report's order (beneficial owners
    of both first): its status and share in A and in B, as each one's owners table gives them,
    "(controls)" where it controls that subject."""
    return [
        {
            "owner": clean(o.party.name),
            "kind": o.party.subkind,
            "particulars": o.party.particulars,
            "status_a": STATUS[o.in_a.beneficial_owner],
            "share_a": share_text(o.in_a),
            "status_b": STATUS[o.in_b.beneficial_owner],
            "share_b": share_text(o.in_b),
            "id": o.party.id,
        }
        for o in report.owners
    ]


def shared_holding_rows(report: SharedReport) -> list[Row]:
    """One row per party both subjects hold or control: the holding of A and of B in it."""
    return [
        {
            "holding": clean(h.party.name),
            "kind": h.party.subkind,
            "of_a": holding_text(h.of_a),
            "of_b": holding_text(h.of_b),
            "id": h.party.id,
        }
        for h in report.holdings
    ]


def statement_rows(statements: Iterable[StoredStatement]) -> list[Row]:
    return [source_row(s.record_uid, s.provenance) for s in statements]


def source_row(record: str, p: Provenance) -> Row:
    return {
        "statement_id": p.statement_id,
        "record": record,
        "register": clean(p.source),
        "file": located(p.file, p.position),
        "statement_date": p.statement_date or "",
        "publication_date": p.publication_date or "",
        "retrieved_at": p.retrieved_at or "",
        "status": p.record_status.value,
        "format": p.source_format,
    }


def source_rows(statements: Mapping[str, Sequence[StoredStatement]]) -> list[Row]:
    """Every statement behind the view, oldest first, each once."""
    seen: dict[str, Row] = {}
    for items in statements.values():
        for s in items:
            seen.setdefault(s.provenance.statement_id, source_row(s.record_uid, s.provenance))
    return sorted(
        seen.values(), key=lambda r: (r["statement_date"], r["record"], r["statement_id"])
    )


def match_rows(report: MatchReport) -> list[Row]:
    """One row per person who may be the same as the report's subject (the other side)."""
    return [
        {
            "grade": m.grade,
            "person": clean(m.b.party.name),
            "particulars": clean(m.b.party.particulars),
            "agrees": "; ".join(m.agrees),
            "differs": "; ".join(m.differs),
            "holds": clean(", ".join(m.b.holds)),
            "source": clean(m.b.cited),
            "id": m.b.party.id,
        }
        for m in report.matches
    ]
