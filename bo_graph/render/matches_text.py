"""Persons who may be the same, as text: each pair with its grade, what agrees, what differs,
where each register says so and what each holds."""

from __future__ import annotations

from bo_graph.analysis.matches import BLOCK_LIMIT, MatchReport, PersonMatch, Side, iter_grades

LEAD_NOTE = (
    "Leads, not conclusions: the store keeps these persons apart and no ownership figure counts "
    "them as one. Check the registers' own records before treating two as the same person."
)
SHOWN_HOLDINGS = 5
INITIALS_NEED_BIRTH_MONTH = (
    '(initials, as in "J. Smith", count only with the same year and month of birth on both records)'
)
"""Why two persons who share initials may be no lead: said with the no-lead line."""


def matches_text(report: MatchReport) -> str:
    subject = report.subject
    head = (
        f"Persons who may be the same as {subject.name} [{subject.id}]"
        if subject
        else "Persons who may be the same, across the whole store"
    )
    if subject is not None and subject.kind != "person":
        return f"{subject.name} [{subject.id}] is not a person: only persons are compared."
    if subject is not None and subject.subkind != "knownPerson":
        return (
            f"{subject.name} [{subject.id}] is an unknown or anonymous person: only known "
            "persons are compared."
        )
    grades = ", ".join(f"{count} {grade}" for grade, count in iter_grades(report))
    out = [f"{head} ({report.compared} persons compared{'; ' + grades if grades else ''})"]
    if not report.matches:
        out.append(
            "\nNo person shares a name or an identifier without a differing birth date "
            f"{INITIALS_NEED_BIRTH_MONTH}."
        )
    for number, match in enumerate(report.matches, start=1):
        out.extend(_match_lines(number, match))
    if report.skipped_keys:
        shown = ", ".join(report.skipped_keys[:5])
        more = len(report.skipped_keys) - 5
        out.append(
            f"\nNot compared: names shared by more than {BLOCK_LIMIT} persons ({shown}"
            f"{f' and {more} more' if more > 0 else ''}); ask about one person instead."
        )
    if report.truncated:
        out.append(f"\n{truncated_note(report)}")
    if report.matches:
        out.append(f"\n{LEAD_NOTE}")
    return "\n".join(out)


def _match_lines(number: int, match: PersonMatch) -> list[str]:
    lines = [f"\n{number}. {match.grade}"]
    for label, side in (("A", match.a), ("B", match.b)):
        lines.append(f"   {label}: {_side(side)}")
        if side.cited:
            lines.append(f"      from {side.cited}")
        if side.holds:
            held = ", ".join(side.holds[:SHOWN_HOLDINGS])
            more = len(side.holds) - SHOWN_HOLDINGS
            lines.append(f"      holds {held}{f' (+{more} more)' if more > 0 else ''}")
    lines.append(f"   agrees: {'; '.join(match.agrees)}")
    if match.differs:
        lines.append(f"   differs: {'; '.join(match.differs)}")
    return lines


def _side(side: Side) -> str:
    particulars = f" ({side.party.particulars})" if side.party.particulars else ""
    return f"{side.party.name} [{side.party.id}]{particulars}"


def truncated_note(report: MatchReport) -> str:
    """What a name search that stopped at its hit limit may have missed ('' if none did)."""
    if not report.truncated:
        return ""
    return (
        f"The name search stopped at {report.truncated} hits: every person of exactly the same "
        "name was read, but one filed with the words in another order, with a title, with a "
        "middle name or with initials may be missing."
    )
