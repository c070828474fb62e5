"""How a path between two parties reads, for the command line and the UI alike.

Each step is worded by the interests it carries: only a shareholding "owns"; a board seat, a
trust role or a nominee arrangement says what it is; an intermediary is a service provider, not
a controller. The report's limits (steps searched, paths
asked for) are always named, and a search the step limit cut off says so.
"""

from __future__ import annotations

from bo_graph.analysis.path_results import PathMode, PathsReport, PathStep
from bo_graph.model.codes import InterestType as T
from bo_graph.render.ubo_text import when_text

_ECONOMIC = ("{h} has economic rights in {s}", "{s} gives economic rights to {h}")
_CONTROL = ("{h} controls {s}", "{s} is controlled by {h}")
_UNKNOWN = ("{h} has an interest in {s}", "{s} has an interest held by {h}")

STEP_WORDS: dict[T | None, tuple[str, str]] = {
    T.SHAREHOLDING: ("{h} owns {s}", "{s} is owned by {h}"),
    T.VOTING_RIGHTS: ("{h} holds votes in {s}", "{s} has votes held by {h}"),
    T.OTHER_INFLUENCE_OR_CONTROL: _CONTROL,
    T.CONTROL_VIA_COMPANY_RULES_OR_ARTICLES: _CONTROL,
    T.CONTROL_BY_LEGAL_FRAMEWORK: _CONTROL,
    T.APPOINTMENT_OF_BOARD: (
        "{h} can appoint the board of {s}",
        "{s} has its board appointed by {h}",
    ),
    T.RIGHTS_GRANTED_BY_CONTRACT: (
        "{h} has contractual rights in {s}",
        "{s} gives contractual rights to {h}",
    ),
    T.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT: (
        "{h} has conditional contractual rights in {s}",
        "{s} gives conditional contractual rights to {h}",
    ),
    T.TRUSTEE: ("{h} is a trustee of {s}", "{s} has {h} as trustee"),
    T.BENEFICIARY_OF_LEGAL_ARRANGEMENT: (
        "{h} is a beneficiary of {s}",
        "{s} has {h} as beneficiary",
    ),
    T.SETTLOR: ("{h} is a settlor of {s}", "{s} has {h} as settlor"),
    T.PROTECTOR: ("{h} is a protector of {s}", "{s} has {h} as protector"),
    T.NOMINATOR: ("{h} is the nominator in {s}", "{s} has {h} as nominator"),
    T.NOMINEE: ("{h} is a nominee in {s}", "{s} has {h} as nominee"),
    T.BOARD_CHAIR: ("{h} chairs the board of {s}", "{s} has {h} as board chair"),
    T.BOARD_MEMBER: ("{h} has a board seat in {s}", "{s} has {h} on its board"),
    T.SENIOR_MANAGING_OFFICIAL: (
        "{h} is a senior managing official of {s}",
        "{s} has {h} as senior managing official",
    ),
    T.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION: _ECONOMIC,
    T.RIGHTS_TO_PROFIT_OR_INCOME: _ECONOMIC,
    T.ENJOYMENT_AND_USE_OF_ASSETS: _ECONOMIC,
    T.RIGHT_TO_PROFIT_OR_INCOME_FROM_ASSETS: _ECONOMIC,
    T.UNKNOWN_INTEREST: _UNKNOWN,
    T.UNPUBLISHED_INTEREST: _UNKNOWN,
    None: _UNKNOWN,
}
"""Per interest type: the step from the interested party, and the step from the subject. The
order is the precedence: a step carrying several interests is worded by the first."""

_ORDER = {kind: rank for rank, kind in enumerate(STEP_WORDS)}

SERVICE_WORDS = ("{h} is a service provider of {s}", "{s} has {h} as service provider")
"""A step whose every interest is control by other means recorded as a service (an ICIJ
intermediary, the law firm that had the company registered): no control."""


def step_text(step: PathStep) -> str:
    """``A owns B (shareholding 51.5%)``, ``B has C on its board (boardMember)``."""
    kind = min(step.types, key=lambda t: _ORDER[t], default=None)
    active, passive = SERVICE_WORDS if step.service else STEP_WORDS[kind]
    owns = step.direction == "owns"
    holder, subject = (step.start, step.end) if owns else (step.end, step.start)
    words = (active if owns else passive).format(h=holder.name, s=subject.name)
    share = f" {step.share.short_label()}" if step.share is not None else ""
    return f"{words} ({step.relation}{share})"


def count_text(report: PathsReport) -> str:
    """``3 paths``, ``5 of at least 6 paths``, ``100 of 2345 paths``."""
    shown = len(report.paths)
    if not report.capped:
        return "1 path" if shown == 1 else f"{shown} paths"
    more = "" if report.total_exact else "at least "
    return f"{shown} of {more}{report.total} paths"


def limits_text(report: PathsReport) -> str:
    """Which limits the search applied, e.g. ``the 5 shortest asked for, up to 30 steps``."""
    if report.mode is PathMode.SHORTEST:
        asked = "the shortest path" if report.limit == 1 else f"the {report.limit} shortest"
        return f"{asked} asked for, up to {report.max_hops} steps"
    return f"all paths of up to {report.max_hops} steps, at most {report.limit} shown"


def limit_warnings(report: PathsReport, raise_hops: str = "the step limit") -> list[str]:
    """What the limits may have hidden: never silent, always with what to change."""
    out = []
    if report.hop_limited:
        out.append(
            f"The search stopped at {report.max_hops} steps: {report.not_followed} "
            "relationships beyond them were not followed, so longer paths may exist. "
            f"Raise {raise_hops} to follow them."
        )
    if report.exploration_truncated:
        out.append(
            f"The search stopped at its size limit ({report.explored_nodes} parties explored): "
            "other paths may exist."
        )
    return out


def paths_text(report: PathsReport) -> str:
    """The command line's text of a :class:`PathsReport`."""
    ends = f"Paths from {report.source.name} to {report.target.name}"
    head = f"{ends} — {when_text(report.when)} ({limits_text(report)})"
    out = [head]
    for number, path in enumerate(report.paths, 1):
        out.append(f"{number}. " + "\n   ".join(step_text(s) for s in path.steps))
    out.append(f"{count_text(report)}; {report.explored_nodes} parties explored")
    out.extend(f"Warning: {w}" for w in limit_warnings(report, "--max-hops"))
    return "\n".join(out)
