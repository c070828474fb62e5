"""Which rules decide beneficial ownership: ``--method integrated|look-through|control``.

The engine always computes every ground. A method (``UboPolicy.method``) keeps the grounds it
recognises and decides each party's status from those alone, before the senior-managing-official
fallback and the "no beneficial owner" warning, so an analyst sees what one rule on its own
yields:

* ``integrated`` (default): every ground — integrated ownership (AMLR Art. 52), control (Art. 53),
  look-through and ownership of a controlling entity (Art. 54), trust roles, nominators,
  declared beneficial owners, and the senior-managing-official fallback;
* ``look-through``: majority-control look-through (UK PSC majority stake, AMLR Art. 54), with
  the party's look-through share shown as its share (direct holdings count as they are), plus
  trust roles and nominators;
* ``control``: control only (majority-control chains, AMLR Art. 53, and non-ownership control
  interests), plus trust roles and nominators.

Each method ends with the senior-managing-official fallback when no one qualifies under it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bo_graph.analysis.interval import Interval
from bo_graph.analysis.results import Ground, Rule


class Method(StrEnum):
    """Which grounds decide beneficial ownership (CLI ``ubo --method``; docs/ownership.md)."""

    INTEGRATED = "integrated"
    LOOK_THROUGH = "look-through"
    CONTROL = "control"


_ROLES = {Rule.TRUST_ROLE, Rule.NOMINATOR, Rule.NOMINEE, Rule.SMO_FALLBACK}
METHOD_RULES: dict[Method, frozenset[Rule]] = {
    Method.INTEGRATED: frozenset(Rule),
    # A party's look-through share is never below its integrated share (controlled entities
    # pass on their whole holdings instead of a part), so a direct holding counts as it is.
    Method.LOOK_THROUGH: frozenset(
        {Rule.OWNERSHIP, Rule.VOTES, Rule.LOOK_THROUGH, Rule.OWNS_CONTROLLER, *_ROLES}
    ),
    Method.CONTROL: frozenset({Rule.CONTROL, *_ROLES}),
}


def method_grounds(grounds: Iterable[Ground], method: Method) -> list[Ground]:
    """The grounds ``method`` recognises (informational grounds, without a verdict, stay)."""
    rules = METHOD_RULES[method]
    return [g for g in grounds if g.rule in rules or g.verdict is None]


def method_share(share: Interval, look_through: Interval | None, method: Method) -> Interval:
    """The share shown for a party: its look-through share under ``look-through``."""
    if method is Method.LOOK_THROUGH and look_through is not None:
        return look_through
    return share
