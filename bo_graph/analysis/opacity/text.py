"""Plain-text rendering of a flags report and of the rule list, for the command line."""

from __future__ import annotations

from collections.abc import Sequence

from bo_graph.analysis.opacity.evaluate import FlagReport
from bo_graph.analysis.opacity.jurisdictions import ListSet
from bo_graph.analysis.opacity.spec import Config, RuleSpec


def report_text(report: FlagReport) -> str:
    heading = f"{report.name} ({report.subject}) — {report.when.text()}"
    lines = [heading, "", *summary_lines(report), ""]
    lines.append(f"Flags ({len(report.flags)}):")
    for flag in report.flags:
        layer = report.layers.get(flag.target.id)
        where = f" [layer {layer}]" if layer is not None else ""
        lines.append(f"  {flag.code} ({flag.severity.label}){where}: {flag.explanation}")
        for item in flag.evidence:
            if item.provenance is not None:
                lines.append(f"      {item.role} {item.record_id}: {item.provenance.cite()}")
        for used in flag.lists:
            lines.append(f"      list {used.file} ({used.date})")
    if report.truncated:
        lines.append(f"\nThe expansion stopped at a limit for {len(report.truncated)} part(ies).")
    return "\n".join(lines)


def summary_lines(report: FlagReport) -> list[str]:
    """The opaque and identified shares, the score and its parts, the dark layers."""
    summary = report.summary
    lines = [
        f"Opaque share: {summary.opaque_share.label()} (lawful: {summary.lawful_share.label()}); "
        f"identified natural persons at the chain ends: {summary.identified_share.label()}"
    ]
    for _, name, held in summary.arrangements:
        lines.append(f"Held through an arrangement, owned by its parties: {name}, {held.label()}")
    lines.append(f"Score: {summary.score:g} = " + _parts(report))
    lines.append("")
    lines.append(f"Where the trail goes dark ({len(summary.dark_layers)}):")
    for dark in summary.dark_layers:
        share = f", {dark.share_text}" if dark.share_text else ""
        lawful = " [lawful]" if dark.lawful else ""
        lines.append(f"  layer {dark.layer}: {dark.name} — {dark.kind}{share}{lawful}")
    return lines


def _parts(report: FlagReport) -> str:
    parts = [f"{p.weight:g} x {p.counted} {p.code}" for p in report.summary.parts]
    return " + ".join(parts) or "0 (no concealment flag)"


def rules_text(rules: Sequence[RuleSpec], config: Config, lists: ListSet) -> str:
    loaded = {item.name for item in lists}
    lines = []
    for rule in rules:
        needed = [n for n in rule.lists if n not in loaded]
        status = f"  [list not loaded: {', '.join(needed)}]" if needed else ""
        lawful = " (lawful opacity)" if rule.lawful else ""
        lines.append(f"{rule.code}: {rule.title}{lawful}{status}")
        values = config.of(rule.code)
        params = ", ".join(f"{p.name}={values[p.name]}" for p in rule.all_params)
        lines.append(f"    {params}")
    return "\n".join(lines)


def lists_text(lists: ListSet) -> str:
    lines = [f"Jurisdiction lists from {lists.folder}:"]
    for item in lists:
        lines.append(
            f"  {item.name} {item.date}: {item.title} ({item.file}, {len(item.rows)} rows)"
        )
        lines.append(f"      source: {item.source}")
        lines.append(f"      licence: {item.licence}")
    if not lists.lists:
        lines.append("  (none)")
    return "\n".join(lines)
