"""A party's share as people read it: the figure, and what qualifies a beneficial owner who
does not qualify by that figure (a trust role, a look-through share, control).

The owners tab, the holdings tab, the case report and ``bo-graph ubo`` all print a share with
:func:`share_cell`, so a beneficial owner by role is never shown as "holding 0%" on one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from bo_graph.analysis.interval import Interval, Verdict
from bo_graph.analysis.results import Ground, Rule

NO_SHARES = "—"
"""The share of a beneficial owner who holds no shares in the subject."""

QUALIFYING_ORDER = (
    Rule.OWNERSHIP,
    Rule.LOOK_THROUGH,
    Rule.VOTES,
    Rule.TRUST_ROLE,
    Rule.NOMINATOR,
    Rule.OWNS_CONTROLLER,
    Rule.CONTROL,
    Rule.SMO_FALLBACK,
)
"""Which ground names what qualifies a beneficial owner, when several give the same status."""

SHARE_NOTES = {
    "integrated": "integrated ownership of the subject (AMLR Art. 52): the sum over every "
    "ownership path, cycle-corrected",
    "look-through": "look-through share (AMLR Art. 54): the holdings of the entities the party "
    "controls count in full",
    "control": "integrated ownership of the subject (AMLR Art. 52); the control method does not "
    "decide on it",
}

SHARE_NOTE = (
    "Shares are rounded to 2 decimals (the JSON and CSV keep every digit). '—' marks a "
    "beneficial owner who holds no shares; in brackets, what qualifies a beneficial owner whose "
    "share does not: a trust or nominee role (with what the arrangement holds), a look-through "
    "or vote share, ownership of a controlling entity, or control."
)

PATH_NOTE = (
    "A path's '[x% along this path]' is the product of the shares on that one path. "
    "Integrated ownership is the sum over every path, including what comes back round a "
    "circular holding, so it can differ from what the paths shown add up to."
)


def share_note(method: str) -> str:
    """What the share column holds under ``method``, and how to read it."""
    return f"Share: {SHARE_NOTES.get(method, SHARE_NOTES['integrated'])}. {SHARE_NOTE}"


def qualifying_ground(grounds: Iterable[Ground], verdict: Verdict) -> Ground | None:
    """The ground that gives a beneficial owner its status (``None`` for a non-owner)."""
    if verdict is Verdict.NO:
        return None
    deciding = [g for g in grounds if g.verdict is verdict and g.rule in QUALIFYING_ORDER]
    deciding.sort(key=lambda g: QUALIFYING_ORDER.index(g.rule))
    return deciding[0] if deciding else None


def share_cell(share: Interval, verdict: Verdict, grounds: Iterable[Ground]) -> str:
    """``46.82%``; ``— (role: settlor of T, which holds 32.77% of S)`` for a beneficial owner
    with no shares; ``14.05% (role: …)`` when the share alone does not qualify."""
    ground = qualifying_ground(grounds, verdict)
    held = share.hi > 0.0
    own = share.short_label() if held or ground is None else NO_SHARES
    if ground is None or ground.rule is Rule.OWNERSHIP:
        return own
    return f"{own} ({_why(ground, own)})"


def _why(ground: Ground, own: str) -> str:
    if ground.rule in (Rule.LOOK_THROUGH, Rule.VOTES) and ground.share is not None:
        kind = "look-through" if ground.rule is Rule.LOOK_THROUGH else "votes"
        figure = ground.share.short_label()
        return kind if figure == own else f"{kind}: {figure}"
    if ground.rule in (Rule.TRUST_ROLE, Rule.NOMINATOR):
        return f"role: {ground.text}"
    if ground.rule is Rule.OWNS_CONTROLLER:
        return ground.text
    if ground.rule is Rule.CONTROL:
        return "control, not ownership"
    return "senior managing official"
